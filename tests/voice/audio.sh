#!/bin/sh
# Voice guidance (issue 17): the audio that SDL's disk driver recorded of a
# booking is not silence, and is as long as the prompts played.
. tests/lib.sh
. tests/voice/lib.sh

# ---- the audio: SDL's disk driver records what the device played. The
# same booking, each prompt played to its end (wait-speech), fast speech
# (voice_rate) to keep the test short, volume 100 so the samples are
# espeak-ng's own. The oracle: espeak-ng run here, apart from the kiosk, on
# each text the log says was played to the end.
d="$TMP/audio"
conf "$d" "voice_rate = 400" "voice_volume = 100"
awk '{ print } /^(expect-speech|tap key:8)/ { print "wait-speech" }' "$S/voice-book.txt" >"$TMP/audio.txt"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$d/audio.raw" kiosk "$d" 1080x1920 "$TMP/audio.txt" \
    --voice on >"$TMP/out" 2>"$TMP/err"
check "audio: the booking ran with the disk audio driver" test $? -eq 0
audio_matches "$d" 400 8 >"$TMP/audio.out" 2>&1
check "audio: not silence, and as long as the prompts played ($(cat "$TMP/audio.out"))" \
    test $? -eq 0
echo "# $(cat "$TMP/audio.out")"


# ---- volume: the keypad's - five times brings it down to the lowest of
# the five levels, a fifth, and no further (the home prompt said again
# with *, against the same prompt at 100; each level said on a press is
# cut off by the next key before a sample of it plays); the idle reset
# brings the station's volume back for the next resident.
printf 'tap start\nwait-speech\n' >"$TMP/v-full.txt"
printf 'tap start\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Multiply\nwait-speech\n' >"$TMP/v-half.txt"
printf 'tap start\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Subtract\nkey KP_Subtract\nwait 200\nexpect-screen attract\ntap start\nwait-speech\n' >"$TMP/v-reset.txt"
for v in full half reset; do
    d="$TMP/vol-$v"
    conf "$d" "voice_rate = 400" "voice_volume = 100"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$d/audio.raw" kiosk "$d" 1080x1920 "$TMP/v-$v.txt" \
        --voice on >"$TMP/out" 2>"$TMP/err"
    check "volume: the $v script ran" test $? -eq 0
done
loud() { python3 -c "import array, sys; a = array.array('h', open(sys.argv[1], 'rb').read()); print(sum(abs(x) for x in a))" "$1"; }
full=$(loud "$TMP/vol-full/audio.raw") half=$(loud "$TMP/vol-half/audio.raw") reset=$(loud "$TMP/vol-reset/audio.raw")
check "volume: five presses of - play the prompt at a fifth, never silent ($half against $full)" \
    python3 -c "import sys; r = $half / $full; sys.exit(not 0.15 < r < 0.25)"
# (The prompts cut off before the reset played a little, at half: above 1.)
check "volume: after the idle reset the next resident hears the station's volume ($reset)" \
    python3 -c "import sys; r = $reset / $full; sys.exit(not 0.95 < r < 1.3)"
