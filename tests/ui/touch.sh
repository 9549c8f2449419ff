#!/bin/sh
# Touch as SDL events (script `touch`), the timing log of --bench and the
# --no-text-cache baseline: the instruments of make bench, checked here so
# that its figures mean what they say.
. tests/lib.sh
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000
sed 's/^tap /touch /' tests/ui/scripts/book.txt >"$TMP/book-touch.txt"
taps=$(grep -c '^touch ' "$TMP/book-touch.txt")
rows() { "$CTL" --db "$1/kiosk.db" --now "$NOW" bookings --format csv | tail -n +2 | grep -c "$SID"; }

# The booking by finger events, at both sizes and on panels mounted turned:
# every point reaches the widget it was aimed at through the rotation.
for case in 1080x1920:0 1920x1080:0 1080x1920:90 1080x1920:180 1920x1080:270; do
    size=${case%:*} rot=${case#*:}
    d="$TMP/b$size-$rot"
    mkdir -p "$d"
    printf 'rotate = %s\n' "$rot" >"$d/kiosk.conf"
    "$KIOSK" --headless --config "$d/kiosk.conf" --data-dir "$d" --size "$size" --now "$NOW" \
        --script "$TMP/book-touch.txt" --bench "$d/bench.log" >/dev/null 2>"$TMP/err"
    rc=$?
    check "[$size, rotated $rot] a booking by touch events alone" test $rc -eq 0
    [ $rc -eq 0 ] || cat "$TMP/err"
    check "[$size, rotated $rot] it is in the store" test "$(rows "$d")" -eq 1
done

log="$TMP/b1080x1920-0/bench.log"
check "the bench log has a finger-down and a finger-up line per touch ($taps)" \
    test "$(grep -c '^input down ' "$log")" -eq "$taps" -a "$(grep -c '^input up ' "$log")" -eq "$taps"
check "its first line is the first frame, of the attract screen" \
    sh -c "head -n1 '$log' | grep -q '^frame attract [0-9]* [0-9]* [0-9]*$'"
check "every screen of the booking has frames" \
    sh -c "for s in home category service slots phone confirm ticket; do grep -q \"^frame \$s \" '$log' || exit 1; done"
bad=$(awk '$4 < $3 || $5 < 0 || ($1 == "frame" && $3 < last) { n++ } $1 == "frame" { last = $4 }
    END { print n + 0 }' "$log")
check "times run forward: each event ends after it starts, frames follow each other ($bad bad)" \
    test "$bad" -eq 0
# A finger-down is shown by the frame drawn for it: the press feedback.
check "each finger-down is followed by the frame that shows it" \
    test "$(awk '$1 == "input" && $2 == "down" && prev != "frame" { n++ } { prev = $1 } END { print n + 0 }' "$log")" -eq 0

# Without the text cache the screens are the same, only slower to make:
# the baseline of make bench draws what the kiosk draws.
head -c 32 /dev/urandom >"$TMP/key"
chmod 600 "$TMP/key"
printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\ntap session:%s\ntype 13812345678\ntap next\ntap confirm\nshot ticket\nstats\n' \
    "$SID" >"$TMP/ticket.txt"
for mode in cached uncached; do
    d="$TMP/$mode"
    mkdir -p "$d/shots"
    cp -p "$TMP/key" "$d/ticket.key"
    opt=""
    [ $mode = uncached ] && opt=--no-text-cache
    "$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/ticket.txt" \
        --screenshots "$d/shots" $opt >"$d/out" 2>/dev/null
    check "[$mode] the ticket script runs" test $? -eq 0
done
check "the ticket screen is the same pixel for pixel without the text cache" \
    cmp -s "$TMP/cached/shots/ticket.bmp" "$TMP/uncached/shots/ticket.bmp"
r1=$(sed 's/.*text_renders=\([0-9]*\).*/\1/' "$TMP/cached/out")
r2=$(sed 's/.*text_renders=\([0-9]*\).*/\1/' "$TMP/uncached/out")
check "and renders its text again each frame ($r1 cached, $r2 without)" test "$r2" -gt $((r1 * 2))
check "keeping none of it" grep -q 'text_bytes=0$' "$TMP/uncached/out"

expect_exit 1 "--bench into a missing directory fails" \
    "$KIOSK" --headless --data-dir "$TMP/x" --script "$TMP/ticket.txt" --bench "$TMP/no/such/bench.log"
check "naming the file" grep -q "no/such/bench.log" "$TMP/err"
