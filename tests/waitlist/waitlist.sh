#!/bin/sh
# Issue 20, the waitlist (候补): a full session with two on its list, the
# first by the kiosk (by touch) and the second by kioskctl; a cancellation
# gives the seat to the first in the cancel's own transaction (a booking
# booked_by waitlist and the row held, seen with sqlite3), the second moves
# up to 候补第 1 位; staff see whom to phone (kioskctl waitlist, the full
# number there only); after the hold (--now later) the seat passes to the
# second; confirm, withdraw, the resident's lookup and the refusals.
. tests/lib.sh
DB="$TMP/kiosk.db"
NOW="2026-12-01 09:00"
S=hunyin-zixun-20261202-0900 # capacity 2
printf 'waitlist_hold_minutes = 90\n' >"$TMP/k.conf"
ctl() { "$CTL" --config "$TMP/k.conf" --db "$DB" --now "$NOW" "$@"; }
at() { # TIME ARGS...: kioskctl at another time
    _t=$1
    shift
    "$CTL" --config "$TMP/k.conf" --db "$DB" --now "$_t" "$@"
}
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null

# The session fills.
expect_exit 0 "a first booking" ctl book --session $S --phone 13800000001
A=$(cat "$TMP/out")
expect_exit 0 "a second booking fills the session (capacity 2)" ctl book --session $S --phone 13800000002
expect_exit 1 "a third is refused: full" ctl book --session $S --phone 13700000003

# Joining while seats are left is refused: book instead.
S2=dibao-zixun-20261202-0900
expect_exit 1 "joining the list of a session with seats is refused" \
    ctl waitlist join --session $S2 --phone 13700000003
check "... saying the booking is not in a state for it" test -s "$TMP/err"

# Two join the full session's list: the first at the kiosk, by touch.
P1=13900000011
P2=13900000022
keys() { echo "$1" | sed 's/./tap key:&\n/g' | sed '/^$/d'; }
{
    echo "expect-screen attract"
    echo "tap start"
    echo "tap category:hunyin-jiating"
    echo "tap service:hunyin-zixun"
    echo "tap book"
    echo "expect-screen slots"
    echo "tap date:2026-12-02"
    echo "touch session:$S"
    echo 'expect-text "排队候补"'
    echo "shot offer"
    echo "tap waitlist"
    echo "expect-screen waitlist-join"
    echo 'expect-text "这个时段已经约满了"'
    echo "shot join"
    echo "tap next"
    echo "expect-screen phone"
    keys $P1
    echo "tap next"
    echo "expect-screen confirm"
    echo 'expect-text "确认加入候补"'
    echo "tap confirm"
    echo "expect-screen waitlisted"
    echo 'expect-text "您是候补第 1 位"'
    echo "shot waitlisted"
    echo "tap done"
    echo "expect-screen home"
} >"$TMP/join.txt"
kiosk() { # SCRIPT NAME [TIME]: a headless kiosk on the store
    SDL_AUDIODRIVER=dummy "$KIOSK" --headless --config "$TMP/k.conf" --data-dir "$TMP" \
        --now "${3:-$NOW}" --script "$1" --screenshots "$TMP/shots" >"$TMP/$2.out" 2>"$TMP/$2.err"
}
mkdir -p "$TMP/shots"
check "the first resident joins the list at the kiosk (slots, 排队候补, phone, 候补第 1 位)" kiosk "$TMP/join.txt" join
check "... stored: waiting, the phone, added by the kiosk" \
    test "$(q "SELECT status || '|' || phone || '|' || added_by || '|' || (kiosk IS NOT NULL) FROM waitlist WHERE id = 1")" = "waiting|$P1|kiosk|1"
check "... no phone number in the kiosk's log" sh -c "! grep -q '$P1' '$TMP/join.out' '$TMP/join.err' '$TMP'/*.log 2>/dev/null"
expect_exit 0 "kioskctl puts a second on the list, for 张奶奶" \
    ctl waitlist join --session $S --phone $P2 --for 张奶奶
check "... at place 2" grep -qx "waitlist 2: position 2" "$TMP/out"
expect_exit 1 "the same person cannot join twice" ctl waitlist join --session $S --phone $P2 --for 张奶奶
check "... refused as a duplicate" grep -q "already holds" "$TMP/err"
expect_exit 1 "one who holds a booking of the session cannot join" \
    ctl waitlist join --session $S --phone 13800000001
expect_exit 1 "a waitlist without a phone number is refused (staff must call)" \
    ctl waitlist join --session $S --phone 123
check "two rows wait, in order" test "$(q "SELECT group_concat(phone, ',') FROM (SELECT phone FROM waitlist WHERE status = 'waiting' ORDER BY id)")" = "$P1,$P2"

# A cancellation gives the seat to the first, in the same transaction.
expect_exit 0 "the first booking is cancelled" ctl cancel "$A"
H1=$(q "SELECT ticket FROM waitlist WHERE id = 1")
check "the first on the list is held a booking ($H1)" \
    test "$(q "SELECT status || '|' || held_until FROM waitlist WHERE id = 1")" = "held|2026-12-01 10:30"
