#!/bin/sh
# A kill at each step of the installer (and of a rollback), as a power cut
# would: `current` always names a complete release, old or new, the next
# boot check copes, and applying again finishes the update.
. tests/update/lib.sh

bundle 1.0.0
bundle 1.1.0
expect_exit 0 "1.0.0 installs" U apply "$TMP/b-1.0.0.tar"
cp -a "$ROOT" "$TMP/base"

# The installer names its steps on stderr when the hook is set at all.
KIOSK_UPDATE_CRASH_AT=none U apply "$TMP/b-1.1.0.tar" >/dev/null 2>"$TMP/steps.err"
check "with the hook set to none the installer finishes" test $? -eq 0
steps=$(sed -n 's/^update: step //p' "$TMP/steps.err")
n=$(echo "$steps" | wc -w)
check "the installer has its named steps ($(echo $steps))" test "$n" -ge 9
check "... among them the unpacking and the switch" sh -c \
    "echo '$steps' | grep -qx unpack-file && echo '$steps' | grep -qx switch"
cp -a "$ROOT" "$TMP/updated"

restore() {
    rm -rf "$ROOT"
    cp -a "$TMP/$1" "$ROOT"
}
old_or_new() {
    c=$(current)
    [ "$c" = releases/1.0.0 ] || [ "$c" = releases/1.1.0 ]
}
# after_retry: 1.1.0 current and complete, 1.0.0 kept as previous, no leftovers.
after_retry() {
    [ "$(current)" = releases/1.1.0 ] && complete && [ "$(previous)" = releases/1.0.0 ] &&
        [ "$(ls -A "$ROOT/releases" | tr '\n' ' ')" = "1.0.0 1.1.0 " ] && [ ! -e "$ROOT/tmp" ]
}

for s in $steps; do
    restore base
    KIOSK_UPDATE_CRASH_AT=$s U apply "$TMP/b-1.1.0.tar" >/dev/null 2>&1
    rc=$?
    check "killed at $s: the installer died there (exit $rc)" test $rc -eq 137
    c=$(current)
    check "killed at $s: current is old or new ($c)" old_or_new
    check "killed at $s: ... and complete" complete
    "$ROOT/current/bin/kiosk" >"$TMP/kiosk.out" 2>&1
    check "killed at $s: its kiosk runs" sh -c "[ $? -eq 0 ] && grep -qx 'kiosk 1\.[01]\.0' '$TMP/kiosk.out'"
    expect_exit 0 "killed at $s: the next boot check runs" U boot
    check "killed at $s: ... and keeps the same release" test "$(current)" = "$c"
    if [ "$c" = releases/1.0.0 ]; then
        U status >"$TMP/status" 2>&1
        check "killed at $s: nothing on trial while 1.0.0 runs" \
            sh -c "[ $? -eq 0 ] && grep -qx 'on trial: none' '$TMP/status'"
        expect_exit 0 "killed at $s: applying again installs 1.1.0" U apply "$TMP/b-1.1.0.tar"
    else
        expect_exit 1 "killed at $s: applying again says it is done" U apply "$TMP/b-1.1.0.tar"
        check "killed at $s: ... already current" grep -q "already the current" "$TMP/err"
    fi
    check "killed at $s: then 1.1.0 is current, complete, 1.0.0 previous, no leftovers" after_retry
done

# Rollback (by hand or after failed starts) has steps of its own.
restore updated
KIOSK_UPDATE_CRASH_AT=none U rollback >/dev/null 2>"$TMP/steps.err"
check "with the hook set to none the rollback finishes" test $? -eq 0
rsteps=$(sed -n 's/^update: step //p' "$TMP/steps.err")
check "rollback has its named steps ($(echo $rsteps))" test "$(echo "$rsteps" | wc -w)" -ge 3
for s in $rsteps; do
    restore updated
    KIOSK_UPDATE_CRASH_AT=$s U rollback >/dev/null 2>&1
    rc=$?
    check "rollback killed at $s: died there (exit $rc)" test $rc -eq 137
    c=$(current)
    check "rollback killed at $s: current is old or new ($c)" old_or_new
    check "rollback killed at $s: ... and complete" complete
    expect_exit 0 "rollback killed at $s: the next boot check runs" U boot
    check "rollback killed at $s: ... keeping $c" test "$(current)" = "$c"
done
