#!/bin/sh
# The calling display speaks each call (issue 19): kioskctl calls A001 to
# counter 1 and A002 to counter 2 while build/kiosk-display (--voice on)
# waits for each (wait-call); each is a chime and the call said twice in
# Mandarin with espeak-ng (expect-said, counted as played to the end); a
# recall says it twice more (wait-announce); a display started after a call
# does not say it; the audio SDL's disk driver recorded is not silence and
# is as long as the chimes and the utterances.
. tests/lib.sh
. tests/voice/lib.sh
DISPLAY_BIN="$PWD/$BUILD/kiosk-display"
D="$TMP/d"
mkdir -p "$D"
# Fast speech keeps the test short; volume 100: the samples are espeak-ng's.
printf 'voice_rate = 400\nvoice_volume = 100\nvoice_log = %s/said\n' "$D" >"$D/k.conf"
ctl() { _at=$1; shift; "$CTL" --config "$D/k.conf" --db "$D/kiosk.db" --now "2026-12-01 $_at" "$@"; }
# display SCRIPT OUT AUDIO [options]: the display in the background,
# speaking into the raw file AUDIO (SDL's disk driver), stdout to OUT.
display() {
    _s=$1 _o=$2 _a=$3
    shift 3
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$_a" "$DISPLAY_BIN" --headless --config "$D/k.conf" \
        --data-dir "$D" --voice-cache "$D/cache" --script "$_s" "$@" >"$_o" 2>"$_o.err" &
    DPID=$!
}
said_times() { grep -cxF "display: said $2" "$1"; }

expect_exit 0 "import the demo catalog" ctl 09:00 import-catalog assets/catalog/demo.ini
for i in 1 2 3; do ctl 09:00 queue take --line zonghe >/dev/null; done

A1="请 A零零一 号，到 1 号工作台"
A2="请 A零零二 号，到 2 号工作台"
cat >"$TMP/calls.txt" <<STEPS
wait-call A001
expect-said "$A1" 2
wait-call A002
expect-said "$A2" 2
expect-said "$A1" 2
expect-text "请 A002 号"
wait-announce
expect-said "$A1" 4
expect-said "$A2" 2
quit
STEPS
display "$TMP/calls.txt" "$TMP/d1" "$D/audio1.raw" --voice on --now "2026-12-01 09:00"
check "the display waits for A001" wait_line "$TMP/d1" "display: waiting for A001"
ctl 09:01 queue call --counter 1 >/dev/null
check "then for A002" wait_line "$TMP/d1" "display: waiting for A002"
ctl 09:02 queue call --counter 2 >/dev/null
# A recall (counter 1: A001) once the display waits for an announcement.
check "then for the recall" wait_line "$TMP/d1" "display: waiting for an announcement"
ctl 09:03 queue recall --counter 1 >/dev/null
wait $DPID
rc=$?
check "the display's script passed: each call said twice, the recall twice more (exit $rc)" test "$rc" -eq 0
[ "$rc" -eq 0 ] || cat "$TMP/d1.err"
check "stdout: A001 said four times (twice, and twice at the recall)" test "$(said_times "$TMP/d1" "$A1")" -eq 4
check "stdout: A002 said twice" test "$(said_times "$TMP/d1" "$A2")" -eq 2
# The utterance log: chime, A001 twice, chime, A002 twice, chime, A001
# twice (the recall), in that order, each played to its end.
seq=$(awk -F '\t' '$2 == "chime" { printf "chime," } $2 == "say" { printf "%s,", $3 }' "$D/said")
check "a chime before each call, then the call twice ($seq)" \
    test "$seq" = "chime,$A1,$A1,chime,$A2,$A2,chime,$A1,$A1,"
check "every clip played to its end" \
    test "$(awk -F '\t' '$2 == "done"' "$D/said" | wc -l)" -eq 9
# The audio: not silence, and as long as three chimes and the voiced
# samples espeak-ng, run here apart from the display, makes of each call
# said twice.
check "the audio recorded is not silent and holds three chimes and six utterances" \
    python3 - "$D/audio1.raw" "$A1" "$A2" "$A1" <<'PY'
import array, subprocess, sys, tempfile, wave
got = array.array("h", open(sys.argv[1], "rb").read())
peak = max((abs(x) for x in got), default=0)
have = sum(1 for x in got if x)
want = 3 * int(22050 * 0.9) * 0.99  # the chimes (a few samples round to 0)
with tempfile.TemporaryDirectory() as t:
    for text in sys.argv[2:]:
        open(f"{t}/t", "w", encoding="utf-8").write(text)
        subprocess.run(["espeak-ng", "-b", "1", "-v", "cmn-latn-pinyin", "-s", "400", "-w",
                        f"{t}/o.wav", "-f", f"{t}/t"], check=True, stdout=subprocess.DEVNULL)
        w = wave.open(f"{t}/o.wav")
        a = array.array("h", w.readframes(w.getnframes()))
        want += 2 * sum(1 for x in a if x)
print(f"peak {peak}, voiced samples {have}, expected about {int(want)}")
sys.exit(0 if peak > 1000 and abs(have - want) <= 0.05 * want else 1)
PY

# A display started after the calls shows them and says nothing.
cat >"$TMP/late.txt" <<STEPS
expect-text "请 A002 号"
expect-said "$A1" 0
expect-said "$A2" 0
quit
STEPS
expect_exit 0 "a display started after the calls shows them and says nothing" \
    env SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$D/audio2.raw" "$DISPLAY_BIN" --headless \
    --config "$D/k.conf" --data-dir "$D" --voice-cache "$D/cache" --script "$TMP/late.txt" \
    --voice on --now "2026-12-01 09:03"
check "... its utterance log is as before (no chime, no call)" \
    test "$(awk -F '\t' '$2 == "chime" || $2 == "say"' "$D/said" | wc -l)" -eq 9

# A display that did not hear A001's call hears its recall (twice), and
# nothing of A002.
cat >"$TMP/recall.txt" <<STEPS
wait-announce
expect-said "$A1" 2
expect-said "$A2" 0
quit
STEPS
display "$TMP/recall.txt" "$TMP/d3" "$D/audio3.raw" --voice on --now "2026-12-01 09:04"
check "a fresh display waits for an announcement" wait_line "$TMP/d3" "display: waiting for an announcement"
ctl 09:05 queue recall --counter 1 >/dev/null
wait $DPID
rc=$?
check "... A001's second recall is said twice, A002 is not said (exit $rc)" test "$rc" -eq 0
[ "$rc" -eq 0 ] || cat "$TMP/d3.err"

# Off by default (the config's voice is the kiosk's, elder): nothing said.
printf 'expect-said "%s" 0\nquit\n' "$A1" >"$TMP/off.txt"
expect_exit 3 "without --voice on the display is silent (expect-said says the voice is off)" \
    "$DISPLAY_BIN" --headless --config "$D/k.conf" --data-dir "$D" --script "$TMP/off.txt" \
    --now "2026-12-01 09:06"
check "... and says so" grep -q "the voice is off" "$TMP/err"
