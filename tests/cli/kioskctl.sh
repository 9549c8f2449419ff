#!/bin/sh
# kioskctl end to end on the demo catalog: import, sessions, booking to
# capacity, refusals, status changes, export, a refused catalog, readers and
# concurrent writers.
. tests/lib.sh
DB="$TMP/t.db"
NOW="2026-12-01 09:00"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
# wait_lines FILE N: until FILE has N lines, for at most 60 s.
wait_lines() {
    i=0
    while [ "$(wc -l <"$1" 2>/dev/null || echo 0)" -lt "$2" ]; do
        i=$((i + 1))
        [ $i -gt 600 ] && return 1
        sleep 0.1
    done
}

expect_exit 0 "import the demo catalog" ctl import-catalog assets/catalog/demo.ini
ctl sessions --date 2026-12-01 --format csv >"$TMP/s.csv"
head -n1 "$TMP/s.csv" | tr -d '\r' >"$TMP/hdr"
check "sessions csv header" test "$(cat "$TMP/hdr")" = \
    "session_id,service_id,category_id,service_name,date,start,end,capacity,booked,remaining"
n=$(tail -n +2 "$TMP/s.csv" | grep -c ',2026-12-01,')
check "sessions listed for 2026-12-01 ($n)" test "$n" -ge 3

