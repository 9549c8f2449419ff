#!/bin/sh
# Printing: a booking prints its ticket as ESC/POS raster into the printer
# file; decoded back into an image, zbarimg reads the same payload as
# kioskctl gives. A missing printer loses nothing and tells the resident to
# photograph the screen; print reprints.
. tests/lib.sh
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000
if ! command -v zbarimg >/dev/null 2>&1; then
    echo "# skip: zbarimg is absent (Debian package zbar-tools)"
    exit 0
fi
cat >"$TMP/book.txt" <<STEPS
tap start
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:$SID
type 13812345678
tap next
tap confirm
expect-screen ticket
STEPS

for dots in 384 576; do
    d="$TMP/p$dots"
    mkdir -p "$d"
    printf 'printer_dots = %s\n' "$dots" >"$d/kiosk.conf"
    cp "$TMP/book.txt" "$d/script.txt"
    echo 'expect-text "凭条正在打印，请从下方出纸口取走"' >>"$d/script.txt"
    "$KIOSK" --headless --config "$d/kiosk.conf" --data-dir "$d" --catalog assets/catalog/demo.ini \
        --now "$NOW" --printer "$d/printer.bin" --script "$d/script.txt" >"$TMP/out" 2>"$TMP/err"
    check "[$dots dots] booking with a printer file" test $? -eq 0
    python3 tests/tools/escpos_decode.py "$d/printer.bin" "$d/ticket.pbm" >"$TMP/dec" 2>&1
    check "[$dots dots] the printer file is valid ESC/POS raster" test $? -eq 0
    check "[$dots dots] as wide as the roll" test "$(head -c 20 "$d/ticket.pbm" | sed -n 2p | cut -d' ' -f1)" = "$dots"
    code=$("$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
    want=$("$CTL" --db "$d/kiosk.db" ticket "$code")
    got=$(zbarimg --raw -q "$d/ticket.pbm" 2>/dev/null)
    check "[$dots dots] zbarimg reads the printed QR: $got" test -n "$got" -a "$got" = "$want"
done

# print reprints: the same job again. Both copies must read as the new
# booking's QR (two unreadable copies would also be "the same").
d="$TMP/p384"
cp "$TMP/book.txt" "$TMP/reprint.txt"
sed -i 's/13812345678/13812345679/' "$TMP/reprint.txt"
echo "tap print" >>"$TMP/reprint.txt"
echo "expect-screen ticket" >>"$TMP/reprint.txt"
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --printer "$d/printer2.bin" \
    --script "$TMP/reprint.txt" >"$TMP/out" 2>"$TMP/err"
check "a second booking, then print on its ticket screen" test $? -eq 0
python3 tests/tools/escpos_decode.py "$d/printer2.bin" "$TMP/reprint.pbm" >"$TMP/jobs" 2>&1
check "... the printer file decodes" test $? -eq 0
check "print on the ticket screen prints a second, whole copy" \
    test "$(grep -c '^job [0-9]*: .*cut: partial' "$TMP/jobs")" -eq 2
python3 tests/tools/escpos_decode.py "$d/printer2.bin" "$TMP/first.pbm" --job 1 >/dev/null 2>&1
check "... the first copy decodes" test $? -eq 0
"$CTL" --db "$d/kiosk.db" bookings --phone 13812345679 --format csv >"$TMP/b2.csv"
t2=$(tr -d '\r' <"$TMP/b2.csv" | awk -F, 'NR == 2 { print $1 }')
p2=$("$CTL" --db "$d/kiosk.db" ticket "$t2")
q1=$(zbarimg --raw -q "$TMP/first.pbm" 2>/dev/null)
q2=$(zbarimg --raw -q "$TMP/reprint.pbm" 2>/dev/null)
check "both copies read as the second booking's QR ($p2): '$q1', '$q2'" \
    test -n "$p2" -a "$q1" = "$p2" -a "$q2" = "$p2"

# A missing printer: the booking stands, the resident is told what to do,
# the staff log says so.
d="$TMP/missing"
mkdir -p "$d"
cp "$TMP/book.txt" "$d/script.txt"
echo 'expect-text "打印机暂时无法使用，请用手机拍下屏幕上的二维码和预约码"' >>"$d/script.txt"
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --printer /dev/usb/lp-not-there \
    --script "$d/script.txt" >"$TMP/out" 2>"$TMP/err"
check "a missing printer: the ticket screen asks for a photo" test $? -eq 0
check "the booking is in the store" \
    test "$("$CTL" --db "$d/kiosk.db" bookings --format csv | grep -c ',13812345678,1,booked,')" -eq 1
check "the log tells staff which ticket was not printed" grep -q "printer /dev/usb/lp-not-there" "$TMP/err"
check "the log has no phone number" sh -c "! grep -q 1381234 '$TMP/err'"
