#!/bin/sh
# A lost or unprinted ticket can be found again (issue 15 item 1): booked by
# touch with no printer, left with 完成, the booking is found under 我的预约
# with the phone number, and its own screen says when and where to come
# (date with weekday, time, place, what to bring, status) in both
# languages, with 取消预约 there as a secondary button. Neither the list
# nor the booking's screen shows the ticket code or the QR, not even in the
# widget list (issue 16 decides how a ticket comes back).
. tests/lib.sh
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000

for size in 1080x1920 1920x1080; do
    for lang in zh en; do
        d="$TMP/$size-$lang"
        mkdir -p "$d"
        if [ $lang = zh ]; then
            L="" DATE="2026年12月1日 周二 10:00" PLACE="社工站二楼康养咨询室" BRING="身份证" STATUS="已预约"
        else
            L="tap lang" DATE="Tue 1 Dec 2026 10:00" PLACE="Health & care room, 2F" BRING="ID card" STATUS="Booked"
        fi
        {
            printf 'tap start\n%s\n' "$L"
            book_steps "$SID" 13812345678
            cat <<STEPS
tap done
expect-screen home
tap lookup
type 13812345678
tap next
expect-screen bookings
widgets
tap booking:1
expect-screen booking
expect-text "$DATE"
expect-text "$PLACE"
expect-text "$BRING"
expect-text "$STATUS"
widgets
tap cancel
expect-screen cancel-confirm
tap back
expect-screen booking
tap done
expect-screen bookings
STEPS
        } >"$d/script.txt"
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$d/script.txt" \
            >"$d/out" 2>"$d/err"
        rc=$?
        check "[$size $lang] book, 完成, 我的预约, open the booking: date, time, place, what to bring, status shown" \
            test $rc -eq 0
        [ $rc -eq 0 ] || tail -n 8 "$d/err"
        ticket=$("$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
        shown=$(echo "$ticket" | sed 's/^\(....\)/\1-/')
        check "[$size $lang] the booking is in the store, still booked ($ticket)" \
            sh -c "'$CTL' --db '$d/kiosk.db' bookings --status booked --format csv | grep -q '^$ticket,'"
        check "[$size $lang] the booking's row is a button, booking:1" grep -q '^booking:1	' "$d/out"
        check "[$size $lang] 取消预约 is on the booking's screen (widget cancel)" grep -q '^cancel	' "$d/out"
        check "[$size $lang] neither screen lists the ticket code ($ticket, $shown)" \
            sh -c "test -n '$ticket' && ! grep -q -e '$ticket' -e '$shown' '$d/out'"
        # The drawn text too: expect-no-text on both screens.
        printf 'tap start\ntap lookup\ntype 13812345678\ntap next\nexpect-screen bookings\nexpect-no-text "%s"\nexpect-no-text "%s"\ntap booking:1\nexpect-screen booking\nexpect-no-text "%s"\nexpect-no-text "%s"\n' \
            "$shown" "$ticket" "$shown" "$ticket" >"$d/nocode.txt"
        expect_exit 0 "[$size $lang] the code is not drawn on the list or the booking's screen" \
            "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$d/nocode.txt"
    done
done
