#!/bin/sh
# Issue 20 (courses with terms, 东山小学堂) with kioskctl: a child enrolled
# for a whole term holds a place in every class of it (counted per session
# with sqlite3); the enrolment's one code checks the child in to the class
# of the day (class N of 9); a missed class is marked no-show and ends
# nothing; the register after three classes (two attended, one missed)
# says 2/3; a drop-out frees every class ahead; a term full (its places,
# or one class without a seat) refuses with nothing written; towards the
# limits an enrolment counts once.
. tests/lib.sh
DB="$TMP/t.db"
NOW="2026-12-01 09:00"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
sql() { sqlite3 "$DB" "$1"; }
SV=xiaoxiao-zhubo
# A winter term of 小小主播 (Wed and Fri 16:30, 10 seats) beside the demo's
# spring terms: nine classes in December, three places.
{
    cat assets/catalog/demo.ini
    printf '%s\n' "[term zhubo-2026-winter]" "service = $SV" "name = 2026年冬季班" \
        "name_en = Winter 2026" "from = 2026-12-02" "to = 2026-12-31" "places = 3" "ages = 7-12"
} >"$TMP/cat.ini"
expect_exit 0 "import the demo catalog with a winter term" ctl import-catalog "$TMP/cat.ini"
expect_exit 0 "terms lists the terms" ctl terms --format csv
check "... the five 东山小学堂 spring terms and the winter one" \
    test "$(tr -d '\r' <"$TMP/out" | grep -c -- '-2027-spring,')" -eq 5
check "... the winter term with 9 classes, 3 places left" \
    grep -q "^zhubo-2026-winter,$SV,2026年冬季班,2026-12-02,2026-12-31,3,7-12,9,9,0,3" "$TMP/out"
check "the spring terms' classes are in the store beyond the 14-day horizon" \
    test "$(sql "SELECT count(*) FROM sessions WHERE service_id = 'jieqi-meiyu' AND date BETWEEN '2027-03-06' AND '2027-06-26'")" -eq 17

P1=13800000001
expect_exit 0 "enrol 孩子 for the winter term" \
    ctl enrol --service $SV --term zhubo-2026-winter --phone $P1 --for 孩子
A=$(head -n 1 "$TMP/out")
check "... printing the enrolment's code and its 9 classes" \
    grep -qx "enrolled in zhubo-2026-winter ($SV): 9 classes from 2026-12-02 to 2026-12-31" "$TMP/out"
check "... one booking in each of the 9 classes" \
    test "$(sql "SELECT count(DISTINCT b.session_id) || '/' || count(*) FROM bookings b JOIN enrolments e ON e.id = b.enrolment WHERE e.ticket = '$A' AND b.status = 'booked'")" = 9/9
check "... every class of the term holds one seat" \
    test "$(sql "SELECT group_concat(n) FROM (SELECT count(b.ticket) n FROM sessions s LEFT JOIN bookings b ON b.session_id = s.id AND b.status = 'booked' WHERE s.service_id = '$SV' AND s.date BETWEEN '2026-12-02' AND '2026-12-31' GROUP BY s.id)")" = 1,1,1,1,1,1,1,1,1
expect_exit 1 "the same child twice is refused" \
    ctl enrol --term zhubo-2026-winter --phone $P1 --for 孩子
check "... saying so" grep -q "孩子 is enrolled in zhubo-2026-winter already" "$TMP/err"
expect_exit 1 "a term of another service is refused" \
    ctl enrol --service jieqi-meiyu --term zhubo-2026-winter --phone $P1 --for 孩子

# The limits: the person limit is 3 future bookings; the enrolment's nine
# classes are one of them.
ctl sessions --service jieqi-meiyu --format csv | tr -d '\r' | awk -F, 'NR > 1 { print $1 }' >"$TMP/jq"
expect_exit 0 "孩子 books a single 节气美育 session beside the term" \
    ctl book --session "$(sed -n 1p "$TMP/jq")" --phone $P1 --for 孩子
