#!/bin/sh
# Without sight (issue 17): a booking by keys alone on the real kiosk,
# headless, with the voice on: expect-focus and expect-speech at every
# screen (tests/ui/scripts/keys-book.txt), at both reference sizes. The
# audio SDL's disk driver recorded in that run is not silence and as long
# as the prompts played; the database has the booking; no phone digit was
# ever said. A touch hides the focus ring, and the frames differ only
# where the ring is drawn.
. tests/lib.sh
. tests/voice/lib.sh

# Each prompt is played to its end before the next key (fast speech,
# volume 100: the samples are espeak-ng's own). The disk driver writes as
# fast as it can (SDL_DISKAUDIODELAY=0) rather than in real time: 70 s less
# a run, twice in CI. A focus prompt that real time would have cut at the
# next key may then play to its end; it is counted among the prompts
# played, and the samples match espeak-ng's within audio_matches' 2%
# (observed: exact, or 0.1% over when a sample block of the next prompt
# was written before its cut).
awk '{ print } /^expect-speech/ { print "wait-speech" }' "$S/keys-book.txt" >"$TMP/keys-book.txt"
for size in 1080x1920 1920x1080; do
    d="$TMP/keys-$size"
    conf "$d" "voice_rate = 400" "voice_volume = 100"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIODELAY=0 SDL_DISKAUDIOFILE="$d/audio.raw" \
        kiosk "$d" "$size" "$TMP/keys-book.txt" --voice on >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "[$size] a booking by keys alone, the focus and the voice checked at every screen (keys-book.txt)" \
        test "$rc" -eq 0
    [ "$rc" -eq 0 ] || sed -n '/step failed/,$p' "$TMP/err" | head -n 5
    audio_matches "$d" 400 15 >"$TMP/audio.out" 2>&1
    rc=$?
    check "[$size] the audio recorded is not silence and as long as the prompts ($(cat "$TMP/audio.out"))" \
        test "$rc" -eq 0
    echo "# [$size] $(cat "$TMP/audio.out")"
    "$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' >"$TMP/bookings"
    cp "$TMP/bookings" "$TMP/keys-$size.bookings"
    check "[$size] the database has the booking (kangyang-zixun 10:00, the number typed, booked)" \
        sh -c "test \$(wc -l <'$TMP/bookings') -eq 2 && grep -q ',kangyang-zixun-20261201-1000,kangyang-zixun,.*,2026-12-01,10:00,13812345678,1,booked,' '$TMP/bookings'"
    check "[$size] the digits were said as a count, never one by one" \
        grep -q "say	已输入11位。" "$d/said"
    check "[$size] no phone digits were ever spoken" no_phone_digits "$d/said"
done

# ---- 我的预约 and 签到 by keys (keys-mine.txt) on the booking just made:
# the code typed letter by letter on the keyboard.
d="$TMP/keys-1080x1920"
code=$(awk -F, 'NR == 2 { print $1 }' "$TMP/keys-1080x1920.bookings")
code_keys "$code" | sed 's/^tap key:/key /' >"$TMP/code-keys"
awk -v keys="$TMP/code-keys" '$0 == "CODE" { while ((getline k < keys) > 0) print k; next } { print }' \
    "$S/keys-mine.txt" >"$TMP/keys-mine.txt"
expect_exit 0 "my bookings looked up, the booking checked in ($code typed) and staff called, by keys alone (keys-mine.txt)" \
    kiosk "$d" 1080x1920 "$TMP/keys-mine.txt" --voice on
check "the database has it checked in" \
    sh -c "'$CTL' --db '$d/kiosk.db' bookings --format csv | grep -q '^$code,.*,checked_in,'"
check "no phone digits were ever spoken in the lookup either" no_phone_digits "$d/said"
check "the keypad's / called staff once (kioskctl calls)" \
    sh -c "test \$('$CTL' --db '$d/kiosk.db' calls | grep -c 'checkin-result') -eq 1"

# ---- the idle warning keeps the focus to 还要时间 (more-time): a key
# that comes while it is up only ends it, as a touch does; Enter on it
# then goes on.
d="$TMP/idle"
cat >"$TMP/idle.txt" <<'STEPS'
key Return
expect-screen home
wait 70
expect-screen idle-warning
expect-focus more-time
key Down
expect-screen home
expect-focus category:shehui-jiuzhu
wait 70
expect-screen idle-warning
STEPS
expect_exit 0 "idle warning: the focus on more-time; a key ends it and goes back to the screen's main action" \
    kiosk "$d" 1080x1920 "$TMP/idle.txt"

# ---- the ring: after a key only, hidden by a touch (on no widget), back
# with the next key, where it was.
d="$TMP/ring"
cat >"$TMP/ring.txt" <<'STEPS'
tap start
shot untouched
key Right
expect-focus category:shehui-jiuzhu
shot ring
widgets
touch 540 754
expect-screen home
shot touched
widgets
key Down
expect-focus category:shehui-jiuzhu
shot again
STEPS
expect_exit 0 "ring: shown by a key, hidden by a touch, shown again where it was" \
    kiosk "$d" 1080x1920 "$TMP/ring.txt" --screenshots "$d"
cp "$TMP/out" "$TMP/ring.out"
check "ring: the widgets dump names the focus while the ring shows, not after the touch" \
    sh -c "test \$(grep -c '^focus	category:shehui-jiuzhu$' '$TMP/ring.out') -eq 1"
box=$(awk -F'\t' '$1 == "category:shehui-jiuzhu" { print $3; exit }' "$TMP/ring.out")
python3 - "$d" "$box" >"$TMP/ring.diff" 2>&1 <<'PY'
import struct, sys
d, box = sys.argv[1], [int(v) for v in sys.argv[2].split(",")]
def px(name):
    # An uncompressed BMP as SDL writes it: rows of pixels, bottom up
    # unless the height is negative.
    b = open(f"{d}/{name}.bmp", "rb").read()
    off, = struct.unpack_from("<I", b, 10)
    w, h, _, bpp = struct.unpack_from("<iiHH", b, 18)
    step, stride = bpp // 8, (w * bpp // 8 + 3) & ~3
    rows = [b[off + r * stride:off + r * stride + w * step] for r in range(abs(h))]
    if h > 0:
        rows.reverse()
    return w, step, rows
def diff(a, b):
    (w, step, ra), (_, _, rb) = px(a), px(b)
    return [(x // step, y) for y, (p, q) in enumerate(zip(ra, rb)) if p != q
            for x in range(0, w * step, step) if p[x:x + step] != q[x:x + step]]
ring = diff("untouched", "ring")
touched = diff("untouched", "touched")
again = diff("ring", "again")
x, y, w, h = box
t = 10  # the ring: 4 px amber and 6 px dark outside the widget at 1080 wide
inside = lambda p: x - t <= p[0] < x + w + t and y - t <= p[1] < y + h + t
on_ring = lambda p: inside(p) and not (x <= p[0] < x + w and y <= p[1] < y + h)
print(f"ring pixels {len(ring)}, all on the ring {all(on_ring(p) for p in ring)}; "
      f"after the touch {len(touched)} differ from the untouched frame; "
      f"the key again: {len(again)} differ from the first ring")
ok = len(ring) >= 2 * 10 * (w + h) * 0.9 and all(on_ring(p) for p in ring) and not touched and not again
sys.exit(0 if ok else 1)
PY
rc=$?
check "ring: drawn round the focused card only, gone after the touch ($(cat "$TMP/ring.diff"))" \
    test "$rc" -eq 0
