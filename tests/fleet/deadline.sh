#!/bin/sh
# kiosk-sync and a centre that stops answering (issue 14, item 9): at every
# wait on the network (the connection, the SSL request, the TLS handshake,
# the startup and its checks, each statement of a batch, the COMMIT) a
# silent centre makes kiosk-sync give up after its --timeout with a line
# that names the step, exit 1, and note it for `kioskctl fleet status`;
# SIGTERM ends it at once while it connects or waits mid-batch. Each time
# the outbox is kept: the next run sends what was not acknowledged, and the
# centre ends with the store's events exactly, each once. The silent
# centre is tests/fleet/stall-proxy.py in front of a throwaway PostgreSQL.
. tests/lib.sh
. tests/fleet/lib.sh
needs python3 python3
SYNC="$PWD/$BUILD/kiosk-sync"
SIM="$PWD/tools/central/fleet-sim.sh"
PROXY="$PWD/tests/fleet/stall-proxy.py"

pg_start fsync=off || { not_ok "a throwaway PostgreSQL starts with the fleet schema"; exit 1; }
pg_admin "SELECT fleet.add_station('dl-d', '甘井子区丁站', '甘井子区', '大连市', 'station_dl_d');
          SELECT fleet.add_station('dl-e', '甘井子区戊站', '甘井子区', '大连市', 'station_dl_e');" >/dev/null
sh "$SIM" "$CTL" "$TMP/dl-d.db" dl-d 2026-11-02 20 2026-11-20 || not_ok "simulate dl-d"
sh "$SIM" "$CTL" "$TMP/dl-e.db" dl-e 2026-11-02 20 2026-11-20 || not_ok "simulate dl-e"
total=$(sqlite3 "$TMP/dl-d.db" 'SELECT count(*) FROM outbox')
check "dl-d has more than five batches of 50 waiting ($total events)" [ "$total" -gt 250 ]

# wait_for COMMAND...: polls COMMAND until it succeeds, for at most 60 s.
wait_for() { _i=0; while ! "$@"; do _i=$((_i + 1)); [ $_i -gt 600 ] && return 1; sleep 0.1; done; }
said() { grep -q "$1" "$TMP/proxy.log"; }
# proxy MODE [UPSTREAM PATTERN N]: starts stall-proxy.py, sets PROXY_PORT.
proxy() {
    rm -f "$TMP/proxy.port"
    python3 "$PROXY" "$TMP/proxy.port" "$@" >"$TMP/proxy.log" 2>&1 &
    proxy_pid=$!
    wait_for [ -s "$TMP/proxy.port" ] || { not_ok "stall-proxy.py starts" "$(cat "$TMP/proxy.log")"; exit 1; }
    PROXY_PORT=$(cat "$TMP/proxy.port")
}
proxy_stop() { kill -TERM "$proxy_pid"; wait "$proxy_pid" 2>/dev/null; }
# The conninfo of station role $1 through the proxy, with more keys after.
via_proxy() { r=$1; shift; echo "host=127.0.0.1 port=$PROXY_PORT dbname=fleet user=$r $*"; }
# sync STATION CONNINFO ARGS...: a --once run in batches of 50. If it has not
# ended in 120 s it waits without a deadline: timeout ends it (exit 124), and
# kills it 10 s later if it ignores that SIGTERM too (exit 137), as
# kiosk-sync did before issue 14 when the centre went silent mid-batch.
sync() { s=$1 c=$2; shift 2; timeout -k 10 120 "$SYNC" --db "$TMP/$s.db" --central "$c" --once --batch 50 "$@"; }
sent() { sqlite3 "$TMP/$1.db" 'SELECT sent_seq FROM sync'; }
count() { pg_admin "SELECT count(*) FROM fleet.events WHERE station_id = '$1'"; }
# same STATION: the centre's events of STATION are the store's outbox, row
# for row (so none is missing and none is there twice).
same() {
    sqlite3 -separator '|' "$TMP/$1.db" "SELECT seq, kind, at, ticket FROM outbox ORDER BY seq" >"$TMP/local"
    pg_admin "SELECT seq, kind, to_char(at, 'YYYY-MM-DD HH24:MI'), ticket FROM fleet.events
        WHERE station_id = '$1' ORDER BY seq" >"$TMP/central"
    [ -s "$TMP/local" ] && cmp -s "$TMP/local" "$TMP/central"
}
noted() { "$CTL" --db "$TMP/$1.db" --now "2026-11-20 12:00" fleet status >"$TMP/status" 2>&1; grep -q "^last error: .*$2" "$TMP/status"; }

