#!/bin/sh
# The lobby calling display (issue 19) on the real binaries: residents take
# numbers and staff call them with kioskctl while build/kiosk-display runs
# a script that waits for each call (wait-call) and reads the screen back
# (expect-text); its screenshots are decoded at the panel's size; nothing is
# drawn while nothing changes (stats); a kill -9 mid-call and a restart shows
# the current call; the next day shows no stale call; nothing personal.
. tests/lib.sh
DISPLAY_BIN="$PWD/$BUILD/kiosk-display"
D="$TMP/d"
mkdir -p "$D/shots"
printf 'queue_priority_every = 1\n' >"$D/k.conf"
ctl() { _at=$1; shift; "$CTL" --config "$D/k.conf" --db "$D/kiosk.db" --now "2026-12-01 $_at" "$@"; }
# display SCRIPT OUT [options]: the display in the background, stdout to OUT.
display() {
    _s=$1 _o=$2
    shift 2
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --screenshots "$D/shots" \
        --script "$_s" "$@" >"$_o" 2>"$_o.err" &
    DPID=$!
}
# size_is BMP WxH: the file decodes to that size.
size_is() { test "$(identify -format '%wx%h' "$1" 2>/dev/null)" = "$2"; }

expect_exit 0 "import the demo catalog" ctl 09:00 import-catalog assets/catalog/demo.ini
ctl 09:00 queue take --line zonghe >/dev/null
ctl 09:00 queue take --line zonghe >/dev/null
ctl 09:00 queue take --line zonghe --priority >/dev/null
ctl 09:00 queue take --line jiuzhu >/dev/null

cat >"$TMP/calls.txt" <<'STEPS'
expect-text "请稍候"
expect-text "A 综合咨询  3 人"
expect-text "绿色通道：每叫 1 个普通号，优先叫 1 个绿色通道号"
stats
idle 1500
stats
wait-call A001
expect-text "请 A001 号"
expect-text "到 2 号工作台"
expect-text "A 综合咨询  2 人"
expect-fit
shot call-A001
wait-call A003
expect-text "请 A003 号"
expect-text "到 3 号工作台"
expect-text "A001  2 号台"
shot call-A003
stats
idle 1500
stats
quit
STEPS
display "$TMP/calls.txt" "$TMP/d1" --now "2026-12-01 09:00"
check "the display waits for A001" wait_line "$TMP/d1" "display: waiting for A001"
ctl 09:01 queue call --counter 2 >/dev/null
check "then for A003 (the priority number, second under the rule)" wait_line "$TMP/d1" "display: waiting for A003"
ctl 09:02 queue call --counter 3 >/dev/null
wait $DPID
rc=$?
check "the display's script passed (exit $rc)" test "$rc" -eq 0
[ "$rc" -eq 0 ] || cat "$TMP/d1.err"
# frames: one at the start; idle adds none; each call one (the clock's
# minute is fixed under --now while the script runs).
f=$(grep '^display: frames' "$TMP/d1" | awk '{print $3}' | tr '\n' ' ')
set -- $f
check "nothing drawn while idle ($f)" sh -c "[ '$1' = '$2' ] && [ '$3' = '$4' ] && [ '$3' -gt '$2' ]"
check "the screenshots decode at 1920x1080" size_is "$D/shots/call-A001.bmp" 1920x1080
check "... both" size_is "$D/shots/call-A003.bmp" 1920x1080

# Always drawing: the idle frames grow (the figure make bench compares).
cat >"$TMP/always.txt" <<'STEPS'
stats
idle 1000
stats
quit
STEPS
"$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --script "$TMP/always.txt" \
    --now "2026-12-01 09:03" --always-draw >"$TMP/d2" 2>&1
set -- $(awk '/^display: frames/ {print $3}' "$TMP/d2")
check "--always-draw draws while idle ($1 then $2)" test "${2:-0}" -gt "$((${1:-0} + 2))"

# kill -9 mid-call, then a restart shows the current call; nothing lost.
cat >"$TMP/kill.txt" <<'STEPS'
wait-call B001
stats
idle 60000
STEPS
display "$TMP/kill.txt" "$TMP/d3" --now "2026-12-01 09:04"
check "a display waits for B001" wait_line "$TMP/d3" "display: waiting for B001"
ctl 09:05 queue call --counter 4 --line jiuzhu >/dev/null
# Killed once it has drawn the call (its stats line follows wait-call).
check "it saw the call" wait_line "$TMP/d3" "display: frames 2"
kill -9 $DPID
wait $DPID 2>/dev/null
cat >"$TMP/again.txt" <<'STEPS'
expect-text "请 B001 号"
expect-text "到 4 号工作台"
shot restarted
quit
STEPS
expect_exit 0 "restarted after kill -9, it shows the current call B001 at counter 4" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --screenshots "$D/shots" \
    --script "$TMP/again.txt" --now "2026-12-01 09:06"
