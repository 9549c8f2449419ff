#!/bin/sh
# Runs every test program and script and prints "N passed, N failed".
# Unit binaries (build/tests/**) and scripts (tests/cli/*.sh, tests/ui/*.sh, ...)
# print one "ok - NAME" or "not ok - NAME" line per test; a program that exits
# non-zero without saying which test failed counts as one failure.
#
# TEST_JOBS programs at a time (default: the machine's cores): every test
# keeps to its own temporary directory, free port and X display (xvfb-run
# -a), and waits for what it expects rather than for a time, so two can run
# side by side; the slowest known ones start first (tests/times.txt, the
# seconds each took on a quiet run, refreshed by `make test-times`). The
# results are printed in a fixed order at the end, with each one's time.
BUILD=${BUILD:-build}
export BUILD
# make cross-test: an emulator (qemu-user) runs the test binaries, and the
# scripts, which drive this machine's own build, are left out.
RUNNER=${TEST_RUNNER:-}
JOBS=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The tests, by name.
{
    find "$BUILD/tests" -type f -perm -u+x 2>/dev/null | sort
    [ -z "$RUNNER" ] && ls tests/*/*.sh 2>/dev/null | grep -v '/lib' | sort
} >"$out/names"
# Slowest first: known times (for build/san too: the names without the
# build directory), unknown ones as if slow (a new test is often a big one).
awk -v build="$BUILD/" 'FILENAME == ARGV[1] { if ($1 !~ /^#/) t[$2] = $1; next }
    { n = $0; k = n; if (index(k, build) == 1) k = "BUILD/" substr(k, length(build) + 1)
      printf "%s\t%d\t%s\n", (k in t) ? t[k] : 1000, FNR, n }' \
    tests/times.txt "$out/names" | sort -t "$(printf '\t')" -k1,1nr -k2,2n >"$out/order"

# One test: its output to $out/<number>.log, its exit code and seconds
# to $out/<number>.rc; a line as it ends, so a long run shows progress.
cat >"$out/one.sh" <<'EOF'
d=$1
num=$2
name=$3
start=$(date +%s.%N)
case $name in
*.sh) sh "$name" >"$d/$num.log" 2>&1 ;;
*) $TEST_RUNNER_CMD "$name" >"$d/$num.log" 2>&1 ;;
esac
rc=$?
end=$(date +%s.%N)
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
# The processor seconds the test and everything it started took (user +
# system, from the shell's `times`: its children's line).
cpu=$(times | awk 'NR == 2 { u = $1; s = $2; gsub(/s/, "", u); gsub(/s/, "", s)
    split(u, a, "m"); split(s, b, "m"); printf "%.1f", a[1] * 60 + a[2] + b[1] * 60 + b[2] }')
echo "$rc $secs ${cpu:-0}" >"$d/$num.rc"
echo "   (ran $name: ${secs} s)"
EOF
TEST_RUNNER_CMD=$RUNNER
export TEST_RUNNER_CMD
t_start=$(date +%s)
cut -f2,3 "$out/order" | while IFS="$(printf '\t')" read -r num name; do
    printf '%s %s\n' "$num" "$name"
done | xargs -P "$JOBS" -L 1 sh "$out/one.sh" "$out" || true

pass=0
fail=0
skipped=0
: >"$out/times"
n=0
while read -r name; do
    n=$((n + 1))
    log="$out/$n.log"
    if [ ! -f "$out/$n.rc" ]; then
        echo "== $name (did not run)"
        fail=$((fail + 1))
        continue
    fi
    read -r rc secs cpu <"$out/$n.rc"
    cpu_all=$(awk -v a="${cpu_all:-0}" -v b="$cpu" 'BEGIN { printf "%.1f", a + b }')
    k=$name
    case $k in "$BUILD"/*) k="BUILD/${k#"$BUILD"/}" ;; esac
    echo "$secs $k" >>"$out/times"
    p=$(grep -c '^ok - ' "$log")
    f=$(grep -c '^not ok - ' "$log")
    if [ "$f" -eq 0 ] && [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && grep -q '^# skip' "$log"; then
        echo "== $name: $(grep '^# skip' "$log" | head -n1) (${secs} s)"
        skipped=$((skipped + 1))
        continue
    fi
    if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ] || [ "$p" -eq 0 ]; then
        echo "== $name (exit $rc, ${secs} s)"
        cat "$log"
        [ "$f" -eq 0 ] && f=1
    else
        echo "== $name: $p passed (${secs} s, ${cpu} s of processor)"
        grep '^# ' "$log" # figures a test reports (rounds, events, executions)
    fi
    pass=$((pass + p))
    fail=$((fail + f))
done <"$out/names"
# The times of this run, for `make test-times` (build/test-times.txt).
mkdir -p "$BUILD" && sort -k1,1nr "$out/times" >"$BUILD/test-times.txt" 2>/dev/null
[ "$skipped" -gt 0 ] && echo "($skipped test programs skipped, see above)"
echo "# the tests took $(($(date +%s) - t_start)) s with $JOBS at a time, $cpu_all s of processor"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
