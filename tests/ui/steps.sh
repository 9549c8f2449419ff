#!/bin/sh
# Issue 15 item 13 (its step indicator): on the booking path the header
# says which step of four the resident is at (service, date and time,
# phone, confirm: 第1步/共4步 … 第4步/共4步, "Step 1 of 4" in English),
# in elder mode too, as text and as the display-only widget `step`; home
# and the category list are not steps and show none. Both reference sizes.
. tests/lib.sh
NOW="2026-12-01 09:00"
for size in 1080x1920 1920x1080; do
    for mode in zh elder-zh en; do
        tag="[$size $mode]"
        case $mode in
        en) f='Step %d of 4' ;;
        *) f='第%d步/共4步' ;;
        esac
        {
            echo "tap start"
            case $mode in elder-*) echo "tap elder" ;; esac
            [ "$mode" = en ] && echo "tap lang"
            echo "screen"
            echo "widgets"
            echo "tap category:yanglao"
            echo "screen"
            echo "widgets"
            echo "tap service:kangyang-zixun"
            echo "screen"
            echo "widgets"
            echo "tap book"
            echo "expect-screen slots"
            echo "screen"
            echo "widgets"
            echo "tap session:kangyang-zixun-20261201-1000"
            echo "expect-text \"$(printf "$f" 3)\""
            echo "screen"
            echo "widgets"
            echo "type 13812345678"
            echo "tap next"
            echo "expect-screen confirm"
            echo "expect-text \"$(printf "$f" 4)\""
            echo "screen"
            echo "widgets"
        } >"$TMP/s.txt"
        rm -rf "$TMP/d"
        "$KIOSK" --headless --data-dir "$TMP/d" --size "$size" --now "$NOW" --script "$TMP/s.txt" \
            >"$TMP/out" 2>"$TMP/err"
        check "$tag the booking path is walked" test $? -eq 0
        # step_on SCREEN: the label of the `step` widget on that screen.
        for pair in home: category: service:1 slots:2 phone:3 confirm:4; do
            scr=${pair%%:*}
            n=${pair#*:}
            got=$(awk -v s="$scr" '/^screen /{ on = ($2 == s) } on && /^step\t/' "$TMP/out" | cut -f2)
            if [ -z "$n" ]; then
                check "$tag $scr shows no step" test -z "$got"
            else
                check "$tag $scr says $(printf "$f" "$n")" test "$got" = "$(printf "$f" "$n")"
            fi
        done
    done
done
