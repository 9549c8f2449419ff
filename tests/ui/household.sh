#!/bin/sh
# Issue 16 (i16house) on the real kiosk: one phone books for five people of
# a household (本人, 爸爸, 妈妈, 孩子, 奶奶) by touch, and the sixth, for 爷爷,
# is refused by the household limit with words that say why and to ask the
# staff (screen id and database); a resident with no mobile phone books
# (没有手机, then whom it is for), gets a ticket that says its code is the
# only key, and checks in by that code on the kiosk's check-in keypad; the
# staff roster shows the person coming masked beside the masked number, in
# full only once revealed (audited); the log holds no label and no digit of
# the phone. At 1080x1920 and 1920x1080.
. tests/lib.sh
NOW="2026-12-01 09:00"
P=13800000001
LABELS="爸爸 妈妈 孩子 奶奶 爷爷 张奶奶 阿姨"
# A session of 康养咨询 on day D at HHMM: its id.
sid() { echo "kangyang-zixun-$1"; }
date_of() { echo "$1" | sed 's/.*-\([0-9]\{4\}\)\([0-9][0-9]\)\([0-9][0-9]\)-.*/\1-\2-\3/'; }
# steps SESSION PRESET: from home, book SESSION for PRESET (self: 本人) with $P.
steps() {
    printf 'tap category:yanglao\ntap service:kangyang-zixun\ntap book\n'
    printf 'tap date:%s\ntap session:%s\nexpect-screen phone\n' "$(date_of "$1")" "$1"
    printf 'tap for\nexpect-screen for\ntap for:%s\nexpect-screen phone\n' "$2"
    printf 'type %s\ntap next\nexpect-screen confirm\ntap confirm\n' $P
}
S1=$(sid 20261203-1400) S2=$(sid 20261203-1500) S3=$(sid 20261208-0900)
for size in 1080x1920 1920x1080; do
    d="$TMP/$size"
    mkdir -p "$d"
    ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
    ctl import-catalog assets/catalog/demo.ini >/dev/null
    {
        echo "tap start"
        # Five people: the first two share a session (two people, one phone).
        steps $S1 self
        printf 'expect-screen ticket\ntap done\n'
        steps $S1 father
        printf 'expect-screen ticket\nexpect-text "爸爸"\ntap done\n'
        steps $S2 mother
        printf 'expect-screen ticket\nexpect-text "妈妈"\ntap done\n'
        steps $S2 child
        printf 'expect-screen ticket\nexpect-text "孩子"\ntap done\n'
        steps $S3 grandmother
        printf 'expect-screen ticket\nexpect-text "奶奶"\ntap done\n'
        # The sixth, for a sixth person: the household's limit.
        steps $S3 grandfather
        printf 'expect-screen refused\nexpect-text "这个手机号已经为全家约了5场"\n'
        printf 'expect-text "请到服务台找工作人员帮您预约"\n'
        printf 'tap done\nexpect-screen home\n'
        # No mobile phone: the number typed goes, whom it is for is asked.
        printf 'tap category:yanglao\ntap service:kangyang-zixun\ntap book\n'
        printf 'tap date:%s\ntap session:%s\ntype 138\n' "$(date_of $S1)" $S1
        printf 'tap no-phone\nexpect-screen for\nexpect-text "没有手机也能预约"\n'
        printf 'tap for:aunt\nexpect-screen confirm\nexpect-text "没有手机"\nexpect-text "阿姨"\n'
        printf 'tap confirm\nexpect-screen ticket\n'
        printf 'expect-text "您没有登记手机，这张小票上的预约码是唯一凭证，请收好。"\n'
        printf 'shot nophone-ticket\n'
    } >"$d/book.txt"
    # With the voice on: it may say whom the booking is for, never a digit of the phone.
    echo "voice_log = $d/said" >"$d/k.conf"
    SDL_AUDIODRIVER=dummy "$KIOSK" --headless --config "$d/k.conf" --voice on --data-dir "$d" \
        --printer "$d/slips" --size $size --now "$NOW" --script "$d/book.txt" --screenshots "$d" \
        >"$d/out" 2>"$d/err"
    rc=$?
    check "[$size] five people booked with one phone by touch, the sixth refused, one with no phone" \
        test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
    q() { sqlite3 "$d/kiosk.db" "$1"; }
    check "[$size] the store holds five bookings of the phone, one per person" test \
        "$(q "SELECT group_concat(COALESCE(for_label, '-'), ' ') FROM (SELECT for_label FROM bookings WHERE phone = '$P' AND status = 'booked' ORDER BY id)")" \
        = "- 爸爸 妈妈 孩子 奶奶"
    check "[$size] ... made at the kiosk" \
        test "$(q "SELECT count(*) FROM bookings WHERE booked_by = 'kiosk'")" -eq 6
    check "[$size] nothing was booked for 爷爷" \
        test "$(q "SELECT count(*) FROM bookings WHERE for_label = '爷爷'")" -eq 0
    check "[$size] the voice said whom it was for and that the code is the only key" \
        sh -c "grep -q '为：奶奶' '$d/said' && grep -q '唯一凭证' '$d/said'"
    check "[$size] ... and no run of digits of the phone" \
        sh -c "! grep -Eq '$P|[0-9]{7}|0001' '$d/said'"
    # With no printer, the screen says the code on it is the only key.
    { printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\n'
      printf 'tap date:%s\ntap session:%s\ntap no-phone\ntap for:uncle\ntap confirm\n' "$(date_of $S3)" $S3
      printf 'expect-screen ticket\nexpect-text "没能打印。您没有登记手机，屏幕上的预约码是唯一凭证，请拍照或记下。"\n'; } >"$d/noprint.txt"
    "$KIOSK" --headless --data-dir "$d" --size $size --now "$NOW" --script "$d/noprint.txt" \
        >"$d/out3" 2>"$d/err3"
    rc=$?
    check "[$size] with no printer, the no-phone ticket says to photograph the code, the only key" \
        test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err3"
    NP=$(q "SELECT ticket FROM bookings WHERE phone IS NULL AND for_label = '阿姨'")
    check "[$size] the booking with no phone is stored without one, for 阿姨 ($NP)" \
        sh -c "echo '$NP' | grep -Eqx '[2-9A-HJ-NP-Z]{8}'"
    # On its day, it checks in by its code on the kiosk's keypad.
    # With no phone, the second factor is the party size (issue 16).
    NPP=$(q "SELECT party FROM bookings WHERE ticket = '$NP'")
    { printf 'tap start\ntap checkin\nexpect-screen checkin\n'; code_keys "$NP"
      printf 'tap next\nexpect-screen checkin-verify\ntap key:%s\n' "$NPP"
      printf 'tap next\nexpect-screen checkin-result\nexpect-text "签到成功"\n'; } >"$d/in.txt"
    "$KIOSK" --headless --data-dir "$d" --size $size --now "2026-12-03 13:50" --script "$d/in.txt" \
        >"$d/out2" 2>"$d/err2"
    rc=$?
    check "[$size] the no-phone booking checks in by its code at the kiosk" test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err2"
    check "[$size] ... and is checked in" test "$(q "SELECT status FROM bookings WHERE ticket = '$NP'")" = checked_in
    check "[$size] the kiosk's log holds no label and no digit run of the phone" \
        sh -c "! grep -q -e '$P' -e '0000001' -e '阿姨' -e '叔叔' -e '奶奶' -e '爸爸' -e '妈妈' -e '孩子' -e '爷爷' '$d/err' '$d/err2' '$d/err3'"