check "nothing lost in the store: four numbers, three called" \
    test "$(sqlite3 "$D/kiosk.db" "select count(*), sum(called_at is not null) from queue_tickets")" = "4|3"

# Portrait (--rotate 90): the panel's size swapped, the call still read back.
expect_exit 0 "portrait (--rotate 90) shows the call" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --screenshots "$D/shots" \
    --script "$TMP/again.txt" --now "2026-12-01 09:06" --rotate 90
check "... its screenshot is 1080x1920" size_is "$D/shots/restarted.bmp" 1080x1920
[ -n "$DISPLAY_SHOTS" ] && cp "$D"/shots/*.bmp "$DISPLAY_SHOTS"/

# Counter 4 serves and finishes B001: the call shown is again the newest
# one still called (A003), B001 only among the last calls.
ctl 09:07 queue serve --counter 4 >/dev/null
ctl 09:08 queue finish --counter 4 >/dev/null
cat >"$TMP/done.txt" <<'STEPS'
expect-text "请 A003 号"
expect-text "B001  4 号台"
quit
STEPS
expect_exit 0 "a finished number leaves the call: A003 is shown, B001 among the last calls" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --script "$TMP/done.txt" \
    --now "2026-12-01 09:09"

# The next day: no stale call, the waiting counts restart.
cat >"$TMP/next.txt" <<'STEPS'
expect-text "请稍候"
expect-text "A 综合咨询  0 人"
quit
STEPS
expect_exit 0 "the next day shows no call of yesterday" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --script "$TMP/next.txt" \
    --now "2026-12-02 00:01"
cat >"$TMP/stale.txt" <<'STEPS'
expect-text "B001"
quit
STEPS
expect_exit 3 "... B001 is nowhere on it" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --script "$TMP/stale.txt" \
    --now "2026-12-02 00:01"

# Two counters call within one minute, the lower number last: the call
# shown is the one made last (the day's order of calls), not the higher
# number; the other is among the last calls.
ctl 09:00 queue take --line yanglao >/dev/null
ctl 09:00 queue take --line yanglao --priority >/dev/null
printf 'queue_priority_every = 0\n' >"$D/k0.conf"
"$CTL" --config "$D/k0.conf" --db "$D/kiosk.db" --now "2026-12-01 09:10" queue call --counter 5 --line yanglao >/dev/null
"$CTL" --config "$D/k0.conf" --db "$D/kiosk.db" --now "2026-12-01 09:10" queue call --counter 6 --line yanglao >/dev/null
check "... (C002, the priority number, went to counter 5 first; C001 to counter 6)" \
    test "$(sqlite3 "$D/kiosk.db" "SELECT group_concat(label || '@' || counter, ' ') FROM (SELECT label, counter FROM queue_tickets WHERE line_id = 'yanglao' ORDER BY call_seq)")" = "C002@5 C001@6"
cat >"$TMP/minute.txt" <<'STEPS'
expect-text "请 C001 号"
expect-text "到 6 号工作台"
expect-text "C002  5 号台"
quit
STEPS
expect_exit 0 "two calls in one minute: the one made last (C001 at counter 6) is the call shown" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --script "$TMP/minute.txt" \
    --now "2026-12-01 09:11"

# A busy hour: five calls before the current one, a two-digit counter and
# a line closed for the day. The call is fitted to its room, the lists to
# theirs (the oldest call left out when they do not fit), the priority rule
# broken after its comma in portrait: in landscape and portrait no text
# leaves the screen or lies over another (expect-fit), and the call and the
# closed line are still there.
B="$TMP/busy"
mkdir -p "$B"
bctl() { "$CTL" --db "$B/kiosk.db" --now "2026-12-01 09:00" "$@"; }
bctl import-catalog assets/catalog/demo.ini >/dev/null
for i in 1 2 3 4 5 6 7 8; do bctl queue take --line zonghe >/dev/null; done
bctl queue close --line yanglao >/dev/null
for c in 1 2 3 4 5 12; do bctl queue call --counter $c --line zonghe >/dev/null; done
cat >"$TMP/busy.txt" <<'STEPS'
wait-call A006
expect-text "请 A006 号"
expect-text "到 12 号工作台"
expect-text "A005  5 号台"
expect-text "C 养老服务  今日停止取号"
expect-fit
shot busy
quit
STEPS
for r in 0 90; do
    expect_exit 0 "a busy hour fits the screen, rotated $r (expect-fit)" \
        "$DISPLAY_BIN" --headless --data-dir "$B" --rotate $r --script "$TMP/busy.txt" \
        --screenshots "$B" --now "2026-12-01 09:03"
done
