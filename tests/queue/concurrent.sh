#!/bin/sh
# Issue 19: two kiosks' worth of takers and callers on one store, all real
# binaries at once. Two headless kiosks take 25 numbers each by touch
# (walk-in, line:zonghe, every fifth a priority number) while two
# counters, each a kioskctl loop, call, serve and finish whatever waits.
# Every number from A001 to A050 is given once (none twice, none skipped)
# and called exactly once; the store's integrity holds. Then a kiosk taking
# numbers is killed (-9) in the middle of its run, and a kioskctl caller
# too: the store is intact, what was taken is there with no gap, and the
# next number is the one after.
. tests/lib.sh
DB="$TMP/kiosk.db"
NOW="2026-12-01 09:00"
N=25
printf 'queue_priority_every = 2\n' >"$TMP/k.conf"
ctl() { "$CTL" --config "$TMP/k.conf" --db "$DB" --now "$NOW" "$@"; }
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null

# takes N FILE: a script taking N numbers by touch (every fifth priority).
takes() {
    {
        echo "tap start"
        i=1
        while [ $i -le "$1" ]; do
            echo "expect-screen home"
            echo "tap walk-in"
            echo "expect-screen walk-in"
            [ $((i % 5)) -eq 0 ] && echo "tap priority"
            echo "tap line:zonghe"
            echo "expect-screen queue-ticket"
            echo "tap done"
            i=$((i + 1))
        done
        echo "expect-screen home"
    } >"$2"
}
kiosk() { # SCRIPT OUT: one headless kiosk on the shared store
    SDL_AUDIODRIVER=dummy "$KIOSK" --headless --config "$TMP/k.conf" --data-dir "$TMP" \
        --now "$NOW" --script "$1" >"$2.out" 2>"$2.err"
}
# caller COUNTER: calls, serves and finishes until the takers are done and
# nobody waits; each number it called on a line of its own.
caller() {
    while :; do
        if ctl queue call --counter "$1" --line zonghe >"$TMP/call$1.out" 2>"$TMP/call$1.err"; then
            cut -d' ' -f1 "$TMP/call$1.out" >>"$TMP/called$1"
            ctl queue serve --counter "$1" >/dev/null 2>&1 || echo "serve failed" >>"$TMP/errors"
            ctl queue finish --counter "$1" >/dev/null 2>&1 || echo "finish failed" >>"$TMP/errors"
        elif grep -q "nobody waits" "$TMP/call$1.err"; then
            [ -e "$TMP/takers-done" ] && [ "$(q "SELECT count(*) FROM queue_tickets WHERE status = 'waiting'")" = 0 ] && break
        else
            cat "$TMP/call$1.err" >>"$TMP/errors"
        fi
    done
}

takes $N "$TMP/take.txt"
: >"$TMP/called1"
: >"$TMP/called2"
kiosk "$TMP/take.txt" "$TMP/k1" &
k1=$!
kiosk "$TMP/take.txt" "$TMP/k2" &
k2=$!
caller 1 &
c1=$!
caller 2 &
c2=$!
wait $k1
r1=$?
wait $k2
r2=$?
touch "$TMP/takers-done"
wait $c1
wait $c2
check "kiosk 1 took its $N numbers by touch (exit $r1)" test $r1 -eq 0
check "kiosk 2 took its $N numbers by touch (exit $r2)" test $r2 -eq 0
[ $r1 -eq 0 ] && [ $r2 -eq 0 ] || { tail -n 5 "$TMP/k1.err" "$TMP/k2.err"; }
check "the callers met no error" test ! -s "$TMP/errors"
[ -s "$TMP/errors" ] && head -5 "$TMP/errors"
want=$(i=1; while [ $i -le $((2 * N)) ]; do printf 'A%03d\n' $i; i=$((i + 1)); done)
check "numbers A001..A0$((2 * N)) each given once: none twice, none skipped" \
    test "$(q "SELECT label FROM queue_tickets WHERE day = '2026-12-01' ORDER BY label")" = "$want"
check "... $((2 * N / 5)) of them priority numbers" \
    test "$(q "SELECT count(*) FROM queue_tickets WHERE kind = 'priority'")" -eq $((2 * N / 5))
check "every number called exactly once, by one of the two counters" \
    test "$(sort "$TMP/called1" "$TMP/called2")" = "$want"
check "... both counters called" sh -c "test -s '$TMP/called1' && test -s '$TMP/called2'"
check "... the store says the same: one call event each, all done" \
    test "$(q "SELECT count(DISTINCT label) || ' ' || count(*) FROM queue_events WHERE kind = 'queue_call'") $(q "SELECT count(*) FROM queue_tickets WHERE status = 'done'")" = "$((2 * N)) $((2 * N)) $((2 * N))"
check "integrity_check ok" test "$(q "PRAGMA integrity_check")" = ok

# A kiosk killed in the middle of its run (of 300 numbers, once it has
# taken at least 10), and beside it a caller loop killed mid-call.
wait_for() { # SECONDS COMMAND...
    left=$(($1 * 10))
    shift
    until "$@"; do
        left=$((left - 1))
        [ $left -gt 0 ] || return 1
        sleep 0.1
    done
}
taken() { q "SELECT count(*) FROM queue_tickets WHERE day = '2026-12-01'"; }
busy() {
    [ "$(taken)" -ge $((2 * N + 10)) ] &&
        [ "$(q "SELECT count(*) FROM queue_events WHERE counter = 3")" -ge 2 ]
}
(while :; do
    ctl queue call --counter 3 --line zonghe && ctl queue serve --counter 3 &&
        ctl queue finish --counter 3
done) >/dev/null 2>&1 &
c3=$!
takes 300 "$TMP/take300.txt"
SDL_AUDIODRIVER=dummy "$KIOSK" --headless --config "$TMP/k.conf" --data-dir "$TMP" \
    --now "$NOW" --script "$TMP/take300.txt" >"$TMP/k3.out" 2>"$TMP/k3.err" &
k3=$! # the kiosk itself, not a shell around it
check "the third kiosk takes numbers while counter 3 calls" wait_for 120 busy
pkill -9 -P $c3 2>/dev/null
kill -9 $k3 $c3
wait $k3 $c3 2>/dev/null
have=$(taken)
check "the kiosk was killed before it finished ($have of $((2 * N + 300)) taken)" test "$have" -lt $((2 * N + 300))
check "integrity_check ok after the kill -9" test "$(q "PRAGMA integrity_check")" = ok
want=$(i=1; while [ $i -le "$have" ]; do printf 'A%03d\n' $i; i=$((i + 1)); done)
check "what was taken is there with no gap (A001..A$(printf %03d "$have"))" \
    test "$(q "SELECT label FROM queue_tickets WHERE day = '2026-12-01' ORDER BY label")" = "$want"
check "every number called has exactly one call event" \
    test "$(q "SELECT count(*) FROM (SELECT label FROM queue_events WHERE kind = 'queue_call' GROUP BY label HAVING count(*) > 1)")" = 0
check "every number taken has its take event" \
    test "$(q "SELECT count(*) FROM queue_events WHERE kind = 'queue_take'")" = "$have"
expect_exit 0 "the next take after the kills" ctl queue take --line zonghe
check "... is the next number, A$(printf %03d $((have + 1)))" grep -q "^A$(printf %03d $((have + 1))) " "$TMP/out"
