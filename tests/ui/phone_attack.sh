#!/bin/sh
# The must-show of issue 16, in one run of the real kiosk: someone who
# knows only a resident's phone number tries to learn which sensitive
# service they booked (婚姻家庭咨询), to read its code, to cancel it, and
# to check it in. 我的预约 and the booking's screen name no service and
# show no code; cancelling wants the code and a guessed one cancels
# nothing; at the check-in keypad they know the second factor (the
# phone's last four digits) but not the code, and guessing codes is
# throttled (checkin_limit = 3): the fourth wrong try pauses typed
# check-ins, the right code included, and the pause is audited with no
# number. A second run is the finder of a lost slip: the code without the
# phone's digits checks nothing in. At the end the database still says
# booked, and no phone number is in the log or the audit.
. tests/lib.sh
NOW="2026-12-02 09:00"
P=13812345678
d="$TMP/k"
mkdir -p "$d"
printf 'checkin_limit = 3\ncheckin_window_minutes = 10\ncheckin_pause_minutes = 15\n' >"$d/kiosk.conf"
"$CTL" --db "$d/kiosk.db" --now "2026-12-01 09:00" import-catalog assets/catalog/demo.ini >/dev/null
t=$("$CTL" --db "$d/kiosk.db" --now "2026-12-01 09:00" book --session hunyin-zixun-20261202-1000 --phone $P)
shown=$(echo "$t" | sed 's/^\(....\)/\1-/')
MISMATCH="预约码和后四位对不上"
PAUSED="输入预约码签到要暂停一会儿"
{
    echo "tap start"
    # 1. Which service, and its code? 我的预约 and the booking's screen.
    printf 'tap lookup\ntype %s\ntap next\nexpect-screen bookings\ntexts\nwidgets\n' $P
    # The resident who lost the code is sent to the staff, on the booking's
    # screen and on the cancel screen.
    printf 'tap booking:1\nexpect-screen booking\nexpect-text "预约码找不到了，请找工作人员"\ntexts\nwidgets\n'
    # 2. Cancel it: the code is asked for; a guessed one cancels nothing.
    printf 'tap cancel\nexpect-screen cancel-confirm\nexpect-text "预约码找不到了？请到服务台找工作人员"\ntexts\nwidgets\n'
    code_keys 23456789
    printf 'tap confirm\nexpect-screen cancel-confirm\nexpect-text "预约码不对"\ntexts\n'
    # 3. Check it in: the phone's last four digits are known, the code is
    # guessed; three wrong tries are told as such ...
    printf 'tap home\ntap checkin\nexpect-screen checkin\n'
    for guess in 22222222 33333333 44444444; do
        code_keys $guess
        echo "tap next"
        factor_keys 5678
        printf 'expect-screen checkin\nexpect-text "%s"\n' "$MISMATCH"
        for i in 1 2 3 4 5 6 7 8; do echo "tap key:del"; done
    done
    # ... the fourth pauses typed check-ins ...
    code_keys 55555555
    echo "tap next"
    factor_keys 5678
    printf 'expect-screen checkin\nexpect-text "%s"\ntexts\nwidgets\n' "$PAUSED"
    for i in 1 2 3 4 5 6 7 8; do echo "tap key:del"; done
    # ... even for the right code (had it been guessed): no factor asked.
    code_keys "$t"
    printf 'tap next\nexpect-screen checkin\nexpect-text "%s"\n' "$PAUSED"
} >"$d/attack.txt"
"$KIOSK" --headless --config "$d/kiosk.conf" --data-dir "$d" --now "$NOW" \
    --script "$d/attack.txt" >"$d/out" 2>"$d/err"
rc=$?
check "with the number only: 我的预约, the booking, a guessed cancel, guessed codes at check-in until paused" \
    test $rc -eq 0
[ $rc -eq 0 ] || tail -n 12 "$d/err"
check "the dumps were taken" grep -q "$PAUSED" "$d/out"
check "no screen reached names the service (婚姻家庭咨询, Marriage)" \
    sh -c "! grep -q -e '婚姻家庭咨询' -e 'Marriage' '$d/out'"
check "no screen dumped shows its code ($t, $shown)" \
    sh -c "test -n '$t' && ! grep -q -e '$t' -e '$shown' '$d/out'"
check "the pause is audited (checkin_throttle), with no number" \
    sh -c "'$CTL' --db '$d/kiosk.db' audit --format csv | grep -q ',checkin_throttle,' &&
           ! '$CTL' --db '$d/kiosk.db' audit --format csv | grep -q -e 1381234 -e 5678"
check "and logged, with no number" \
    sh -c "grep -q checkin_throttle '$d/err' && ! grep -q -e 1381234 -e 5678 '$d/err'"

# Staff are told: kioskctl check warns (the file is sound: exit 0), and the
# staff screen says how many pauses today and when the last was.
"$CTL" --db "$d/kiosk.db" --now "$NOW" check >"$d/check.out" 2>"$d/check.err"
rc=$?
check "kioskctl check: exit 0 (the file is sound) and a warning of the pause, with no number" \
    sh -c "test $rc -eq 0 && grep -q '^warning: .*check-ins by typed code 1 time(s), the last at 09:' '$d/check.err' &&
           ! grep -q -e 1381234 -e 5678 '$d/check.err'"
echo 246810 | "$CTL" --db "$d/kiosk.db" staff add 王芳 >/dev/null
{
    echo "hold 40 40 3.5"
    echo "246810" | fold -w1 | sed 's/^/tap key:/'
    printf 'tap next\nexpect-screen staff\nexpect-text "今天查询或签到因尝试过多暂停了 1 次，最近一次 09:"\n'
} >"$d/staff.txt"
expect_exit 0 "the staff screen tells the pause: how many today and when" \
    "$KIOSK" --headless --config "$d/kiosk.conf" --data-dir "$d" --now "$NOW" --script "$d/staff.txt"

# The finder of a lost slip has the code, not the phone: a new kiosk run
# (the throttle is the kiosk's, in memory) and a guessed 0000.
{
    printf 'tap start\ntap checkin\n'
    code_keys "$t"
    echo "tap next"
    factor_keys 0000
    printf 'expect-screen checkin\nexpect-text "%s"\n' "$MISMATCH"
} >"$d/finder.txt"
expect_exit 0 "the code of a found slip without the phone's last four digits: refused, told clearly" \
    "$KIOSK" --headless --config "$d/kiosk.conf" --data-dir "$d" --now "$NOW" --script "$d/finder.txt"
check "at the end the booking is still booked (database)" \
    test "$("$CTL" --db "$d/kiosk.db" bookings --status booked --format csv | grep -c "^$t,hunyin-zixun-20261202-1000,")" -eq 1
check "and nothing else changed: no booking checked in or cancelled" \
    test "$("$CTL" --db "$d/kiosk.db" bookings --format csv | grep -c -e ',checked_in,' -e ',cancelled,')" -eq 0
