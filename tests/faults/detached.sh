#!/bin/sh
# Issue 14 item 5: the files under the open database deleted or replaced
# while the kiosk runs (the WAL deleted, the database deleted, another file
# renamed over it). A booking written then would be gone at the next start:
# the resident on the confirm screen gets "booking is not possible, ask the
# staff", never a ticket; the kiosk stops booking with the out-of-service
# banner, says why in its log, and `kioskctl check` tells the technician;
# the next start opens the files at the path and books again.
. tests/lib.sh
SID=kangyang-zixun-20261201-1000
NOW="2026-12-01 09:00"
BANNER="本机暂停预约，可以查看服务；预约请找工作人员"

for case in wal db-deleted db-replaced; do
    d="$TMP/$case"
    mkdir -p "$d/shots"
    ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
    ctl import-catalog assets/catalog/demo.ini >/dev/null
    kept=$(ctl book --session $SID --phone 13800000001)
    rm -f "$TMP/steps"
    mkfifo "$TMP/steps"
    "$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/steps" \
        --screenshots "$d/shots" >"$TMP/kout" 2>"$TMP/log" &
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
    # Wait for the kiosk to reach the confirm screen (at most 60 s).
    i=0
    while [ ! -s "$d/shots/at-confirm.bmp" ] && [ $i -lt 600 ] && kill -0 $kpid 2>/dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    check "[$case] the resident is on the confirm screen" test -s "$d/shots/at-confirm.bmp"
    case $case in
    wal) rm "$d/kiosk.db-wal"; want="the WAL (-wal) was deleted" ;;
    db-deleted) rm "$d/kiosk.db"; want="the database file was deleted" ;;
    db-replaced)
        cp "$d/kiosk.db" "$d/copy.db" && mv "$d/copy.db" "$d/kiosk.db"
        want="the database file was replaced by another file" ;;
    esac
    cat >&7 <<STEPS
tap confirm
expect-screen confirm
expect-text "系统暂时无法预约，请联系工作人员"
tap home
expect-screen home
expect-text "$BANNER"
tap category:yanglao
tap service:kangyang-zixun
tap book
expect-screen slots
expect-text "$BANNER"
widgets
STEPS
    # While it runs: the technician's check.
    if [ "$case" != db-deleted ]; then
        i=0
        while ! grep -q "bookings stopped" "$TMP/log" && [ $i -lt 600 ] && kill -0 $kpid 2>/dev/null; do
            sleep 0.1
            i=$((i + 1))
        done
        expect_exit 1 "[$case] kioskctl check fails while the kiosk runs" ctl check
        check "[$case] ... saying the kiosk stopped booking and why" \
            grep -q "the running kiosk stopped booking: .*$want.* while open.*; restart it" "$TMP/err"
    fi
    exec 7>&-
    wait $kpid
    rc=$?
    check "[$case] confirm refused with 'ask the staff', then the out-of-service banner" test $rc -eq 0
    [ $rc -eq 0 ] || tail -n 30 "$TMP/log"
    check "[$case] no session can be tapped to book any more" \
        sh -c "grep -q '^session:' '$TMP/kout' && ! grep '^session:' '$TMP/kout' | grep -qv 'disabled$'"
    check "[$case] the log says what was found" \
        grep -q "$want.* while open.*bookings stopped (out of service) until the kiosk is restarted" "$TMP/log"
    check "[$case] no ticket was issued" sh -c "! grep -q '^.*booked [A-Z0-9]* for session' '$TMP/log'"
    # The next start: the files at the path, booking again.
    [ "$case" = db-deleted ] && ctl import-catalog assets/catalog/demo.ini >/dev/null
    printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\ntap session:%s\ntype 13812345678\ntap next\ntap confirm\nexpect-screen ticket\n' \
        "$SID" >"$TMP/book.txt"
    "$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/book.txt" >"$TMP/out" 2>"$TMP/log"
    check "[$case] restarted, the kiosk books again" test $? -eq 0
    check "[$case] ... and the booking is stored" \
        test "$(ctl bookings --format csv | grep -c 13812345678)" -eq 1
    check "[$case] the restart logs the previous run's stop" \
        grep -q "the previous run had stopped booking: .*$want" "$TMP/log"
    expect_exit 0 "[$case] kioskctl check is content again" ctl check
    [ "$case" = db-deleted ] ||
        check "[$case] the booking made before is still there" \
            test "$(ctl bookings --format csv | grep -c "^$kept,")" -eq 1
done
