#!/bin/sh
# Issue 17, the header's voice buttons: 🔊 重听 says the screen's prompt
# again; with the voice off for this resident (off in the config, elder
# mode's alone, quiet hours) a voice button turns it on for the rest of the
# visit, and the next visit starts silent again. 音量− and 音量+ move the
# volume one of five levels, never to silence, show "音量 N/5" under the
# header for a moment (or until the screen changes) and say the level; the next visit starts at the
# station's volume (voice_volume = 80: level 4).
. tests/lib.sh
. tests/voice/lib.sh

# said_count DIR: the utterances said so far.
said_count() { grep -c '	say' "$1/said" 2>/dev/null || true; }

# ---- voice off (the default outside elder mode): 重听 turns it on.
d="$TMP/off"
cat >"$TMP/off.txt" <<'EOF2'
tap start
expect-screen home
tap speak
expect-speech "请选择服务类别"
wait-speech
tap category:yanglao
expect-speech "养老服务"
wait-speech
EOF2
kiosk "$d" 1080x1920 "$TMP/off.txt" >"$TMP/out" 2>"$TMP/err"
check "voice off: 重听 says home's prompt, and the category's follows" test $? -eq 0
[ -s "$TMP/err" ] && grep 'step failed' -A 3 "$TMP/err"
check "... with a log line" grep -q "voice: on for this visit (a voice button was pressed)" "$TMP/err"
n=$(said_count "$d")
# The next visit (after the idle reset) is silent again.
cat >"$TMP/next.txt" <<'EOF2'
tap start
tap speak
expect-speech "请选择服务类别"
wait 80
expect-screen attract
tap start
expect-screen home
tap category:yanglao
expect-screen category
EOF2
rm -f "$d/said"
kiosk "$d" 1080x1920 "$TMP/next.txt" >"$TMP/out" 2>"$TMP/err"
check "voice off: a visit that pressed 重听 runs to the idle reset" test $? -eq 0
[ -s "$TMP/err" ] && grep 'step failed' -A 3 "$TMP/err"
check "... and the next visit says nothing (the last utterance is the idle warning's)" \
    sh -c "tail -n 3 '$d/said' | grep '	say' | tail -n 1 | grep -q '还在吗'"
check "... nor anything of the category screen" sh -c "! grep -q '养老服务' '$d/said'"

# ---- quiet hours (09:00 inside them): nothing unasked, 重听 speaks.
d="$TMP/quiet"
conf "$d" "voice = on" "voice_quiet_hours = 08:30-09:30"
printf 'tap start\nexpect-screen home\ntap speak\nexpect-speech "请选择服务类别"\n' >"$TMP/q.txt"
kiosk "$d" 1080x1920 "$TMP/q.txt" >"$TMP/out" 2>"$TMP/err"
check "quiet hours: 重听 says the prompt all the same (the resident asked)" test $? -eq 0
check "... which is the only utterance" test "$(said_count "$d")" -eq 1

# ---- 音量: five levels, never silent, shown and said, for this visit.
d="$TMP/vol"
cat >"$TMP/vol.txt" <<'EOF2'
tap start
expect-screen home
tap volume-up
expect-text "音量 5/5"
expect-speech "音量五级"
tap volume-up
expect-text "音量 5/5"
tap volume-down
expect-text "音量 4/5"
tap volume-down
tap volume-down
tap volume-down
expect-text "音量 1/5"
tap volume-down
expect-text "音量 1/5"
expect-speech "音量一级"
wait 4
expect-no-text "音量 1/5"
wait 80
expect-screen attract
tap start
tap volume-up
expect-text "音量 5/5"
tap category:yanglao
expect-no-text "音量 5/5"
tap home
tap lang
tap volume-down
expect-text "Volume 4/5"
expect-speech "Volume 4 of 5"
EOF2
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$d.raw" kiosk "$d" 1080x1920 "$TMP/vol.txt" --voice on \
    >"$TMP/out" 2>"$TMP/err"
check "volume: up and down by levels of five, never below 1, shown (until a moment passes or the screen changes) and said" test $? -eq 0
[ -s "$TMP/err" ] && grep 'step failed' -A 3 "$TMP/err"
check "volume: the log says each level" grep -q "voice: volume 20 (level 1 of 5) for this visit" "$TMP/err"
check "... and the next visit started at the station's level 4 (up: 100)" \
    sh -c "grep 'voice: volume' '$TMP/err' | sed -n 8p | grep -q 'volume 100 (level 5'"
