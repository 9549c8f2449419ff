#!/bin/sh
# Makes a Debian sysroot for cross builds: the kiosk's libraries and headers
# for another architecture, unpacked (not installed: nothing of the target
# runs here) with mmdebstrap's extract variant.
#   tools/sysroot.sh ARCH DIR      e.g. tools/sysroot.sh arm64 build/sysroot-arm64
set -eu
arch=${1:?usage: sysroot.sh ARCH DIR}
dir=${2:?usage: sysroot.sh ARCH DIR}
command -v mmdebstrap >/dev/null || { echo "sysroot: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 1; }
. /etc/os-release
suite=$VERSION_CODENAME

# The packages come from this machine's own Debian mirrors.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
sh "$(dirname "$0")/debian-sources.sh" >"$list"
sed "s/^/sysroot: /" "$list" >&2
[ -s "$list" ] || { echo "sysroot: no $suite entries in this machine's apt sources" >&2; exit 1; }

# libc6-dev and the -dev packages the Makefile asks pkg-config about.
# The staff console's too: make install (so make deb) builds it.
pkgs="libc6-dev,libsdl2-dev,libsdl2-ttf-dev,libsqlite3-dev,libqrencode-dev,libsodium-dev"
pkgs="$pkgs,libmicrohttpd-dev,libgnutls28-dev"
tmp="$dir.tmp"
mkdir -p "$(dirname "$dir")"
rm -rf "$tmp"
mode=root
[ "$(id -u)" -eq 0 ] || mode=unshare
# A mirror answers now and then with an index that does not match its
# Release file while it syncs (apt: "File has unexpected size" or "Hash Sum
# mismatch" on Packages.xz; deb.debian.org's mirrors and the security
# archive sync several times a day), or a download times out. The first
# armhf attempt stopped on bookworm-security's armhf index (its error was
# not kept); from the same sources the armhf sysroot was then made in 49 s
# (2026-12-04), as arm64's always was: a passing fault, not a missing
# architecture. So apt retries each download, the whole run is tried three
# times a minute apart, and apt's error lines of each failed try are
# printed (the whole log is kept when the last fails).
log="$dir.log"
try=1
until mmdebstrap --mode=$mode --variant=extract --architectures="$arch" \
    --aptopt='Acquire::Retries "3"' --aptopt='Acquire::http::Timeout "60"' \
    --include="$pkgs" "$suite" "$tmp" "$list" >"$log" 2>&1; do
    grep -E '^(E|W|Err):|mismatch|unexpected size|Failed to fetch' "$log" | sed "s/^/sysroot: try $try: /" >&2
    if [ $try -ge "${SYSROOT_TRIES:-3}" ]; then
        tail -n 20 "$log" | sed "s/^/sysroot: /" >&2
        echo "sysroot: mmdebstrap failed $try times for $arch (all of it in $log)" >&2
        exit 1
    fi
    try=$((try + 1))
    rm -rf "$tmp"
    sleep "${SYSROOT_RETRY_WAIT:-60}"
done
rm -f "$log"
# qemu-user looks up absolute paths in the sysroot first: device nodes
# there would shadow this machine's own (a /dev/ptmx of another devpts).
rm -rf "$tmp/dev"
mkdir "$tmp/dev"
rm -rf "$dir"
mv "$tmp" "$dir"
echo "sysroot: $dir ($arch, $suite)" >&2