# ---- Before and during the handshake ----------------------------------------
# A centre that accepts the connection and says nothing: to the startup
# packet (sslmode=disable), to the SSL request (prefer), and after agreeing
# to TLS, in the middle of the handshake (require).
for case in "mute sslmode=disable" "mute sslmode=prefer" "ssl-mute sslmode=require"; do
    set -- $case
    proxy "$1"
    expect_exit 1 "connect, $2, the centre silent ($1): kiosk-sync gives up after --timeout 2" \
        sync dl-d "$(via_proxy station_dl_d "$2")" --timeout 2
    check "... saying so (connect: no answer within 2 s)" \
        grep -q "^kiosk-sync: connect: the centre did not answer within 2 s" "$TMP/err"
    check "... the proxy heard it" said "heard"
    [ "$1" = ssl-mute ] && check "... after the TLS handshake began" said "answered the SSL request"
    proxy_stop
done
check "nothing is marked sent" [ "$(sent dl-d)" = 0 ]
check "the failure is noted for kioskctl fleet status" noted dl-d "did not answer"

# ---- Each statement ---------------------------------------------------------
# The centre answers until kiosk-sync sends PATTERN (its Nth time), then
# nothing more: drop = the statement never arrives, deaf = it runs at the
# centre but its answer is lost. STEP is what the message names, SENT what
# the store must count as sent after, CENTRE what the centre must hold.
stall() {
    mode=$1 pattern=$2 n=$3 step=$4 want_sent=$5 want_centre=$6
    proxy "$mode" "$PGPORT" "$pattern" "$n"
    expect_exit 1 "$pattern (#$n, $mode): kiosk-sync gives up after --timeout 2" \
        sync dl-d "$(via_proxy station_dl_d sslmode=disable)" --timeout 2
    check "... at that point" said "stalled after $pattern"
    check "... saying so ($step: no answer within 2 s)" \
        grep -q "^kiosk-sync: $step: the centre did not answer within 2 s" "$TMP/err"
    check "... the store counts $want_sent sent ($(sent dl-d))" [ "$(sent dl-d)" = "$want_sent" ]
    check "... the centre has $want_centre ($(count dl-d))" [ "$(count dl-d)" = "$want_centre" ]
}
stall drop "SET statement_timeout" 1 connect 0 0
proxy_stop
stall drop "fleet.my_station" 1 connect 0 0
proxy_stop
# The third batch's insert never arrives: two batches are in.
stall drop "INSERT INTO fleet.events" 3 send 100 100
proxy_stop
# The second COMMIT runs, its acknowledgement is lost: the centre has one
# batch more than the store knows, which the next run sends again.
stall deaf "COMMIT" 2 commit 150 200
proxy_stop
# The second COMMIT never arrives, and the centre's session stays open in
# its transaction, holding the batch's rows (a path that died silently:
# the proxy keeps its end open). The centre ends it after kiosk-sync's
# idle_in_transaction_session_timeout (its --timeout), so the next run is
# not held by those rows (it would be, until the centre's statement_timeout
# ended it with an error).
stall drop "COMMIT" 2 commit 200 200
orphan_ended() { grep -q "terminating connection due to idle-in-transaction timeout" "$TMP/pg/server.log"; }
check "... the centre ends its orphaned session after the --timeout" wait_for orphan_ended
expect_exit 0 "the next run, straight to the centre, sends the rest" \
    sync dl-d "$(central station_dl_d)" --timeout 10
