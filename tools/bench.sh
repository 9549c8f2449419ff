#!/bin/sh
# make bench: the kiosk's speed and memory, one "name value unit" line per
# figure on stdout and in build/bench.txt. Figures, not pass/fail: the
# targets of docs/DESIGN.md §5 are printed beside them (the README has a
# table from one run). But every program measured must succeed: a failed
# run is no figure, so bench stops with exit 1 and says what failed. Needs the build, build/bench/* and, for the fsync and
# instruction counts, strace and valgrind (tools/deps.sh bench).
#
# Every kiosk run is headless (SDL's dummy video driver, software renderer
# into memory) on the demo catalog with the clock fixed, so the screens are
# the same each run; the timings still depend on the machine and its load.
set -u
BUILD=${BUILD:-build}
K="$BUILD/kiosk"
B="$BUILD/bench"
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000
for p in "$K" "$B/spawn" "$B/store_bench" "$B/qr_bench" "$B/daywork_bench" "$BUILD/kiosk-console" \
    "$BUILD/kioskctl"; do
    [ -x "$p" ] || { echo "bench: $p is missing; run make bench" >&2; exit 1; }
done
# Under build/ rather than /tmp, which may be a RAM disk: fsyncs must reach a disk.
W=$(mktemp -d "$B/run.XXXXXX")
idle_pid=""
trap '[ -z "$idle_pid" ] || kill $idle_pid 2>/dev/null; rm -rf "$W"' EXIT
OUT="$BUILD/bench.txt"
: >"$W/figures"
started=$(date +%s)

