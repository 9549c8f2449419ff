#!/bin/sh
# Runs every test program and script and prints "N passed, N failed".
# Unit binaries (build/tests/**) and scripts (tests/cli/*.sh, tests/ui/*.sh, ...)
# print one "ok - NAME" or "not ok - NAME" line per test; a program that exits
# non-zero without saying which test failed counts as one failure.
BUILD=${BUILD:-build}
export BUILD
# make cross-test: an emulator (qemu-user) runs the test binaries, and the
# scripts, which drive this machine's own build, are left out.
RUNNER=${TEST_RUNNER:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0
fail=0
skipped=0
run_one() {
    name=$1
    shift
    log="$out/log"
    "$@" >"$log" 2>&1
    rc=$?
    p=$(grep -c '^ok - ' "$log")
    f=$(grep -c '^not ok - ' "$log")
    if [ "$f" -eq 0 ] && [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && grep -q '^# skip' "$log"; then
        echo "== $name: $(grep '^# skip' "$log" | head -n1)"
        skipped=$((skipped + 1))
        return
    fi
    if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ] || [ "$p" -eq 0 ]; then
        echo "== $name (exit $rc)"
        cat "$log"
        [ "$f" -eq 0 ] && f=1
    else
        echo "== $name: $p passed"
        grep '^# ' "$log" # figures a test reports (rounds, events, executions)
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}
for t in $(find "$BUILD/tests" -type f -perm -u+x 2>/dev/null | sort); do
    run_one "$t" $RUNNER "$t"
done
for t in $(ls tests/*/*.sh 2>/dev/null | grep -v '/lib' | sort); do
    [ -n "$RUNNER" ] && continue
    run_one "$t" sh "$t"
done
[ "$skipped" -gt 0 ] && echo "($skipped test programs skipped, see above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
