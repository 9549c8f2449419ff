#!/bin/sh
# Staff reprint a slip (issue 16): a resident who lost the slip or its code
# is sent to the desk; on the roster of today's session 补打小票 prints the
# same slip again (its QR decodes to the booking's own payload), says so,
# and is audited as "reprint" under the staff member's name with the
# ticket, never the phone number. With the printer missing the staff are
# told it was not printed (the audit row is written first either way); a
# booking no longer to come has no 补打小票.
. tests/lib.sh
needs zbarimg zbar-tools
NOW="2026-12-01 08:00"
SID=kangyang-zixun-20261201-0900
P=13812345678
d="$TMP/k"
mkdir -p "$d"
"$CTL" --db "$d/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | "$CTL" --db "$d/kiosk.db" staff add 王芳 >/dev/null
t=$("$CTL" --db "$d/kiosk.db" --now "$NOW" book --session $SID --phone $P)
t2=$("$CTL" --db "$d/kiosk.db" --now "$NOW" book --session $SID --phone 13912345678)
"$CTL" --db "$d/kiosk.db" --now "2026-12-01 08:50" checkin "$t2" >/dev/null
staff() { # the steps to the session's roster
    echo "hold 40 40 3.5"
    echo "246810" | fold -w1 | sed 's/^/tap key:/'
    printf 'tap next\nexpect-screen staff\ntap roster:%s\nexpect-screen staff-roster\n' $SID
}
{
    staff
    printf 'tap reprint:%s\nexpect-screen staff-roster\nexpect-text "已补打小票"\nwidgets\n' "$t"
} >"$d/s.txt"
: >"$d/printer.bin"
"$KIOSK" --headless --printer "$d/printer.bin" --data-dir "$d" --now "2026-12-01 08:50" \
    --script "$d/s.txt" >"$d/out" 2>"$d/err"
rc=$?
check "补打小票 on the roster prints and says so" test $rc -eq 0
[ $rc -eq 0 ] || tail -n 8 "$d/err"
python3 tests/tools/escpos_decode.py "$d/printer.bin" "$d/slip.pbm" >/dev/null 2>&1
want=$("$CTL" --db "$d/kiosk.db" ticket "$t")
got=$(zbarimg --raw -q "$d/slip.pbm" 2>/dev/null)
check "the slip printed is the booking's: its QR decodes to its payload" \
    test -n "$got" -a "$got" = "$want"
"$CTL" --db "$d/kiosk.db" audit --format csv >"$d/audit"
check "audited as reprint under 王芳 with the ticket" grep -q ",王芳,reprint,$t," "$d/audit"
check "no phone number in the audit or the log" \
    sh -c "! grep -q -e 1381234 -e 1391234 '$d/audit' '$d/err'"
check "a booking checked in has no 补打小票" sh -c "! grep -q '^reprint:$t2' '$d/out'"
check "the booking is still booked" \
    test "$("$CTL" --db "$d/kiosk.db" bookings --status booked --format csv | grep -c "^$t,")" -eq 1

# The printer missing: staff are told, and the attempt is audited.
{
    staff
    printf 'tap reprint:%s\nexpect-screen staff-roster\nexpect-text "没能补打"\n' "$t"
} >"$d/m.txt"
expect_exit 0 "with the printer missing staff are told it was not printed" \
    "$KIOSK" --headless --printer "$d/missing/lp0" --data-dir "$d" --now "2026-12-01 08:50" --script "$d/m.txt"
check "... and that attempt is audited too" \
    test "$("$CTL" --db "$d/kiosk.db" audit --format csv | grep -c ",王芳,reprint,$t,")" -eq 2
