#!/bin/sh
# 好差评 (issue 20): a resident rates a visit in five levels (rate:5 ..
# rate:1, each a button with its words), may tap reasons, and submits; by
# each of the three ways: after a lookup of 我的预约 (the visits attended
# and not rated, newest first: "您上次的…服务满意吗？"), home's 服务评价 with
# the ticket's code typed or its QR scanned, and on a staff member's prompt
# (kioskctl rate-prompt) at the next touch. A visit is rated once (the
# booking's flag; a second rating is refused, by code and by prompt); a
# sensitive service is 预约服务 on every rating screen; the rating rows
# hold no ticket, phone or label, and the kiosk's log neither; a
# 不满意 is in `kioskctl ratings --low`, followed up with a note (audited,
# digits masked).
. tests/lib.sh
d="$TMP/k"
mkdir -p "$d"
A=13812345678
B=13987654321
C=13700001111
run() { # run NOW SCRIPT NAME [ARGS]: the kiosk on d's store, 1080x1920
    _n=$1 _s=$2 _w=$3
    shift 3
    SDL_AUDIODRIVER=dummy "$KIOSK" --headless --data-dir "$d" --size 1080x1920 --now "$_n" \
        --script "$_s" "$@" >"$_s.out" 2>"$_s.err"
    _rc=$?
    check "$_w" test $_rc -eq 0
    [ $_rc -eq 0 ] || tail -n 12 "$_s.err"
}
ctl() { "$CTL" --db "$d/kiosk.db" "$@"; }
book() { # book SESSION PHONE: prints the ticket
    ctl --now "2026-12-01 08:00" book --session "$1" --phone "$2" | tr -d '\r'
}

printf 'tap start\n' >"$TMP/init.txt"
run "2026-12-01 08:00" "$TMP/init.txt" "the kiosk makes its store"
# A: 康养咨询 on the 1st, 婚姻家庭咨询 (sensitive) on the 2nd, both attended,
# and one more booked for later (never attended: nothing to rate).
T1=$(book kangyang-zixun-20261201-1000 $A)
T2=$(book hunyin-zixun-20261202-1000 $A)
T3=$(book kangyang-zixun-20261201-0900 $B)
T4=$(book kangyang-zixun-20261201-1000 $C)
T5=$(book kangyang-zixun-20261201-0900 $C)
TN=$(book kangyang-zixun-20261210-1400 $B)
check "six bookings made ($T1 $T2 $T3 $T4 $T5 $TN)" \
    test -n "$T1" -a -n "$T2" -a -n "$T3" -a -n "$T4" -a -n "$T5" -a -n "$TN"
ctl --now "2026-12-01 09:50" checkin "$T1" >/dev/null
ctl --now "2026-12-02 09:50" checkin "$T2" >/dev/null
ctl --now "2026-12-01 08:50" checkin "$T3" >/dev/null
ctl --now "2026-12-01 09:55" checkin "$T4" >/dev/null
ctl --now "2026-12-01 08:55" checkin "$T5" >/dev/null
check "five visits attended" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT count(*) FROM bookings WHERE status = 'checked_in' AND rated = 0")" = 5

# 1. The next visit: A looks up 我的预约 and is asked about both visits,
# the newest (the sensitive one, as 预约服务) first, then the bookings.
cat >"$TMP/lookup.txt" <<STEPS
tap start
tap lookup
type $A
tap next
expect-screen rate
expect-text "您上次的预约服务服务满意吗？"
expect-text "非常满意"
expect-text "非常不满意"
expect-speech "您上次的预约服务服务满意吗"
expect-speech "请点选：非常满意、满意、基本满意、不满意、非常不满意"
texts
widgets
tap rate:5
expect-screen rate-reasons
expect-text "您的评价：非常满意"
expect-speech "哪些方面让您满意"
widgets
tap reason:warm
tap reason:clear
tap reason:fast
tap reason:fast
tap submit
expect-screen rated
expect-text "感谢您的评价！"
expect-text "还有一次服务可以评价"
tap done
expect-screen rate
expect-text "您上次的康养咨询服务满意吗？"
tap rate:2
expect-screen rate-reasons
expect-text "哪些方面需要改进？"
widgets
tap reason:wait
tap reason:unsolved
tap submit
expect-screen rated
expect-text "工作人员会针对这项服务跟进改进。"
expect-speech "工作人员会针对这项服务跟进改进"
tap done
expect-screen bookings
STEPS
echo "voice_log = $TMP/said" >"$TMP/voice.conf"
run "2026-12-03 09:00" "$TMP/lookup.txt" "1. after a lookup: both visits rated, newest first, then the bookings (voice on)" \
    --config "$TMP/voice.conf" --voice on
