#!/bin/sh
# make check-layers: holds every #include under firmware/ (and the pure core's
# tests) to the directions of DESIGN.md, both the project's own headers and the
# libraries' (sqlite3.h and sodium.h sit in the default include path, so the
# compiler flags alone would not stop the core from including them).
#   tools/check-layers.sh [ROOT]    ROOT: a checkout (default: this one)
# Prints FILE:LINE: what is wrong, for each wrong include (and each firmware
# file over 1,000 lines with no reason given); exit 1 if any.
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2

# Which layers a layer may include (itself always).
allowed() {
    case $1 in
    core) echo "core" ;;
    ticket) echo "ticket core" ;;
    store) echo "store core" ;;
    ui) echo "ui core ticket" ;;
    platform) echo "platform core ticket" ;;
    app) echo "app store ticket platform core" ;;
    update) echo "update platform core" ;;
    shell | main) echo "shell app update ui platform store ticket core" ;;
    tests/core) echo "core" ;; # the pure core's tests
    esac
}
# Which layers may include a library's header.
lib_layers() {
    case $1 in
    sqlite3.h | sqlite3ext.h) echo "store" ;;
    sodium.h | sodium/*) echo "ticket app update" ;;
    qrencode.h) echo "ticket" ;;
    SDL.h | SDL_*.h | SDL2/*) echo "ui shell main" ;;
    libpq-fe.h) echo "" ;;
    *) echo "*" ;;
    esac
}
in_list() { # WORD LIST...
    w=$1
    shift
    for x in "$@"; do [ "$x" = "$w" ] && return 0; done
    return 1
}

files=$(find firmware tests/core -name '*.[ch]' 2>/dev/null | sort)
[ -n "$files" ] || { echo "check-layers: no sources under $PWD/firmware" >&2; exit 2; }
# One awk over every file: the layer of each file and of each header it
# includes (paths resolved against the including file's folder).
rules=$(for l in core ticket store ui platform app update shell main tests/core; do
    echo "allow $l $(allowed $l)"
done
for h in sqlite3.h sqlite3ext.h sodium.h qrencode.h SDL.h SDL_ttf.h libpq-fe.h; do
    echo "lib $h $(lib_layers $h)"
done
for f in $files tests/unit/test.h; do echo "file $f"; done)
# shellcheck disable=SC2086
echo "$rules" | awk '
function norm(p,   n, i, a, out, k) {
    n = split(p, a, "/"); k = 0
    for (i = 1; i <= n; i++) {
        if (a[i] == "." || a[i] == "") continue
        if (a[i] == ".." && k > 0 && st[k] != "..") { k--; continue }
        st[++k] = a[i]
    }
    out = ""
    for (i = 1; i <= k; i++) out = out (i > 1 ? "/" : "") st[i]
    return out
}
function layer_of(f,   x) {
    if (f == "firmware/main.c") return "main"
    if (f ~ /^tests\/core\//) return "tests/core"
    if (f ~ /^firmware\/[^\/]+\//) { x = substr(f, 10); sub(/\/.*/, "", x); return x }
    return ""
}
FNR == NR && $1 == "allow" { known[$2] = 1; for (i = 3; i <= NF; i++) ok[$2, $i] = 1; next }
FNR == NR && $1 == "file" { exists[$2] = 1; next }
FNR == NR && $1 == "lib" { fenced[$2] = 1; for (i = 3; i <= NF; i++) libok[$2, $i] = 1; next }
FNR == 1 {
    layer = layer_of(FILENAME); dir = FILENAME; sub(/\/[^\/]*$/, "", dir)
    if (!(layer in known)) { print FILENAME ": firmware/" layer " is not a layer of DESIGN.md (add it to tools/check-layers.sh)"; bad = 1; nextfile }
}
/^[ \t]*#[ \t]*include[ \t]*["<]/ {
    s = $0; sub(/^[ \t]*#[ \t]*include[ \t]*/, "", s)
    q = substr(s, 1, 1); s = substr(s, 2); sub(/[">].*$/, "", s)
    where = FILENAME ":" FNR ": "
    if (q == "\"") {
        t = norm(dir "/" s)
        if (t == "tests/unit/test.h") next # the test macros: no code
        to = layer_of(t)
        if (to == "" || to == "main" || to == "tests/core") { print where "includes " s ", outside the layers"; bad = 1; next }
        if (!((layer, to) in ok) && to != layer) { print where layer " may not include " to " (" s ")"; bad = 1 }
        if (!(t in exists)) { print where "includes " s ", which does not exist"; bad = 1 }
    } else {
        h = s; if (h ~ /^SDL_/ || h ~ /^SDL2\//) h = "SDL.h"; if (h ~ /^sodium\//) h = "sodium.h"
        if ((h in fenced) && !((h, layer) in libok)) { print where layer " may not include <" s ">"; bad = 1 }
    }
}
END { exit bad }
' - $files
bad=$?
# Rooms stay small: no source file under firmware/ above 1,000 lines unless
# a line near its top says why ("over 1,000 lines because ...").
for f in $(find firmware -name '*.[ch]' | sort); do
    n=$(wc -l <"$f")
    [ "$n" -le 1000 ] && continue
    head -n 20 "$f" | grep -q 'over 1,000 lines because' && continue
    echo "$f:1: $n lines: split it by concern, or say near its top why not (over 1,000 lines because ...)"
    bad=1
done
[ $bad -eq 0 ] && echo "check-layers: every include follows the layers, every firmware file is under 1,000 lines"
exit $bad
