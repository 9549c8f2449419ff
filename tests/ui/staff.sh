#!/bin/sh
# Staff mode on the kiosk: the hidden long press, the PIN and its lockout
# (which a restart does not undo), today's sessions with their counts, and
# marking attended / no-show, which changes the store and writes the audit.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/k"
mkdir -p "$d"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
kiosk() { # NOW SCRIPT
    "$KIOSK" --headless --data-dir "$d" --now "$1" --script "$2" >"$TMP/out" 2>"$TMP/err"
}
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
SID=kangyang-zixun-20261201-1000
t1=$(ctl book --session $SID --phone 13800000001 --party 2)
t2=$(ctl book --session $SID --phone 13800000002)

pin() { # DIGITS: the taps for a PIN, then next
    echo "$1" | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
}

# A tap in the corner is a resident's tap; only a long press opens the PIN.
printf 'tap-at 40 40\nexpect-screen home\n' >"$TMP/short.txt"
kiosk "$NOW" "$TMP/short.txt"
check "a short tap in the corner just starts" test $? -eq 0

# Five wrong PINs: locked.
{
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    for i in 1 2 3 4; do
        pin 111111
        echo 'expect-text "密码不正确"'
        echo 'expect-no-text "输错次数过多"'
    done
    pin 111111
    echo 'expect-text "输错次数过多"'
    pin 246810
    echo "expect-screen staff-login"
    echo 'expect-text "输错次数过多"'
} >"$TMP/wrong.txt"
kiosk "$NOW" "$TMP/wrong.txt"
check "the fifth wrong PIN says login is locked, the right one is refused while locked" test $? -eq 0

# A restart (power cut) gives no free try.
{
    echo "hold 40 40 3.5"
    pin 246810
    echo "expect-screen staff-login"
    echo 'expect-text "输错次数过多"'
} >"$TMP/restart.txt"
kiosk "$NOW" "$TMP/restart.txt"
check "the lockout survives a restart" test $? -eq 0

# After the lockout (1 minute), the right PIN shows today's sessions.
{
    echo "hold 40 40 3.5"
    pin 246810
    echo "expect-screen staff"
    echo 'expect-text "王芳"'
    echo 'expect-text "已约 3 · 已到 0 · 未到 0 · 剩余 0"'
    echo "widgets"
    echo "tap roster:$SID"
    echo "expect-screen staff-roster"
    echo "expect-text \"138****0001\""
    echo "expect-no-text \"13800000001\""
    echo "tap attend:$t1"
    echo "expect-screen staff-roster"
    echo "tap noshow:$t2"
    echo "tap phone:$t1"
    echo "expect-text \"13800000001\""
    echo "tap home"
    echo "expect-screen attract"
} >"$TMP/right.txt"
kiosk "2026-12-01 09:03" "$TMP/right.txt"
check "the right PIN after the lockout shows today's sessions with their counts" test $? -eq 0
[ -s "$TMP/err" ] && grep 'step failed' -A 3 "$TMP/err"
check "attended is checked_in in the store" \
    test "$(ctl bookings --status checked_in --format csv | grep -c "$t1")" -eq 1
check "no-show is in the store" \
    test "$(ctl bookings --status no_show --format csv | grep -c "$t2")" -eq 1
ctl audit --format csv >"$TMP/audit.csv"
check "the audit has 王芳 marking attended" grep -q "王芳,attended,$t1" "$TMP/audit.csv"
check "the audit has 王芳 marking no-show" grep -q "王芳,no_show,$t2" "$TMP/audit.csv"
check "the audit records the number shown, not the number" \
    sh -c "grep -q '王芳,show_phone,$t1' '$TMP/audit.csv' && ! grep -q 13800000001 '$TMP/audit.csv'"
check "the audit records the failed logins" test "$(grep -c 'login_failed' "$TMP/audit.csv")" -ge 5
check "no PIN in the audit, the log or the output" \
    sh -c "! grep -q 246810 '$TMP/audit.csv' '$TMP/err' '$TMP/out'"

# A station set to English gets its staff and technician screens in English.
{
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    echo 'expect-text "Staff sign-in"'
    echo 'expect-no-text "工作人员登录"'
    pin 246810
    echo "expect-screen staff"
    echo "expect-text \"Today's sessions\""
    echo 'expect-text "Staff: 王芳"'
    echo "shot staff-en"
    echo "tap tech"
    echo "shot tech-en"
    echo "tap back"
    echo "tap tech"
    echo "expect-screen technician"
    echo 'expect-text "Database"'
    echo 'expect-text "schema version"'
    echo 'expect-no-text "数据库"'
} >"$TMP/en.txt"
"$KIOSK" --headless --lang en --data-dir "$d" --now "2026-12-01 09:05" --script "$TMP/en.txt" \
    --screenshots "${KEEP_SHOTS:-$TMP}" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "with --lang en the staff sign-in, day list and technician screens are in English" test $rc -eq 0
[ $rc -eq 0 ] || grep 'step failed' -A 3 "$TMP/err"
