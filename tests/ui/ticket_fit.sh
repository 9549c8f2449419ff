#!/bin/sh
# The ticket screen never scrolls (issue 15 item 2): booked by touch at the
# four panel sizes, in Chinese, English, and elder mode in both, the ticket
# screen's QR decodes from its screenshot to the booking's own payload
# (kioskctl ticket), the QR lies wholly above the action bar, and the
# screen has no scroll bar (the `widgets` dump lists a "scroll" widget on
# any screen whose body is taller than its room). The same again after a
# 打印凭条 tap, whose answer is longer, on a kiosk without a printer and on
# one whose printer is missing. The QR's module size is printed for the
# record.
. tests/lib.sh
needs zbarimg zbar-tools
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000

for printer in none missing; do
for size in 1080x1920 1920x1080 800x1280 1366x768; do
    for mode in zh en elder elder-en; do
        d="$TMP/$printer-$size-$mode"
        mkdir -p "$d/shots"
        {
            echo "tap start"
            case $mode in
            en) echo "tap lang" ;;
            elder) echo "tap elder" ;;
            elder-en) printf 'tap elder\ntap lang\n' ;;
            esac
            book_steps "$SID" 13812345678
            printf 'widgets\nshot ticket\n'
            printf 'tap print\nexpect-screen ticket\nwidgets\nshot ticket-print\n'
        } >"$d/script.txt"
        set -- # no printer configured, or one that is not there
        [ $printer = missing ] && set -- --printer "$TMP/no-such-dir/lp0"
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$d/script.txt" \
            --screenshots "$d/shots" "$@" >"$d/widgets" 2>"$d/err"
        rc=$?
        check "[$printer $size $mode] booked by touch, on the ticket screen" test $rc -eq 0
        [ $rc -eq 0 ] || tail -n 5 "$d/err"
        ticket=$("$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
        want=$("$CTL" --db "$d/kiosk.db" ticket "$ticket" 2>/dev/null)
        for shot in ticket ticket-print; do
            # The dump of each shot: the lines after its "widgets" up to the next.
            awk -v n=$([ $shot = ticket ] && echo 1 || echo 2) '/^back	/ { k++ } k == n' \
                "$d/widgets" >"$d/$shot.widgets"
            got=$(zbarimg --raw -q "$d/shots/$shot.bmp" 2>/dev/null)
            check "[$printer $size $mode $shot] the QR on screen reads as the booking's payload ('$got')" \
                test -n "$want" -a "$got" = "$want"
            scroll=$(grep '^scroll	' "$d/$shot.widgets")
            check "[$printer $size $mode $shot] the ticket screen does not scroll${scroll:+ (content/room: $(echo "$scroll" | cut -f2))}" \
                test -z "$scroll"
            qr=$(awk -F'\t' '$1 == "qr" { print $3 }' "$d/$shot.widgets")
            bar=$(awk -F'\t' '$1 == "print" { split($3, r, ","); print r[2] }' "$d/$shot.widgets")
            check "[$printer $size $mode $shot] the QR ($qr) lies above the action bar (top $bar)" \
                sh -c "echo '$qr' | awk -F, -v bar='$bar' '\$4 > 0 && bar > 0 && \$2 + \$4 <= bar { ok = 1 } END { exit !ok }'"
            echo "# $printer $size $mode $shot: QR $(awk -F'\t' '$1 == "qr" { print $2 }' "$d/$shot.widgets") a module"
        done
    done
done
done
