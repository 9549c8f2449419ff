#!/bin/sh
# Contact sheets of every resident screen at both reference sizes, for people
# to look at: docs/screens/portrait.png and docs/screens/landscape.png.
# Needs build/kiosk and ImageMagick (montage).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docs/screens
for size in 1080x1920 1920x1080; do
    mkdir -p "$tmp/$size"
    build/kiosk --headless --data-dir "$tmp/d$size" --size "$size" --now "2026-12-01 09:00" \
        --script tests/ui/scripts/tour.txt --screenshots "$tmp/$size" >/dev/null 2>&1
    name=portrait
    tile=8x3
    [ "$size" = 1920x1080 ] && name=landscape && tile=4x6
    montage "$tmp/$size"/*.bmp -resize 22% -tile "$tile" -geometry +6+6 -background '#888888' \
        -colors 48 "PNG8:docs/screens/$name.png"
    echo "docs/screens/$name.png"
done
