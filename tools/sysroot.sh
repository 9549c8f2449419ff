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
mmdebstrap --quiet --mode=$mode --variant=extract --architectures="$arch" \
    --include="$pkgs" "$suite" "$tmp" "$list"
# qemu-user looks up absolute paths in the sysroot first: device nodes
# there would shadow this machine's own (a /dev/ptmx of another devpts).
rm -rf "$tmp/dev"
mkdir "$tmp/dev"
rm -rf "$dir"
mv "$tmp" "$dir"
echo "sysroot: $dir ($arch, $suite)" >&2
