#!/bin/sh
# Issue 15 items 8 and 9 on the real kiosk binary, headless, at both
# reference sizes, in Chinese, English and elder mode:
#  - home has neither a `back` nor a `home` widget (返回 there used to end
#    the visit, switching elder mode and English off; 首页 did nothing);
#  - elder mode and English stay on through home, back and the screens
#    between; only the idle reset ends them;
#  - on the slots screen each date and each session says in words whether
#    it has seats (有号 / 无号 / 剩余N位; Available / Full / N left), and no
#    strike line is drawn across a date without seats (it read as a
#    fraction bar): no row inside such a date's chip is a run of ink as wide
#    as most of the chip, in the screenshot.
. tests/lib.sh
needs python3 python3
NOW="2026-12-01 09:00"
FULL=kangyang-zixun-20261201-1000

# The slots of a service whose first day is full: dump and shot.
SLOTS='tap category:yanglao
tap service:kangyang-zixun
tap book
expect-screen slots
tap date:2026-12-01
screen
widgets
shot slots'
# The visit: home (dump), elder and English on, through a category and
# back, home again (dump), the slots (dump 3), home from there (dump),
# then the idle reset (dump).
cat >"$TMP/visit.txt" <<EOF
tap start
expect-screen home
screen
widgets
tap elder
tap lang
tap category:yanglao
expect-screen category
tap back
expect-screen home
screen
widgets
$SLOTS
tap home
expect-screen home
screen
widgets
wait 200
expect-screen attract
tap start
expect-screen home
screen
widgets
EOF
# The slots in Chinese without elder mode.
printf 'tap start\n%s\n' "$SLOTS" >"$TMP/zh.txt"

# bmp.py strike|ink BMP X Y W H, on the rect of a screenshot:
#  strike exits 1 when a row in the middle half of the rect holds a run of
#    non-fill pixels over 60% of its width (a strike line); the fill is the
#    colour just inside the chip's top edge;
#  ink prints how many pixels stand out at 3:1 or more from the page around
#    it (the colour just left of the rect): edges, strike lines and type,
#    what makes a date look heavy.
cat >"$TMP/bmp.py" <<'EOF'
import struct, sys
mode, path, x, y, w, h = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:7])
d = open(path, "rb").read()
off, = struct.unpack_from("<I", d, 10)
W, H = struct.unpack_from("<ii", d, 18)
bp = struct.unpack_from("<H", d, 28)[0] // 8
stride = (W * bp + 3) & ~3
def px(cx, cy):
    row = cy if H < 0 else abs(H) - 1 - cy
    i = off + row * stride + cx * bp
    return d[i + 2], d[i + 1], d[i]
