#!/bin/sh
# Installs the Debian packages the kiosk needs when they are missing: as root
# with apt-get, otherwise it prints the exact command to run.
#   deps.sh build   libraries and headers to build and run the kiosk
#   deps.sh test    the above, plus the tools the tests use
#   deps.sh bench   the above, plus what make bench measures with
set -u
build_pkgs="gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libsodium-dev"
# espeak-ng: the voice guidance's speech engine (issue 17). It is GPL-3, so
# the kiosk never links it: it runs it as a separate program (platform/speak.c)
# and plays the WAV it writes. The kiosk runs without it, silent, with a log
# line; the voice tests (tests/voice/) need it and fail without it.
build_pkgs="$build_pkgs espeak-ng"
# the staff console (tools/console), which make install and make deb build:
# an embedded HTTPS server (libmicrohttpd, TLS through GnuTLS)
build_pkgs="$build_pkgs libmicrohttpd-dev libgnutls28-dev"
# xdotool: tests/ui/keys.sh injects Escape and Alt+F4 into the kiosk under Xvfb
test_pkgs="sqlite3 zbar-tools xvfb xauth xdotool imagemagick python3 python3-fonttools minisign valgrind clang libclang-rt-14-dev"
# fleet sync tests: a throwaway PostgreSQL, kiosk-sync links libpq
test_pkgs="$test_pkgs libpq-dev postgresql postgresql-client"
# board tests: make deb, lintian, the udev parser, the chroot install, the arm64 build under qemu
test_pkgs="$test_pkgs dpkg-dev lintian udev mmdebstrap qemu-user-static gcc-aarch64-linux-gnu"
# the armhf (32-bit Arm) cross build under qemu-arm-static (tests/board/cross.sh)
test_pkgs="$test_pkgs gcc-arm-linux-gnueabihf"
# make man and make deb: the manual pages are help2man's reading of each
# program's --help; tests/board/man.sh renders them with man (man-db)
test_pkgs="$test_pkgs help2man man-db"
# tests/board/deb.sh's RAUC bundle: rauc builds and verifies it, mksquashfs
# and unsquashfs (squashfs-tools) are what rauc packs and extracts it with,
# mkfs.ext4 and debugfs (e2fsprogs) make and read the root filesystem image
test_pkgs="$test_pkgs rauc squashfs-tools e2fsprogs"
# the staff console's browser tests drive Debian's chromium with
# chromium-driver and python3-selenium (tests/browser/); openssl checks the
# console's certificate and fingerprint
test_pkgs="$test_pkgs chromium chromium-driver python3-selenium openssl"
bench_pkgs="strace"
want=$build_pkgs
[ "${1:-build}" = test ] && want="$build_pkgs $test_pkgs"
[ "${1:-build}" = bench ] && want="$build_pkgs $test_pkgs $bench_pkgs"
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