expect_exit 0 "... and a second (the enrolment counts once: 3 in all)" \
    ctl book --session "$(sed -n 2p "$TMP/jq")" --phone $P1 --for 孩子
expect_exit 1 "... but not a third" ctl book --session "$(sed -n 3p "$TMP/jq")" --phone $P1 --for 孩子
check "... refused by the person limit" grep -q "maximum number of future bookings" "$TMP/err"
P9=13800000009
for i in 1 2 3; do ctl book --session "$(sed -n ${i}p "$TMP/jq")" --phone $P9 --for 孙女 >/dev/null; done
before=$(sql "SELECT count(*) FROM bookings")
expect_exit 1 "a child holding 3 bookings cannot enrol" \
    ctl enrol --term zhubo-2026-winter --phone $P9 --for 孙女
check "... refused by the person limit" grep -q "maximum number of future bookings" "$TMP/err"
check "... with nothing written" test "$(sql "SELECT count(*) FROM bookings")" = "$before"

# Full: three places.
expect_exit 0 "enrol 孙子 (a second place)" ctl enrol --term zhubo-2026-winter --phone 13800000002 --for 孙子
B=$(head -n 1 "$TMP/out")
expect_exit 0 "enrol 外孙 (the third)" ctl enrol --term zhubo-2026-winter --phone 13800000003 --for 外孙
C=$(head -n 1 "$TMP/out")
nb=$(sql "SELECT count(*) FROM bookings")
expect_exit 1 "a fourth child is refused: the term is full" \
    ctl enrol --term zhubo-2026-winter --phone 13800000004 --for 孩子
check "... saying so" grep -qx "kioskctl: refused: the term zhubo-2026-winter is full (all 3 places taken)" "$TMP/err"
check "... with nothing written" \
    test "$(sql "SELECT count(*) FROM bookings")/$(sql "SELECT count(*) FROM enrolments")" = "$nb/3"

# Attendance: classes on 2 and 4 December attended with the enrolment's
# code, the one of 9 December missed (no-show) and the term goes on.
NOW="2026-12-02 16:20"
expect_exit 0 "2 December: 孩子 checks in with the enrolment's code" ctl checkin "$A"
check "... to today's class, the first of 9" grep -qx "class 1 of 9" "$TMP/out"
NOW="2026-12-04 16:25"
expect_exit 0 "4 December: checks in again" ctl checkin "$A"
check "... the second of 9" grep -qx "class 2 of 9" "$TMP/out"
check "... the booking checked in is the one of 4 December" \
    test "$(sql "SELECT s.date FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN enrolments e ON e.id = b.enrolment WHERE e.ticket = '$A' AND b.status = 'checked_in' ORDER BY s.date DESC LIMIT 1")" = 2026-12-04
expect_exit 1 "... and cannot check in twice" ctl checkin "$A"
NOW="2026-12-09 18:00"
missed=$(sql "SELECT b.ticket FROM bookings b JOIN enrolments e ON e.id = b.enrolment WHERE e.ticket = '$A' AND b.session_id = '$SV-20261209-1630'")
expect_exit 0 "9 December: staff mark the missed class no-show" ctl no-show "$missed"
check "... the enrolment goes on" test "$(sql "SELECT status FROM enrolments WHERE ticket = '$A'")" = enrolled
check "... its 6 classes ahead still held" \
    test "$(sql "SELECT count(*) FROM bookings b JOIN enrolments e ON e.id = b.enrolment JOIN sessions s ON s.id = b.session_id WHERE e.ticket = '$A' AND b.status = 'booked' AND s.date > '2026-12-09'")" = 6
expect_exit 0 "the register after three classes" ctl register --service $SV --term zhubo-2026-winter --format csv
tr -d '\r' <"$TMP/out" >"$TMP/reg.csv"
check "... one column a class" \
    grep -qx "child,phone,status,attended,2026-12-02,2026-12-04,2026-12-09,2026-12-11,2026-12-16,2026-12-18,2026-12-23,2026-12-25,2026-12-30" "$TMP/reg.csv"
