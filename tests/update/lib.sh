# Shared setup of the update tests: throwaway minisign keys, a config that
# points the update root into $TMP, fake releases and bundles.
. tests/lib.sh
if ! command -v minisign >/dev/null; then
    echo "# skip minisign is not installed (sh tools/deps.sh test installs it)"
    exit 0
fi
minisign -G -W -p "$TMP/key.pub" -s "$TMP/key.sec" >/dev/null
minisign -G -W -p "$TMP/other.pub" -s "$TMP/other.sec" >/dev/null
ROOT=$TMP/root
conf() { # conf FILE HEALTH_SECONDS
    printf 'update_root = %s\nupdate_pubkey = %s\nupdate_max_boots = 3\nupdate_health_seconds = %s\n' \
        "$ROOT" "$TMP/key.pub" "$2" >"$1"
    echo "data_dir = $TMP/d" >>"$1"
}
conf "$TMP/k.conf" 2
U() { "$CTL" --config "$TMP/k.conf" update "$@"; }

# stage VERSION: a fake release; its bin/kiosk prints its version.
stage() {
    d=$TMP/stage-$1
    mkdir -p "$d/bin" "$d/share/kiosk/catalog"
    printf '#!/bin/sh\necho kiosk %s\n' "$1" >"$d/bin/kiosk"
    chmod 0755 "$d/bin/kiosk"
    echo "catalog of $1" >"$d/share/kiosk/catalog/demo.ini"
}
# bundle VERSION [make-bundle options]: $TMP/b-VERSION.tar and its .minisig
bundle() {
    bv=$1
    shift
    [ -d "$TMP/stage-$bv" ] || stage "$bv"
    sh tools/make-bundle.sh --version "$bv" --key "$TMP/key.sec" --out "$TMP/b-$bv.tar" "$@" \
        "$TMP/stage-$bv" >/dev/null
}
current() { readlink "$ROOT/current"; }
previous() { readlink "$ROOT/previous"; }
# complete: the release `current` names has every file of its manifest with
# the right sha256, and nothing else (checked with sha256sum, not kioskctl).
complete() {
    r="$ROOT/$(readlink "$ROOT/${1:-current}")"
    [ -f "$r/manifest" ] || return 1
    (cd "$r" && sed -n 's/^file \([0-9a-f]\{64\}\) \(.*\)$/\1  \2/p' manifest | sha256sum -c --quiet) ||
        return 1
    [ "$(grep -c '^file ' "$r/manifest")" -eq "$(find "$r" -type f ! -name manifest | wc -l)" ]
}
