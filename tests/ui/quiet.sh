#!/bin/sh
# No frames while idle (except the countdown) and no text rendered again for
# a screen already drawn.
. tests/lib.sh
"$KIOSK" --headless --data-dir "$TMP/d" --now "2026-12-01 09:00" \
    --script tests/ui/scripts/quiet.txt >"$TMP/out" 2>"$TMP/err"
check "the quiet script runs" test $? -eq 0
f1=$(sed -n 1p "$TMP/out" | sed 's/frames=\([0-9]*\).*/\1/')
f2=$(sed -n 2p "$TMP/out" | sed 's/frames=\([0-9]*\).*/\1/')
f3=$(sed -n 3p "$TMP/out" | sed 's/frames=\([0-9]*\).*/\1/')
r1=$(sed -n 1p "$TMP/out" | sed 's/.*text_renders=\([0-9]*\).*/\1/')
r2=$(sed -n 2p "$TMP/out" | sed 's/.*text_renders=\([0-9]*\).*/\1/')
check "59 idle seconds on home draw no frame ($f1 -> $f2)" test "$f1" -eq "$f2"
check "and render no text ($r1 -> $r2)" test "$r1" -eq "$r2"
# The warning at 60 s, then one frame per countdown second (61..65 s).
check "the countdown draws about one frame a second ($f2 -> $f3)" \
    test $((f3 - f2)) -ge 5 -a $((f3 - f2)) -le 8
