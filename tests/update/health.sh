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
expect_exit 0 "1.0.0 installs" U apply "$TMP/b-1.0.0.tar"
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
expect_exit 0 "status after the rollback" U status
check "status: nothing on trial" grep -qx 'on trial: none' "$TMP/out"
check "status: rolled back from 1.1.0" grep -qx 'rolled back from: 1.1.0' "$TMP/out"
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
expect_exit 0 "$old installs" U apply "$TMP/b-$old.tar"
expect_exit 0 "the real kiosk $v installs" U apply "$TMP/b-$v.tar"
expect_exit 0 "its first start is counted" U boot
conf "$TMP/slow.conf" 60
# status_is LINE: kioskctl update status succeeds and prints LINE.
status_is() {
    "$CTL" --config "$TMP/k.conf" update status >"$TMP/st.out" 2>&1 || { cat "$TMP/st.out"; return 1; }
    grep -qx "$1" "$TMP/st.out" || { cat "$TMP/st.out"; return 1; }
}
trial() { status_is "on trial: $v (started 1 of 3 times; kept after 2 s of service)"; }
# The kiosk's sd_notify messages, a line each: READY=1 once serving, then
# WATCHDOG=1 from its main loop every 100 ms at the most often (half of
# WATCHDOG_USEC), so N pings mean at least (N - 1) / 10 s of service.
cat >"$TMP/notify.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "w", buffering=1) as f:
    f.write("listening\n")
    while True:
        f.write(s.recv(4096).decode(errors="replace") + "\n")
PY
# wait_until SECONDS COMMAND...: until COMMAND succeeds, for at most SECONDS.
wait_until() {
    left=$(($1 * 10))
    shift
    until "$@"; do
        left=$((left - 1))
        [ $left -gt 0 ] || return 1
        sleep 0.1
    done
}
pings() { [ "$(grep -c '^WATCHDOG=1$' "$TMP/notify.out")" -ge "$1" ]; }
listening() { grep -q '^listening$' "$TMP/notify.out" 2>/dev/null; }
# run_kiosk NAME BINARY CONFIG SECONDS [LOG_LINE]: runs the kiosk until its
# loop has served SECONDS (and, if given, until it logged LOG_LINE), then
# stops it.
run_kiosk() {
    rm -f "$TMP/notify.sock" "$TMP/notify.out"
    python3 "$TMP/notify.py" "$TMP/notify.sock" "$TMP/notify.out" &
    lpid=$!
    wait_until 60 listening
    NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=200000 \
        "$2" --headless --config "$3" --data-dir "$TMP/d" --now "2026-12-01 09:00" >"$TMP/kiosk.out" 2>&1 &
    pid=$!
    check "$1: the kiosk serves" wait_until 60 grep -q '^READY=1$' "$TMP/notify.out"
    check "$1: ... for $4 s" wait_until 120 pings $(($4 * 10 + 1))
    [ -z "$5" ] || check "$1: ... and logs '$5'" wait_until 60 grep -q "$5" "$TMP/kiosk.out"
    kill -TERM $pid
    wait $pid
    check "$1: the kiosk stops on SIGTERM" test $? -eq 0
    kill $lpid
    wait $lpid 2>/dev/null
}
run_kiosk "the release, 60 s health period" "$ROOT/current/bin/kiosk" "$TMP/slow.conf" 3
check "serving 3 s of a 60 s health period: still on trial" trial
run_kiosk "the same version from elsewhere" "$KIOSK" "$TMP/k.conf" 3
check "the same version run from elsewhere cannot vouch for the release: still on trial" trial
check "the kiosk wrote no health mark so far" test ! -e "$TMP/d/update-healthy"
run_kiosk "the release, 2 s health period" "$ROOT/current/bin/kiosk" "$TMP/k.conf" 3 \
    "update: release $v is healthy; kept at the next start"
check "serving past a 2 s health period: marked healthy" \
    status_is "on trial: $v (started 1 of 3 times; healthy, kept at the next start)"
check "... in its own data directory" grep -qx "$v" "$TMP/d/update-healthy"
U boot >"$TMP/boot" 2>&1
check "the next start keeps it ($(cat "$TMP/boot"))" grep -qx "release $v served its health period: kept" "$TMP/boot"
check "... nothing is on trial then" status_is 'on trial: none'
for i in 1 2 3 4; do U boot >/dev/null; done
check "a kept release is never rolled back by later starts" test "$(current)" = "releases/$v"

