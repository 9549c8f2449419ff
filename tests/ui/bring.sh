#!/bin/sh
# 请携带 travels with the booking (issue 16): what to bring is on the ticket
# screen, on the check-in welcome and on the staff roster of the session,
# in Chinese and English, at the two reference sizes; said by the voice's
# read-back of the ticket. A sensitive service whose catalog text would
# betray it (家庭纠纷调解: papers about the dispute) shows a neutral line on the
# ticket and in 我的预约 instead, and staff still see the catalog's words.
# The slip's strings: test_ui's a_sensitive_slip_names_no_service. Where
# the ticket screen keeps it in elder mode: tests/ui/ticket_fit.sh.
. tests/lib.sh
NOW="2026-12-01 08:00"
SID=kangyang-zixun-20261201-0900
P=13812345678
for size in 1080x1920 1920x1080; do
    for lang in zh en; do
        d="$TMP/$size-$lang"
        mkdir -p "$d"
        if [ $lang = zh ]; then
            L="" BRING="身份证；有的话带上近期病历" LABEL="请携带" PRIVATE="预约时服务介绍里写的"
        else
            L="tap lang" BRING="ID card; recent medical records" LABEL="Bring" PRIVATE="As the service's page said"
        fi
        echo 246810 | "$CTL" --db "$d/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null
        echo 246810 | "$CTL" --db "$d/kiosk.db" staff add 王芳 >/dev/null
        echo "voice_log = $d/said" >"$d/k.conf"
        {
            printf 'tap start\n%s\n' "$L"
            book_steps $SID $P
            printf 'expect-text "%s"\nexpect-text "%s"\n' "$LABEL" "$BRING"
            printf 'tap done\ntap checkin\n'
        } >"$d/s.txt"
        SDL_AUDIODRIVER=dummy "$KIOSK" --headless --config "$d/k.conf" --voice on --data-dir "$d" \
            --size "$size" --now "$NOW" --script "$d/s.txt" >"$d/out" 2>"$d/err"
        rc=$?
        check "[$size $lang] the ticket screen says what to bring" test $rc -eq 0
        [ $rc -eq 0 ] || tail -n 8 "$d/err"
        check "[$size $lang] the voice's read-back says it too" grep -q "$BRING" "$d/said"
        t=$("$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' | awk -F, '$2 == "'$SID'" { print $1 }')
        {
            printf 'tap start\n%s\ntap checkin\n' "$L"
            code_keys "$t"
            echo "tap next"
            factor_keys 5678
            printf 'expect-screen checkin-result\nexpect-text "%s"\nexpect-text "%s"\ntexts\nwidgets\n' "$LABEL" "$BRING"
        } >"$d/c.txt"
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "2026-12-01 08:50" \
            --script "$d/c.txt" >"$d/cout" 2>"$d/cerr"
        rc=$?
        check "[$size $lang] the check-in welcome says what to bring" test $rc -eq 0
        [ $rc -eq 0 ] || tail -n 8 "$d/cerr"
        check "[$size $lang] ... and nothing of the welcome scrolls out of sight" \
            sh -c "! grep -q '^scroll' '$d/cout'"
        # Staff: the roster of the session.
        {
            echo "hold 40 40 3.5"
            echo "246810" | fold -w1 | sed 's/^/tap key:/'
            echo "tap next"
            printf 'expect-screen staff\ntap roster:%s\nexpect-screen staff-roster\n' $SID
            printf 'expect-text "%s"\n' "$BRING"
        } >"$d/r.txt"
        expect_exit 0 "[$size $lang] the staff roster says what the people coming bring" \
            "$KIOSK" --headless --data-dir "$d" --lang $lang --size "$size" --now "2026-12-01 08:50" --script "$d/r.txt"
        # A sensitive service whose own words would betray it.
        s2=$("$CTL" --db "$d/kiosk.db" sessions --service jiating-tiaojie --format csv | tr -d '\r' |
            awk -F, 'NR > 1 && $10 > 0 { print $1; exit }')
        {
            printf 'tap start\n%s\ntap category:hunyin-jiating\ntap service:jiating-tiaojie\ntap book\n' "$L"
            printf 'tap date:%s\ntap session:%s\ntype 13912345678\ntap next\ntap confirm\n' \
                "$(echo "$s2" | sed 's/.*-\([0-9]\{4\}\)\([0-9]\{2\}\)\([0-9]\{2\}\)-[0-9]*$/\1-\2-\3/')" "$s2"
            printf 'expect-screen ticket\nexpect-text "%s"\ntexts\ntap done\n' "$PRIVATE"
            printf 'tap lookup\ntype 13912345678\ntap next\ntap booking:1\nexpect-screen booking\nexpect-text "%s"\ntexts\n' "$PRIVATE"
        } >"$d/g.txt"
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$d/g.txt" \
            >"$d/gout" 2>"$d/gerr"
        rc=$?
        check "[$size $lang] 家庭纠纷调解: the ticket and 我的预约 say the neutral line" test $rc -eq 0
        [ $rc -eq 0 ] || tail -n 8 "$d/gerr"
        check "[$size $lang] ... and never its own words (纠纷, dispute)" \
            sh -c "! grep -q -e '纠纷' -e 'dispute' '$d/gout'"
    done
done