# The smallest session of the day that starts after the cut-off.
pick=$(tail -n +2 "$TMP/s.csv" | tr -d '\r' | awk -F, '$6 >= "10:00" { print $8, $1 }' | sort -n | head -n1)
cap=${pick%% *}
sid=${pick#* }
check "a small session to fill ($sid, capacity $cap)" test -n "$sid" -a "$cap" -ge 1 -a "$cap" -le 12

i=0
booked_ok=1
while [ "$i" -lt "$cap" ]; do
    phone=$(printf '1380000%04d' "$i")
    t=$(ctl book --session "$sid" --phone "$phone") || booked_ok=0
    echo "$t" | grep -Eq '^[2-9A-HJ-NP-Z]{8}$' || booked_ok=0
    echo "$t" >>"$TMP/tickets"
    i=$((i + 1))
done
check "book person by person up to capacity $cap" test "$booked_ok" -eq 1
expect_exit 1 "the next booking is refused" ctl book --session "$sid" --phone 13900000000
check "the refusal says why in one line" grep -q "not enough seats" "$TMP/err"
check "the refusal is one line" test "$(wc -l <"$TMP/err")" -eq 1
rem=$(ctl sessions --date 2026-12-01 --format csv | tr -d '\r' | awk -F, -v s="$sid" '$1 == s { print $9 "/" $10 }')
check "session shows booked=$cap remaining=0 ($rem)" test "$rem" = "$cap/0"

ctl bookings --format csv >"$TMP/b.csv"
check "bookings csv header" test "$(head -n1 "$TMP/b.csv" | tr -d '\r')" = \
    "ticket,session_id,service_id,service_name,date,start,phone,party,status,created_at,for"
check "bookings csv shows all $cap" test "$(grep -c ",$sid," "$TMP/b.csv")" -eq "$cap"
check "bookings are 'booked' with the time they were made" \
    test "$(grep ",$sid," "$TMP/b.csv" | grep -c ',booked,2026-12-01 09:00')" -eq "$cap"
ctl bookings --format json >"$TMP/b.json"
check "bookings json parses with party as a number" python3 -c "
import json,sys; rows=json.load(open('$TMP/b.json')); assert len(rows)==$cap and rows[0]['party']==1, rows"
expect_exit 0 "check" "$CTL" --db "$DB" check
check "check prints ok" grep -q '^ok' "$TMP/out"

# Refusals, each with its reason and exit 1.
t1=$(head -n1 "$TMP/tickets")
# A session with seats left, so that only the duplicate guard can refuse
# (the full one above refuses anything as "not enough seats"); after the
# day range exported below, so that the exports stay as they are.
free=$(ctl sessions --date 2026-12-10 --format csv | tr -d '\r' | awk -F, 'NR > 1 && $10 >= 2 { print $1; exit }')
check "a session with free seats to book twice ($free)" test -n "$free"
expect_exit 0 "a phone books a session with free seats" ctl book --session "$free" --phone 13700000001
tf=$(cat "$TMP/out")
check "... and gets a ticket ($tf)" sh -c "echo '$tf' | grep -Eqx '[2-9A-HJ-NP-Z]{8}'"
expect_exit 1 "duplicate phone in a session" ctl book --session "$free" --phone 13700000001
check "the refusal says the phone already holds a booking for it" \
    grep -qx "kioskctl: refused: this phone already holds a booking for this session" "$TMP/err"
ctl bookings --phone 13700000001 --format csv >"$TMP/dup.csv"
check "... and the phone holds one booking of the session" test "$(grep -c ",$free," "$TMP/dup.csv")" -eq 1
expect_exit 1 "bad phone number" ctl book --session "$sid" --phone 12345
check "bad phone reason" grep -q "valid mobile" "$TMP/err"
expect_exit 1 "no such session" ctl book --session nope-20261201-0900 --phone 13900000001
check "... saying so" grep -qx "kioskctl: refused: no such session" "$TMP/err"
expect_exit 2 "book without --phone is a usage error" ctl book --session "$sid"
check "... saying what book needs" grep -q "book needs --session and --phone" "$TMP/err"
expect_exit 2 "unknown command" ctl frobnicate
check "... naming it" grep -q "unknown command 'frobnicate'" "$TMP/err"
expect_exit 2 "bad --format" ctl sessions --format xml
check "... naming the formats" grep -q "format must be table, csv or json, not 'xml'" "$TMP/err"

# Status changes.
expect_exit 0 "cancel a booking" ctl cancel "$t1"
expect_exit 1 "cancel it again is refused" ctl cancel "$t1"
check "... saying it is cancelled" grep -qx "kioskctl: $t1: refused: the booking is cancelled" "$TMP/err"
expect_exit 0 "the freed seat can be booked" ctl book --session "$sid" --phone 13900000000
t2=$(sed -n 2p "$TMP/tickets")
expect_exit 0 "check in (lower case, dashed)" ctl checkin "$(echo "$t2" | cut -c1-4 | tr A-Z a-z)-$(echo "$t2" | cut -c5-8)"
expect_exit 1 "check in twice is refused" ctl checkin "$t2"
check "the second check-in says it is checked in" grep -q checked_in "$TMP/err"
expect_exit 1 "unknown ticket" ctl checkin 23456789
check "... saying not found" grep -qx "kioskctl: 23456789: not found: no such ticket" "$TMP/err"
expect_exit 1 "not a ticket code" ctl checkin hello
check "... saying not found" grep -q "hello: not found" "$TMP/err"
# no-show: the status no_show in the store (nothing else runs it).
expect_exit 0 "no-show marks a booking" ctl no-show "$tf"
check "... saying so" grep -qx "$tf marked no-show" "$TMP/out"
ctl bookings --phone 13700000001 --format csv >"$TMP/ns.csv"
check "the store says no_show" test "$(tr -d '\r' <"$TMP/ns.csv" | awk -F, -v t="$tf" '$1 == t { print $9 }')" = no_show
expect_exit 1 "no-show again is refused" ctl no-show "$tf"
check "... saying it is no_show" grep -qx "kioskctl: $tf: refused: the booking is no_show" "$TMP/err"
check "status filter" test "$(ctl bookings --status checked_in --format csv | tail -n +2 | grep -c .)" -eq 1
check "phone filter" test "$(ctl bookings --phone 13900000000 --format csv | tail -n +2 | grep -c .)" -eq 1

# Export: UTF-8 with BOM, CRLF, RFC 4180.
expect_exit 0 "export" ctl export --out "$TMP/x.csv" --date 2026-12-01
check "export starts with a UTF-8 BOM" test "$(head -c3 "$TMP/x.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "export uses CRLF" test "$(head -n1 "$TMP/x.csv" | tail -c2 | od -An -tx1 | tr -d ' ')" = 0d0a
check "export parses as CSV with Chinese names" python3 -c "
import csv; rows=list(csv.DictReader(open('$TMP/x.csv', encoding='utf-8-sig', newline='')))
assert len(rows) == $cap + 1 and all(r['service_name'] for r in rows), rows"
# A date range: the same rows as the one day inside it; none for a range without bookings.
expect_exit 0 "export of a date range" ctl export --out "$TMP/r.csv" --from 2026-11-30 --until 2026-12-02
check "the range holds the day's bookings" cmp -s "$TMP/x.csv" "$TMP/r.csv"
expect_exit 0 "export of an empty range" ctl export --out "$TMP/e.csv" --from 2026-12-02 --until 2026-12-09
check "an empty range is the header alone" test "$(wc -l <"$TMP/e.csv")" -eq 1
expect_exit 2 "--date with --from is refused" ctl export --out "$TMP/z.csv" --date 2026-12-01 --from 2026-12-01
expect_exit 2 "a range ending before it starts is refused" ctl export --out "$TMP/z.csv" --from 2026-12-02 --until 2026-12-01
check "and says why" grep -q "after --until" "$TMP/err"
check "a refused export writes no file" test ! -e "$TMP/z.csv"

# A catalog with an error on line N is refused and changes nothing.
sqlite3 "$DB" .dump >"$TMP/before.sql"
check "the dump before holds the bookings" grep -q "INSERT INTO bookings" "$TMP/before.sql"
awk 'NR==12 { print "colour = blue" } { print }' assets/catalog/demo.ini >"$TMP/bad.ini"
expect_exit 1 "catalog with an unknown key is refused" ctl import-catalog "$TMP/bad.ini"
check "the message names the file and line 12" grep -q "bad.ini:12: " "$TMP/err"
sqlite3 "$DB" .dump >"$TMP/after.sql"
check "the database is as it was" cmp -s "$TMP/before.sql" "$TMP/after.sql"
printf '[station]\nid = x\nname = \377\n' >"$TMP/utf.ini"
expect_exit 1 "catalog with invalid UTF-8 is refused" ctl import-catalog "$TMP/utf.ini"
check "invalid UTF-8 names line 3" grep -q "utf.ini:3: " "$TMP/err"

# A staff sqlite3 shell holding a read transaction does not block a booking.
# The shell's two counts, before and after the booking, are equal: it really
# held its snapshot while the kiosk committed.
if command -v sqlite3 >/dev/null 2>&1; then
    mkfifo "$TMP/fifo"
    (sleep 30 >"$TMP/fifo") &
    holder=$!
    sqlite3 "$DB" <"$TMP/fifo" >"$TMP/reader.out" 2>&1 &
    reader=$!
    exec 9>"$TMP/fifo"
    printf 'BEGIN;\nSELECT count(*) FROM bookings;\n' >&9
    # The shell holds its snapshot once it has printed the first count.
    check "the sqlite3 shell has begun its read" wait_lines "$TMP/reader.out" 1
    other=$(ctl sessions --date 2026-12-03 --format csv | tr -d '\r' | awk -F, 'NR > 1 && $10 >= 2 { print $1; exit }')
    expect_exit 0 "booking while a sqlite3 shell holds a read transaction" \
        ctl book --session "$other" --phone 13900000009
    printf 'SELECT count(*) FROM bookings;\nCOMMIT;\nSELECT count(*) FROM bookings;\n' >&9
    wait_lines "$TMP/reader.out" 3
    exec 9>&-
    kill "$holder" "$reader" 2>/dev/null
    wait "$reader" 2>/dev/null
    c1=$(sed -n 1p "$TMP/reader.out")
    c2=$(sed -n 2p "$TMP/reader.out")
    c3=$(sed -n 3p "$TMP/reader.out")
    check "the reader kept its snapshot ($c1 = $c2) and then saw the booking ($c3)" \
        test -n "$c1" -a "$c1" = "$c2" -a "$c3" = $((c1 + 1))
else
    not_ok "the sqlite3 shell (Debian package sqlite3) is needed for the staff reader test"
fi

# Two processes booking the last seats at once never overbook.
big=$(ctl sessions --date 2026-12-02 --format csv | tr -d '\r' | awk -F, 'NR > 1 && $8 >= 6 { print $1; exit }')
capb=$(ctl sessions --date 2026-12-02 --format csv | tr -d '\r' | awk -F, -v s="$big" '$1 == s { print $8 }')
for w in a b; do
    (
        j=0
        while [ $j -lt $((capb)) ]; do
            n=$(printf '13%d%08d' "$([ $w = a ] && echo 5 || echo 6)" "$j")
            ctl book --session "$big" --phone "$n" >>"$TMP/race.$w" 2>/dev/null
            j=$((j + 1))
        done
    ) &
done
wait
won=$(cat "$TMP/race.a" "$TMP/race.b" | grep -c .)
inbase=$(ctl bookings --format csv | grep -c ",$big,")
check "two writers: $won booked of capacity $capb, none over" test "$won" -eq "$capb" -a "$inbase" -eq "$capb"

expect_exit 0 "backup" ctl backup "$TMP/backup.db"
ctl bookings --format csv >"$TMP/all.csv"
expect_exit 0 "the backup opens" "$CTL" --db "$TMP/backup.db" bookings --format csv
check "the backup holds the bookings" sh -c "[ \$(wc -l <'$TMP/all.csv') -gt 1 ] && cmp -s '$TMP/all.csv' '$TMP/out'"
expect_exit 0 "help" "$CTL" --help
check "help lists every command" test "$(grep -c -E '^  (import-catalog|services|sessions|bookings|book|checkin|cancel|no-show|export|purge|check|backup|staff (add|passwd|list|remove)|audit)' "$TMP/out")" -eq 17
expect_exit 0 "command help" "$CTL" book --help
check "command help explains refusals" grep -q "exits 1" "$TMP/out"

# Services of the imported catalog.
expect_exit 0 "services" ctl services --format csv
check "services lists the demo's services" test "$(tail -n +2 "$TMP/out" | grep -c .)" -ge 15
check "services include 节气美育" grep -q 节气美育 "$TMP/out"

# Retention: phone numbers are cleared 90 days after their session, bookings stay.
expect_exit 0 "purge before the retention keeps phones" "$CTL" --db "$DB" --now "2027-02-01 09:00" purge
check "nothing purged yet" grep -q "purged 0 " "$TMP/out"
expect_exit 0 "purge after the retention" "$CTL" --db "$DB" --now "2027-03-15 09:00" purge
check "the purge counts the cleared numbers" grep -Eq "purged [1-9][0-9]* " "$TMP/out"
expect_exit 0 "bookings of early December after the purge" "$CTL" --db "$DB" bookings --date 2026-12-01 --format csv
check "no phone of early December remains" test "$(tr -d '\r' <"$TMP/out" | tail -n +2 | awk -F, '$7 != ""' | grep -c .)" -eq 0
check "the bookings themselves remain" test "$(tail -n +2 "$TMP/out" | grep -c .)" -ge "$cap"

# Status changes from the command line are audited like the kiosk's own.
"$CTL" --db "$DB" audit --format csv >"$TMP/audit.csv"
check "cancel is in the audit as kioskctl" grep -q "kioskctl,cancel,$t1," "$TMP/audit.csv"
check "check-in is in the audit as kioskctl" grep -q "kioskctl,attended,$t2," "$TMP/audit.csv"

# Flags among the "--name VALUE" options (one parser for every command):
# a flag anywhere, a flag given a value refused, --phone beside --no-phone
# refused with the reason.
expect_exit 0 "a listing's --all flag after an option" ctl calls --format csv --all
check "... and the option taken (CSV)" grep -q "^call,kiosk,at," "$TMP/out"
expect_exit 2 "a flag given a value is a usage error" ctl calls --all=yes
check "... which says so" grep -q -- "--all takes no value" "$TMP/err"
expect_exit 2 "book with --phone and --no-phone is a usage error" \
    ctl book --session "$free" --no-phone --for 王奶奶 --phone 13700000009
check "... which says so" grep -q -- "--no-phone and --phone exclude each other" "$TMP/err"
