#!/bin/sh
# The resident flows on the real kiosk binary, headless, at both reference
# sizes: each script's screens are asserted by the script itself, and what
# it did to the database is checked here through kioskctl.
. tests/lib.sh
S=tests/ui/scripts
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000

# kiosk DIR SIZE SCRIPT [more options]: a fresh kiosk on the data dir DIR.
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

for size in 1080x1920 1920x1080; do
    d="$TMP/$size"
    mkdir -p "$d"
    expect_exit 0 "[$size] book by touch" kiosk "$d" "$size" "$S/book.txt"
    ctl "$d" bookings --format csv | tr -d '\r' | tail -n +2 >"$TMP/rows"
    check "[$size] one booking in the store" test "$(grep -c . "$TMP/rows")" -eq 1
    check "[$size] for the session tapped, party 2, full phone, booked" \
        grep -q ",$SID,kangyang-zixun,康养咨询,2026-12-01,10:00,13812345678,2,booked," "$TMP/rows"
    check "[$size] seats left after the booking" \
        test "$(ctl "$d" sessions --service kangyang-zixun --date 2026-12-01 --format csv | tr -d '\r' | awk -F, -v s=$SID '$1 == s { print $10 }')" -eq 1

    # Cancelling needs the booking's code (issue 16): typed before 确定取消.
    code=$(ctl "$d" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
    code_keys "$code" >"$TMP/keys"
    awk -v keys="$TMP/keys" '$0 == "tap confirm" { while ((getline k < keys) > 0) print k } { print }' \
        "$S/lookup-cancel.txt" >"$TMP/lookup-cancel.txt"
    expect_exit 0 "[$size] look up and cancel, typing the code" kiosk "$d" "$size" "$TMP/lookup-cancel.txt"
    check "[$size] the booking is cancelled in the store" \
        test "$(ctl "$d" bookings --status cancelled --format csv | tail -n +2 | grep -c "$SID")" -eq 1
    check "[$size] its seats are free again" \
        test "$(ctl "$d" sessions --service kangyang-zixun --date 2026-12-01 --format csv | tr -d '\r' | awk -F, -v s=$SID '$1 == s { print $10 }')" -eq 3

    expect_exit 0 "[$size] a bad phone number is refused on screen" kiosk "$d" "$size" "$S/invalid-phone.txt"
    expect_exit 0 "[$size] idle warning, more time, reset wipes the digits" kiosk "$d" "$size" "$S/idle.txt"
    check "[$size] nothing was booked by the idle run" \
        test "$(ctl "$d" bookings --status booked --format csv | tail -n +2 | grep -c .)" -eq 0

    # Full: three others took the three seats.
    for p in 13900000001 13900000002 13900000003; do
        ctl "$d" book --session "$SID" --phone "$p" >/dev/null
    done
    kiosk "$d" "$size" "$S/full.txt" >"$TMP/w" 2>"$TMP/e"
    check "[$size] the full session is shown, marked 无号" test $? -eq 0
    check "[$size] the full session cannot be chosen" \
        grep -q "^session:$SID	.*无号	.*	disabled$" "$TMP/w"
    printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\ntap session:%s\n' \
        "$SID" >"$TMP/tapfull.txt"
    expect_exit 3 "[$size] a script tapping the full session fails" kiosk "$d" "$size" "$TMP/tapfull.txt"
    check "[$size] the failure names the line and lists the widgets" \
        sh -c "grep -q 'tapfull.txt:5: step failed' '$TMP/err' && grep -q '^date:2026-12-01' '$TMP/err'"
done

# A session that fills while the resident is on the confirm screen: the
# script comes through a pipe, and between two steps another "resident"
# takes the last seats with kioskctl.
d="$TMP/race"
mkdir -p "$d" "$TMP/shots"
mkfifo "$TMP/steps"
kiosk "$d" 1080x1920 "$TMP/steps" --screenshots "$TMP/shots" >"$TMP/race.out" 2>&1 &
kpid=$!
exec 7>"$TMP/steps"
cat >&7 <<STEPS
tap start
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:$SID
type 13812345678
tap next
expect-screen confirm
shot at-confirm
STEPS
i=0
while [ ! -s "$TMP/shots/at-confirm.bmp" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ctl "$d" book --session "$SID" --phone 13900000001 --party 3 >/dev/null
cat >&7 <<STEPS
tap confirm
expect-screen refused
expect-text "这一场刚刚约满了"
tap slots
expect-screen slots
expect-text "无号"
STEPS
exec 7>&-
wait $kpid
rc=$?
check "a session filled by someone else during confirm is refused with a way on" test $rc -eq 0
[ $rc -eq 0 ] || cat "$TMP/race.out"
check "and nothing was overbooked" \
    test "$(ctl "$d" sessions --service kangyang-zixun --date 2026-12-01 --format csv | tr -d '\r' | awk -F, -v s=$SID '$1 == s { print $9 }')" -eq 3

# Deterministic: the same script on the same station (its key included)
# gives the same screens and the same database.
head -c 32 /dev/urandom >"$TMP/station.key"
chmod 600 "$TMP/station.key"
for run in a b; do
    mkdir -p "$TMP/det-$run/shots"
    cp -p "$TMP/station.key" "$TMP/det-$run/ticket.key"
    printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\ntap session:%s\ntype 13812345678\ntap next\ntap confirm\nshot ticket\n' \
        "$SID" >"$TMP/det.txt"
    kiosk "$TMP/det-$run" 1080x1920 "$TMP/det.txt" --screenshots "$TMP/det-$run/shots" >/dev/null 2>"$TMP/det-$run/err"
    rc=$?
    check "run $run of the script books and shoots the ticket screen" test $rc -eq 0
    [ $rc -eq 0 ] || tail -n 20 "$TMP/det-$run/err"
    "$CTL" --db "$TMP/det-$run/kiosk.db" bookings --format csv >"$TMP/det-$run/rows.csv"
    rc=$?
    check "kioskctl lists run $run's bookings" test $rc -eq 0
done
# Two empty or missing outputs would be "the same": each must hold what the
# script made, the one booking and a picture of its ticket screen.
for run in a b; do
    check "run $run's database holds the one booking, of $SID for 13812345678" \
        test "$(tr -d '\r' <"$TMP/det-$run/rows.csv" | grep -c ",$SID,.*,13812345678,1,booked,")" -eq 1 \
        -a "$(tr -d '\r' <"$TMP/det-$run/rows.csv" | grep -vc '^ticket,')" -eq 1
    # "BM", then the width and height (little-endian, a negative height
    # for a top-down picture) at offset 18.
    wh=$(od -An -t d4 -j 18 -N 8 "$TMP/det-$run/shots/ticket.bmp" 2>/dev/null | awk '{ print $1 "x" ($2 < 0 ? -$2 : $2) }')
    check "run $run's ticket screen is a BMP of 1080x1920 (${wh:-none})" \
        test "$(head -c 2 "$TMP/det-$run/shots/ticket.bmp" 2>/dev/null)" = BM -a "$wh" = 1080x1920
done
check "same script, same ticket screen" cmp -s "$TMP/det-a/shots/ticket.bmp" "$TMP/det-b/shots/ticket.bmp"
check "same script, same bookings" cmp -s "$TMP/det-a/rows.csv" "$TMP/det-b/rows.csv"
