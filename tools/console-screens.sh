#!/bin/sh
# Screenshots of every page of the staff console (tools/console), full page,
# at a desktop's width (1440) and a 10-inch tablet's (800 portrait, 1280
# landscape), into docs/screens/console/PAGE-WIDTH.png, and the day's roster
# as printed (Chrome's printToPDF, its first page rendered by Ghostscript)
# into roster-print.png. A station with bookings in every status is made in a
# temporary directory with the real kioskctl and kiosk; the real
# kiosk-console serves it; Debian's chromium (tests/browser/browser.py) takes
# the pictures. A page this build does not have yet shows its 404 page: run
# it again after a merge.
#   sh tools/console-screens.sh [OUT_DIR]      (BUILD=build by default)
# Needs: chromium chromium-driver python3-selenium imagemagick ghostscript.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-docs/screens/console}
export BUILD="${BUILD:-build}"
make -s "$BUILD/kiosk-console" "$BUILD/kioskctl" "$BUILD/kiosk" >/dev/null
mkdir -p "$OUT"
for py in python3 /usr/bin/python3; do
    "$py" -c 'import selenium' 2>/dev/null && exec "$py" tools/console-screens.py "$OUT"
done
echo "console-screens: no python3 with selenium (Debian package python3-selenium)" >&2
exit 1
