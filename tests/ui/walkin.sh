#!/bin/sh
# Issue 19, the resident's walk-in flow on the real kiosk: from home's
# 现场取号 three residents take A001, a priority A002 (绿色通道) and B001;
# each ticket shows its number and how many are ahead (widgets and text),
# the store holds the rows (sqlite3), the voice says the number character
# by character and the printer gets one slip a number (no QR). With a
# serving time of 12 minutes in the store the next ticket's estimate is 12
# minutes a person. A line staff closed, and one capped and used up, say so
# on their buttons before anyone takes a number; tapping one goes to
# queue-refused and takes nothing. A booking checked in on the kiosk shows
# and says its queue number. At 1080x1920 and 1920x1080.
. tests/lib.sh
NOW="2026-12-01 09:00"
PHONE=13812345678
for size in 1080x1920 1920x1080; do
    d="$TMP/$size"
    mkdir -p "$d"
    ctl() { "$CTL" --db "$d/kiosk.db" --now "${AT:-$NOW}" "$@"; }
    # kiosk SCRIPT AT: a headless run with the voice on and a printer file.
    kiosk() {
        SDL_AUDIODRIVER=dummy "$KIOSK" --headless --config "$d/k.conf" --voice on --data-dir "$d" \
            --printer "$d/slips" --size $size --now "$2" --script "$1" --screenshots "$d" \
            >"$d/out" 2>"$d/err"
    }
    q() { sqlite3 "$d/kiosk.db" "$1"; }
    ctl import-catalog assets/catalog/demo.ini >/dev/null
    printf 'voice_log = %s/said\nqueue_priority_every = 2\nqueue_priority_age = 65\n' "$d" >"$d/k.conf"

    cat >"$d/take.txt" <<'EOF'
tap start
expect-screen home
tap walk-in
expect-screen walk-in
expect-text "综合咨询"
expect-text "前方 0 人"
expect-text "年满65岁"
expect-text "每叫2个普通号"
expect-speech "现场取号。"
tap line:zonghe
expect-screen queue-ticket
expect-text "A001"
expect-text "前方等待 0 人"
expect-speech "您的号码是A，零，零，幺号。综合咨询。前方等待 0 人。"
shot queue-ticket-a001
widgets
tap done
expect-screen home
tap walk-in
expect-screen walk-in
expect-text "前方 1 人"
tap priority
expect-text "✓ 绿色通道"
tap line:zonghe
expect-screen queue-ticket
expect-text "A002"
expect-text "绿色通道号"
expect-text "前方等待 1 人"
expect-text "预计等待约 5 分钟"
widgets
tap done
tap walk-in
expect-screen walk-in
tap line:jiuzhu
expect-screen queue-ticket
expect-text "B001"
widgets
EOF
    kiosk "$d/take.txt" "$NOW"
    rc=$?
    check "[$size] three numbers taken by touch: A001, a priority A002, B001" test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
    check "[$size] each ticket's number and ahead as widgets (A001 0, A002 1, B001 0)" test \
        "$(awk -F'\t' '$1 == "queue-number" { n = $2 } $1 == "queue-ahead" { printf "%s:%s ", n, $2 }' "$d/out")" \
        = "A001:0 A002:1 B001:0 "
    check "[$size] the store holds them as taken" test \
        "$(q "SELECT group_concat(label || ' ' || line_id || ' ' || kind || ' ' || status, ', ') FROM (SELECT * FROM queue_tickets ORDER BY id)")" \
        = "A001 zonghe walkin waiting, A002 zonghe priority waiting, B001 jiuzhu walkin waiting"
    check "[$size] the voice said the priority number and its estimate" \
        grep -q "您的号码是A，零，零，二号。综合咨询。绿色通道号。前方等待 1 人。预计等待约 5 分钟。请留意叫号屏。" "$d/said"
    check "[$size] three slips printed, valid ESC/POS" sh -c \
        "python3 tests/tools/escpos_decode.py '$d/slips' '$d/slip.pbm' | grep -c '^job' | grep -qx 3"

    # A001 served from 09:00 to 09:12: the estimate is 12 minutes a person.
    AT="2026-12-01 09:00" ctl queue call --counter 1 --line zonghe >/dev/null
    AT="2026-12-01 09:00" ctl queue serve --counter 1 >/dev/null
    AT="2026-12-01 09:12" ctl queue finish --counter 1 >/dev/null
    # Staff close B for today; C is capped at one number, and it is taken.
    ctl queue close --line jiuzhu >/dev/null
    ctl queue cap --line yanglao --max 1 >/dev/null
    ctl queue take --line yanglao >/dev/null
    cat >"$d/more.txt" <<'EOF'
