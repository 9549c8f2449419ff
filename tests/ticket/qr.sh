#!/bin/sh
# QR tickets end to end: book by touch, read the QR off the screenshot with
# zbarimg (a reader nobody here wrote), compare with kioskctl, verify and
# tamper; check in by scan and by typed code, with every refusal; print to
# a file and read the QR back off the decoded ESC/POS raster; a missing
# printer loses nothing.
. tests/lib.sh
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000
if ! command -v zbarimg >/dev/null 2>&1; then
    echo "# skip: zbarimg is absent (Debian package zbar-tools)"
    exit 0
fi
kiosk() {
    dir=$1 size=$2 script=$3
    shift 3
    "$KIOSK" --headless --data-dir "$dir" --size "$size" --now "$NOW" --script "$script" "$@"
}
ctl() {
    db=$1
    shift
    "$CTL" --db "$db/kiosk.db" --now "$NOW" "$@"
}
book_script() { # $1 = file
    cat >"$1" <<STEPS
tap start
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:$SID
type 13812345678
tap next
tap confirm
expect-screen ticket
shot ticket
STEPS
}
book_script "$TMP/book.txt"

for size in 1080x1920 1920x1080; do
    d="$TMP/$size"
    mkdir -p "$d/shots"
    expect_exit 0 "[$size] book by touch and shoot the ticket" \
        kiosk "$d" "$size" "$TMP/book.txt" --screenshots "$d/shots"
    code=$(ctl "$d" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
    want=$(ctl "$d" ticket "$code")
    got=$(zbarimg --raw -q "$d/shots/ticket.bmp" 2>/dev/null)
    check "[$size] zbarimg reads the on-screen QR: $got" test -n "$got" -a "$got" = "$want"
    check "[$size] the payload holds no phone number" sh -c "! echo '$got' | grep -q 1381234"
    check "[$size] the payload fits QR version 4 at M (<= 62 bytes)" test "${#got}" -le 62
    qr=$got # (expect_exit sets got and want to exit statuses)
    expect_exit 0 "[$size] verify-ticket accepts it" ctl "$d" verify-ticket "$qr"
    check "[$size] verify-ticket prints the code" grep -qx "$code" "$TMP/out"
    # One changed character anywhere makes it a forgery: refused with exit 1
    # and the reason, no ticket code printed (an abort or a crash is no
    # refusal).
    bad=0
    first=""
    i=1
    while [ $i -le ${#qr} ]; do
        forged=$(echo "$qr" | awk -v i=$i '{ c = substr($0, i, 1); print substr($0, 1, i - 1) (c == "A" ? "B" : "A") substr($0, i + 1) }')
        ctl "$d" verify-ticket "$forged" >"$TMP/vout" 2>"$TMP/verr"
        vrc=$?
        if [ $vrc -ne 1 ] || [ -s "$TMP/vout" ] ||
            [ "$(cat "$TMP/verr")" != "kioskctl: not a genuine ticket of this station" ]; then
            bad=$((bad + 1))
            [ -n "$first" ] || first="$forged: exit $vrc, $(cat "$TMP/vout" "$TMP/verr" | head -c 200)"
        fi
        i=$((i + 1))
    done
    if [ $bad -eq 0 ] && [ $((i - 1)) -eq ${#qr} ] && [ ${#qr} -ge 20 ]; then
        ok "[$size] every one-character change is refused ($((i - 1)) tried)"
    else
        not_ok "[$size] every one-character change is refused ($bad of $((i - 1)) not refused)" "first: $first"
    fi
    check "[$size] the ticket key is private (0600)" \
        test "$(stat -c %a "$d/ticket.key")" = 600
done

# Check-in by scan, and each refusal, on the 1080x1920 kiosk's database.
d="$TMP/1080x1920"
code=$(ctl "$d" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
payload=$(ctl "$d" ticket "$code")
printf 'expect-screen attract\nscan %s\nexpect-screen checkin-result\nexpect-text "签到成功，欢迎您！"\nexpect-text "康养咨询"\ntap done\nexpect-screen home\n' \
    "$payload" >"$TMP/scan.txt"
expect_exit 0 "a scan on the attract screen checks the booking in" kiosk "$d" 1080x1920 "$TMP/scan.txt"
check "the store says checked_in" \
    test "$(ctl "$d" bookings --status checked_in --format csv | grep -c "$code")" -eq 1
printf 'tap start\ntap category:ertong\nscan %s\nexpect-screen checkin-result\nexpect-text "您已经签到过了"\n' \
    "$payload" >"$TMP/again.txt"
expect_exit 0 "a second scan, from another screen, says already checked in" kiosk "$d" 1080x1920 "$TMP/again.txt"

t2=$(ctl "$d" book --session "$SID" --phone 13700000000)
ctl "$d" cancel "$t2" >/dev/null
p2=$(ctl "$d" ticket "$t2")
printf 'scan %s\nexpect-screen checkin-result\nexpect-text "这个预约已经取消"\n' "$p2" >"$TMP/cancelled.txt"
expect_exit 0 "a cancelled booking is refused at the scanner" kiosk "$d" 1080x1920 "$TMP/cancelled.txt"

t3=$(ctl "$d" book --session kangyang-zixun-20261203-1400 --phone 13700000001)
p3=$(ctl "$d" ticket "$t3")
printf 'scan %s\nexpect-screen checkin-result\nexpect-text "这个预约不是今天的"\nexpect-text "2026年12月3日"\n' "$p3" >"$TMP/nottoday.txt"
expect_exit 0 "a booking of another day is refused" kiosk "$d" 1080x1920 "$TMP/nottoday.txt"
check "and stays booked" test "$(ctl "$d" bookings --status booked --format csv | grep -c "$t3")" -eq 1

forged="$(echo "$p3" | cut -c1-28)$( [ "$(echo "$p3" | cut -c29)" = A ] && echo B || echo A)"
printf 'scan %s\nexpect-screen checkin-result\nexpect-text "无法识别这张预约凭条"\n' "$forged" >"$TMP/forged.txt"
expect_exit 0 "a forged payload is refused" kiosk "$d" 1080x1920 "$TMP/forged.txt"
check "and checks nothing in" test "$(ctl "$d" bookings --status booked --format csv | grep -c "$t3")" -eq 1

# Typed on the check-in keypad: the code of a booking of today.
t4=$(ctl "$d" book --session "$SID" --phone 13700000002)
{
    echo "tap start"
    echo "tap checkin"
    echo "expect-screen checkin"
    echo "$t4" | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
    factor_keys 0002
    echo "expect-screen checkin-result"
    echo 'expect-text "签到成功，欢迎您！"'
} >"$TMP/typed.txt"
expect_exit 0 "a code typed on the check-in keypad checks in" kiosk "$d" 1080x1920 "$TMP/typed.txt"
check "the typed check-in is in the store" \
    test "$(ctl "$d" bookings --status checked_in --format csv | grep -c "$t4")" -eq 1
printf 'tap start\ntap checkin\ntap key:2\ntap key:3\ntap key:4\ntap key:5\ntap key:6\ntap key:7\ntap key:8\ntap key:9\ntap next\ntap key:1\ntap next\nexpect-text "预约码和后四位对不上"\n' >"$TMP/unknown.txt"
expect_exit 0 "an unknown typed code is refused" kiosk "$d" 1080x1920 "$TMP/unknown.txt"
