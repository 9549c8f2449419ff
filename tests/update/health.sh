#!/bin/sh
# The health check: a new release that keeps failing to start is rolled
# back after update_max_boots starts; one that serves for
# update_health_seconds (database open, first frame drawn, main loop
# running) is kept. Manual rollback and status.
. tests/update/lib.sh

# A release that cannot start: its kiosk exits 1.
bundle 1.0.0
stage 1.1.0
printf '#!/bin/sh\necho kiosk 1.1.0 fails >&2\nexit 1\n' >"$TMP/stage-1.1.0/bin/kiosk"
bundle 1.1.0
U apply "$TMP/b-1.0.0.tar" >/dev/null
expect_exit 0 "the failing release installs" U apply "$TMP/b-1.1.0.tar"
# What systemd does: ExecStartPre=kioskctl update boot, ExecStart=current/bin/kiosk,
# Restart=always.
for i in 1 2 3; do
    U boot >"$TMP/boot" 2>&1
    check "start $i: counted ($(cat "$TMP/boot"))" grep -qx "start $i of 3 of release 1.1.0 on trial" "$TMP/boot"
    check "start $i: 1.1.0 is still current, and fails" sh -c "! '$ROOT/current/bin/kiosk' 2>/dev/null"
done
U boot >"$TMP/boot" 2>&1
check "the 4th start rolls back ($(cat "$TMP/boot"))" \
    grep -q "release 1.1.0 started 3 times without becoming healthy: rolled back from 1.1.0 to 1.0.0" "$TMP/boot"
check "1.0.0 is current again" test "$(current)" = releases/1.0.0
check "... complete" complete
check "... and runs" test "$("$ROOT/current/bin/kiosk")" = "kiosk 1.0.0"
U status >"$TMP/status"
check "status: nothing on trial" grep -qx 'on trial: none' "$TMP/status"
check "status: rolled back from 1.1.0" grep -qx 'rolled back from: 1.1.0' "$TMP/status"
U boot >"$TMP/boot" 2>&1
check "later starts change nothing" sh -c "grep -q 'release 1.0.0 is kept' '$TMP/boot' && [ \"\$(readlink '$ROOT/current')\" = releases/1.0.0 ]"

# A release of the real kiosk is kept once it has served long enough.
rm -rf "$ROOT"
v=$("$KIOSK" --version | sed 's/^kiosk //')
old=0.0.1
check "the kiosk's version $v is newer than $old" test "$(printf '%s\n%s\n' "$old" "$v" | sort -V | tail -n1)" = "$v"
bundle $old
mkdir -p "$TMP/stage-$v/bin" "$TMP/stage-$v/share/kiosk/fonts"
cp "$KIOSK" "$CTL" "$TMP/stage-$v/bin/"
cp fonts/*.otf "$TMP/stage-$v/share/kiosk/fonts/"
bundle "$v"
U apply "$TMP/b-$old.tar" >/dev/null
expect_exit 0 "the real kiosk $v installs" U apply "$TMP/b-$v.tar"
U boot >/dev/null
conf "$TMP/slow.conf" 60
run_kiosk() { # run_kiosk BINARY CONFIG SECONDS
    "$1" --headless --config "$2" --data-dir "$TMP/d" --now "2026-12-01 09:00" >"$TMP/kiosk.out" 2>&1 &
    pid=$!
    sleep "$3"
    kill -TERM $pid
    wait $pid
}
trial() { U status | grep -qx "on trial: $v (started 1 of 3 times; kept after 2 s of service)"; }
run_kiosk "$ROOT/current/bin/kiosk" "$TMP/slow.conf" 3
check "serving 3 s of a 60 s health period: still on trial" trial
run_kiosk "$KIOSK" "$TMP/k.conf" 4
check "the same version run from elsewhere cannot vouch for the release: still on trial" trial
check "the kiosk wrote no health mark so far" test ! -e "$TMP/d/update-healthy"
run_kiosk "$ROOT/current/bin/kiosk" "$TMP/k.conf" 4
check "serving past a 2 s health period: marked healthy" sh -c "'$CTL' --config '$TMP/k.conf' update status | grep -qx 'on trial: $v (started 1 of 3 times; healthy, kept at the next start)'"
check "... in its own data directory" grep -qx "$v" "$TMP/d/update-healthy"
check "... and the kiosk logged it" grep -q "update: release $v is healthy; kept at the next start" "$TMP/kiosk.out"
U boot >"$TMP/boot" 2>&1
check "the next start keeps it ($(cat "$TMP/boot"))" grep -qx "release $v served its health period: kept" "$TMP/boot"
check "... nothing is on trial then" sh -c "'$CTL' --config '$TMP/k.conf' update status | grep -qx 'on trial: none'"
for i in 1 2 3 4; do U boot >/dev/null; done
check "a kept release is never rolled back by later starts" test "$(current)" = "releases/$v"

# Rollback by hand, and back again.
expect_exit 0 "rollback by hand" U rollback
check "... makes $old current" test "$(current)" = "releases/$old"
check "... and $v previous" test "$(previous)" = "releases/$v"
expect_exit 0 "a second rollback goes forward again" U rollback
check "... to $v" test "$(current)" = "releases/$v"
expect_exit 0 "and a third back to $old" U rollback
expect_exit 0 "$v applied again (newer than $old)" U apply "$TMP/b-$v.tar"
check "... is on trial afresh: its old health mark vouches for nothing" sh -c \
    "'$CTL' --config '$TMP/k.conf' update status | grep -qx 'on trial: $v (started 0 of 3 times; kept after 2 s of service)'"
echo "#" >>"$ROOT/releases/$old/bin/kiosk"
expect_exit 1 "a damaged previous release is not rolled back to" U rollback
check "... saying why" grep -q "previous release $old is not complete" "$TMP/err"
check "... and $v stays current" test "$(current)" = "releases/$v"
rm -rf "$ROOT"
expect_exit 1 "with nothing installed there is nothing to roll back to" U rollback
check "... saying so" grep -q "no update installed under $ROOT" "$TMP/err"
expect_exit 0 "... and the boot check has nothing to do" U boot
U apply "$TMP/b-$old.tar" >/dev/null
expect_exit 1 "with a single release there is nothing to roll back to" U rollback
check "... saying so" grep -q "no previous release" "$TMP/err"
echo "#" >>"$ROOT/current/bin/kiosk"
expect_exit 1 "status reports a damaged current release" U status
check "... naming the file" grep -q "bin/kiosk: differs from the release's manifest" "$TMP/err"
