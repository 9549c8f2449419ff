#!/bin/sh
# The lookup throttle (issue 16, core/throttle.h): with lookup_limit = 3,
# lookup_window_minutes = 10 and lookup_pause_minutes = 15, three distinct
# numbers are looked up; the fourth is refused calmly (ask the staff), and
# so is any lookup for 15 minutes, even of a number seen before, across the
# idle reset; after the pause lookups work again. The same number twice
# counts once. No number is in the log.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/k"
mkdir -p "$d"
printf 'lookup_limit = 3\nlookup_window_minutes = 10\nlookup_pause_minutes = 15\n' >"$d/kiosk.conf"
look() { # NUMBER: look it up from home and come back home
    printf 'tap lookup\ntype %s\ntap next\nexpect-screen bookings\ntap home\n' "$1"
}
refused() { # NUMBER: the lookup is refused on the keypad
    printf 'tap lookup\ntype %s\ntap next\nexpect-screen lookup\nexpect-text "%s"\ntexts\ntap home\n' "$1" "$2"
}
MSG="请过一会儿再试，或到服务台请工作人员帮您查询"
{
    echo "tap start"
    look 13812340001
    look 13812340002
    look 13812340001 # the same again: not counted twice
    look 13812340003
    refused 13812340004 "$MSG"
    refused 13812340001 "$MSG" # paused for every number
    echo "wait 600"            # ten minutes: still paused (and the idle reset)
    echo "tap start"
    refused 13812340002 "$MSG"
    echo "wait 301"            # fifteen minutes in all: counting starts afresh
    echo "tap start"
    look 13812340004
    look 13812340005
    look 13812340006
} >"$d/script.txt"
"$KIOSK" --headless --config "$d/kiosk.conf" --data-dir "$d" --now "$NOW" \
    --script "$d/script.txt" >"$d/out" 2>"$d/err"
rc=$?
check "three numbers looked up; the fourth refused calmly; paused 15 minutes across the reset; then again" \
    test $rc -eq 0
[ $rc -eq 0 ] || tail -n 12 "$d/err"
check "the refusal sends to the staff and keeps no number on screen" \
    sh -c "grep -q '$MSG' '$d/out' && ! grep -q '1381234' '$d/out'"
check "no number in the log" sh -c "! grep -q '1381234' '$d/err'"
# i16checkin: the pause is told to staff: one audit row (the same pause
# refusing again is not a new one), and a warning of kioskctl check.
check "the pause is audited once (lookup_throttle), with no number" \
    sh -c "test \"\$('$CTL' --db '$d/kiosk.db' audit --format csv | grep -c ',lookup_throttle,')\" -eq 1 &&
           ! '$CTL' --db '$d/kiosk.db' audit --format csv | grep -q 1381234"
check "kioskctl check warns of it" \
    sh -c "'$CTL' --db '$d/kiosk.db' --now '$NOW' check 2>&1 >/dev/null | grep -q 'paused lookups of 我的预约 1 time'"

# lookup_limit = 0 turns it off: ten numbers in a row are all looked up.
printf 'lookup_limit = 0\n' >"$d/off.conf"
{
    echo "tap start"
    for i in 0 1 2 3 4 5 6 7 8 9; do look 1381234100$i; done
} >"$d/off.txt"
expect_exit 0 "lookup_limit = 0: ten numbers in a row all looked up" \
    "$KIOSK" --headless --config "$d/off.conf" --data-dir "$d" --now "$NOW" --script "$d/off.txt"
# A bad value is refused with the key's name.
printf 'lookup_limit = 99\n' >"$d/bad.conf"
"$KIOSK" --headless --config "$d/bad.conf" --data-dir "$d" --now "$NOW" --script "$d/off.txt" \
    >"$d/bad.out" 2>&1
check "lookup_limit = 99 is refused, naming the key" \
    sh -c "test $? -ne 0 && grep -q lookup_limit '$d/bad.out'"
