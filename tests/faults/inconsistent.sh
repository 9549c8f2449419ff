#!/bin/sh
# Issue 14 item 2: a row deleted from the sqlite3 shell (foreign keys are
# off there) is an inconsistency, not damage. The next start keeps the live
# database and every booking in it (no restore from the morning backup),
# and says what it found: in the log, in `kioskctl check` (exit 1, the
# problem named) and on the technician screen's database line.
. tests/lib.sh
needs sqlite3 sqlite3
SID=kangyang-zixun-20261201-1000
d="$TMP/d"
mkdir -p "$d"
NOW="2026-12-01 08:00"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
printf 'expect-screen attract\n' >"$TMP/start.txt"
# The morning's start takes the daily backup (without the booking below).
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/start.txt" >"$TMP/out" 2>"$TMP/log"
check "the morning start takes the daily backup" test -s "$d/backup/kiosk-2026-12-01.db"
NOW="2026-12-01 08:30"
t=$(ctl book --session $SID --phone 13800000001 --party 2)
check "a booking of the day" test -n "$t"
sqlite3 "$d/kiosk.db" "DELETE FROM sessions WHERE id = '$SID'"
check "the shell deleted its session" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT count(*) FROM sessions WHERE id = '$SID'")" = 0

expect_exit 1 "kioskctl check reports the inconsistency (exit 1)" ctl check
check "... naming the table and the missing row" grep -q "inconsistent (not damaged): bookings row .* points to a missing row of sessions" "$TMP/err"
check "... and saying it is no damage" grep -q "not damaged" "$TMP/err"

NOW="2026-12-01 09:00"
{
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    echo "$(echo 246810 | sed 's/./tap key:&\n/g' | grep .)"
    echo "tap next"
    echo "expect-screen staff"
    echo "tap tech"
    echo "expect-screen technician"
    echo 'expect-text "at start: inconsistent (not damaged)"'
} >"$TMP/tech.txt"
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/tech.txt" >"$TMP/out" 2>"$TMP/log"
rc=$?
check "the kiosk starts and its technician screen names the inconsistency" test $rc -eq 0
[ $rc -eq 0 ] || grep -a 'step failed' -A 3 "$TMP/log"
check "nothing was restored from the backup" sh -c "! grep -q 'restored the backup' '$TMP/log'"
check "nothing was set aside" sh -c "! ls '$d' | grep -q corrupt"
check "the log reports the inconsistency" grep -q "inconsistent (not damaged): bookings row .* points to a missing row of sessions" "$TMP/log"
check "the booking is still in the live database" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT status FROM bookings WHERE ticket = '$t'")" = booked
check "its session is back as a placeholder, closed to new bookings" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT state || ' ' || date || ' ' || start FROM sessions WHERE id = '$SID'")" = "closed 2026-12-01 10:00"
ctl bookings --format csv >"$TMP/b.csv"
check "kioskctl lists the booking again" grep -q "^$t,$SID," "$TMP/b.csv"
expect_exit 0 "after the repair kioskctl check passes" ctl check