proxy_stop
check "the centre has every event of dl-d once, exactly the store's" same dl-d
check "... and the store counts them all sent" [ "$(sent dl-d)" = "$total" ]

# ---- SIGTERM ------------------------------------------------------------------
# stops PID: SIGTERM, then it must end within 20 s, far below its deadline
# (90 s, the default --timeout, or connect_timeout=600 given); its exit code in $stop_rc.
stops() {
    _t0=$(date +%s%N)
    kill -TERM "$1"
    _i=0
    while kill -0 "$1" 2>/dev/null; do
        _i=$((_i + 1))
        [ $_i -gt 200 ] && { kill -KILL "$1"; wait "$1"; stop_rc=killed; return 1; }
        sleep 0.1
    done
    wait "$1"
    stop_rc=$?
    echo "# ended $((($(date +%s%N) - _t0) / 1000000)) ms after SIGTERM"
}
# stopped LABEL LINE RC STEP SENT KEYS ARGS...: a sync of dl-e through the
# proxy (more conninfo KEYS, kiosk-sync ARGS) waits for the centre once the
# proxy has printed LINE; SIGTERM then ends it within 20 s with exit RC,
# saying "STEP: stopped by SIGTERM", with SENT events marked sent.
stopped() {
    label=$1 line=$2 want_rc=$3 step=$4 want_sent=$5 keys=$6
    shift 6
    "$SYNC" --db "$TMP/dl-e.db" --central "$(via_proxy station_dl_e sslmode=disable $keys)" "$@" \
        >"$TMP/sync.out" 2>&1 &
    pid=$!
    check "$label: the sync waits for the centre" wait_for said "$line"
    check "$label: SIGTERM ends it at once" stops $pid
    check "... exit $want_rc (exit $stop_rc)" [ "$stop_rc" = "$want_rc" ]
    check "... saying it was stopped ($step)" grep -q "^kiosk-sync: $step: stopped by SIGTERM" "$TMP/sync.out"
    check "... $want_sent events marked sent ($(sent dl-e))" [ "$(sent dl-e)" = "$want_sent" ]
    proxy_stop
}
# While connecting to a silent centre, the conninfo allowing 600 s: exit 1,
# as not everything was sent.
proxy mute
stopped "connecting" "heard" 1 connect 0 connect_timeout=600 --once
# Mid-batch: the third batch's insert went out and nothing comes back; the
# two acknowledged batches are marked sent.
proxy drop "$PGPORT" "INSERT INTO fleet.events" 3
stopped "mid-batch" "stalled after" 1 send 100 "" --once --batch 50
# Loop mode as systemd runs it, held after a COMMIT whose answer is lost:
# a stop systemd asked for is exit 0; the batch is sent again next time.
proxy deaf "$PGPORT" "COMMIT" 2
stopped "loop, after a COMMIT" "stalled after" 0 commit 150 "" --batch 50
# Loop mode waiting out its backoff after a failed round: a stop is still
# exit 0 (the failure is in the store and the journal already).
proxy mute
"$SYNC" --db "$TMP/dl-e.db" --central "$(via_proxy station_dl_e sslmode=disable)" --timeout 1 \
    >"$TMP/sync.out" 2>&1 &
pid=$!
check "loop, after a failed round: the failure is noted" wait_for noted dl-e "did not answer within 1 s"
check "loop, after a failed round: SIGTERM ends it at once" stops $pid
check "... exit 0 (exit $stop_rc)" [ "$stop_rc" = 0 ]
proxy_stop
expect_exit 0 "the next run sends the rest" sync dl-e "$(central station_dl_e)"
check "the centre has every event of dl-e once, exactly the store's" same dl-e
none_left() { [ "$(pg_admin "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kiosk-sync'")" = 0 ]; }
check "no kiosk-sync session is left at the centre" wait_for none_left