check "... a real booking: booked, their phone, booked_by waitlist" \
    test "$(q "SELECT status || '|' || phone || '|' || booked_by FROM bookings WHERE ticket = '$H1'")" = "booked|$P1|waitlist"
check "... the session is full again (2 of 2)" \
    test "$(q "SELECT SUM(party) FROM bookings WHERE session_id = '$S' AND status IN ('booked', 'checked_in')")" -eq 2
check "... the booking went to the outbox as created" \
    test "$(q "SELECT count(*) FROM outbox WHERE ticket = '$H1' AND kind = 'created'")" -eq 1
check "the second moved up to place 1" test "$(ctl waitlist --format csv | tr -d '\r' | awk -F, '$2 == "'$S'" && $6 == "waiting" { print $7 }')" = 1

# The second sees their place at their next lookup (我的预约).
lookup() { # PHONE FILE [EXTRA STEPS...]: a lookup script
    _p=$1
    _f=$2
    shift 2
    {
        echo "expect-screen attract"
        echo "tap start"
        echo "tap lookup"
        echo "expect-screen lookup"
        keys "$_p"
        echo "tap next"
        echo "expect-screen bookings"
        for _l in "$@"; do echo "$_l"; done
    } >"$_f"
}
lookup $P2 "$TMP/look2.txt" 'expect-text "候补第 1 位"' "shot mine-waiting" "texts"
check "the second sees 候补第 1 位 at the kiosk" kiosk "$TMP/look2.txt" look2
check "... with the service named 预约服务 (a sensitive service), never its name" \
    sh -c "grep -q '预约服务' '$TMP/look2.out' && ! grep -q '婚姻家庭咨询' '$TMP/look2.out'"
check "... and no full phone number on the screen" sh -c "! grep -q '$P2' '$TMP/look2.out'"

# Staff see whom to phone: the call list, the full number here only.
ctl waitlist --call --format csv | tr -d '\r' >"$TMP/call.csv"
check "the call list has the header" test "$(head -n1 "$TMP/call.csv")" = \
    "id,session_id,service_name,date,start,status,position,for,phone,party,held_until,ticket"
check "... and one row: the held first, full number, hold's end and ticket" \
    test "$(tail -n +2 "$TMP/call.csv")" = "1,$S,婚姻家庭咨询,2026-12-02,09:00,held,,,$P1,1,2026-12-01 10:30,$H1"
ctl waitlist --format json >"$TMP/w.json"
check "the json list has both, held first" python3 -c "
import json; r=json.load(open('$TMP/w.json'))
assert [(x['id'], x['status'], x['position'], x['for']) for x in r] == [(1,'held','',''),(2,'waiting',1,'张奶奶')], r"

# The hold passes: the seat goes on to the second in one pass.
expect_exit 0 "before the hold's end nothing passes" at "2026-12-01 10:29" waitlist expire
check "... (0 holds)" grep -qx "0 holds passed on" "$TMP/out"
expect_exit 0 "at the hold's end the pass runs" at "2026-12-01 10:30" waitlist expire
check "... 1 hold passed on" grep -qx "1 holds passed on" "$TMP/out"
check "the first's row expired, its booking cancelled" \
    test "$(q "SELECT w.status || '|' || b.status FROM waitlist w JOIN bookings b ON b.ticket = w.ticket WHERE w.id = 1")" = "expired|cancelled"
H2=$(q "SELECT ticket FROM waitlist WHERE id = 2")
check "the second holds the seat now, for 张奶奶, until 12:00" \
    test "$(q "SELECT w.status || '|' || w.held_until || '|' || b.status || '|' || b.for_label FROM waitlist w JOIN bookings b ON b.ticket = w.ticket WHERE w.id = 2")" = "held|2026-12-01 12:00|booked|张奶奶"
check "... the session is still 2 of 2" \
    test "$(q "SELECT SUM(party) FROM bookings WHERE session_id = '$S' AND status IN ('booked', 'checked_in')")" -eq 2
check "the pass is audited" test "$(q "SELECT count(*) FROM audit WHERE action = 'waitlist_expire' AND staff = 'waitlist'")" -eq 1

# Staff phone the second and confirm: the hold no longer passes.
expect_exit 0 "staff confirm the second" at "2026-12-01 10:40" waitlist confirm --id 2 --staff 王芳
check "... taken" test "$(q "SELECT status FROM waitlist WHERE id = 2")" = taken
check "... audited under the staff's name" \
    test "$(q "SELECT count(*) FROM audit WHERE action = 'waitlist_confirm' AND staff = '王芳' AND ticket = '$H2'")" -eq 1
expect_exit 1 "confirming again is refused" ctl waitlist confirm --id 2
check "... saying it is taken" grep -q "the entry is taken" "$TMP/err"
expect_exit 0 "a later pass leaves a confirmed seat alone" at "2026-12-01 13:00" waitlist expire
check "... still booked" test "$(q "SELECT status FROM bookings WHERE ticket = '$H2'")" = booked