done

# The staff roster: the person coming, masked as the number is, in full
# once revealed, and the reveal audited.
d="$TMP/staff"
mkdir -p "$d"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
SID=kangyang-zixun-20261201-1000
t1=$(ctl book --session $SID --phone $P --for 张奶奶)
t2=$(ctl book --session $SID --no-phone --for 李爷爷)
{
    echo "hold 40 40 3.5"
    echo "$(echo 246810 | sed 's/./tap key:&\n/g' | grep .)"
    echo "tap next"
    echo "expect-screen staff"
    echo "tap roster:$SID"
    echo "expect-screen staff-roster"
    echo 'expect-text "138****0001  张*"'
    echo 'expect-text "没有手机  李*"'
    echo 'expect-no-text "张奶奶"'
    echo 'expect-no-text "李爷爷"'
    echo "shot roster"
    echo "tap phone:$t1"
    echo 'expect-text "13800000001  张奶奶"'
    echo 'expect-no-text "李爷爷"'
} >"$d/staff.txt"
"$KIOSK" --headless --data-dir "$d" --now "2026-12-01 09:05" --script "$d/staff.txt" \
    --screenshots "$d" >"$d/out" 2>"$d/err"
rc=$?
check "the staff roster shows the person coming masked beside the masked number, in full when revealed" \
    test $rc -eq 0
[ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
ctl audit --format csv >"$d/audit.csv"
check "... the reveal is audited, with neither number nor label in the audit" sh -c \
    "grep -q '王芳,show_phone,$t1' '$d/audit.csv' && ! grep -q -e 13800000001 -e 张奶奶 '$d/audit.csv'"
check "... and the log holds neither" sh -c "! grep -q -e 13800000001 -e 张奶奶 -e 李爷爷 '$d/err'"
