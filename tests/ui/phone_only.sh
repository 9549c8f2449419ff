#!/bin/sh
# What a phone number alone reveals (issue 16): someone who knows a
# resident's number, but has not their ticket, tries to learn which
# sensitive service they booked (婚姻家庭咨询), to read its code and to
# cancel it. Every screen they reach is dumped (`texts`, `widgets`): none
# carries the service's name (either language) or the code (ABCD-EFGH or
# ABCDEFGH); 确定取消 stays disabled until a code is typed, a wrong code
# cancels nothing, and kioskctl still says booked. What they may learn:
# that a booking exists, when and where to come (the room).
. tests/lib.sh
NOW="2026-12-01 09:00"
P=13812345678
for size in 1080x1920 1920x1080; do
    for lang in zh en; do
        d="$TMP/$size-$lang"
        mkdir -p "$d"
        "$CTL" --db "$d/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null
        t=$("$CTL" --db "$d/kiosk.db" --now "$NOW" book --session hunyin-zixun-20261202-1000 --phone $P)
        shown=$(echo "$t" | sed 's/^\(....\)/\1-/')
        if [ $lang = zh ]; then L="" PLACE="社工站二楼个案工作室"; else L="tap lang" PLACE="Counselling room, 2F"; fi
        {
            printf 'tap start\n%s\ntap lookup\ntype %s\ntap next\nexpect-screen bookings\ntexts\nwidgets\n' "$L" $P
            printf 'tap booking:1\nexpect-screen booking\nexpect-text "%s"\ntexts\nwidgets\n' "$PLACE"
            printf 'tap cancel\nexpect-screen cancel-confirm\ntexts\nwidgets\n'
            code_keys 23456789
            printf 'tap confirm\nexpect-screen cancel-confirm\ntexts\nwidgets\n'
            printf 'tap back\nexpect-screen booking\ntap done\nexpect-screen bookings\ntexts\n'
        } >"$d/attack.txt"
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$d/attack.txt" \
            >"$d/out" 2>"$d/err"
        rc=$?
        check "[$size $lang] with the number only: 我的预约, the booking, its cancel screen, a guessed code" \
            test $rc -eq 0
        [ $rc -eq 0 ] || tail -n 8 "$d/err"
        check "[$size $lang] the dumps were taken (the place is shown: when and where may be known)" \
            grep -q "$PLACE" "$d/out"
        check "[$size $lang] no screen reached names the service (婚姻家庭咨询, Marriage)" \
            sh -c "! grep -q -e '婚姻家庭咨询' -e 'Marriage' '$d/out'"
        check "[$size $lang] no screen reached shows its code ($t, $shown)" \
            sh -c "test -n '$t' && ! grep -q -e '$t' -e '$shown' '$d/out'"
        check "[$size $lang] 确定取消 is disabled until a code is typed" \
            grep -q '^confirm	.*	disabled$' "$d/out"
        check "[$size $lang] kioskctl: the booking is still booked" \
            sh -c "'$CTL' --db '$d/kiosk.db' bookings --status booked --format csv | grep -q '^$t,'"
        check "[$size $lang] the wrong code was told as such" \
            grep -q -e '预约码不对' -e "Not this booking's code" "$d/out"
    done
done
