#!/bin/sh
# Issue 15 item 3 on the real kiosk binary, at both reference sizes: the
# number is shown in three boxes (3-4-4) directly above the keypad, a wrong
# first or second digit is flagged at once (scripts/phone-entry.txt asserts
# the words on screen), key:clear empties the number in one tap, and the
# booking still completes (checked in the store through kioskctl).
. tests/lib.sh
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000

for size in 1080x1920 1920x1080; do
    d="$TMP/$size"
    mkdir -p "$d"
    "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" \
        --script tests/ui/scripts/phone-entry.txt >"$TMP/w" 2>"$TMP/e"
    check "[$size] wrong digits flagged at once, cleared in one tap, booked" test $? -eq 0 ||
        cat "$TMP/e" >&2
    # The first dump: "2381234567" typed. The second: after key:clear.
    awk -F'\t' '$1 ~ /^phone:/ { n[$1]++; print n[$1] "\t" $0 }' "$TMP/w" >"$TMP/boxes"
    check "[$size] three digit boxes in each dump" test "$(grep -c . "$TMP/boxes")" -eq 6
    check "[$size] grouped 3-4-4 as typed" sh -c "grep -q '^1	phone:1	238	' '$TMP/boxes' &&
        grep -q '^1	phone:2	1234	' '$TMP/boxes' && grep -q '^1	phone:3	567	' '$TMP/boxes'"
    check "[$size] key:clear empties every box" \
        test "$(awk -F'\t' '$1 == 2 && $3 == ""' "$TMP/boxes" | grep -c .)" -eq 3
    # Directly above the keypad: each box ends above the top row of keys
    # and no more than 60 px above it, within the keypad's columns.
    key=$(awk -F'\t' '$1 == "key:1" { print $3; exit }' "$TMP/w")
    awk -F'\t' -v key="$key" '
        $1 == 1 { split($4, b, ","); split(key, k, ",")
                  gap = k[2] - (b[2] + b[4]); print $2, gap, (b[1] >= k[1] - 4) }' "$TMP/boxes" >"$TMP/gaps"
    check "[$size] the digit boxes sit directly above the keypad" \
        test "$(awk '$2 >= 0 && $2 <= 60 && $3 == 1' "$TMP/gaps" | grep -c .)" -eq 3
    "$CTL" --db "$d/kiosk.db" --now "$NOW" bookings --format csv | tr -d '\r' >"$TMP/rows"
    check "[$size] the booking is in the store with the number typed after the clear" \
        grep -q ",$SID,.*,13812345678,1,booked," "$TMP/rows"
done
