#!/bin/sh
# Issue 14 item 3: one start with the clock months ahead (a board without
# a battery, a bad time server, a typo) must not purge the phone numbers of
# upcoming bookings, leave a backup that outranks every later one, or stop
# session generation. The kiosk keeps a high-water mark of time; across an
# implausible jump the purge and the backup rotation wait until the clock
# comes back or staff confirm it (kioskctl clock confirm, audited).
. tests/lib.sh
d="$TMP/d"
mkdir -p "$d"
db="$d/kiosk.db"
ctl() {
    _at=$1
    shift
    "$CTL" --db "$db" --now "$_at" "$@"
}
echo "expect-screen attract" >"$TMP/s.txt"
start() {
    "$KIOSK" --headless --data-dir "$d" --now "$1" --script "$TMP/s.txt" >"$TMP/out" 2>"$TMP/log"
}
ctl "2026-12-01 09:00" import-catalog assets/catalog/demo.ini >/dev/null
start "2026-12-01 09:00"
check "the kiosk starts on a believable clock" test $? -eq 0
ctl "2026-12-01 09:00" book --session kangyang-zixun-20261208-0900 --phone 13812345678 >/dev/null
check "a resident's booking for next Tuesday" test $? -eq 0

# Months ahead.
start "2027-05-01 09:00"
check "the kiosk still starts with the clock months ahead" test $? -eq 0
check "it says the clock is in doubt, how far and what waits" \
    grep -q "clock in doubt: it reads 2027-05-01 09:00, 151 days past the latest time seen 2026-12-01 09:00; until it comes back or staff confirm it (kioskctl clock confirm) the phone number purge" "$TMP/log"
check "the upcoming booking keeps its phone number" \
    sh -c "'$CTL' --db '$db' --now '2026-12-01 09:00' bookings --format csv | grep -q ',13812345678,1,booked,'"
expect_exit 0 "kioskctl check passes the database" ctl "2027-05-01 09:00" check
check "... and says the clock is in doubt" grep -q "kioskctl: clock in doubt: it reads 2027-05-01 09:00" "$TMP/err"
expect_exit 1 "kioskctl clock status exits 1 for it" ctl "2027-05-01 09:00" clock status
check "... in its words" grep -q "clock in doubt" "$TMP/err"
expect_exit 1 "kioskctl purge is refused while it is" ctl "2027-05-01 09:00" purge
check "... saying why" grep -q "refused: clock in doubt" "$TMP/err"
check "a backup was still taken" test -f "$d/backup/kiosk-2027-05-01.db"
# The technician screen says it too (staff login: hold the corner, the PIN).
echo 246810 | ctl "2026-12-01 09:00" staff add 王芳 >/dev/null
{
    echo "hold 40 40 3.5"
    echo 246810 | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
    echo "expect-screen staff"
    echo "tap tech"
    echo "expect-screen technician"
    echo 'expect-text "时钟存疑，清理暂停：2027-05-01 09:05 (151 d past 2026-12-01 09:00) · kioskctl clock confirm"'
} >"$TMP/tech.txt"
"$KIOSK" --headless --data-dir "$d" --now "2027-05-01 09:05" --script "$TMP/tech.txt" >"$TMP/out" 2>"$TMP/log"
check "the technician screen shows the clock in doubt" test $? -eq 0

# Back to the real date, with a week of genuine backups around.
for day in 26 27 28 29 30; do cp "$d/backup/kiosk-2026-12-01.db" "$d/backup/kiosk-2026-11-$day.db"; done
start "2026-12-02 09:00"
check "the kiosk starts with the clock back" test $? -eq 0
check "no doubt is logged once the clock is back" sh -c "! grep -q 'clock in doubt' '$TMP/log'"
expect_exit 0 "kioskctl clock status believes it" ctl "2026-12-02 09:00" clock status
check "session generation resumed: the new horizon's last Tuesday is there" \
    sh -c "'$CTL' --db '$db' --now '2026-12-02 09:00' sessions --date 2026-12-15 --format csv | grep -q '^kangyang-zixun-20261215-0900,'"
check "the backup dated ahead no longer outranks the genuine ones: rotated away first" \
    test ! -e "$d/backup/kiosk-2027-05-01.db"
check "... and the oldest genuine backup is kept" test -f "$d/backup/kiosk-2026-11-26.db"
check "today's backup is taken" test -f "$d/backup/kiosk-2026-12-02.db"

# Three weeks switched off: in doubt until staff confirm.
start "2026-12-25 09:00"
check "three weeks later is in doubt" grep -q "clock in doubt: it reads 2026-12-25 09:00, 23 days past" "$TMP/log"
expect_exit 1 "kioskctl clock status says so" ctl "2026-12-25 09:00" clock status
expect_exit 0 "staff confirm the clock" ctl "2026-12-25 09:00" clock confirm
check "... and it says what it did" grep -q "clock confirmed: 2026-12-25 09:00 is now the latest time seen" "$TMP/out"
ctl "2026-12-25 09:00" audit --format csv >"$TMP/audit.csv"
check "the confirmation is audited, with the mark it replaced" \
    grep -q "kioskctl,clock_confirm,,,clock confirmed at 2026-12-25 09:00 (latest time seen was 2026-12-02 09:00)" "$TMP/audit.csv"
expect_exit 0 "kioskctl clock status believes it now" ctl "2026-12-25 09:00" clock status
start "2026-12-25 09:05"
check "the next start believes it" sh -c "! grep -q 'clock in doubt' '$TMP/log'"

# A clock set back behind what the kiosk has lived through.
start "2026-11-01 09:00"
check "a clock a month behind is in doubt too" grep -q "clock in doubt: it reads 2026-11-01 09:00, 54 days behind" "$TMP/log"
check "the booking is still there, with its number" \
    sh -c "'$CTL' --db '$db' --now '2026-12-25 09:00' bookings --format csv | grep -q ',13812345678,1,booked,'"

# Switched off for three weeks again: a staff member confirms on the
# technician screen (the clock line says why; the button does it).
{
    echo "hold 40 40 3.5"
    echo 246810 | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
    echo "tap tech"
    echo 'expect-text "时钟存疑，清理暂停：2027-01-14 09:05 (20 d past 2026-12-25 09:05)"'
    echo "widgets"
    echo "tap clock-confirm"
    echo "expect-screen technician"
    echo "widgets"
} >"$TMP/confirm.txt"
"$KIOSK" --headless --data-dir "$d" --now "2027-01-14 09:05" --script "$TMP/confirm.txt" \
    >"$TMP/out" 2>"$TMP/log"
check "staff confirm the clock on the technician screen" test $? -eq 0
check "... the button is there while the clock is in doubt" grep -q "^clock-confirm" "$TMP/out"
check "... and gone once it is confirmed" test "$(grep -c '^clock-confirm' "$TMP/out")" -eq 1
check "... the log says who confirmed it" \
    grep -q "staff 王芳 confirmed the clock: 2027-01-14 09:05 is the latest time seen" "$TMP/log"
ctl "2027-01-14 09:05" audit --format csv >"$TMP/audit.csv"
check "... audited under the staff member's name" \
    grep -q "王芳,clock_confirm,,,clock confirmed at 2027-01-14 09:05 (latest time seen was 2026-12-25 09:05); on the kiosk's technician screen" "$TMP/audit.csv"
expect_exit 0 "kioskctl clock status believes it afterwards" ctl "2027-01-14 09:10" clock status
