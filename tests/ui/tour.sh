#!/bin/sh
# Every resident screen renders at both reference sizes (and two other
# panels): the tour script reaches each one, and each screenshot is the
# panel's size and not blank. People look at them: tools/screens.sh makes
# the contact sheets in docs/screens/.
. tests/lib.sh
n_want=$(grep -c '^shot ' tests/ui/scripts/tour.txt)
for size in 1080x1920 1920x1080 800x1280 1366x768; do
    mkdir -p "$TMP/$size"
    "$KIOSK" --headless --data-dir "$TMP/d$size" --size "$size" --now "2026-12-01 09:00" \
        --script tests/ui/scripts/tour.txt --screenshots "$TMP/$size" >/dev/null 2>"$TMP/err"
    check "[$size] the tour reaches every screen" test $? -eq 0
    n=$(ls "$TMP/$size"/*.bmp 2>/dev/null | wc -l)
    check "[$size] $n of $n_want screenshots" test "$n" -eq "$n_want"
    w=${size%x*}
    h=${size#*x}
    bad=0
    for f in "$TMP/$size"/*.bmp; do
        # BMP header: width and height at bytes 18 and 22 (little endian).
        dims=$(od -An -tu4 -j18 -N8 "$f" | awk '{ print $1 "x" ($2 < 0 ? -$2 : $2) }')
        [ "$dims" = "${w}x$h" ] || [ "$dims" = "${w}x$((4294967296 - h))" ] || bad=$((bad + 1))
        # Not blank: the file does not compress to almost nothing.
        [ "$(gzip -c "$f" | wc -c)" -gt 8000 ] || bad=$((bad + 1))
    done
    check "[$size] every screenshot is the panel's size and has content ($bad bad)" test $bad -eq 0
done

# The visit of the contact sheets (tools/screens.sh) runs in Chinese, English
# and elder mode at both reference sizes: widget ids only, no words, so a
# screen that loses a widget in one language or mode stops it.
n_visit=$(( $(grep -c '^shot ' tests/ui/scripts/visit.txt) + 2 ))
BUILD=$BUILD sh tools/screens.sh --check >"$TMP/visit" 2>"$TMP/visit.err"
check "the contact sheets' visit runs in every mode and size" test $? -eq 0
for size in 1080x1920 1920x1080; do
    for mode in zh en elder; do
        check "[$size $mode] the visit takes all $n_visit screenshots" \
            grep -qx "$size $mode: $n_visit screens" "$TMP/visit"
    done
done
if [ -s "$TMP/visit.err" ]; then cat "$TMP/visit.err" >&2; fi