check "... 孩子 attended 2 of 3 (present, present, absent), the phone masked" \
    grep -qx "孩子,138\*\*\*\*0001,enrolled,2/3,present,present,absent,,,,,," "$TMP/reg.csv"
check "... 孙子 attended none of 3" grep -q "^孙子,138\*\*\*\*0002,enrolled,0/3,absent,absent,absent," "$TMP/reg.csv"
check "... and who came to each class" grep -q "^(present),,,,1,1,0,0," "$TMP/reg.csv"
check "... no full phone number in it" sh -c "! grep -q 13800000001 '$TMP/reg.csv'"

# A drop-out frees every class ahead.
NOW="2026-12-10 09:00"
missedB=$(sql "SELECT b.ticket FROM bookings b JOIN enrolments e ON e.id = b.enrolment WHERE e.ticket = '$B' AND b.session_id = '$SV-20261209-1630'")
expect_exit 0 "孙子 missed 9 December too (no-show)" ctl no-show "$missedB"
expect_exit 0 "孙子 drops out" ctl drop --ticket "$B"
check "... freeing the 6 classes ahead" grep -qx "$B dropped out: 6 classes freed" "$TMP/out"
check "... each cancelled, the past ones kept" \
    test "$(sql "SELECT group_concat(b.status) FROM bookings b JOIN enrolments e ON e.id = b.enrolment JOIN sessions s ON s.id = b.session_id WHERE e.ticket = '$B' ORDER BY s.date")" = "booked,booked,no_show,cancelled,cancelled,cancelled,cancelled,cancelled,cancelled"
check "... the classes ahead hold two seats again" \
    test "$(sql "SELECT group_concat(n) FROM (SELECT count(b.ticket) n FROM sessions s LEFT JOIN bookings b ON b.session_id = s.id AND b.status IN ('booked', 'checked_in') WHERE s.service_id = '$SV' AND s.date > '2026-12-10' AND s.date <= '2026-12-31' GROUP BY s.id)")" = 2,2,2,2,2,2
check "... the audit says so" test "$(sql "SELECT count(*) FROM audit WHERE action = 'drop' AND ticket = '$B'")" = 1
expect_exit 1 "dropping out twice is refused" ctl drop --ticket "$B"

# A class full of single bookings refuses a new enrolment, whole.
i=0
while [ $i -lt 8 ]; do
    i=$((i + 1))
    ctl book --session $SV-20261216-1630 --phone 1390000000$i >/dev/null || break
done
check "16 December's class is full (2 enrolled + 8 single)" \
    test "$(sql "SELECT count(*) FROM bookings WHERE session_id = '$SV-20261216-1630' AND status = 'booked'")" = 10
nb=$(sql "SELECT count(*) FROM bookings")
expect_exit 1 "a new child for the free place is refused: one class has no seat" \
    ctl enrol --term zhubo-2026-winter --phone 13800000005 --for 小明
check "... saying which" grep -qx "kioskctl: refused: the term zhubo-2026-winter is full: one of its classes has no seat left" "$TMP/err"
check "... with nothing written" \
    test "$(sql "SELECT count(*) FROM bookings")/$(sql "SELECT count(*) FROM enrolments WHERE status = 'enrolled'")" = "$nb/2"
expect_exit 0 "enrol --drop CODE drops out too" ctl enrol --drop "$C"
expect_exit 0 "... then the child enrols (a seat in every class again)" \
    ctl enrol --term zhubo-2026-winter --phone 13800000005 --for 小明
check "... holding the 6 classes ahead" grep -q ": 6 classes from 2026-12-11 to" "$TMP/out"
expect_exit 2 "enrol without --for is a usage error" ctl enrol --term zhubo-2026-winter --phone $P1
check "kioskctl check: the store is sound" sh -c "'$CTL' --db '$DB' check | grep -qx 'ok, schema version [0-9][0-9]*'"