check "1. the voice asked the question and said the five levels" \
    grep -q "非常满意、满意、基本满意、不满意、非常不满意" "$TMP/said"
check "1. the voice never named the sensitive service" sh -c "! grep -q '婚姻家庭咨询' '$TMP/said'"
o="$TMP/lookup.txt.out"
check "1. the five levels are buttons with their words, best first" sh -c "
    grep -q '^rate:5	非常满意	' '$o' && grep -q '^rate:4	满意	' '$o' && grep -q '^rate:3	基本满意	' '$o' &&
    grep -q '^rate:2	不满意	' '$o' && grep -q '^rate:1	非常不满意	' '$o'"
check "1. 满意 and better offer what went well (3), 不满意 what to improve (5)" sh -c "
    grep -q '^reason:warm	' '$o' && grep -q '^reason:fast	' '$o' && grep -q '^reason:clear	' '$o' &&
    grep -q '^reason:wait	' '$o' && grep -q '^reason:attitude	' '$o' && grep -q '^reason:unsolved	' '$o' &&
    grep -q '^reason:complex	' '$o' && grep -q '^reason:facility	' '$o'"
check "1. the sensitive service is never named on the rating screens" \
    sh -c "! grep -q -e '婚姻家庭咨询' -e 'Marriage' '$o'"
check "1. no ticket code or phone number on the screens" \
    sh -c "! grep -q -e '$T1' -e '$T2' -e '$A' '$o'"
q() { sqlite3 "$d/kiosk.db" "$1"; }
check "1. two ratings, channel lookup: 5 with warm,clear (fast tapped twice: off), 2 with wait,unsolved" \
    test "$(q "SELECT group_concat(service_id || ':' || day || ':' || level || ':' || reasons || ':' || channel, ' ') FROM (SELECT * FROM ratings ORDER BY seq)")" = \
    "hunyin-zixun:2026-12-02:5:warm,clear:lookup kangyang-zixun:2026-12-01:2:wait,unsolved:lookup"
check "1. both bookings are flagged rated" \
    test "$(q "SELECT group_concat(rated) FROM bookings WHERE ticket IN ('$T1', '$T2')")" = "1,1"

# 2. Home's 服务评价: B types the code; C scans the QR. A visit not
# attended, a code nobody has and a visit rated already are refused.
PAY=$(ctl ticket "$T4" | tr -d '\r')
{
    printf 'tap start\nexpect-screen home\nwidgets\ntap rate\nexpect-screen rate-code\nwidgets\n'
    code_keys "$TN"
    printf 'tap next\nexpect-screen rate-code\nexpect-text "这次预约还没有签到"\n'
    code_keys 22223333
    printf 'tap next\nexpect-screen rate-code\nexpect-text "没有找到这个预约码"\n'
    printf 'tap key:del\ntap key:del\ntap key:del\ntap key:del\ntap key:del\ntap key:del\ntap key:del\ntap key:del\n'
    code_keys "$T1"
    printf 'tap next\nexpect-screen rate-code\nexpect-text "这次服务已经评价过了"\n'
    code_keys "$T3"
    printf 'tap next\nexpect-screen rate\nexpect-text "您对这次康养咨询服务满意吗？"\nwidgets\n'
    printf 'tap rate:4\nexpect-screen rate-reasons\ntap reason:fast\ntap submit\nexpect-screen rated\ntap done\nexpect-screen home\n'
    printf 'tap rate\nexpect-screen rate-code\nscan %s\nexpect-screen rate\ntap rate:3\nexpect-screen rate-reasons\ntap submit\nexpect-screen rated\n' "$PAY"
} >"$TMP/code.txt"
run "2026-12-03 10:00" "$TMP/code.txt" "2. home's 服务评价: not attended, unknown and rated already refused; a typed code and a scanned QR rated"
o="$TMP/code.txt.out"
check "2. home has the entry (widget rate, 服务评价)" grep -q '^rate	服务评价	' "$o"
check "2. the code screen has no 以后再说 (返回 leads back)" sh -c "! grep -q '^skip	' '$o'"
check "2. two ratings by code: 4 with fast, 3 with no reasons" \
    test "$(q "SELECT group_concat(level || ':' || reasons || ':' || channel, ' ') FROM (SELECT * FROM ratings WHERE channel = 'code' ORDER BY seq)")" = "4:fast:code 3::code"
