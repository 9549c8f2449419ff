#!/bin/sh
# Config key elder_mode_default (issue 15 item 4): a station may make elder
# mode what every visit starts in. With it on, the kiosk starts in elder
# mode and the idle reset returns to it, even after a resident switched it
# off; without it, visits start without. A bad value stops the kiosk with
# FILE:LINE and what is expected.
. tests/lib.sh
NOW="2026-12-01 09:00"
cat >"$TMP/visit.txt" <<'S'
expect-screen attract
tap start
expect-screen home
screen
widgets
tap elder
screen
widgets
wait 300
expect-screen attract
tap start
expect-screen home
screen
widgets
S

printf '# the station wants large text\nelder_mode_default = on\n' >"$TMP/on.conf"
"$KIOSK" --config "$TMP/on.conf" --headless --data-dir "$TMP/d1" --now "$NOW" \
    --script "$TMP/visit.txt" >"$TMP/out" 2>"$TMP/err"
check "with elder_mode_default = on the visit runs" test $? -eq 0
check "... home opens in elder mode (✓ on the toggle)" sh -c "awk '/^screen /{ k++ } k == 1 && /^elder\t/' '$TMP/out' | grep -q '✓'"
check "... the resident may switch it off" sh -c "awk '/^screen /{ k++ } k == 2 && /^elder\t/' '$TMP/out' | grep -vq '✓'"
check "... and after the idle reset it is on again" sh -c "awk '/^screen /{ k++ } k == 3 && /^elder\t/' '$TMP/out' | grep -q '✓'"

printf 'elder_mode_default = off\n' >"$TMP/off.conf"
"$KIOSK" --config "$TMP/off.conf" --headless --data-dir "$TMP/d2" --now "$NOW" \
    --script "$TMP/visit.txt" >"$TMP/out" 2>"$TMP/err"
check "with elder_mode_default = off the visit runs" test $? -eq 0
check "... home opens without elder mode" sh -c "awk '/^screen /{ k++ } k == 1 && /^elder\t/' '$TMP/out' | grep -vq '✓'"
check "... and the idle reset ends the elder mode a resident chose" sh -c "awk '/^screen /{ k++ } k == 3 && /^elder\t/' '$TMP/out' | grep -vq '✓'"

for bad in yes 1 ON ""; do
    printf 'lang = zh\nelder_mode_default = %s\n' "$bad" >"$TMP/bad.conf"
    "$KIOSK" --config "$TMP/bad.conf" --headless --data-dir "$TMP/d3" --now "$NOW" \
        --script "$TMP/visit.txt" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "elder_mode_default = '$bad' stops the kiosk (exit $rc)" test $rc -ne 0 -a $rc -ne 3
    check "... saying the file, the line and what is expected" \
        grep -q "bad.conf:2: .*elder_mode_default.*on or off" "$TMP/err"
done