# On the kiosk, by touch (1080x1920 and 1920x1080): the service screen's
# 报名整学期, the term, the number, the child (孩子), the confirmation, the
# enrolled ticket; its QR on screen and on the slip is the enrolment's code,
# and its places are held in every class.
have_zbar=0
command -v zbarimg >/dev/null 2>&1 && have_zbar=1
for size in 1080x1920 1920x1080; do
    d="$TMP/kiosk-$size"
    mkdir -p "$d"
    "$CTL" --db "$d/kiosk.db" --now "2026-12-01 09:00" import-catalog "$TMP/cat.ini" >/dev/null
    cat >"$d/s.txt" <<'SCRIPT'
tap start
tap category:ertong
tap service:xiaoxiao-zhubo
expect-screen service
tap enrol
expect-screen term
tap term:zhubo-2026-winter
expect-text "2026年冬季班"
expect-text "共9次课"
expect-text "还剩3个名额"
expect-text "7–12岁"
shot term
tap next
expect-screen phone
type 13800000007
tap next
expect-screen for
tap for:child
expect-screen confirm
expect-text "2026年冬季班，2026年12月2日 周三起，共9次课"
expect-text "孩子"
shot confirm
tap confirm
expect-screen enrolled
expect-text "报名成功"
shot enrolled
tap done
expect-screen home
tap category:ertong
tap service:xiaoxiao-zhubo
tap enrol
tap term:zhubo-2026-winter
tap next
type 13800000007
tap next
tap for:child
tap confirm
expect-screen term
expect-text "这个孩子已经报过这个学期了"
shot refused
SCRIPT
    : >"$d/printer.bin"
    "$KIOSK" --headless --data-dir "$d" --printer "$d/printer.bin" --size $size \
        --now "2026-12-01 09:00" --script "$d/s.txt" --screenshots "$d" >"$d/out" 2>"$d/err"
    rc=$?
    check "[$size] a child enrolled on the kiosk by touch; the second time refused on the term" \
        test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
    q() { sqlite3 "$d/kiosk.db" "$1"; }
    E=$(q "SELECT ticket FROM enrolments WHERE phone = '13800000007' AND for_label = '孩子' AND booked_by = 'kiosk' AND status = 'enrolled'")
    check "[$size] ... the store holds one enrolment made at the kiosk" test -n "$E"
    check "[$size] ... with one seat in each of the 9 classes" \
        test "$(q "SELECT count(DISTINCT b.session_id) FROM bookings b JOIN enrolments e ON e.id = b.enrolment WHERE e.ticket = '$E' AND b.status = 'booked'")" = 9
    check "[$size] ... the log has neither the phone nor the label" \
        sh -c "! grep -Eq '13800000007|孩子|[0-9]{7}' '$d/err' '$d/out'"
    if [ $have_zbar = 1 ]; then
        got=$(zbarimg --raw -q "$d/enrolled.bmp" 2>/dev/null)
        check "[$size] ... the QR on the enrolled screen is the enrolment's (genuine)" \
            test "$("$CTL" --db "$d/kiosk.db" verify-ticket "$got" 2>/dev/null)" = "$E"
        python3 tests/tools/escpos_decode.py "$d/printer.bin" "$d/slip.pbm" >/dev/null 2>&1
        got=$(zbarimg --raw -q "$d/slip.pbm" 2>/dev/null)
        check "[$size] ... and so is the printed slip's" \
            test "$("$CTL" --db "$d/kiosk.db" verify-ticket "$got" 2>/dev/null)" = "$E"
    fi
    NOW="2026-12-02 16:20"
    expect_exit 0 "[$size] on 2 December the kiosk's code checks the child in (kioskctl)" \
        "$CTL" --db "$d/kiosk.db" --now "$NOW" checkin "$E"
    check "[$size] ... to the first of 9 classes" grep -qx "class 1 of 9" "$TMP/out"
done
