#!/bin/sh
# Issue 16 (i16house) with kioskctl: booking for someone else (--for), for
# a resident with no mobile phone (--no-phone), the limits per person within
# the household cap, the for column and filter of `bookings`, and the same
# column in the export.
. tests/lib.sh
DB="$TMP/t.db"
NOW="2026-12-01 09:00"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }

expect_exit 0 "import the demo catalog" ctl import-catalog assets/catalog/demo.ini
# Sessions with room (at least 3 seats), on later days: one for each booking.
ctl sessions --format csv | tr -d '\r' |
    awk -F, 'NR > 1 && $5 > "2026-12-01" && $10 >= 3 { print $1 }' >"$TMP/sids"
check "sessions with room to book into ($(wc -l <"$TMP/sids"))" test "$(wc -l <"$TMP/sids")" -ge 8
sid() { sed -n "${1}p" "$TMP/sids"; }

PHONE=13800000001
# Five people of one household, each in their own session, by one phone.
i=1
ok5=1
for who in "" 爸爸 妈妈 孩子 奶奶; do
    if [ -n "$who" ]; then
        ctl book --session "$(sid $i)" --phone $PHONE --for "$who" >>"$TMP/tickets" || ok5=0
    else
        ctl book --session "$(sid $i)" --phone $PHONE >>"$TMP/tickets" || ok5=0
    fi
    i=$((i + 1))
done
check "five bookings for five people with one phone succeed" test "$ok5" -eq 1
expect_exit 1 "a sixth, for a sixth person, is beyond the household limit" \
    ctl book --session "$(sid 6)" --phone $PHONE --for 爷爷
check "... saying so in one line" grep -qx \
    "kioskctl: refused: this phone holds the most future bookings one household may hold (household_limit); ask the staff" \
    "$TMP/err"
expect_exit 1 "... as for the booker themself" ctl book --session "$(sid 6)" --phone $PHONE
check "the household holds five bookings" \
    test "$(ctl bookings --phone $PHONE --format csv | tail -n +2 | grep -c ',booked,')" -eq 5

# Both parents in one session by one phone: two people, not a duplicate.
P2=13900000002
expect_exit 0 "a daughter books her father" ctl book --session "$(sid 7)" --phone $P2 --for 爸爸
expect_exit 0 "... and her mother into the same session" ctl book --session "$(sid 7)" --phone $P2 --for 妈妈
expect_exit 1 "... but not her mother twice" ctl book --session "$(sid 7)" --phone $P2 --for 妈妈
check "... refused as a duplicate" grep -q "already holds a booking for this session" "$TMP/err"
# The per-person limit (3) counts the person, not the phone.
expect_exit 0 "the mother's second" ctl book --session "$(sid 1)" --phone $P2 --for 妈妈
expect_exit 0 "the mother's third" ctl book --session "$(sid 2)" --phone $P2 --for 妈妈
expect_exit 1 "the mother's fourth is beyond the person limit" ctl book --session "$(sid 3)" --phone $P2 --for 妈妈
check "... saying the limit" grep -q "maximum number of future bookings" "$TMP/err"

# No mobile phone.
expect_exit 2 "--no-phone without --for is a usage error" ctl book --session "$(sid 8)" --no-phone
check "... that says a label is needed" grep -q -- "--no-phone needs --for" "$TMP/err"
expect_exit 2 "--no-phone with --phone is a usage error" \
    ctl book --session "$(sid 8)" --no-phone --phone $PHONE --for 张奶奶
expect_exit 1 "a label with digits is refused" ctl book --session "$(sid 8)" --no-phone --for 13800000009
check "... as not a label" grep -q "without digits" "$TMP/err"
expect_exit 0 "a booking with no phone, for 张奶奶" ctl book --session "$(sid 8)" --no-phone --for 张奶奶
NP=$(cat "$TMP/out")
check "... gets a ticket code ($NP)" sh -c "echo '$NP' | grep -Eqx '[2-9A-HJ-NP-Z]{8}'"
check "... stored with no phone, for 张奶奶, booked by kioskctl" test \
    "$(sqlite3 "$DB" "SELECT COALESCE(phone, 'NULL') || '|' || for_label || '|' || booked_by FROM bookings WHERE ticket = '$NP'")" \
    = "NULL|张奶奶|kioskctl"

# Staff find it by the label and the date.
D8=$(sid 8 | sed 's/.*-\([0-9]\{4\}\)\([0-9][0-9]\)\([0-9][0-9]\)-.*/\1-\2-\3/')
ctl bookings --for 张奶奶 --date "$D8" --format csv | tr -d '\r' >"$TMP/f.csv"
check "bookings --for 张奶奶 --date $D8 finds exactly that booking" \
    test "$(tail -n +2 "$TMP/f.csv" | cut -d, -f1)" = "$NP"
check "bookings csv ends with the for column" test "$(head -n1 "$TMP/f.csv")" = \
    "ticket,session_id,service_id,service_name,date,start,phone,party,status,created_at,for"
check "... holding the label, the phone empty" sh -c "tail -n +2 '$TMP/f.csv' | grep -q ',,1,booked,.*,张奶奶\$'"
ctl bookings --for 妈妈 --format json >"$TMP/f.json"
check "bookings json has 'for'" python3 -c "
import json; rows=json.load(open('$TMP/f.json'))
assert len(rows)==4 and all(r['for']=='妈妈' for r in rows), rows"
ctl bookings --for 张奶奶 >"$TMP/f.txt"
check "the table has the for column too" sh -c "head -n1 '$TMP/f.txt' | grep -q ' for\$' && grep -q '张奶奶' '$TMP/f.txt'"
ctl bookings --for 李爷爷 --format csv | tr -d '\r' >"$TMP/none.csv"
check "a label nobody has lists nothing" test "$(wc -l <"$TMP/none.csv")" -eq 1

# The export carries the same column.
expect_exit 0 "export" ctl export --out "$TMP/x.csv" --from 2026-12-01 --until 2026-12-31
check "the export has the for column with the labels" python3 -c "
import csv; rows=list(csv.DictReader(open('$TMP/x.csv', encoding='utf-8-sig')))
assert sorted(r['for'] for r in rows if r['phone']=='$PHONE')==sorted(['','爸爸','妈妈','孩子','奶奶']), rows
assert [r['phone'] for r in rows if r['for']=='张奶奶']==[''], rows"

# The no-phone booking checks in by its code on its day.
expect_exit 0 "the no-phone booking checks in by its code on its day" \
    "$CTL" --db "$DB" --now "$D8 07:00" checkin "$NP"
check "... and is checked in" test "$(sqlite3 "$DB" "SELECT status FROM bookings WHERE ticket = '$NP'")" = checked_in

# Retention: the purge clears the labels with the phones.
expect_exit 0 "purge months later" "$CTL" --db "$DB" --now "2027-06-01 09:00" purge
check "no label is left on the purged bookings" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM bookings WHERE for_label IS NOT NULL OR phone IS NOT NULL")" -eq 0