def lum(c):
    f = lambda v: v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (f(v / 255) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
if mode == "strike":
    fill = px(x + w // 2, y + 4)
    longest = 0
    for cy in range(y + h // 4, y + 3 * h // 4):
        run = 0
        for cx in range(x, x + w):
            run = run + 1 if px(cx, cy) != fill else 0
            longest = max(longest, run)
    print("longest run %d of %d" % (longest, w), file=sys.stderr)
    sys.exit(1 if longest > 0.6 * w else 0)
page = lum(px(x - 4, y + h // 2))
n = 0
for cy in range(y, y + h):
    for cx in range(x, x + w):
        l = lum(px(cx, cy))
        hi, lo = max(l, page), min(l, page)
        n += (hi + 0.05) / (lo + 0.05) >= 3
print(n)
EOF

# widgets_n FILE N: the Nth `widgets` dump of a kiosk output (each follows
# a `screen` line).
widgets_n() {
    awk -v n="$2" '/^screen / { k++; next } k == n && /\t/' "$1"
}

for size in 1080x1920 1920x1080; do
    d="$TMP/$size"
    mkdir -p "$d/shots-en" "$d/shots-zh"
    # The kiosk makes its database on the first run; then the 10:00
    # session of 1 December is booked full by three others (the 09:00 one
    # is past its booking deadline), so that day has no seats.
    printf 'tap start\n' >"$TMP/start.txt"
    "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$TMP/start.txt" \
        >/dev/null 2>&1
    for p in 13900000001 13900000002 13900000003; do
        "$CTL" --db "$d/kiosk.db" --now "$NOW" book --session "$FULL" --phone "$p" >/dev/null
    done

    expect_exit 0 "[$size] the visit runs through home, slots and the idle reset" \
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$TMP/visit.txt" \
        --screenshots "$d/shots-en"
    cp "$TMP/out" "$d/visit.out"
    for n in 1 2 4 5; do
        widgets_n "$d/visit.out" $n >"$d/home$n"
        check "[$size] home (dump $n) has widgets" grep -q '^category:yanglao	' "$d/home$n"
        check "[$size] home (dump $n) has no back widget" sh -c "! grep -q '^back	' '$d/home$n'"
        check "[$size] home (dump $n) has no home widget" sh -c "! grep -q '^home	' '$d/home$n'"
    done
    check "[$size] elder mode and English are still on after back to home" \
        grep -q '^elder	✓ Large text	' "$d/home2"
    check "[$size] ... and after home from the slots screen" \
        grep -q '^elder	✓ Large text	' "$d/home4"
    check "[$size] the idle reset ends them" grep -q '^elder	长辈模式	' "$d/home5"
    widgets_n "$d/visit.out" 3 >"$d/slots-en"
    check "[$size] English: the full day says Full" grep -q '^date:2026-12-01	12/1 Today Full	' \
        "$d/slots-en"
    check "[$size] English: the empty day says Full" grep -q '^date:2026-12-02	12/2 Tomorrow Full	' \
        "$d/slots-en"
    check "[$size] English: the open day says Available" \
        grep -q '^date:2026-12-03	12/3 Thu Available	' "$d/slots-en"
    check "[$size] English: the full session says Full" \
        grep -q "^session:$FULL	10:00.*11:00 Full	.*	disabled\$" "$d/slots-en"

    expect_exit 0 "[$size] the slots screen in Chinese" \
        "$KIOSK" --headless --data-dir "$d" --size "$size" --now "$NOW" --script "$TMP/zh.txt" \
        --screenshots "$d/shots-zh"
    widgets_n "$TMP/out" 1 >"$d/slots-zh"
    check "[$size] 中文: the full day says 无号" grep -q '^date:2026-12-01	12/1 今天 无号	' "$d/slots-zh"
    check "[$size] 中文: the empty day says 无号" grep -q '^date:2026-12-02	12/2 明天 无号	' "$d/slots-zh"
    check "[$size] 中文: the open day says 有号" grep -q '^date:2026-12-03	12/3 周四 有号	' "$d/slots-zh"
    check "[$size] 中文: the full session says 无号" \
        grep -q "^session:$FULL	10:00.*11:00 无号	.*	disabled\$" "$d/slots-zh"

    # No strike line on the days without seats, in either language (the
    # English run is in elder mode).
    for lang in zh en; do
        f="$d/slots-$lang"
        for day in 2026-12-01 2026-12-02; do
            rect=$(awk -F'\t' -v id="date:$day" '$1 == id { print $3 }' "$f" | tr ',' ' ')
            check "[$size] $lang: $day is in the dump" test -n "$rect"
            # shellcheck disable=SC2086
            check "[$size] $lang: no strike line across $day" \
                python3 "$TMP/bmp.py" strike "$d/shots-$lang/slots.bmp" $rect
        done
        # A day without seats (4 December, nothing scheduled) is lighter
        # than a day with seats (3 December) in every mode: less ink.
        # shellcheck disable=SC2046
        off=$(python3 "$TMP/bmp.py" ink "$d/shots-$lang/slots.bmp" \
            $(awk -F'\t' '$1 == "date:2026-12-04" { print $3 }' "$f" | tr ',' ' '))
        # shellcheck disable=SC2046
        on=$(python3 "$TMP/bmp.py" ink "$d/shots-$lang/slots.bmp" \
            $(awk -F'\t' '$1 == "date:2026-12-03" { print $3 }' "$f" | tr ',' ' '))
        check "[$size] $lang: a day without seats has less ink ($off px) than one with seats ($on px)" \
            test "${off:-999999}" -lt "${on:-0}"
    done
done