check "2. the not attended booking is not flagged" test "$(q "SELECT rated FROM bookings WHERE ticket = '$TN'")" = 0

# 3. On the staff's prompt: kioskctl rate-prompt; the next touch opens rate.
expect_exit 0 "3. kioskctl rate-prompt --ticket (attended, unrated) is taken" \
    ctl --now "2026-12-03 10:58" rate-prompt --ticket "$T5"
expect_exit 1 "3. a prompt for a visit rated already is refused" \
    ctl --now "2026-12-03 10:58" rate-prompt --ticket "$T1"
check "3. ... saying so" grep -q "rated already" "$TMP/err"
expect_exit 1 "3. a prompt for a visit not attended is refused" \
    ctl --now "2026-12-03 10:58" rate-prompt --ticket "$TN"
cat >"$TMP/staff.txt" <<STEPS
tap start
expect-screen rate
expect-text "您刚才的康养咨询服务满意吗？"
widgets
tap rate:1
expect-screen rate-reasons
tap reason:attitude
tap submit
expect-screen rated
tap done
expect-screen home
STEPS
run "2026-12-03 11:00" "$TMP/staff.txt" "3. on the staff's prompt: the first touch opens rate, rated 非常不满意"
check "3. the staff channel's rating: 1 with attitude" \
    test "$(q "SELECT level || ':' || reasons FROM ratings WHERE channel = 'staff'")" = "1:attitude"
check "3. the prompt is gone with the rating" \
    test "$(q "SELECT count(*) FROM bookings WHERE rate_prompt_at IS NOT NULL")" = 0
printf 'tap start\nexpect-screen home\n' >"$TMP/again.txt"
run "2026-12-03 11:05" "$TMP/again.txt" "3. the next visit opens on home: a visit is asked about once"

# Rated once: every attended visit has its one rating, no more.
check "five ratings for five visits, each booking flagged" sh -c "
    test \"\$(sqlite3 '$d/kiosk.db' 'SELECT count(*) FROM ratings')\" = 5 &&
    test \"\$(sqlite3 '$d/kiosk.db' \"SELECT count(*) FROM bookings WHERE rated = 1\")\" = 5"
printf 'tap start\ntap lookup\ntype %s\ntap next\nexpect-screen bookings\n' $A >"$TMP/relook.txt"
run "2026-12-04 09:00" "$TMP/relook.txt" "a second lookup asks nothing more (straight to the bookings)"

# Anonymous: the rows hold no ticket, phone or label, nor a time of day.
cols=$(q "SELECT group_concat(name) FROM pragma_table_info('ratings')")
check "the ratings table's columns ($cols) name no ticket, phone, label or time" \
    test "$cols" = "seq,day,station_id,service_id,level,reasons,channel,followed_at,followed_by,note"
q ".dump ratings" >"$TMP/ratings.sql"
check "the ratings rows hold none of the tickets or phone numbers" sh -c "
    ! grep -q -e '$T1' -e '$T2' -e '$T3' -e '$T4' -e '$T5' -e '$A' -e '$B' -e '$C' '$TMP/ratings.sql'"