# fig NAME VALUE UNIT [NOTE]: "NAME VALUE UNIT" into the file, with the
# note (a target, how it was measured) on the terminal. A figure that could
# not be computed (empty, "?": nothing measured) fails the bench; unknown
# is for a tool this machine lacks.
fig() {
    case "$2" in "" | *"?"*) fail "$1: nothing was measured (${4:-no note})" ;; esac
    unknown "$@"
}
unknown() {
    printf '%s %s %s\n' "$1" "$2" "$3" >>"$W/figures"
    printf '%-38s %10s %-6s %s\n' "$1" "$2" "$3" "${4:-}"
}
# fail WHAT [FILE]: what failed (and FILE, its messages), exit 1.
fail() {
    echo "bench: $1" >&2
    [ $# -lt 2 ] || tail -n 30 "$2" >&2
    exit 1
}
# note TEXT: a "#" line in both.
note() {
    echo "# $*" | tee -a "$W/figures"
}
# kiosk DATA SIZE SCRIPT LOG [options]: one headless scripted kiosk.
kiosk() {
    d=$1 size=$2 script=$3 log=$4
    shift 4
    "$K" --headless --data-dir "$d" --size "$size" --now "$NOW" --catalog assets/catalog/demo.ini \
        --script "$script" --bench "$log" "$@"
}
# Nearest-rank percentiles of stdin (one number a line): "p50 p95 max".
pcts() {
    sort -n | awk '{ a[NR] = $1 }
        function at(p,  i) { i = int(p * NR + 0.999999); return a[i < 1 ? 1 : i] }
        END { if (NR) printf "%.2f %.2f %.2f\n", at(0.50), at(0.95), a[NR]; else print "? ? ?" }'
}
# field N of "a b c"
nth() { echo "$2" | cut -d' ' -f"$1"; }

note "kiosk benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), make bench"
note "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
    "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "load $(cut -d' ' -f1-3 /proc/loadavg) at start, no GPU (SDL software renderer, headless)"
note "$(. /etc/os-release && echo "$PRETTY_NAME"), SDL $(pkg-config --modversion sdl2)," \
    "SQLite $(pkg-config --modversion sqlite3), $(${CC:-cc} --version | head -n1)"

# ---- 60 s of idle, for real: the resident-facing loop (no script) on the
# attract screen, stopped by SIGTERM after 60 s. Runs in the background
# while the rest is measured (it sleeps), and is read at the end.
mkdir -p "$W/idle"
"$B/spawn" "$W/idle.log" timeout --preserve-status -s TERM 60 "$K" --headless --data-dir "$W/idle" \
    --catalog assets/catalog/demo.ini --bench "$W/idle.log" >"$W/idle.out" 2>"$W/idle.err" &
# (timeout --preserve-status: the kiosk's own exit status on SIGTERM, 0 when
# it stopped cleanly, rather than timeout's 124.)
idle_pid=$!

# ---- start-up: process start to the first frame presented, median of 11;
# the first run also creates the database and imports the catalog.
echo "# empty script: the kiosk starts, draws its first frame and exits" >"$W/empty.txt"
mkdir -p "$W/start"
for i in 1 2 3 4 5 6 7 8 9 10 11; do
    "$B/spawn" "$W/start.log" "$K" --headless --data-dir "$W/start" --now "$NOW" \
        --catalog assets/catalog/demo.ini --script "$W/empty.txt" --bench "$W/start.log" \
        >"$W/start.out" 2>"$W/err" || fail "start-up run $i failed: $(cat "$W/start.out")" "$W/err"
    awk '$2 >= 0 { print $2, $6 }' "$W/start.out" >>"$W/start.ms"
    [ "$(wc -l <"$W/start.ms")" -eq $i ] || fail "start-up run $i drew no frame: $(cat "$W/start.out")" "$W/err"
done
fig startup_first_boot_ms "$(head -n1 "$W/start.ms" | cut -d' ' -f1)" ms "new database, catalog imported"
fig startup_first_frame_ms "$(tail -n +2 "$W/start.ms" | cut -d' ' -f1 | pcts | cut -d' ' -f1)" ms \
    "median of 10 restarts; target <= 150"
fig startup_cpu_ms "$(tail -n +2 "$W/start.ms" | cut -d' ' -f2 | pcts | cut -d' ' -f1)" ms \
    "median CPU time of those runs, exit included"

# ---- frame times of the busiest screens. On each screen, touches on an
# empty spot redraw it; a screen's first frame (its text not cached yet)
# is left out. Warm: the text cache as shipped; off: --no-text-cache.
frames_script() { # SIZE TOUCHES
    y=$(($(echo "$1" | cut -dx -f2) / 2))
    t=$(i=0; while [ $i -lt "$2" ]; do echo "touch 10 $y"; i=$((i + 1)); done)
    cat <<STEPS
tap start
expect-screen home
$t
expect-screen home
tap category:ertong
$t
expect-screen category
tap back
tap category:yanglao
tap service:kangyang-zixun
tap book
expect-screen slots
$t
expect-screen slots
tap session:$SID
type 13812345678
tap next
tap confirm
expect-screen ticket
$t
expect-screen ticket
STEPS
}
for size in 1080x1920 1920x1080; do
    for cache in warm off; do
        n=100 opt=""
        [ $cache = off ] && n=40 opt=--no-text-cache
        frames_script $size $n >"$W/frames.txt"
        log="$W/frames-$size-$cache.log"
        if ! kiosk "$W/f-$size-$cache" $size "$W/frames.txt" "$log" $opt >/dev/null 2>"$W/err"; then
            echo "bench: the frames script failed at $size ($cache):" >&2
            cat "$W/err" >&2
            exit 1
        fi
        awk '$1 == "frame" { if ($2 == prev) print $2, ($4 - $3) / 1e6, $5 / 1e6; prev = $2 }' \
            "$log" >"$W/frames.ms"
        for screen in home category slots ticket; do
            v=$(awk -v s=$screen '$1 == s { print $2 }' "$W/frames.ms" | pcts)
            c=$(awk -v s=$screen '$1 == s { print $3 }' "$W/frames.ms" | pcts)
            name=frame_${screen}_${size}_${cache}
            note=""
            [ $size = 1080x1920 ] && [ $cache = warm ] && note="target p95 < 8"
            fig "${name}_p50_ms" "$(nth 1 "$v")" ms
            fig "${name}_p95_ms" "$(nth 2 "$v")" ms "$note"
            fig "${name}_cpu_p95_ms" "$(nth 2 "$c")" ms "CPU time of the frame"
        done
    done
done

# ---- tap-to-frame: the booking script with every tap as SDL touch events
# (finger down, finger up) at 1080x1920; from queueing the finger-down to
# the present of the frame showing the press, and from the finger-up to the
# present of the frame showing its result (the booking included).
sed 's/^tap /touch /' tests/ui/scripts/book.txt >"$W/book-touch.txt"
for i in 1 2 3; do
    kiosk "$W/t$i" 1080x1920 "$W/book-touch.txt" "$W/touch.log" >/dev/null 2>"$W/err" || {
        echo "bench: the touch booking script failed:" >&2
        cat "$W/err" >&2
        exit 1
    }
done
v=$(awk '$1 == "input" && $2 == "down" { print ($4 - $3) / 1e6 }' "$W/touch.log" | pcts)
fig tap_to_frame_p50_ms "$(nth 1 "$v")" ms "press feedback, 3 bookings by touch"
fig tap_to_frame_p95_ms "$(nth 2 "$v")" ms
v=$(awk '$1 == "input" && $2 == "up" { print ($4 - $3) / 1e6 }' "$W/touch.log" | pcts)
fig release_to_result_p50_ms "$(nth 1 "$v")" ms "next screen, booking included"
fig release_to_result_p95_ms "$(nth 2 "$v")" ms

# ---- a tap on what cannot be chosen (issue 15 item 13): a finger on a
# session whose booking has closed and on 下一步 before the number is whole,
# 20 times each; from the finger-up to the present of the frame that says
# why (the hint by the finger).
{
    printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\n'
    printf 'tap date:2026-12-01\n'
    i=0
    while [ $i -lt 20 ]; do echo "touch session:kangyang-zixun-20261201-0900"; i=$((i + 1)); done
    printf 'expect-screen slots\ntap session:kangyang-zixun-20261201-1000\ntype 138\n'
    i=0
    while [ $i -lt 20 ]; do echo "touch next"; i=$((i + 1)); done
    echo "expect-screen phone"
} >"$W/disabled.txt"
kiosk "$W/dis" 1080x1920 "$W/disabled.txt" "$W/disabled.log" >/dev/null 2>"$W/err" || {
    echo "bench: the disabled-tap script failed:" >&2
    cat "$W/err" >&2
    exit 1
}
v=$(awk '$1 == "input" && $2 == "up" { print ($4 - $3) / 1e6 }' "$W/disabled.log" | pcts)
fig disabled_tap_to_hint_p50_ms "$(nth 1 "$v")" ms "a tap on what cannot be chosen, to the hint"
fig disabled_tap_to_hint_p95_ms "$(nth 2 "$v")" ms

# ---- peak RSS of whole scripted sessions: the tour (every resident screen,
# zh, elder mode, English) at both reference sizes, run to its end. Its
# screenshots are a test's, not a resident's: the shot steps are left out
# (a screenshot's read-back buffers would count), and without a screenshots
# directory the first shot would end the script there.
grep -v '^shot ' tests/ui/scripts/tour.txt >"$W/tour.txt"
for size in 1080x1920 1920x1080; do
    r=$("$B/spawn" "$W/rss.log" "$K" --headless --data-dir "$W/rss-$size" --size $size \
        --now "$NOW" --catalog assets/catalog/demo.ini --script "$W/tour.txt" \
        --bench "$W/rss.log" 2>"$W/err") ||
        fail "the tour failed at $size: $r" "$W/err"
    fig peak_rss_tour_${size}_mb "$(echo "$r" | awk '{ printf "%.1f", $8 / 1024 }')" MB \
        "$([ $size = 1080x1920 ] && echo "target < 48")"
done

# ---- voice guidance (issue 17): from a screen change to the first sample
# of its prompt handed to the audio device (SDL's disk driver, so the
# device's buffer of 512 samples, 23 ms, is in it as on a board). Every
# service of the demo catalog through home, its category and its page:
# on a new data directory the catalog's texts are synthesised by
# espeak-ng then (home's prompt is cached after its first time); run again
# on it, everything comes from the cache.
if command -v espeak-ng >/dev/null 2>&1; then
    awk '/^\[service / { s = $2; sub(/\]/, "", s) } /^category = / && s { print $3, s; s = "" }' \
        assets/catalog/demo.ini | while read -r cat svc; do
        printf 'tap home\nwait-speech start\ntap category:%s\nwait-speech start\n' "$cat"
        printf 'tap service:%s\nwait-speech start\n' "$svc"
    done | sed '1s/^tap home$/tap start/' >"$W/voice.txt"
    for run in 1 2; do
        SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$W/voice.raw" kiosk "$W/voice" 1080x1920 \
            "$W/voice.txt" "$W/voice.log" --voice on >/dev/null 2>"$W/err" ||
            fail "the voice latency script failed (run $run)" "$W/err"
    done
    for kind in cached synth; do
        v=$(awk -v k=$kind '$1 == "voice" && $2 == k { print ($4 - $3) / 1e6 }' "$W/voice.log" | pcts)
        n=$(awk -v k=$kind '$1 == "voice" && $2 == k' "$W/voice.log" | wc -l)
        fig voice_first_sample_${kind}_p50_ms "$(nth 1 "$v")" ms "$n prompts; target < 200 (DESIGN §5)"
        fig voice_first_sample_${kind}_p95_ms "$(nth 2 "$v")" ms
    done
    # What the voice costs: the frames script at 1080x1920 with the voice
    # on (every screen change says its prompt) against off, all frames;
    # and the tour's peak RSS with the voice on.
    frames_script 1080x1920 40 >"$W/frames.txt"
    for mode in off on; do
        SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$W/voice.raw" kiosk "$W/fv-$mode" 1080x1920 \
            "$W/frames.txt" "$W/fv-$mode.log" --voice $mode >/dev/null 2>"$W/err" ||
            fail "the frames script failed with the voice $mode" "$W/err"
        v=$(awk '$1 == "frame" { print ($4 - $3) / 1e6 }' "$W/fv-$mode.log" | pcts)
        fig frame_all_1080x1920_voice_${mode}_p50_ms "$(nth 1 "$v")" ms
        fig frame_all_1080x1920_voice_${mode}_p95_ms "$(nth 2 "$v")" ms "every frame of the frames script"
    done
    r=$(SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$W/voice.raw" "$B/spawn" "$W/rss.log" "$K" --headless \
        --data-dir "$W/rss-voice" --size 1080x1920 --now "$NOW" --catalog assets/catalog/demo.ini \
        --script "$W/tour.txt" --bench "$W/rss.log" --voice on 2>"$W/err") ||
        fail "the tour failed with the voice on: $r" "$W/err"
    fig peak_rss_tour_1080x1920_voice_on_mb "$(echo "$r" | awk '{ printf "%.1f", $8 / 1024 }')" MB \
        "target < 48; the same tour with the voice on (disk audio driver)"
else
    unknown voice_first_sample_cached_p50_ms "?" ms "espeak-ng is not installed (tools/deps.sh build)"
fi

# ---- the day's work with the biggest catalog allowed (issue 14 item 8):
# its import, and a day change after five days off, a slice a frame.
"$B/daywork_bench" "$W" >"$W/daywork.out" 2>"$W/err" || fail "daywork_bench failed" "$W/err"
while read -r name value unit; do
    note=""
    [ "$name" = day_change_slice_max_ms ] && note="one frame's share of the day's work"
    fig "$name" "$value" "$unit" "$note"
done <"$W/daywork.out"

# ---- the store: bookings per second against raw SQLite, and fsyncs.
N=500
"$B/store_bench" "$W" $N both >"$W/store.out" 2>"$W/err" || fail "store_bench $N both failed" "$W/err"
while read -r name value unit; do
    note=""
    [ "$name" = store_vs_raw_ratio ] && note="target >= 0.8"
    fig "$name" "$value" "$unit" "$note"
done <"$W/store.out"
if command -v strace >/dev/null 2>&1; then
    # fsyncs N MODE: sets $calls to the fsync + fdatasync calls of the whole
    # program, or to nothing when strace may not trace here (no ptrace in a
    # container); a store_bench that fails under strace fails the bench.
    traceable=0
    strace -o /dev/null true >/dev/null 2>&1 && traceable=1
    # (fsyncs N queue CALLS: the walk-in queue's takes and calls.)
    fsyncs() {
        calls=""
        if strace -f -c -e trace=fsync,fdatasync -o "$W/strace" "$B/store_bench" "$W" "$@" \
            >/dev/null 2>"$W/strace.err"; then
            calls=$(awk '$NF == "total" { print $(NF - 1) }' "$W/strace")
        elif [ $traceable = 1 ]; then
            fail "store_bench $* failed under strace" "$W/strace.err"
        fi
    }
    for mode in store raw; do
        fsyncs 0 $mode
        base=$calls
        fsyncs $N $mode
        all=$calls
        if [ -n "$base" ] && [ -n "$all" ]; then
            fig ${mode}_fsyncs_per_booking "$(awk -v a="$all" -v b="$base" -v n=$N \
                'BEGIN { printf "%.2f", (a - b) / n }')" 1 \
                "$([ $mode = store ] && echo "target 1; strace -c, $N bookings less set-up")"
        else
            unknown ${mode}_fsyncs_per_booking "?" 1 "strace could not trace (ptrace not allowed?)"
        fi
    done
    # The walk-in queue (issue 19): QN takes, then QN calls to QN counters
    # (no counter twice, so no other step is counted), each less the run before.
    QN=99
    fsyncs 0 queue 0
    base=$calls
    fsyncs $QN queue 0
    taken=$calls
    fsyncs $QN queue $QN
    called=$calls
    if [ -n "$base" ] && [ -n "$taken" ] && [ -n "$called" ]; then
        fig queue_fsyncs_per_take "$(awk -v a="$taken" -v b="$base" -v n=$QN \
            'BEGIN { printf "%.2f", (a - b) / n }')" 1 "$QN takes on the demo catalog's lines less set-up"
        fig queue_fsyncs_per_call "$(awk -v a="$called" -v b="$taken" -v n=$QN \
            'BEGIN { printf "%.2f", (a - b) / n }')" 1 "$QN calls less the takes' run"
    else
        unknown queue_fsyncs_per_take "?" 1 "strace could not trace (ptrace not allowed?)"
    fi
else
    unknown store_fsyncs_per_booking "?" 1 "strace is not installed (tools/deps.sh bench)"
fi

# ---- one ticket's QR and printed raster.
"$B/qr_bench" fonts/NotoSansSC-Kiosk-Regular.otf fonts/NotoSansSC-Kiosk-Bold.otf 2000 \
    >"$W/qr.out" 2>"$W/err" || fail "qr_bench failed" "$W/err"
while read -r name value unit; do fig "$name" "$value" "$unit"; done <"$W/qr.out"

# ---- instruction counts of one scripted booking (as make bench-check).
if command -v valgrind >/dev/null 2>&1; then
    BUILD=$BUILD sh tools/bench-ir.sh >"$W/ir.out" 2>"$W/err" || fail "tools/bench-ir.sh failed" "$W/err"
    while read -r name value unit; do
        base=$(awk -v k="$name" '$1 == k { print $2 }' tests/bench/baseline.txt)
        fig "$name" "$value" "$unit" "baseline ${base:-?}"
    done <"$W/ir.out"
else
    unknown booking_total_ir "?" Ir "valgrind is not installed (tools/deps.sh bench)"
fi

# ---- the console under load (issue 18): a booking at the kiosk's store
# (store_bench's latency mode: one store_book, one durable transaction, as
# the kiosk makes it) timed idle, then while 1,000 connections at once from
# loopback hammer the console on the same store (tests/console/load_gen.py:
# the login page, today's page and a roster with a staff session, the event
# stream), in the same run. Also the console's peak RSS under that load.
# The generator runs at nice 19: it stands in for the other machines of
# the network, and its own CPU here is the test's, not the board's.
C="$W/console"
mkdir -p "$C"
"$B/store_bench" "$C" 0 store >/dev/null 2>"$W/err" || fail "store_bench set-up failed" "$W/err"
echo 246810 | "$BUILD/kioskctl" --db "$C/store.db" staff add 王芳 >/dev/null 2>"$W/err" ||
    fail "kioskctl staff add failed" "$W/err"
mkfifo "$C/load.in"
"$BUILD/kiosk-console" --db "$C/store.db" --tls-dir "$C/tls" --listen 127.0.0.1 --port 0 \
    >"$C/out" 2>"$C/err" &
console_pid=$!
trap '[ -z "$idle_pid" ] || kill $idle_pid 2>/dev/null; kill $console_pid 2>/dev/null; rm -rf "$W"' EXIT
timeout 60 sh -c 'until grep -q "listening on" "$1"; do sleep 0.1; done' - "$C/out"
url=$(sed -n 's/.*listening on \(https[^ ]*\).*/\1/p' "$C/out")
[ -n "$url" ] || fail "kiosk-console did not start" "$C/err"
BN=200
"$B/store_bench" "$C" $BN latency 0 >"$C/idle.ms" 2>"$W/err" || fail "store_bench latency (idle) failed" "$W/err"
# The walk-in queue's take and call (issue 19) right after, the console still
# idle: store_bench's queue mode, its own store with the demo catalog's
# lines, paced as those bookings; printed after them.
QL=300
"$B/store_bench" "$C" $QL queue $QL >"$C/queue.ms" 2>"$W/err" || fail "store_bench queue failed" "$W/err"
exec 8<>"$C/load.in"
nice -n 19 python3 tests/console/load_gen.py "$url" "$C/tls/cert.pem" 246810 1000 <"$C/load.in" 8>&- >"$C/load.out" \
    2>"$C/load.err" &
load_pid=$!
timeout 120 sh -c 'until grep -q started "$1" 2>/dev/null; do sleep 0.1; done' - "$C/load.out" ||
    fail "the load generator did not start" "$C/load.err"
"$B/store_bench" "$C" $BN latency $BN >"$C/load.ms" 2>"$W/err" || fail "store_bench latency (under load) failed" "$W/err"
rss=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$console_pid/status)
threads=$(awk '/^Threads/ { print $2 }' /proc/$console_pid/status)
exec 8>&-
wait $load_pid || fail "the load generator failed: $(cat "$C/load.out")" "$C/load.err"
kill $console_pid
wait $console_pid || fail "kiosk-console failed under load" "$C/err"
idle=$(pcts <"$C/idle.ms")
load=$(pcts <"$C/load.ms")
fig console_booking_idle_p50_ms "$(nth 1 "$idle")" ms "$BN store_book at the kiosk's store, console idle"
fig console_booking_idle_p95_ms "$(nth 2 "$idle")" ms
fig console_booking_idle_max_ms "$(nth 3 "$idle")" ms
for step in take call; do
    v=$(awk -v s=$step '$1 == s { print $2 }' "$C/queue.ms" | pcts)
    fig queue_${step}_p50_ms "$(nth 1 "$v")" ms "$QL ${step}s, beside the bookings above (issue 19)"
    fig queue_${step}_p95_ms "$(nth 2 "$v")" ms
    fig queue_${step}_max_ms "$(nth 3 "$v")" ms
done
fig console_booking_load_p50_ms "$(nth 1 "$load")" ms "$BN more, 1,000 connections at the console"
fig console_booking_load_p95_ms "$(nth 2 "$load")" ms
fig console_booking_load_ratio_p50 "$(awk -v a="$(nth 1 "$load")" -v b="$(nth 1 "$idle")" 'BEGIN { printf "%.2f", a / b }')" x \
    "under load / idle; target <= 2"
fig console_booking_load_ratio_p95 "$(awk -v a="$(nth 2 "$load")" -v b="$(nth 2 "$idle")" 'BEGIN { printf "%.2f", a / b }')" x \
    "target <= 2"
fig console_peak_rss_load_mb "$rss" MB "VmHWM; $threads threads at the end of the load"
note "console load: $(cat "$C/load.out" | tail -n1) (refused: past the console's connection limits)"

# ---- the idle run started first.
wait $idle_pid || fail "the idle kiosk failed: $(cat "$W/idle.out")" "$W/idle.err"
idle_frames=$(awk '$1 == "frame"' "$W/idle.log" | wc -l)
[ "$idle_frames" -gt 0 ] || fail "the idle kiosk drew no frame" "$W/idle.err"
fig idle_frames_60s_attract $((idle_frames - 1)) frames "after the first; target 0"
fig idle_cpu_60s_ms "$(awk '{ print $6 }' "$W/idle.out")" ms "CPU time of 60 s idle"
# In script time (wait moves the clock): 59 s on home, then the idle
# warning's countdown.
printf 'tap start\nstats\nwait 59\nstats\nwait 6\nexpect-screen idle-warning\nstats\n' >"$W/quiet.txt"
kiosk "$W/q" 1080x1920 "$W/quiet.txt" "$W/quiet.log" >"$W/quiet.out" 2>"$W/err" ||
    fail "the quiet script failed" "$W/err"
[ "$(grep -c '^frames=[0-9]' "$W/quiet.out")" -eq 3 ] || fail "the quiet script printed no 3 stats lines" "$W/quiet.out"
f=$(sed 's/frames=\([0-9]*\).*/\1/' "$W/quiet.out" | tr '\n' ' ')
fig idle_frames_59s_home "$(($(nth 2 "$f") - $(nth 1 "$f")))" frames "target 0"
fig idle_warning_frames_6s "$(($(nth 3 "$f") - $(nth 2 "$f")))" frames "the countdown, 1 a second"

# ---- the lobby calling display (issue 19, docs/display.md): its idle cost
# (frames and CPU over 3 s with the queue unchanged) beside --always-draw,
# and a take's and a call's latency through kioskctl (median of DN).
DD="$W/display"
mkdir -p "$DD"
"$BUILD/kioskctl" --db "$DD/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null 2>"$W/err" ||
    fail "display: import the catalog" "$W/err"
printf 'stats\nidle 3000\nstats\nquit\n' >"$W/display.txt"
for mode in idle always; do
    "$B/spawn" "$W/display.log" "$BUILD/kiosk-display" --headless --data-dir "$DD" --now "$NOW" \
        --script "$W/display.txt" $([ $mode = always ] && echo --always-draw) >"$W/display.out" 2>"$W/err" ||
        fail "display: the $mode run failed" "$W/err"
    f=$(awk '/^display: frames/ { print $3 }' "$W/display.out" | tr '\n' ' ')
    fig display_${mode}_frames_3s "$(($(nth 2 "$f") - $(nth 1 "$f")))" frames \
        "$([ $mode = idle ] && echo "target 0; nothing changed" || echo "--always-draw, one a poll")"
    fig display_${mode}_cpu_3s_ms "$(sed -n 's/.*cpu_ms \([0-9]*\).*/\1/p' "$W/display.out")" ms "start-up included"
done
DN=21
for i in $(seq $DN); do
    t0=$(date +%s%N)
    "$BUILD/kioskctl" --db "$DD/kiosk.db" --now "$NOW" queue take --line zonghe >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$W/take_us"
done
for i in $(seq $DN); do
    t0=$(date +%s%N)
    "$BUILD/kioskctl" --db "$DD/kiosk.db" --now "$NOW" queue call --counter "$i" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$W/call_us"
done
fig queue_take_p50_ms "$(sort -n "$W/take_us" | awk -v n=$DN 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }')" ms \
    "kioskctl queue take, process included, median of $DN"
fig queue_call_p50_ms "$(sort -n "$W/call_us" | awk -v n=$DN 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }')" ms \
    "kioskctl queue call, process included, median of $DN"

fig bench_wall_s $(($(date +%s) - started)) s
cp "$W/figures" "$OUT"
echo "# written to $OUT"