# A release that starts and draws but cannot book is not healthy (issue 14
# item 6): its store must be open for writing and a booking transaction
# (BEGIN IMMEDIATE) able to begin. It stops unmarked at the end of its
# health period, and the boot check rolls it back after update_max_boots.
# run_to_exit LINE: the release's kiosk until it logs LINE, or that it is
# healthy, at the end of its health period (at most 120 s); one healthy
# keeps running and is stopped (and one that hangs, killed after 200 s).
# $rc: its exit status.
run_to_exit() {
    timeout -k 10 200 "$ROOT/current/bin/kiosk" --headless --config "$TMP/k.conf" --data-dir "$TMP/d" \
        --now "2026-12-01 09:00" >"$TMP/kiosk.out" 2>&1 &
    pid=$!
    if ! wait_until 120 grep -qE "$1|is healthy; kept" "$TMP/kiosk.out" ||
        grep -q "is healthy; kept" "$TMP/kiosk.out"; then
        kill -TERM $pid
    fi
    wait $pid
    rc=$?
}
unhealthy() { # NAME WHY: one start of the release on trial that cannot book
    run_to_exit "cannot take a booking"
    check "$1: the release on trial stops by itself (exit 4), unmarked" test $rc -eq 4
    check "$1: ... saying why" grep -q "update: release $v is on trial and cannot take a booking: $2.*not marked healthy" "$TMP/kiosk.out"
    check "$1: ... and writes no health mark" test ! -e "$TMP/d/update-healthy"
    rm -f "$TMP/d/update-healthy"
}
rm -rf "$ROOT" "$TMP/d"
expect_exit 0 "$old installs again" U apply "$TMP/b-$old.tar"
expect_exit 0 "... then $v" U apply "$TMP/b-$v.tar"
expect_exit 0 "its first start is counted" U boot
# Its database cannot be opened (a directory stands where the file goes):
# the kiosk serves the catalog from memory with the out-of-service banner.
mkdir -p "$TMP/d/kiosk.db"
unhealthy "no database" "the database is not open for writing (memory)"
check "still on trial" status_is "on trial: $v (started 1 of 3 times; kept after 2 s of service)"
rmdir "$TMP/d/kiosk.db"
# It opens, but a writer that never lets go (a staff sqlite3 shell left in
# a transaction) keeps any booking from beginning.
expect_exit 0 "start 2 is counted" U boot
"$CTL" --db "$TMP/d/kiosk.db" --now "2026-12-01 09:00" import-catalog assets/catalog/demo.ini >/dev/null
python3 -c '
import signal, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").write("locked\n")
signal.pause()
' "$TMP/d/kiosk.db" "$TMP/locked" >/dev/null 2>&1 &
lockpid=$!
wait_until 60 test -s "$TMP/locked"
unhealthy "the write lock held" "a booking transaction cannot begin: .*locked"
kill $lockpid
wait $lockpid 2>/dev/null
expect_exit 0 "start 3 is counted" U boot
mkdir -p "$TMP/d/kiosk.db.d" && mv "$TMP/d/kiosk.db" "$TMP/d/kiosk.db.d/" && mkdir "$TMP/d/kiosk.db"
unhealthy "no database again" "the database is not open for writing"
U boot >"$TMP/boot" 2>&1
check "the next start rolls $v back ($(cat "$TMP/boot"))" \
    grep -q "release $v started 3 times without becoming healthy: rolled back from $v to $old" "$TMP/boot"
check "... to $old" test "$(current)" = "releases/$old"
rmdir "$TMP/d/kiosk.db" && mv "$TMP/d/kiosk.db.d/kiosk.db" "$TMP/d/" && rmdir "$TMP/d/kiosk.db.d"
# Put back as it was for the rest: $v current and kept.
rm -rf "$ROOT" "$TMP/d"
expect_exit 0 "$old installs again" U apply "$TMP/b-$old.tar"
expect_exit 0 "... then $v" U apply "$TMP/b-$v.tar"
expect_exit 0 "its first start is counted" U boot
run_to_exit "is healthy; kept"
check "a release that can book is marked healthy as before" grep -qx "$v" "$TMP/d/update-healthy"
U boot >/dev/null

# Rollback by hand, and back again.
expect_exit 0 "rollback by hand" U rollback
check "... makes $old current" test "$(current)" = "releases/$old"
check "... and $v previous" test "$(previous)" = "releases/$v"
expect_exit 0 "a second rollback goes forward again" U rollback
check "... to $v" test "$(current)" = "releases/$v"
expect_exit 0 "and a third back to $old" U rollback
expect_exit 0 "$v applied again (newer than $old)" U apply "$TMP/b-$v.tar"
check "... is on trial afresh: its old health mark vouches for nothing" \
    status_is "on trial: $v (started 0 of 3 times; kept after 2 s of service)"
echo "#" >>"$ROOT/releases/$old/bin/kiosk"
expect_exit 1 "a damaged previous release is not rolled back to" U rollback
check "... saying why" grep -q "previous release $old is not complete" "$TMP/err"
check "... and $v stays current" test "$(current)" = "releases/$v"
rm -rf "$ROOT"
expect_exit 1 "with nothing installed there is nothing to roll back to" U rollback
check "... saying so" grep -q "no update installed under $ROOT" "$TMP/err"
expect_exit 0 "... and the boot check has nothing to do" U boot
expect_exit 0 "$old installs on an empty root" U apply "$TMP/b-$old.tar"
expect_exit 1 "with a single release there is nothing to roll back to" U rollback
check "... saying so" grep -q "no previous release" "$TMP/err"
echo "#" >>"$ROOT/current/bin/kiosk"
expect_exit 1 "status reports a damaged current release" U status
check "... naming the file" grep -q "bin/kiosk: differs from the release's manifest" "$TMP/err"
