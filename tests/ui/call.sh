#!/bin/sh
# Issue 17, call staff (一键呼叫): a resident presses call-staff and sees
# that someone is coming; the call is in the store (kioskctl calls) with the
# screen it was pressed on, once a visit however often it is pressed; the
# idle reset ends the visit; the config's hook runs with the kiosk and the
# screen (no shell, no personal data) and again after call_repeat_minutes
# while nobody acknowledged the call; staff see it on the kiosk's staff
# screen and acknowledge it there, audited under their name. And the
# button is on every resident screen of the visit at both reference sizes,
# clear of every other widget and inside the screen.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/k"
mkdir -p "$d"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
# kiosk SCRIPT [OPTIONS...]: a headless run on the test's data directory.
kiosk() {
    _s=$1
    shift
    "$KIOSK" --headless --data-dir "$d" --now "$NOW" "$@" --script "$_s" >"$TMP/out" 2>"$TMP/err"
}
wait_for() { _i=0; while ! "$@"; do _i=$((_i + 1)); [ $_i -gt 300 ] && return 1; sleep 0.1; done; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
# calls_col COL: that column of the open calls, one line each (no header).
calls_col() { ctl calls --format csv | awk -F, -v c="$1" 'NR > 1 { print $c }'; }

# The hook: records its arguments, one line a run.
cat >"$TMP/hook" <<HOOK
#!/bin/sh
echo "\$*" >>"$TMP/hook.out"
HOOK
chmod +x "$TMP/hook"
printf 'call_hook = %s\ncall_repeat_minutes = 2\n' "$TMP/hook" >"$TMP/kiosk.conf"

cat >"$TMP/press.txt" <<'EOF2'
tap start
tap category:yanglao
tap service:kangyang-zixun
tap book
expect-screen slots
tap call-staff
expect-screen call
expect-text "工作人员马上就来"
expect-text "回到刚才的页面"
tap call-close
expect-screen slots
tap call-staff
expect-screen call
tap call-close
tap home
tap call-staff
expect-screen call
tap call-close
expect-screen home
EOF2
kiosk "$TMP/press.txt" --config "$TMP/kiosk.conf"
check "call-staff shows 'someone is coming' with a way back, pressed three times" test $? -eq 0
[ -s "$TMP/err" ] && grep 'step failed' -A 3 "$TMP/err"
check "kioskctl calls lists one call, from the slots screen" \
    test "$(calls_col 4)" = slots
check "... with this kiosk's name and the time" \
    test "$(calls_col 2)" = "$(hostname)" -a "$(calls_col 3)" = "$NOW"
check "the hook ran once, with the kiosk, the screen and the call's number" \
    wait_for grep -qx "call $(hostname) slots 1" "$TMP/hook.out"
check "... and only once" test "$(wc -l <"$TMP/hook.out")" -eq 1
check "the log says a resident asks for staff" grep -q "call 1 from screen slots" "$TMP/err"

# Nobody acknowledges: after call_repeat_minutes the hook runs again and
# the log says so; the idle reset (80 s) ends the visit on the way, so the
# next press is a new call.
cat >"$TMP/repeat.txt" <<'EOF2'
tap start
wait 150
expect-screen attract
tap start
tap call-staff
expect-screen call
EOF2
kiosk "$TMP/repeat.txt" --config "$TMP/kiosk.conf"
check "a second visit's press, after minutes without an acknowledgement" test $? -eq 0
check "the unanswered call was repeated to staff: hook run again" \
    wait_for grep -qx "repeat $(hostname) slots 1" "$TMP/hook.out"
check "... with a log line" grep -q "call 1 from screen slots .* not acknowledged: staff alerted again (alert 2)" "$TMP/err"
check "the new visit's press is a second call, from home" \
    test "$(calls_col 4 | tr '\n' ' ')" = "home slots "
check "kioskctl calls counts the alerts" test "$(calls_col 5 | tr '\n' ' ')" = "1 2 "

# Staff log in on the kiosk: the calls are listed; one is acknowledged.
pin() { echo "$1" | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'; echo "tap next"; }
{
    echo "hold 40 40 3.5"
    pin 246810
    echo "expect-screen staff"
    echo 'expect-text "有2位居民在自助机找工作人员"'
    echo 'expect-text "09:00 · 在“slots”页面"'
    echo "tap call-ack:1"
    echo "expect-screen staff"
    echo 'expect-text "有1位居民在自助机找工作人员"'
    echo 'expect-no-text "在“slots”页面"'
} >"$TMP/staff.txt"
kiosk "$TMP/staff.txt"
check "staff see the calls on the kiosk's staff screen and acknowledge one" test $? -eq 0
[ -s "$TMP/err" ] && grep 'step failed' -A 3 "$TMP/err"
ctl calls --all --format csv | tr -d "\r" >"$TMP/all"
check "kioskctl calls --all shows it acknowledged by 王芳" \
    grep -q '^1,.*,slots,2,.*,.*,王芳$' "$TMP/all"
check "kioskctl calls lists only the other one" test "$(calls_col 1)" = 2
ctl audit >"$TMP/audit"
check "the audit has the acknowledgement under 王芳" grep -q "王芳 *call_ack .*call 1 from" "$TMP/audit"
expect_exit 0 "kioskctl calls ack acknowledges the other" ctl calls ack 2 --staff 王芳
expect_exit 1 "... and refuses a second time" ctl calls ack 2
expect_exit 1 "... and a call that does not exist" ctl calls ack 99
expect_exit 2 "... and a number that is not one" ctl calls ack x
check "no call is open now" test -z "$(calls_col 1)"

# No personal data: the phone typed before the call is nowhere in calls.
printf 'tap start\ntap lookup\ntype 13812345678\ntap call-staff\nexpect-screen call\n' >"$TMP/typed.txt"
kiosk "$TMP/typed.txt" --config "$TMP/kiosk.conf"
check "a call pressed with a number typed is recorded" test "$(calls_col 4)" = lookup
check "... and the number is neither in the calls nor given to the hook" \
    sh -c "! ctl calls --all | grep -q 1381 && ! grep -q 1381 '$TMP/hook.out'" 2>/dev/null

# A hook that fails is logged, and the call still stands.
printf '#!/bin/sh\nexit 3\n' >"$TMP/bad"
chmod +x "$TMP/bad"
printf 'call_hook = %s\n' "$TMP/bad" >"$TMP/bad.conf"
printf 'tap start\ntap checkin\ntap call-staff\nexpect-screen call\n' >"$TMP/bad.txt"
kiosk "$TMP/bad.txt" --config "$TMP/bad.conf"
check "a failing hook is logged with its exit status" grep -q "call_hook (call 4) failed: exit status 3" "$TMP/err"
check "... and the call is recorded" test "$(calls_col 4 | head -1)" = checkin

# The hook is a program by its absolute path: no PATH search, no shell.
printf 'call_hook = bell.sh\n' >"$TMP/rel.conf"
kiosk "$TMP/bad.txt" --config "$TMP/rel.conf"
check "a call_hook that is not an absolute path is refused at start" test $? -eq 1
check "... saying so" grep -q "rel.conf:1: bad value 'bell.sh' for call_hook: expected the absolute path" "$TMP/err"

# Every resident screen of the visit carries call-staff, inside the screen
# and overlapping no other widget, at both reference sizes.
for size in 1080x1920 1920x1080; do
    rm -rf "$TMP/v"
    mkdir -p "$TMP/v"
    { echo "tap start"; sed 's/^shot .*/screen\nwidgets/' tests/ui/scripts/visit.txt; } >"$TMP/visit.txt"
    "$KIOSK" --headless --data-dir "$TMP/v" --now "$NOW" --size $size --script "$TMP/visit.txt" \
        >"$TMP/widgets" 2>"$TMP/verr"
    check "the visit at $size runs" test $? -eq 0
    W=${size%x*} H=${size#*x}
    awk -F'\t' -v W="$W" -v H="$H" '
        function done_screen() {
            if (name == "") return
            n_screens++
            if (!have) { print "no call-staff on " name; bad = 1; return }
            for (i = 1; i <= n; i++) {
                split(box[i], b, ",")
                if (b[1] < cx + cw && cx < b[1] + b[3] && b[2] < cy + ch && cy < b[2] + b[4]) {
                    print "call-staff overlaps " ids[i] " on " name; bad = 1
                }
            }
            if (cx < 0 || cy < 0 || cx + cw > W || cy + ch > H) { print "call-staff outside on " name; bad = 1 }
        }
        /^screen / { done_screen(); name = $1; sub(/^screen /, "", name); have = 0; n = 0; next }
        $1 == "call-staff" { have = 1; split($3, c, ","); cx = c[1]; cy = c[2]; cw = c[3]; ch = c[4]; next }
        $1 != "elided" && NF >= 3 { ids[++n] = $1; box[n] = $3 }
        END { done_screen(); if (n_screens < 13) { print "only " n_screens " screens"; bad = 1 } exit bad }
    ' "$TMP/widgets" >"$TMP/why"
    check "call-staff on all 13 resident screens of the visit at $size, clear of the rest" test $? -eq 0
    if [ -s "$TMP/why" ]; then cat "$TMP/why"; fi
done