tap start
tap walk-in
expect-screen walk-in
expect-text "今日暂停取号"
expect-text "今日号已取完"
shot walk-in-shut
widgets
tap line:jiuzhu
expect-screen queue-refused
expect-text "“社会救助”今日暂停取号，没有给您取号。"
expect-speech "没有取到号。"
shot queue-refused
tap walk-in
expect-screen walk-in
tap line:yanglao
expect-screen queue-refused
expect-text "“养老服务”今天的号已经取完，没有给您取号。"
tap done
expect-screen home
tap walk-in
tap line:zonghe
expect-screen queue-ticket
expect-text "A003"
expect-text "前方等待 1 人"
expect-text "预计等待约 12 分钟"
EOF
    kiosk "$d/more.txt" "2026-12-01 09:12"
    rc=$?
    check "[$size] closed and full lines say so and refuse; the estimate follows today's serving" \
        test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
    check "[$size] ... each says why on its own button, before any tap" test \
        "$(awk -F'\t' '$1 ~ /^line:/ { print $1 "=" $2 }' "$d/out" | head -3 | tr '\n' ' ')" \
        = "line:zonghe=A 综合咨询 前方 1 人 line:jiuzhu=B 社会救助 今日暂停取号 line:yanglao=C 养老服务 今日号已取完 "
    check "[$size] ... nothing was taken on the closed or the full line" test \
        "$(q "SELECT count(*) FROM queue_tickets WHERE line_id = 'jiuzhu'"):$(q "SELECT count(*) FROM queue_tickets WHERE line_id = 'yanglao'")" = "1:1"

    # A booking of 康养咨询 (line C) checked in on the kiosk by its code.
    ctl queue open --line jiuzhu >/dev/null
    ctl book --session kangyang-zixun-20261201-1000 --phone $PHONE >"$d/book.out"
    code=$(q "SELECT ticket FROM bookings ORDER BY id DESC LIMIT 1")
    {
        printf 'tap start\ntap checkin\nexpect-screen checkin\n'
        code_keys "$code"
        printf 'tap next\n'
        factor_keys 5678
        printf 'expect-screen checkin-result\nexpect-text "您的排队号 C002，请留意叫号屏"\n'
        printf 'expect-speech "签到成功，欢迎您！您的排队号 C，零，零，二，请留意叫号屏。"\nshot checkin-queue\n'
    } >"$d/checkin.txt"
    kiosk "$d/checkin.txt" "2026-12-01 09:20"
    rc=$?
    check "[$size] a booked check-in shows and says its queue number" test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
    check "[$size] ... the store's appointment" test \
        "$(q "SELECT label || ' ' || kind FROM queue_tickets WHERE booking = '$code'")" = "C002 appointment"
    # By keys alone: the focus reaches walk-in, the priority toggle and
    # each line; Enter takes the number (B was closed and opened again).
    # B is below A in portrait, beside it in landscape.
    case $size in 1080x*) to_b='key Down' ;; *) to_b='key Right' ;; esac
    printf '%s\n' 'key Return' 'expect-screen home' 'key Down' 'key Down' 'key Down' \
        'expect-focus walk-in' 'key Return' 'expect-screen walk-in' 'expect-focus line:zonghe' \
        'key Up' 'expect-focus priority' 'key Return' 'expect-text "✓ 绿色通道"' 'key Down' \
        'expect-focus line:zonghe' "$to_b" 'expect-focus line:jiuzhu' 'key Return' \
        'expect-screen queue-ticket' 'expect-text "B002"' 'expect-focus done' >"$d/keys.txt"
    kiosk "$d/keys.txt" "2026-12-01 09:25"
    rc=$?
    check "[$size] by keys alone: walk-in, 绿色通道 and a line reached, a number taken" test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
    check "[$size] ... a priority number" test \
        "$(q "SELECT kind FROM queue_tickets WHERE label = 'B002'")" = priority
    check "[$size] no digit run of the phone was said" sh -c \
        "awk -F'\t' '\$2 ~ /^say/ { print \$3 }' '$d/said' | grep -q 签到成功 && ! awk -F'\t' '\$2 ~ /^say/ { print \$3 }' '$d/said' | grep -Eq '[0-9]{5}|5678'"
