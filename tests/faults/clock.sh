#!/bin/sh
# The wall clock jumping (a board without a battery-backed clock, then NTP;
# a technician setting it): the idle timers run on the monotonic clock and
# do not move; the booking rules follow the new wall time at once; what is
# written is stamped with the new time.
. tests/lib.sh
d="$TMP/d"
mkdir -p "$d"
NOW="2026-12-01 09:00"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
run() {
    "$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$1" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -ne 0 ] && grep -a 'step failed' -A 3 "$TMP/err"
    return $rc
}

# Back a whole day while a resident is on home: the idle reset still comes
# 60 + 20 s after the last touch, not a day later.
cat >"$TMP/idle.txt" <<'S'
tap start
expect-screen home
set-clock "2026-11-30 09:00"
wait 59
expect-screen home
wait 22
expect-screen attract
S
run "$TMP/idle.txt"
check "a clock stepped back a day does not hold off the idle reset" test $? -eq 0

# Back an hour, then book: allowed by the new time, stamped with it.
cat >"$TMP/back.txt" <<'S'
set-clock "2026-12-01 08:00"
tap-at 500 900
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:kangyang-zixun-20261201-0900
type 13812345678
tap next
tap confirm
expect-screen ticket
S
run "$TMP/back.txt"
check "after a step back the 09:00 session is bookable again at 08:00" test $? -eq 0
check "the booking is stamped with the new time" \
    test "$(ctl bookings --format csv | grep -c ',13812345678,1,booked,2026-12-01 08:00')" -eq 1

# Forward past the cut-off while the slots are on screen: that session
# closes at once.
cat >"$TMP/fwd.txt" <<'S'
tap-at 500 900
tap category:yanglao
tap service:kangyang-zixun
tap book
widgets
set-clock "2026-12-01 10:30"
widgets
S
run "$TMP/fwd.txt"
check "a step forward is taken" test $? -eq 0
check "before it the 10:00 session could be booked" \
    sh -c "grep '^session:kangyang-zixun-20261201-1000' '$TMP/out' | head -n1 | grep -qv disabled"
check "after it the 10:00 session is closed on the same screen" \
    sh -c "grep '^session:kangyang-zixun-20261201-1000' '$TMP/out' | tail -n1 | grep -q disabled"
