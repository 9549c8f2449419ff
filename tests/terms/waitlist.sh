#!/bin/sh
# Issue 20, terms and the waitlist together: a child's drop-out frees a
# seat in every class of the term ahead, through the one path that frees a
# seat (store_staff_change), so a class that was full gives its freed seat
# to the first on that class's waitlist in the drop-out's own transaction:
# a real booking held for them, the class full again, never over; the
# other classes simply have the seat back.
. tests/lib.sh
DB="$TMP/t.db"
ctl() { "$CTL" --db "$DB" --now "2026-12-01 09:00" "$@"; }
sql() { sqlite3 "$DB" "$1"; }
SV=xiaoxiao-zhubo
S1=$SV-20261202-1630 # the term's first class (10 seats)
{
    cat assets/catalog/demo.ini
    printf '%s\n' "[term zhubo-2026-winter]" "service = $SV" "name = 2026年冬季班" \
        "name_en = Winter 2026" "from = 2026-12-02" "to = 2026-12-31" "places = 3" "ages = 7-12"
} >"$TMP/cat.ini"
expect_exit 0 "import the demo catalog with a winter term" ctl import-catalog "$TMP/cat.ini"
check "the term's first class has 10 seats" test "$(sql "SELECT capacity FROM sessions WHERE id = '$S1'")" = 10
expect_exit 0 "a child is enrolled for the term" \
    ctl enrol --service $SV --term zhubo-2026-winter --phone 13800000001 --for 孩子
E=$(head -n 1 "$TMP/out")
# The first class filled by nine single bookings beside the enrolment.
for i in 2 3 4 5 6 7 8 9; do ctl book --session $S1 --phone 1380000000$i >/dev/null; done
ctl book --session $S1 --phone 13800000010 >/dev/null
check "the first class is full (10 of 10)" \
    test "$(sql "SELECT count(*) FROM bookings WHERE session_id = '$S1' AND status = 'booked'")" -eq 10
expect_exit 0 "a resident joins the first class's waitlist" \
    ctl waitlist join --session $S1 --phone 13900000001 --for 孙女
expect_exit 0 "the child drops out of the term" ctl drop --ticket "$E"
H=$(sql "SELECT ticket FROM waitlist WHERE target_id = '$S1'")
check "the freed seat of the full class went to the waitlist's first, held ($H)" \
    test "$(sql "SELECT status FROM waitlist WHERE target_id = '$S1'")" = held
check "... a real booking of theirs" \
    test "$(sql "SELECT status || '|' || phone || '|' || for_label || '|' || booked_by FROM bookings WHERE ticket = '$H'")" = "booked|13900000001|孙女|waitlist"
check "... the class full again, never over (10 of 10)" \
    test "$(sql "SELECT count(*) FROM bookings WHERE session_id = '$S1' AND status = 'booked'")" -eq 10
check "the other eight classes have the seat back (no booking of the term left)" \
    test "$(sql "SELECT count(*) FROM bookings b JOIN enrolments e ON e.id = b.enrolment WHERE e.ticket = '$E' AND b.status = 'booked'")" -eq 0
check "... the enrolment is dropped" test "$(sql "SELECT status FROM enrolments WHERE ticket = '$E'")" = dropped
check "the call list names the resident to phone" \
    sh -c "'$CTL' --db '$DB' --now '2026-12-01 09:00' waitlist --call --format csv | grep -q '13900000001'"
