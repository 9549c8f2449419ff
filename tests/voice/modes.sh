#!/bin/sh
# Voice guidance (issue 17): a screen change cuts off the prompt; the voice
# is on by default in elder mode only, and --voice on|off overrides; without
# espeak-ng the kiosk still works, silent, with a log line.
. tests/lib.sh
. tests/voice/lib.sh

# ---- a screen change cuts off the prompt: in elder mode (voice on), the
# home prompt is being said when elder mode is turned off; it stops there.
d="$TMP/cut"
printf 'tap start\ntap elder\nexpect-speech "请选择服务类别"\ntap elder\nwait-speech\n' >"$TMP/cut.txt"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$d.raw" kiosk "$d" 1080x1920 "$TMP/cut.txt" >"$TMP/out" 2>"$TMP/err"
check "cut-off: the script ran" test $? -eq 0
check "cut-off: the prompt was cut when the screen changed, not played to its end" \
    sh -c "grep -q '^1	cut' '$d/said' && ! grep -q '^1	done' '$d/said'"

# ---- the default: voice only in elder mode.
d="$TMP/default"
printf 'tap start\nexpect-screen home\n' >"$TMP/plain.txt"
expect_exit 0 "default: a plain visit runs" kiosk "$d" 1080x1920 "$TMP/plain.txt"
check "default: nothing is said outside elder mode" test ! -s "$d/said"
printf 'tap start\ntap elder\nexpect-speech "请选择服务类别。点一下想了解的服务。"\n' >"$TMP/elder.txt"
expect_exit 0 "default: elder mode turns the voice on" kiosk "$d" 1080x1920 "$TMP/elder.txt"
expect_exit 3 "--voice off: nothing is said, even in elder mode" \
    kiosk "$TMP/off" 1080x1920 "$TMP/elder.txt" --voice off
expect_exit 2 "--voice maybe is a usage error" kiosk "$TMP/bad" 1080x1920 "$TMP/plain.txt" --voice maybe

# ---- without espeak-ng: the booking works, silent, and the log says why.
d="$TMP/noengine"
conf "$d" "voice_engine = /nonexistent/espeak-ng"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$d/audio.raw" kiosk "$d" 1080x1920 "$S/voice-book.txt" \
    --voice on >"$TMP/out" 2>"$TMP/err"
check "no engine: the booking is made all the same" test $? -eq 0
check "no engine: one log line says the engine cannot be run" \
    test "$(grep -c 'voice: cannot run /nonexistent/espeak-ng' "$TMP/err")" -eq 1
check "no engine: the audio is silence" \
    python3 -c "import sys; d = open('$d/audio.raw', 'rb').read(); sys.exit(any(d))"

# ---- quiet hours (the clock is 09:00): nothing is said inside them, also
# when they run past midnight; outside them the voice speaks.
for q in "08:30-09:30 quiet" "23:00-09:01 quiet" "22:00-07:00 speaks"; do
    set -- $q
    d="$TMP/quiet-$1"
    conf "$d" "voice = on" "voice_quiet_hours = $1"
    expect_exit 0 "quiet hours $1: the visit runs" kiosk "$d" 1080x1920 "$TMP/plain.txt"
    if [ "$2" = quiet ]; then
        check "quiet hours $1 at 09:00: nothing is said" test ! -s "$d/said"
    else
        check "quiet hours $1 at 09:00: the prompts are said" grep -q "请选择服务类别" "$d/said"
    fi
done

# ---- the engine is run as a program, with nothing of ours open in it: a
# stand-in that notes its open files and its arguments, then runs espeak-ng.
d="$TMP/engine"
mkdir -p "$d"
cat >"$d/engine" <<ENGINE
#!/bin/sh
ls -l /proc/self/fd/ >>"$d/fds"
printf '%s\n' "\$@" >>"$d/argv"
exec espeak-ng "\$@"
ENGINE
chmod +x "$d/engine"
conf "$d" "voice = on" "voice_engine = $d/engine"
printf 'tap start\nwait-speech\n' >"$TMP/engine.txt"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$d/audio.raw" kiosk "$d" 1080x1920 "$TMP/engine.txt" \
    >"$TMP/out" 2>"$TMP/err"
check "engine: the visit ran and said its prompt through the stand-in" \
    sh -c "test -s '$d/fds' && grep -q '	done' '$d/said'"
check "engine: none of the kiosk's files (database, key, logs) is open in it" \
    sh -c "! grep -E 'kiosk\.db|ticket\.key|said|\.log' '$d/fds'"
check "engine: its text comes in a file (-f), never in its arguments" \
    sh -c "grep -qx -- '-f' '$d/argv' && ! grep -q '请选择' '$d/argv'"
