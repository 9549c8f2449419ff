#!/bin/sh
# Valgrind memcheck on a scripted session of the headless kiosk: a booking
# printed to a printer file, its check-in by scanning the ticket's QR, then
# lookup and cancel of another; and kioskctl on the same database. No memory
# error, no leak (definite, indirect or possible); no suppressions.
. tests/lib.sh
plain_build_only "valgrind cannot run AddressSanitizer builds (the plain build runs this test)"
needs valgrind valgrind
NOW="2026-12-01 09:00"
d="$TMP/vg"
mkdir -p "$d"
vg() {
    log=$1
    shift
    valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --log-file="$TMP/$log.vg" "$@"
}
# vg_clean NAME: the log of run NAME has no error and no lost byte.
vg_clean() {
    if grep -q "ERROR SUMMARY: 0 errors" "$TMP/$1.vg" && ! grep -Eq "(definitely|indirectly|possibly) lost: [1-9]" "$TMP/$1.vg"; then
        ok "$2"
    else
        not_ok "$2" "$(grep -E 'ERROR SUMMARY|lost:|Invalid|uninitialised' "$TMP/$1.vg" | head -n 20)"
    fi
}
kiosk() {
    vg "$1" "$KIOSK" --headless --data-dir "$d" --now "$NOW" --printer "$d/printer.bin" \
        --script "$2"
}

expect_exit 0 "memcheck: booking by touch, ticket printed" kiosk book tests/ui/scripts/book.txt
vg_clean book "memcheck: no error, no leak in the booking session"
check "the ticket went to the printer file" test -s "$d/printer.bin"

code=$("$CTL" --db "$d/kiosk.db" --now "$NOW" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
payload=$("$CTL" --db "$d/kiosk.db" --now "$NOW" ticket "$code")
printf 'scan %s\nexpect-screen checkin-result\nexpect-text "签到成功，欢迎您！"\ntap done\nscan KQ1:NOTATICKET:AAAA\nscan garbage\n' \
    "$payload" >"$TMP/scan.txt"
expect_exit 0 "memcheck: check-in by scan, a forged scan and garbage" kiosk scan "$TMP/scan.txt"
vg_clean scan "memcheck: no error, no leak in the scanning session"

# The second of the list: after the booking of 1 December, checked in above.
# Cancelling needs the booking's code (issue 16), typed on the keypad.
t2=$("$CTL" --db "$d/kiosk.db" --now "$NOW" book --session kangyang-zixun-20261203-1400 \
    --phone 13812345678) &&
    { printf "tap start\ntap lookup\ntype 13812345678\ntap next\nexpect-screen bookings\ntap booking:2\ntap cancel\n"
      code_keys "$t2"
      printf "tap confirm\nexpect-text \"已取消预约\"\n"; } >"$TMP/cancel.txt"
expect_exit 0 "memcheck: lookup and cancel" kiosk cancel "$TMP/cancel.txt"
vg_clean cancel "memcheck: no error, no leak in the lookup and cancel session"

# Each kioskctl command is its own process, so each runs under valgrind
# with its own log: check must print ok, bookings the booking made above.
expect_exit 0 "memcheck: kioskctl check" vg ctl-check "$CTL" --db "$d/kiosk.db" --now "$NOW" check
check "kioskctl check under valgrind reports ok and the schema version" grep -q "^ok, schema version [0-9]" "$TMP/out"
vg_clean ctl-check "memcheck: no error, no leak in kioskctl check"
expect_exit 0 "memcheck: kioskctl bookings" \
    vg ctl-bookings "$CTL" --db "$d/kiosk.db" --now "$NOW" bookings --format csv
check "kioskctl bookings under valgrind lists the cancelled booking" \
    grep -q ',13812345678,1,cancelled,' "$TMP/out"
vg_clean ctl-bookings "memcheck: no error, no leak in kioskctl bookings"
