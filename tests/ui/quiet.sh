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

# The idle reset frees the cached text (typed digits are text too): after
# it, only the attract screen's words remain cached.
cat >"$TMP/reset.txt" <<'STEPS'
tap start
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:kangyang-zixun-20261201-1000
type 13812345678
stats
wait 80
expect-screen attract
stats
STEPS
"$KIOSK" --headless --data-dir "$TMP/r" --now "2026-12-01 09:00" --script "$TMP/reset.txt" >"$TMP/out" 2>"$TMP/err"
check "the reset script runs" test $? -eq 0
b1=$(sed -n 1p "$TMP/out" | sed 's/.*text_bytes=\([0-9]*\).*/\1/')
b2=$(sed -n 2p "$TMP/out" | sed 's/.*text_bytes=\([0-9]*\).*/\1/')
check "the reset drops the cached text ($b1 -> $b2 bytes)" test "$b2" -lt $((b1 / 2))