# Withdrawing a held seat passes it on at once; a waiting row just leaves.
S3=hunyin-zixun-20261204-0900
ctl book --session $S3 --phone 13800000005 >"$TMP/b1" && ctl book --session $S3 --phone 13800000006 >/dev/null
ctl waitlist join --session $S3 --phone $P1 >/dev/null
ctl waitlist join --session $S3 --phone $P2 >/dev/null
ctl waitlist join --session $S3 --phone 13900000033 >/dev/null
ctl cancel "$(cat "$TMP/b1")" >/dev/null
W3=$(q "SELECT id FROM waitlist WHERE target_id = '$S3' AND status = 'held'")
expect_exit 0 "staff withdraw the held entry" ctl waitlist withdraw --id "$W3"
check "... the seat passed on to the next in the same step" \
    test "$(q "SELECT phone FROM waitlist WHERE target_id = '$S3' AND status = 'held'")" = $P2
check "... the withdrawn one's booking is cancelled" \
    test "$(q "SELECT b.status FROM waitlist w JOIN bookings b ON b.ticket = w.ticket WHERE w.id = $W3")" = cancelled
check "... the third is place 1" test "$(ctl waitlist --session $S3 --format csv | tr -d '\r' | awk -F, '$6 == "waiting" { print $9 ":" $7 }')" = "13900000033:1"
check "... audited" test "$(q "SELECT count(*) FROM audit WHERE action = 'waitlist_withdraw'")" -eq 1

# Staff cancelling the held booking itself passes the seat on too.
HT=$(q "SELECT ticket FROM waitlist WHERE target_id = '$S3' AND status = 'held'")
expect_exit 0 "staff cancel the held booking" ctl cancel "$HT"
check "... its row is withdrawn and the third holds the seat" \
    test "$(q "SELECT group_concat(phone || ':' || status, ' ') FROM (SELECT phone, status FROM waitlist WHERE target_id = '$S3' ORDER BY id)")" = "$P1:withdrawn $P2:withdrawn 13900000033:held"

# The third looks it up at the kiosk: 候补成功, the seat held, seen = confirmed.
lookup 13900000033 "$TMP/look3.txt" 'expect-text "候补成功，已为您保留名额"' "shot mine-held"
check "the third sees 候补成功，已为您保留名额 at the kiosk" kiosk "$TMP/look3.txt" look3
check "... which confirms it (taken)" \
    test "$(q "SELECT status FROM waitlist WHERE phone = '13900000033' AND target_id = '$S3'")" = taken

# A resident withdraws at the kiosk: 退出候补, asked once more.
ctl waitlist join --session $S3 --phone 13900000055 >/dev/null
lookup 13900000055 "$TMP/look5.txt" 'expect-text "候补第 1 位"' "tap wait-withdraw:1" \
    'expect-text "确定退出"' "tap wait-withdraw:1" "expect-screen bookings" 'expect-text "已退出候补"'
check "a resident withdraws at the kiosk (tapped twice)" kiosk "$TMP/look5.txt" look5
check "... withdrawn in the store" \
    test "$(q "SELECT status FROM waitlist WHERE phone = '13900000055'")" = withdrawn

# A session that starts ends its waiting rows.
ctl waitlist join --session $S3 --phone 13900000044 >/dev/null
expect_exit 0 "the pass after the session's start" at "2026-12-04 09:00" waitlist expire
check "... the row still waiting expired" \
    test "$(q "SELECT status FROM waitlist WHERE phone = '13900000044'")" = expired

# Never more than the capacity, every held row has its booking.
check "no session is over its capacity" test "$(q "SELECT count(*) FROM sessions s WHERE capacity < (SELECT COALESCE(SUM(party), 0) FROM bookings WHERE session_id = s.id AND status IN ('booked', 'checked_in'))")" -eq 0
check "every held or taken row has a live booking" test "$(q "SELECT count(*) FROM waitlist w LEFT JOIN bookings b ON b.ticket = w.ticket WHERE w.status IN ('held', 'taken') AND (b.status IS NULL OR b.status NOT IN ('booked', 'checked_in'))")" -eq 0
check "kioskctl check is ok" sh -c "'$CTL' --db '$DB' check | grep -q '^ok'"

# Retention: the purge clears the waitlist's numbers too.
at "2027-06-01 09:00" clock confirm >/dev/null
expect_exit 0 "purge months later" at "2027-06-01 09:00" purge
check "no phone or label is left on the waitlist" \
    test "$(q "SELECT count(*) FROM waitlist WHERE phone IS NOT NULL OR for_label IS NOT NULL")" -eq 0

# WAITLIST_SHOTS=DIR keeps the screenshots (to look at them).
[ -n "${WAITLIST_SHOTS:-}" ] && cp "$TMP"/shots/*.bmp "$WAITLIST_SHOTS"/ 2>/dev/null || true
