#!/bin/sh
# kioskctl no-show marks no_show, and only that (issue 24, case 2: a
# no-show that cancelled instead passed every test): the status, the
# audit action and the outbox event all say no_show, and the seat stays
# taken (a no-show is not a cancellation).
. tests/lib.sh
DB="$TMP/t.db"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
NOW="2026-12-01 08:00"
expect_exit 0 "import the demo catalog" ctl import-catalog assets/catalog/demo.ini
ctl sessions --date 2026-12-01 --format csv | tr -d '\r' >"$TMP/s.csv"
sid=$(awk -F, 'NR > 1 && $6 >= "10:00" { print $1; exit }' "$TMP/s.csv")
check "a session at 10:00 or later ($sid)" test -n "$sid"
ctl book --session "$sid" --phone 13800000001 >"$TMP/t" 2>"$TMP/err"
rc=$?
t=$(cat "$TMP/t")
check "book one ($t)" test $rc -eq 0 -a -n "$t"
NOW="2026-12-01 23:00"
expect_exit 0 "no-show after the session" ctl no-show "$t"
check "... says so" grep -qx "$t marked no-show" "$TMP/out"
ctl bookings --date 2026-12-01 --format csv >"$TMP/b.csv" 2>"$TMP/err"
check "bookings lists it" test $? -eq 0
check "... with the status no_show, not cancelled" grep -q "^$t,.*,no_show," "$TMP/b.csv"
check "... never cancelled" sh -c "! grep -q cancelled '$TMP/b.csv'"
ctl audit --format csv >"$TMP/a.csv" 2>"$TMP/err"
check "audit lists it" test $? -eq 0
check "... as kioskctl,no_show" grep -q "kioskctl,no_show,$t," "$TMP/a.csv"
expect_exit 1 "no-show twice is refused" ctl no-show "$t"
check "... because it is no_show" grep -q "the booking is no_show" "$TMP/err"
