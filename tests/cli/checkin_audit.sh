#!/bin/sh
# Issue 14 item 15: `kioskctl checkin` writes the check-in and its audit row
# in one transaction (an audit row that cannot be written leaves the
# booking booked), and the audit row takes the wall clock: a --now test
# clock is marked as such in the row's detail, never stamped as the time.
. tests/lib.sh
needs sqlite3 sqlite3
DB="$TMP/kiosk.db"
NOW="2026-12-01 09:00"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
SID=kangyang-zixun-20261201-1000
t1=$(ctl book --session $SID --phone 13800000001)
t2=$(ctl book --session $SID --phone 13800000002)

# An audit table that refuses every row (as a full or broken audit would).
sqlite3 "$DB" "CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END;"
expect_exit 1 "a check-in whose audit row fails is refused" ctl checkin "$t1"
check "... saying why" grep -q "audit refused" "$TMP/err"
check "... and the booking is still booked (rolled back with the audit row)" \
    test "$(sqlite3 "$DB" "SELECT status FROM bookings WHERE ticket = '$t1'")" = booked
check "... and no outbox event was written for it" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE ticket = '$t1' AND kind = 'checked_in'")" = 0
sqlite3 "$DB" "DROP TRIGGER no_audit"

# --now 2026-12-01 09:00 is a test clock; the audit takes the wall clock.
before=$(date '+%Y-%m-%d %H:%M')
expect_exit 0 "kioskctl checkin with --now" ctl checkin "$t2"
after=$(date '+%Y-%m-%d %H:%M')
at=$(sqlite3 "$DB" "SELECT at FROM audit WHERE ticket = '$t2' AND action = 'attended'")
check "the audit row is stamped with the wall clock, not --now" \
    sh -c "[ '$at' = '$before' ] || [ '$at' = '$after' ]"
check "the audit row marks the test clock" \
    test "$(sqlite3 "$DB" "SELECT detail FROM audit WHERE ticket = '$t2'")" = "(test clock 2026-12-01 09:00)"
check "the booking itself is checked in at the test clock" \
    test "$(sqlite3 "$DB" "SELECT status || ' ' || updated_at FROM bookings WHERE ticket = '$t2'")" = "checked_in 2026-12-01 09:00"
check "with one audit row" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE ticket = '$t2'")" = 1