done

# Two counters serving line A share its wait: A001 and A002 each served for
# 10 minutes, at counters 1 and 2, within the last hour; with A003 and A004
# waiting the next ticket's estimate is 2 x 10 / 2 = 10 minutes, where one
# counter would make it 20.
d="$TMP/two-counters"
mkdir -p "$d"
size=1080x1920
ctl import-catalog assets/catalog/demo.ini >/dev/null
printf 'voice_log = %s/said\n' "$d" >"$d/k.conf"
for i in 1 2 3 4; do ctl queue take --line zonghe >/dev/null; done
for c in 1 2; do
    AT="2026-12-01 09:00" ctl queue call --counter $c --line zonghe >/dev/null
    AT="2026-12-01 09:00" ctl queue serve --counter $c >/dev/null
    AT="2026-12-01 09:10" ctl queue finish --counter $c >/dev/null
done
# estimate AT NUMBER AHEAD MINUTES NAME: a number taken at AT shows them.
estimate() {
    printf '%s\n' 'tap start' 'tap walk-in' 'tap line:zonghe' 'expect-screen queue-ticket' \
        "expect-text \"$2\"" "expect-text \"前方等待 $3 人\"" "expect-text \"预计等待约 $4 分钟\"" \
        >"$d/estimate.txt"
    kiosk "$d/estimate.txt" "$1"
    rc=$?
    check "$5" test $rc -eq 0
    [ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
}
estimate "2026-12-01 09:30" A005 2 10 "two counters serving the line halve the estimate (约 10 分钟, not 20)"
# An hour and more after their last call the counters no longer count:
# the estimate is one counter's again.
estimate "2026-12-01 10:01" A006 3 30 "... counters silent for an hour are not counted (约 30 分钟 for 3 ahead)"

# 打印凭条 on the number's screen prints the slip again (a slip lost or
# torn); a printer that fails says to remember the number, in other words
# the second time; a kiosk without a printer says so when it is tapped.
d="$TMP/reprint"
mkdir -p "$d"
ctl import-catalog assets/catalog/demo.ini >/dev/null
printf 'voice_log = %s/said\n' "$d" >"$d/k.conf"
printf '%s\n' 'tap start' 'tap walk-in' 'tap line:zonghe' 'expect-screen queue-ticket' \
    'expect-text "A001"' 'tap print' 'expect-screen queue-ticket' 'expect-text "凭条正在打印，请从下方出纸口取走"' \
    'tap print' 'expect-text "凭条正在打印，请从下方出纸口取走"' 'tap done' 'expect-screen home' >"$d/again.txt"
kiosk "$d/again.txt" "2026-12-01 09:00"
rc=$?
check "打印凭条 on the number's screen prints it again" test $rc -eq 0
[ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
check "... three slips of A001 (one taken, two again), one number in the store" sh -c \
    "python3 tests/tools/escpos_decode.py '$d/slips' '$d/slip.pbm' | grep -c '^job' | grep -qx 3 &&
     test \"\$(sqlite3 '$d/kiosk.db' 'SELECT count(*) FROM queue_tickets')\" = 1"
rm -f "$d/slips" && mkdir "$d/slips" # a printer that cannot be opened
printf '%s\n' 'tap start' 'tap walk-in' 'tap line:zonghe' 'expect-screen queue-ticket' \
    'expect-text "A002"' 'expect-text "打印机暂时无法使用，请记住您的号码，或用手机拍下这个屏幕"' \
    'tap print' 'expect-text "还是没能打印。请记住您的号码，或请工作人员帮忙"' 'shot print-failed' >"$d/fail.txt"
kiosk "$d/fail.txt" "2026-12-01 09:01"
rc=$?
check "a failing printer: remember the number, then other words when tapped again" test $rc -eq 0
[ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
printf '%s\n' 'tap start' 'tap walk-in' 'tap line:zonghe' 'expect-screen queue-ticket' \
    'expect-text "A003"' 'tap print' 'expect-text "这台机器没有打印机，请记住您的号码"' >"$d/none.txt"
"$KIOSK" --headless --config "$d/k.conf" --data-dir "$d" --now "2026-12-01 09:02" \
    --script "$d/none.txt" >"$d/out" 2>"$d/err"
rc=$?
check "no printer: a tap on 打印凭条 says so" test $rc -eq 0
[ $rc -eq 0 ] || grep 'step failed' -A 3 "$d/err"