check "the kiosk's log names no rated ticket" sh -c "
    ! cat '$TMP'/*.txt.err | grep -q -e '$T1' -e '$T2' -e '$T3' -e '$T4' -e '$T5'"
check "the booking's updated_at did not move with the flag (no time ties the two)" \
    test "$(q "SELECT updated_at FROM bookings WHERE ticket = '$T5'")" = "2026-12-01 08:55"

# Follow-up: the 不满意 and 非常不满意 are in ratings --low, nothing else.
ctl ratings --low --format csv | tr -d '\r' >"$TMP/low.csv"
cols() { python3 -c "import csv,sys; [print(r['level'], r['reasons'], r['channel']) for r in csv.DictReader(open(sys.argv[1]))]" "$1" | tr '\n' ' '; }
check "ratings --low lists the two low ones, newest first" \
    test "$(cols "$TMP/low.csv")" = "1 attitude staff 2 wait,unsolved lookup "
check "ratings --low: 非常不满意 and 不满意 in words" sh -c "grep -q ',非常不满意,' '$TMP/low.csv' && grep -q ',不满意,' '$TMP/low.csv'"
check "ratings (all) lists five" test "$(ctl ratings --format csv | tr -d '\r' | wc -l)" = 6
ctl ratings --format json >"$TMP/all.json"
check "ratings --format json parses, five rows" python3 -c "import json,sys; r=json.load(open('$TMP/all.json')); sys.exit(0 if len(r) == 5 else 1)"
low=$(sed -n 2p "$TMP/low.csv" | cut -d, -f1)
expect_exit 0 "rating-followup of the 非常不满意 with a note" \
    ctl rating-followup "$low" --note "回访 13800001111，已向窗口反馈" --staff 王芳
expect_exit 1 "a second follow-up is refused" ctl rating-followup "$low" --note again
expect_exit 1 "a follow-up of a rating that is not low is refused" ctl rating-followup 1 --note x
check "the follow-up is audited (rating_followup, by 王芳), the number masked" sh -c "
    ctl() { \"$CTL\" --db '$d/kiosk.db' \"\$@\"; }
    ctl audit --format csv | grep 'rating_followup' | grep -q '王芳' &&
    ! ctl audit --format csv | grep -q '13800001111' &&
    ! sqlite3 '$d/kiosk.db' 'SELECT note FROM ratings' | grep -q '13800001111'"
check "ratings --low shows it followed up" sh -c "ctl() { \"$CTL\" --db '$d/kiosk.db' \"\$@\"; }
    ctl ratings --low --format csv | grep '^$low,' | grep -q '王芳'"

# The staff's prompt from the kiosk's own staff screen: staff mark a
# resident arrived on today's roster, tap 请居民评价 on the row and log out;
# the resident's first touch opens rate.
echo 246810 | ctl staff add 王芳 >/dev/null
SID=dibao-zixun-20261203-0900
T6=$(ctl --now "2026-12-02 08:00" book --session $SID --phone 13600002222 | tr -d '\r')
{
    echo "hold 40 40 3.5"
    echo "246810" | fold -w1 | sed 's/^/tap key:/'
    printf 'tap next\nexpect-screen staff\ntap roster:%s\nexpect-screen staff-roster\n' $SID
    printf 'tap attend:%s\nexpect-screen staff-roster\nwidgets\ntap rate-prompt:%s\nexpect-screen staff-roster\n' "$T6" "$T6"
    printf 'tap home\nexpect-screen attract\ntap start\nexpect-screen rate\nexpect-text "您刚才的低保申请咨询服务满意吗？"\n'
    printf 'tap rate:4\nexpect-screen rate-reasons\ntap reason:clear\ntap submit\nexpect-screen rated\n'
} >"$TMP/roster.txt"
run "2026-12-03 09:05" "$TMP/roster.txt" "3b. the staff screen: 已到 then 请居民评价 on the row, logout; the resident's first touch rates it"
check "3b. the roster row of an attended visit has 请居民评价 (rate-prompt:$T6)" \
    grep -q "^rate-prompt:$T6	请居民评价	" "$TMP/roster.txt.out"
check "3b. its rating: 4 with clear, by the staff channel; the booking flagged" sh -c "
    test \"\$(sqlite3 '$d/kiosk.db' \"SELECT level || ':' || reasons FROM ratings WHERE channel = 'staff' ORDER BY seq DESC LIMIT 1\")\" = 4:clear &&
    test \"\$(sqlite3 '$d/kiosk.db' \"SELECT rated FROM bookings WHERE ticket = '$T6'\")\" = 1"

# On the staff console: the 不满意 on the ratings page, its follow-up
# (tests/ratings/console.py, the real kiosk-console).
python3 tests/ratings/console.py
