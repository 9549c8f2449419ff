#!/bin/sh
# Builds a signed update bundle for `kioskctl update apply` (docs/updates.md):
#   make install DESTDIR=/tmp/stage PREFIX=/usr
#   tools/make-bundle.sh --key ~/kiosk-update.key --out kiosk-0.2.0.tar /tmp/stage/usr
# makes kiosk-0.2.0.tar (POSIX ustar: the manifest first, then every file of
# the staging directory) and kiosk-0.2.0.tar.minisig (minisign).
#   --version V   the release version (default: the VERSION file)
#   --arch LIST   Debian architectures it runs on (default: this machine's)
#   --key FILE    minisign secret key (minisign asks for its password)
#   --out FILE    the bundle to write
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(cat "$here/VERSION" 2>/dev/null || echo "")
arch=$(dpkg --print-architecture 2>/dev/null || echo "")
key=""
out=""
die() {
    echo "make-bundle: $*" >&2
    exit 1
}
while [ $# -gt 1 ]; do
    case $1 in
    --version) version=$2 ;;
    --arch) arch=$2 ;;
    --key) key=$2 ;;
    --out) out=$2 ;;
    *) die "unknown option '$1' (see the comment at the top of $0)" ;;
    esac
    shift 2
done
[ $# -eq 1 ] || die "usage: make-bundle.sh [--version V] [--arch LIST] --key KEY --out FILE STAGING_DIR"
stage=$1
[ -d "$stage" ] || die "$stage: not a directory"
[ -n "$key" ] && [ -n "$out" ] || die "--key and --out are required"
echo "$version" | grep -Eqx '[0-9]{1,9}(\.[0-9]{1,9}){0,3}' ||
    die "version '$version': 1 to 4 dot-separated numbers, e.g. 1.2.0"
echo "$arch" | grep -Eqx '[a-z0-9]+( [a-z0-9]+)*' || die "arch '$arch': Debian names, e.g. 'amd64 arm64'"
command -v minisign >/dev/null || die "minisign is not installed (apt-get install minisign)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
odd=$(cd "$stage" && find . -mindepth 1 ! -type d ! -type f | head -n 3)
[ -z "$odd" ] && [ -z "$(cd "$stage" && find . -mindepth 1 \( -type f -o -type d \) ! -perm -u+r)" ] ||
    die "$stage: only readable plain files and directories go into a bundle, not: $odd"
(cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/list"
grep -qx bin/kiosk "$work/list" ||
    die "$stage: no bin/kiosk (give the PREFIX directory of make install DESTDIR=..., e.g. /tmp/stage/usr)"
! grep -qx manifest "$work/list" || die "$stage: a top-level file named manifest is reserved"
! LC_ALL=C grep -q '[[:cntrl:]]' "$work/list" || die "$stage: a file name has control characters"
{
    echo "kiosk-update 1"
    echo "version $version"
    echo "arch $arch"
    while IFS= read -r f; do
        echo "file $(sha256sum <"$stage/$f" | cut -c1-64) $f"
    done <"$work/list"
} >"$work/manifest"
tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$work/bundle.tar" \
    -C "$work" manifest -C "$stage" --no-recursion --verbatim-files-from -T "$work/list"
mv "$work/bundle.tar" "$out"
minisign -S -s "$key" -m "$out" -x "$out.minisig" -t "kiosk update $version ($arch)" >/dev/null
echo "$out: version $version for $arch, $(wc -l <"$work/list") files, signed in $out.minisig"
