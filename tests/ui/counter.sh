#!/bin/sh
# Issue 19, the counter (叫号) on the kiosk's staff screens: staff log in,
# pick 工作台 1 and call the numbers kioskctl took, in the rule's order (a
# priority number after queue_priority_every regular ones), recall, skip,
# serve, finish, transfer to another line, close a line after confirming
# it (kioskctl is then refused a number of it); every step is in the
# database and in the audit under the staff member's name with "kiosk". A
# number called to counter 2 by kioskctl appears on counter 2's screen
# without a tap (the screen polls the store's data_version). The screens
# fit at both reference sizes.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/k"
mkdir -p "$d" "$TMP/shots"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
printf 'queue_priority_every = 2\n' >"$TMP/kiosk.conf"
# Three walk-ins, a priority number of the same line, one of another line.
for a in "" "" "" --priority; do ctl queue take --line zonghe $a >/dev/null; done
ctl queue take --line jiuzhu >/dev/null
# status NUMBER: its status in the database (its newest row).
status() { sqlite3 "$d/kiosk.db" "SELECT status FROM queue_tickets WHERE label = '$1' ORDER BY id DESC LIMIT 1"; }
wait_shot() { _i=0; while [ ! -s "$TMP/shots/$1.bmp" ]; do _i=$((_i + 1)); [ $_i -gt 300 ] && return 1; sleep 0.1; done; }
pin() { echo "$1" | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'; echo "tap next"; }

rm -f "$TMP/steps"
mkfifo "$TMP/steps"
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --config "$TMP/kiosk.conf" \
    --screenshots "$TMP/shots" --script "$TMP/steps" >"$TMP/out" 2>"$TMP/err" &
kpid=$!
exec 7>"$TMP/steps"
{
    echo "hold 40 40 3.5"
    pin 246810
    echo "expect-screen staff"
    echo "tap queue-counter"
    echo "expect-screen staff-counters"
    echo "tap counter:1"
    echo "expect-screen staff-counter"
    echo 'expect-text "这个工作台现在没有叫号"'
    echo "tap counter-line:zonghe"
    echo "tap queue-call"
    echo 'expect-text "正在呼叫"'
    echo 'expect-text "A001"'
    echo "tap queue-recall"
    echo 'expect-text "已重呼1次"'
    echo "tap queue-skip"
    echo 'expect-text "这个工作台现在没有叫号"'
    echo "tap queue-call"
    echo 'expect-text "A002"'
    echo "tap queue-serve"
    echo 'expect-text "正在办理"'
    echo "tap queue-finish"
    echo "tap queue-call"
    echo 'expect-text "A004"'
    echo 'expect-text "A 综合咨询 · 绿色通道"'
    echo "tap queue-transfer"
    echo 'expect-text "把 A004 号转到哪个队列？"'
    echo "tap to-line:jiuzhu"
    echo 'expect-text "已完成：A004"'
    echo "tap queue-call"
    echo 'expect-text "A003"'
    echo "drag 540 1500 540 200"
    echo "tap line-close:yanglao"
    echo 'expect-text "确定今天停止“C 养老服务”取号吗？已取的号照常叫。"'
    echo "tap cancel"
    echo "drag 540 1500 540 200"
    echo "tap line-close:yanglao"
    echo "tap confirm"
    echo 'expect-text "已完成"'
    echo "drag 540 1500 540 200"
    echo 'expect-text "C 养老服务 · 今日已停止取号"'
    echo "tap line-open:yanglao"
    echo 'expect-text "确定恢复“C 养老服务”今天的取号吗？"'
    echo "tap cancel"
    echo "shot closed"
} >&7
check "the counter screen calls, recalls, skips, serves, finishes and transfers" wait_shot closed
[ -s "$TMP/shots/closed.bmp" ] || { grep -A3 'step failed' "$TMP/err"; cat "$TMP/out"; }
check "the numbers were called in the rule's order: A001, A002, the priority A004, A003" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT group_concat(label, ' ') FROM (SELECT label FROM queue_events WHERE kind = 'queue_call' AND counter = 1 ORDER BY seq)")" = "A001 A002 A004 A003"
check "A001 is a no-show after one recall" test "$(status A001)" = no_show
check "A002 was served and finished" test "$(status A002)" = done
check "A004 waits on 社会救助 now" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT line_id || ' ' || status FROM queue_tickets WHERE label = 'A004' ORDER BY id DESC LIMIT 1")" = "jiuzhu waiting"
check "A003 is called to counter 1" \
    test "$(sqlite3 "$d/kiosk.db" "SELECT status || ' ' || counter FROM queue_tickets WHERE label = 'A003'")" = "called 1"
expect_exit 1 "the closed line gives kioskctl no number" ctl queue take --line yanglao
ctl audit >"$TMP/audit"
for a in "queue_call .*A001 at counter 1 kiosk" "queue_recall .*A001 at counter 1 kiosk" \
    "queue_skip .*A001 at counter 1 kiosk" "queue_serve .*A002 at counter 1 kiosk" \
    "queue_finish .*A002 at counter 1 kiosk" "queue_transfer .*A004 at counter 1 to jiuzhu kiosk" \
    "queue_close .*line yanglao (C) closed for 2026-12-01 kiosk"; do
    check "audit: $a, by 王芳" grep -q "王芳 *$a" "$TMP/audit"
done
check "... and nothing for the confirmation cancelled: one close" \
    test "$(grep -c 'queue_close' "$TMP/audit")" -eq 1

# Counter 2 on the screen; kioskctl calls a number to it: it appears
# without a tap within the poll's two seconds.
{
    echo "tap back"
    echo "expect-screen staff-counters"
    echo "tap counter:2"
    echo 'expect-text "这个工作台现在没有叫号"'
    echo "shot counter2-idle"
} >&7
check "counter 2 shows nobody called" wait_shot counter2-idle
ctl queue call --counter 2 --line jiuzhu >"$TMP/called"
check "kioskctl called B001 to counter 2" grep -q B001 "$TMP/called"
{
    echo "wait 2.5"
    echo "expect-screen staff-counter"
    echo 'expect-text "B001"'
    echo 'expect-text "正在呼叫"'
    echo "tap home"
    echo "expect-screen attract"
} >&7
exec 7>&-
wait $kpid
rc=$?
check "the number called elsewhere is on counter 2's screen without a tap" test $rc -eq 0
[ $rc -eq 0 ] || tail -20 "$TMP/err"

# Idle: the staff screens log out as the others do (the poll is no input).
cat >"$TMP/idle.txt" <<EOF
hold 40 40 3.5
$(pin 246810)
tap queue-counter
tap counter:3
expect-screen staff-counter
wait 200
expect-screen attract
EOF
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/idle.txt" >"$TMP/out" 2>"$TMP/err"
check "the counter screen logs out when left alone, though it polls" test $? -eq 0

# Both reference sizes: nothing cut, nothing over another, inside the screen.
for size in 1080x1920 1920x1080; do
    W=${size%x*} H=${size#*x}
    cat >"$TMP/fit.txt" <<EOF
hold 40 40 3.5
$(pin 246810)
widgets
tap queue-counter
widgets
tap counter:1
widgets
tap queue-transfer
widgets
tap cancel
tap line-close:zonghe
widgets
tap cancel
drag $((W * 3 / 4)) $((H * 3 / 4)) $((W * 3 / 4)) $((H / 5))
widgets
EOF
    "$KIOSK" --headless --data-dir "$d" --now "$NOW" --size $size --script "$TMP/fit.txt" \
        >"$TMP/w" 2>"$TMP/err"
    check "[$size] the counter screens run" test $? -eq 0
    [ -s "$TMP/err" ] && grep -A2 'step failed' "$TMP/err"
    check "[$size] no text cut" sh -c "! grep -q '^elided' '$TMP/w'"
    check "[$size] every widget inside the screen" awk -F'\t' -v W="$W" -v H="$H" '
        NF >= 3 && $3 ~ /^[0-9]+,[0-9]+,[0-9]+,[0-9]+$/ && $1 != "scroll" {
            split($3, r, ","); if (r[1] < 0 || r[2] < 0 || r[1] + r[3] > W || r[2] + r[4] > H) { print; bad = 1 } }
        END { exit bad }' "$TMP/w"
done
