#!/bin/sh
# Installs the Debian packages the kiosk needs when they are missing: as root
# with apt-get, otherwise it prints the exact command to run.
#   deps.sh build   libraries and headers to build and run the kiosk
#   deps.sh test    the above, plus the tools the tests use
set -u
build_pkgs="gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libsodium-dev"
test_pkgs="sqlite3 zbar-tools xvfb xauth imagemagick python3 python3-fonttools minisign libpq-dev postgresql postgresql-client"
want=$build_pkgs
[ "${1:-build}" = test ] && want="$build_pkgs $test_pkgs"
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: missing packages:$missing (this is not a Debian system; install their equivalents)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing packages. Run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt="apt-get -o DPkg::Lock::Timeout=600"
$apt install -y -q $missing >/dev/null || { $apt update -q >/dev/null && $apt install -y -q $missing >/dev/null; } || {
    echo "deps: apt-get install -y$missing failed" >&2
    exit 1
}
