#!/bin/sh
# Fleet sync against a real PostgreSQL server (a throwaway cluster on
# 127.0.0.1): three stations' stores synced with kiosk-sync and compared
# with the centre row by row; sending again adds nothing; a lost
# acknowledgement, a killed sync and a stopped server mid-batch lose and
# duplicate nothing; a store restored from an old backup is refused; a
# station role cannot write or read another station's rows. A call for
# staff made on the kiosk's screen, and its acknowledgement, arrive as
# events with no personal data and are counted in the centre's report of
# calls per kiosk and day.
. tests/lib.sh
. tests/fleet/lib.sh
SYNC="$PWD/$BUILD/kiosk-sync"
SIM="$PWD/tools/central/fleet-sim.sh"

pg_start fsync=off || { not_ok "a throwaway PostgreSQL starts with the fleet schema"; exit 1; }
ok "a throwaway PostgreSQL starts with the fleet schema"
pg_admin "SELECT fleet.add_station('dl-a', '西岗区甲站', '西岗区', '大连市', 'station_dl_a');
          SELECT fleet.add_station('dl-b', '西岗区乙站', '西岗区', '大连市', 'station_dl_b');
          SELECT fleet.add_station('dl-c', '中山区丙站', '中山区', '大连市', 'station_dl_c');" >/dev/null

ctl() { db=$1 now=$2; shift 2; "$CTL" --db "$TMP/$db.db" --now "$now" "$@"; }
# A kiosk-sync --once that has not finished in 120 s is stuck (a loop, a
# wait without a deadline): timeout ends it and the check fails (exit 124;
# 137 when it ignored that SIGTERM too).
sync_once() { timeout -k 10 120 "$SYNC" --db "$TMP/$1.db" --central "$(central "${2:-station_$(echo "$1" | tr - _)}")" --once ${3:+--batch $3} $4; }
ticket_of() { sed -n 's/^ticket: *//p; s/^\([A-Z0-9]\{8\}\)$/\1/p' "$1" | head -n1 | tr -d -; }

# dl-a and dl-b: bookings made, checked in, cancelled, marked, with kioskctl.
for s in dl-a dl-b; do
    sh "$SIM" "$CTL" "$TMP/$s.db" "$s" 2026-11-23 7 2026-11-30 || not_ok "simulate $s"
done
ctl dl-a "2026-11-30 08:00" book --session svc0-20261201-0900 --phone 13800138001 --party 2 >"$TMP/b1" &&
    ctl dl-a "2026-11-30 08:01" book --session svc1-20261201-1000 --phone 13800138002 >"$TMP/b2" &&
    ctl dl-a "2026-11-30 08:02" book --session svc1-20261202-1000 --phone 13800138003 >"$TMP/b3"
check "kioskctl books at dl-a" [ $? -eq 0 ]
T1=$(ticket_of "$TMP/b1") T2=$(ticket_of "$TMP/b2") T3=$(ticket_of "$TMP/b3")
ctl dl-a "2026-12-01 08:55" checkin "$T1" >/dev/null &&
    ctl dl-a "2026-12-01 09:00" cancel "$T3" >/dev/null &&
    ctl dl-a "2026-12-01 10:40" no-show "$T2" >/dev/null
check "kioskctl checks in, cancels and marks no-show at dl-a" [ $? -eq 0 ]
# statuses DB|central: the statuses of T1, T2, T3 in that order (the store's,
# or the centre's), to compare with what kioskctl was told to do.
statuses() {
    q="SELECT ticket, status FROM bookings WHERE ticket IN ('$T1', '$T2', '$T3')"
    if [ "$1" = central ]; then
        pg_admin "SELECT ticket || '|' || status FROM fleet.bookings WHERE station_id = 'dl-a' AND ticket IN ('$T1', '$T2', '$T3')"
    else
        sqlite3 -separator '|' "$TMP/$1.db" "$q"
    fi >"$TMP/statuses"
    for t in "$T1" "$T2" "$T3"; do sed -n "s/^$t|//p" "$TMP/statuses"; done | tr '\n' ' '
}
want_statuses="checked_in no_show cancelled "
check "dl-a's store: checked in, no-show, cancelled ($(statuses dl-a))" [ "$(statuses dl-a)" = "$want_statuses" ]

local_events() {
    sqlite3 -cmd '.timeout 10000' -separator '|' "$TMP/$1.db" "SELECT seq, kind, at, status, ticket, session_id,
        service_id, category_id, service_name, date, start, end, capacity, party, kiosk, call_id, screen,
        staff FROM outbox ORDER BY seq"
}
central_events() {
    pg_admin "SELECT seq, kind, to_char(at, 'YYYY-MM-DD HH24:MI'), status, ticket, session_id,
        service_id, category_id, service_name, session_date, to_char(session_start, 'HH24:MI'),
        to_char(session_end, 'HH24:MI'), capacity, party, kiosk, call_id, screen, staff
        FROM fleet.events WHERE station_id = '$1' ORDER BY seq"
}
local_bookings() {
    sqlite3 -cmd '.timeout 10000' -separator '|' "$TMP/$1.db" "SELECT b.ticket, b.session_id, s.service_id, s.date, b.party,
        b.status, b.created_at, b.updated_at FROM bookings b JOIN sessions s ON s.id = b.session_id ORDER BY b.ticket"
}
central_bookings() {
    pg_admin "SELECT ticket, session_id, service_id, session_date, party, status,
        to_char(created_at, 'YYYY-MM-DD HH24:MI'), to_char(updated_at, 'YYYY-MM-DD HH24:MI')
        FROM fleet.bookings WHERE station_id = '$1' ORDER BY ticket"
}
local_sessions() {
    sqlite3 -separator '|' "$TMP/$1.db" "SELECT id, service_id, date, start, end, capacity FROM sessions
        WHERE id IN (SELECT session_id FROM bookings) ORDER BY id"
}
central_sessions() {
    pg_admin "SELECT session_id, service_id, date, to_char(start, 'HH24:MI'), to_char(\"end\", 'HH24:MI'), capacity
        FROM fleet.sessions WHERE station_id = '$1' ORDER BY session_id"
}
# same STATION: the centre's events, bookings and sessions of STATION are
# exactly the store's (every column).
same() {
    for what in events bookings sessions; do
        local_$what "$1" >"$TMP/local.$what"
        central_$what "$1" >"$TMP/central.$what"
        if [ ! -s "$TMP/local.$what" ] || ! cmp -s "$TMP/local.$what" "$TMP/central.$what"; then
            echo "    $1 $what differ ($(wc -l <"$TMP/local.$what") local, $(wc -l <"$TMP/central.$what") central):"
            diff "$TMP/local.$what" "$TMP/central.$what" | head -n 5
            return 1
        fi
    done
}
count() { pg_admin "SELECT count(*) FROM fleet.events WHERE station_id = '$1'"; }

# ---- First sync of dl-a and dl-b --------------------------------------------
expect_exit 0 "kiosk-sync --once sends dl-a" sync_once dl-a
check "it says how many it sent" grep -q "sent $(sqlite3 "$TMP/dl-a.db" 'SELECT count(*) FROM outbox') events of station dl-a" "$TMP/err"
expect_exit 0 "kiosk-sync --once sends dl-b in batches of 50" sync_once dl-b "" 50
check "dl-a: the centre's events, bookings and sessions are the store's, exactly" same dl-a
check "dl-b: the same" same dl-b
check "dl-a's kioskctl changes arrived: checked in, no-show, cancelled ($(statuses central))" \
    [ "$(statuses central)" = "$want_statuses" ]
expect_exit 0 "fleet status after the sync" ctl dl-a "2026-12-01 12:00" fleet status
check "fleet status: nothing waiting, all sent" grep -q "^waiting: 0 events" "$TMP/out"
check "fleet status: a last sync time" grep -Eq "^last sync: [0-9]{4}-" "$TMP/out"
check "no phone number reached the centre" \
    [ "$(pg_admin "SELECT count(*) FROM fleet.events e WHERE e::text ~ '1[3-9][0-9]{9}'")" = 0 ]

# ---- Sending again adds nothing -----------------------------------------------
n=$(count dl-a)
expect_exit 0 "a second run with nothing waiting" sync_once dl-a
check "it sent 0 events" grep -q "sent 0 events" "$TMP/err"
# The acknowledgement of a committed batch was lost (the sync died between
# the centre's COMMIT and noting it): everything is sent again.
sqlite3 "$TMP/dl-a.db" "UPDATE sync SET sent_seq = 0"
expect_exit 0 "after a lost acknowledgement the whole outbox is sent again" sync_once dl-a
check "... and the centre has no event twice" [ "$(count dl-a)" = "$n" ] && check "... and still the store's rows" same dl-a
check "... and sent_seq is back at the last event" [ "$(sqlite3 "$TMP/dl-a.db" 'SELECT sent_seq = (SELECT max(seq) FROM outbox) FROM sync')" = 1 ]

# ---- Later events follow ------------------------------------------------------
ctl dl-b "2026-12-01 07:00" book --session svc3-20261203-1200 --phone 13800138009 >"$TMP/b4"
T4=$(ticket_of "$TMP/b4")
ctl dl-b "2026-12-01 07:05" cancel "$T4" >/dev/null
expect_exit 0 "dl-b's new booking and its cancel are sent" sync_once dl-b
check "... 2 events" grep -q "sent 2 events" "$TMP/err"
check "dl-b is still the store's, exactly" same dl-b

# ---- A call for staff reaches the centre ------------------------------------
# Pressed on the kiosk's screen at dl-a (the real kiosk, headless, on dl-a's
# store), acknowledged with kioskctl: two events, call and call_ack, carrying
# the kiosk, the call's number, the screen and who acknowledged, no ticket.
cat >"$TMP/call.txt" <<'EOF2'
tap start
expect-screen home
tap call-staff
expect-screen call
tap call-close
expect-screen home
EOF2
mkdir -p "$TMP/kiosk-a"
"$KIOSK" --headless --data-dir "$TMP/kiosk-a" --db "$TMP/dl-a.db" --now "2026-12-01 11:00" \
    --script "$TMP/call.txt" >"$TMP/out" 2>"$TMP/err"
check "a resident presses call-staff on dl-a's kiosk" [ $? -eq 0 ]
call=$(sqlite3 "$TMP/dl-a.db" "SELECT id FROM calls ORDER BY id DESC LIMIT 1")
check "... the call is in dl-a's store" [ -n "$call" ]
ctl dl-a "2026-12-01 11:05" calls ack "$call" --staff 王芳 >/dev/null
check "... and staff acknowledge it with kioskctl" [ $? -eq 0 ]
check "... two events in dl-a's outbox" [ "$(sqlite3 "$TMP/dl-a.db" "SELECT count(*) FROM outbox WHERE kind IN ('call', 'call_ack')")" = 2 ]
expect_exit 0 "kiosk-sync sends the call and its acknowledgement" sync_once dl-a
check "... 2 events" grep -q "sent 2 events" "$TMP/err"
check "dl-a is still the store's, exactly, call events included" same dl-a
host=$(hostname)
check "the centre has the call: kiosk, number, screen, time, no ticket" \
    [ "$(pg_admin "SELECT kiosk || '|' || call_id || '|' || screen || '|' || to_char(at, 'YYYY-MM-DD HH24:MI')
        || '|' || (ticket IS NULL AND session_id IS NULL AND party IS NULL)
        FROM fleet.events WHERE station_id = 'dl-a' AND kind = 'call'")" = "$host|$call|home|2026-12-01 11:00|true" ]
check "... and its acknowledgement, by 王芳" \
    [ "$(pg_admin "SELECT staff || '|' || call_id FROM fleet.events WHERE station_id = 'dl-a' AND kind = 'call_ack'")" = "王芳|$call" ]
check "... filed as no booking (the centre's bookings are still the store's)" same dl-a
check "no personal data in the call events: no booking column, no run of digits" \
    [ "$(pg_admin "SELECT count(*) FROM fleet.events e WHERE kind IN ('call', 'call_ack')
        AND (num_nonnulls(ticket, session_id, service_id, service_name, party, status) > 0
             OR (kiosk || screen || COALESCE(staff, '')) ~ '[0-9]{6}')")" = 0 ]
# The acknowledgement of that batch lost: sent again, the centre's call
# events are found to be the same (by kiosk and call number: they have no
# ticket), nothing added.
n=$(count dl-a)
sqlite3 "$TMP/dl-a.db" "UPDATE sync SET sent_seq = sent_seq - 2"
expect_exit 0 "the call events sent again after a lost acknowledgement are the centre's" sync_once dl-a
check "... nothing added" [ "$(count dl-a)" = "$n" ]
# A store whose call event under that number is another call (as a store
# restored from an old backup would have, with a call on another kiosk in
# the same minute) is refused: the check compares kiosk and call number.
seq=$(sqlite3 "$TMP/dl-a.db" "SELECT seq FROM outbox WHERE kind = 'call' ORDER BY seq DESC LIMIT 1")
sqlite3 "$TMP/dl-a.db" "UPDATE outbox SET kiosk = 'hall' WHERE seq = $seq; UPDATE sync SET sent_seq = $seq - 1"
expect_exit 1 "another call under the same number is refused" sync_once dl-a
check "... naming both calls" grep -q "not this store's (call $host/$call there, call hall/$call here)" "$TMP/err"
sqlite3 "$TMP/dl-a.db" "UPDATE outbox SET kiosk = '$host' WHERE seq = $seq"
expect_exit 0 "... and with the store's own call back, it is sent" sync_once dl-a
pg_admin "SELECT day, station_id, kiosk, calls, acknowledged
    FROM fleet.daily_calls('2026-12-01', '2026-12-02', '西岗区')" >"$TMP/calls"
check "the centre's report counts the call, per kiosk and day, acknowledged ($(cat "$TMP/calls"))" \
    [ "$(cat "$TMP/calls")" = "2026-12-01|dl-a|$host|1|1" ]
check "... and no call on a day without one" \
    [ -z "$(pg_admin "SELECT * FROM fleet.daily_calls('2026-11-23', '2026-12-01', NULL)")" ]

# A centre still at fleet schema 1 (schema-v2.sql not run) cannot file call
# events: this kiosk-sync refuses it, saying what to run, and sends nothing.
as_pg "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" fleet_v1 &&
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v1 -v ON_ERROR_STOP=1 \
        -f tools/central/schema.sql >/dev/null 2>&1 &&
    psql -X -A -t -q -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v1 -v ON_ERROR_STOP=1 \
        -c "SELECT fleet.add_station('dl-a', '西岗区甲站', '西岗区', '大连市', 'station_dl_a')" >/dev/null 2>&1
check "a centre at fleet schema 1 is made" [ $? -eq 0 ]
ctl dl-a "2026-12-01 11:10" book --session svc2-20261202-1100 --phone 13800138011 >/dev/null
sent=$(sqlite3 "$TMP/dl-a.db" "SELECT sent_seq FROM sync")
expect_exit 1 "kiosk-sync refuses a centre at fleet schema 1" \
    timeout -k 10 120 "$SYNC" --db "$TMP/dl-a.db" --once \
    --central "host=$PGHOST port=$PGPORT dbname=fleet_v1 user=station_dl_a"
check "... saying to run schema-v2.sql" grep -q "runs fleet schema version 1, this kiosk-sync writes 2 (the centre's DBA runs tools/central/schema-v2.sql)" "$TMP/err"
check "... and nothing is marked sent" [ "$(sqlite3 "$TMP/dl-a.db" "SELECT sent_seq FROM sync")" = "$sent" ]
expect_exit 0 "the real centre takes the booking after it" sync_once dl-a
check "... dl-a is the store's, exactly" same dl-a
expect_exit 3 "schema-v2.sql run again on a centre at 2 stops" \
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet -v ON_ERROR_STOP=1 -f tools/central/schema-v2.sql
check "... saying so" grep -q "upgrades fleet schema 1; this centre is at 2" "$TMP/err"

# ---- One station cannot write another's rows (row-level security) ------------
row="'svc0-20261201-0900', 'svc0', 'sim', 'x', '2026-12-01', '09:00', '10:00', 8, 1"
if pg_as station_dl_a "INSERT INTO fleet.events (station_id, seq, kind, at, status, ticket, session_id,
    service_id, category_id, service_name, session_date, session_start, session_end, capacity, party)
    VALUES ('dl-b', 99999, 'created', '2026-12-01 08:00', 'booked', 'FORGED22', $row)" 2>"$TMP/err"; then
    not_ok "dl-a's role cannot add an event of dl-b"
else
    check "dl-a's role cannot add an event of dl-b (row-level security)" grep -q "row-level security" "$TMP/err"
fi
check "... and no forged booking reached dl-b" [ "$(pg_admin "SELECT count(*) FROM fleet.bookings WHERE ticket = 'FORGED22'")" = 0 ]
check "dl-a's role sees only its own events" \
    [ "$(pg_as station_dl_a "SELECT count(*) FROM fleet.events")" = "$(count dl-a)" ]
for sql in "UPDATE fleet.events SET party = 9" "DELETE FROM fleet.events" \
    "UPDATE fleet.bookings SET status = 'cancelled'" "SELECT count(*) FROM fleet.bookings"; do
    if pg_as station_dl_a "$sql" >/dev/null 2>"$TMP/err"; then not_ok "a station role may not: $sql"; else
        check "a station role may not: $sql" grep -q "permission denied" "$TMP/err"
    fi
done
# (with an event waiting: kiosk-sync connects only when there is something to send)
ctl dl-a "2026-12-01 11:00" book --session svc5-20261203-1400 --phone 13800138012 >/dev/null
expect_exit 1 "kiosk-sync refuses to send dl-a's store as dl-b's role" sync_once dl-a station_dl_b
check "... and says why" grep -q "writes for station dl-b at the centre, but this store is station dl-a" "$TMP/err"
expect_exit 1 "kiosk-sync refuses a role that is no station's" sync_once dl-a "$PG_SUPER"

# ---- Cut in the middle of a batch ---------------------------------------------
# dl-c: a month of bookings (about 800 events). The centre holds the insert
# of event 250 until the test opens a gate, so a batch is reliably in flight.
sh "$SIM" "$CTL" "$TMP/dl-c.db" dl-c 2026-11-02 30 2026-11-25 || not_ok "simulate dl-c"
total=$(sqlite3 "$TMP/dl-c.db" 'SELECT count(*) FROM outbox')
pg_admin "CREATE TABLE public.gate (open boolean);
    CREATE FUNCTION public.hold() RETURNS trigger LANGUAGE plpgsql AS \$\$
    BEGIN
        LOOP
            EXIT WHEN EXISTS (SELECT 1 FROM public.gate);
            PERFORM pg_sleep(0.05);
        END LOOP;
        RETURN NEW;
    END \$\$;
    GRANT SELECT ON public.gate TO fleet_station;
    CREATE TRIGGER hold BEFORE INSERT ON fleet.events FOR EACH ROW
        WHEN (NEW.station_id = 'dl-c' AND NEW.seq = 250) EXECUTE FUNCTION public.hold();"
held() { [ "$(pg_admin "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND application_name = 'kiosk-sync'")" = 1 ]; }
wait_for() { i=0; while ! "$@"; do i=$((i + 1)); [ $i -gt 300 ] && return 1; sleep 0.1; done; }

# 1. The sync is killed while its third batch of 100 is in flight.
"$SYNC" --db "$TMP/dl-c.db" --central "$(central station_dl_c)" --once --batch 100 >"$TMP/sync.out" 2>&1 &
pid=$!
check "the third batch is held at the centre" wait_for held
# The kiosk is not held up by a sync stuck in the middle of a batch: a
# booking goes through at once (a held write lock would make it wait 5 s).
expect_exit 0 "meanwhile the kiosk books without waiting (under 2 s)" \
    timeout 2 "$CTL" --db "$TMP/dl-c.db" --now "2026-11-25 08:00" book --session svc0-20261127-0900 --phone 13800138020
total=$(sqlite3 "$TMP/dl-c.db" 'SELECT count(*) FROM outbox')
kill -KILL $pid
wait $pid 2>/dev/null
pg_admin "INSERT INTO public.gate VALUES (true)"
gone() { [ "$(pg_admin "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kiosk-sync'")" = 0 ]; }
check "the centre notices the dead sync" wait_for gone
check "after the kill the centre has the two committed batches only" [ "$(count dl-c)" = 200 ]
check "... and the store counts exactly those as sent" [ "$(sqlite3 "$TMP/dl-c.db" 'SELECT sent_seq FROM sync')" = 200 ]
pg_admin "DELETE FROM public.gate"

# 2. The server stops (immediate shutdown) with the sync in the middle of
#    the next batch.
"$SYNC" --db "$TMP/dl-c.db" --central "$(central station_dl_c)" --once --batch 100 >"$TMP/sync.out" 2>&1 &
pid=$!
check "the batch is held again" wait_for held
pg_down immediate
wait $pid
check "the sync fails when the server goes away" [ $? -eq 1 ]
expect_exit 1 "fleet status says the last attempt failed" ctl dl-c "2026-11-30 12:00" fleet status
check "... with the error" grep -q "^last error: .*connection" "$TMP/out"
check "... and 200 sent" grep -q "^sent: up to event 200 of $total" "$TMP/out"
expect_exit 1 "with the centre down, --once fails at once and says so" sync_once dl-c
check "... naming the connection" grep -q "kiosk-sync: connect:" "$TMP/err"
pg_up
check "the server is back with 200 events of dl-c" [ "$(count dl-c)" = 200 ]
pg_admin "INSERT INTO public.gate VALUES (true)"
expect_exit 0 "after reconnecting the rest is sent" sync_once dl-c "" 100
check "... no event lost and none twice: the centre's rows are the store's" same dl-c
check "... seq 1..$total, each once" \
    [ "$(pg_admin "SELECT count(DISTINCT seq) || ' ' || min(seq) || ' ' || max(seq) FROM fleet.events WHERE station_id = 'dl-c'")" = "$total 1 $total" ]
check "the other stations are untouched" same dl-b
expect_exit 0 "dl-a's waiting booking is sent with its own role" sync_once dl-a
check "dl-a is still the store's, exactly" same dl-a

# ---- A store restored from a backup older than what was sent -------------------
"$CTL" --db "$TMP/dl-b.db" backup "$TMP/dl-b-old.db" >/dev/null
ctl dl-b "2026-12-01 07:10" book --session svc3-20261203-1200 --phone 13800138010 >/dev/null
sync_once dl-b >/dev/null 2>&1
cp "$TMP/dl-b-old.db" "$TMP/dl-b.db"
rm -f "$TMP/dl-b.db-wal" "$TMP/dl-b.db-shm"
ctl dl-b "2026-12-01 07:20" book --session svc4-20261203-1300 --phone 13800138011 >/dev/null
n=$(count dl-b)
expect_exit 1 "an event number the centre has for another event is refused" sync_once dl-b
check "... saying the store may be an old backup" grep -q "restored from an old backup" "$TMP/err"
check "... and the centre keeps its own" [ "$(count dl-b)" = "$n" ]
expect_exit 0 "kiosk-sync --renumber numbers the waiting events after the centre's and sends them" sync_once dl-b "" "" --renumber
check "... saying so" grep -q "1 waiting events of station dl-b renumbered from $((n + 1))" "$TMP/err"
check "... the booking made after the restore is at the centre" [ "$(count dl-b)" = $((n + 1)) ]
check "... and the centre's bookings of dl-b are the store's plus the one the restore lost" \
    [ "$(pg_admin "SELECT count(*) FROM fleet.bookings WHERE station_id = 'dl-b'")" = $(($(sqlite3 "$TMP/dl-b.db" 'SELECT count(*) FROM bookings') + 1)) ]
ctl dl-a "2026-12-01 11:20" book --session svc4-20261203-1300 --phone 13800138014 >/dev/null
expect_exit 1 "--renumber refuses a store that was not restored" sync_once dl-a "" "" --renumber
check "... saying its events already follow the centre's" grep -q "already" "$TMP/err"

# ---- The district and city reports ------------------------------------------
pg_admin "SELECT week, station_id, service_id, bookings, attended, no_shows, cancelled, attendance_pct
    FROM fleet.district_weekly('西岗区', '2026-11-23', '2026-12-07')" >"$TMP/report"
# One row for each station, service and week with bookings at the centre
# (whose bookings were compared with the stores' above; the stores have a
# booking made since the last sync).
want_rows=$(pg_admin "SELECT count(*) FROM (SELECT DISTINCT station_id, service_id,
    session_date - (extract(isodow FROM session_date)::int - 1) FROM fleet.bookings
    WHERE station_id IN ('dl-a', 'dl-b') AND session_date BETWEEN '2026-11-23' AND '2026-12-06') w")
check "the district report has a row per station, service and week with bookings ($want_rows)" \
    [ "$(wc -l <"$TMP/report")" -eq "$want_rows" -a "$want_rows" -gt 1 ]
check "... only the district's stations" [ "$(cut -d'|' -f2 "$TMP/report" | sort -u | tr '\n' ' ')" = "dl-a dl-b " ]
check "the report's counts are the bookings'" [ "$(pg_admin "SELECT sum(bookings) FROM fleet.district_weekly('西岗区', '2026-11-23', '2026-12-07')")" = \
    "$(pg_admin "SELECT count(*) FROM fleet.bookings WHERE station_id IN ('dl-a', 'dl-b') AND session_date BETWEEN '2026-11-23' AND '2026-12-06'")" ]
want=$(sqlite3 "$TMP/dl-a.db" "SELECT count(*) FILTER (WHERE status = 'checked_in') || '|' || count(*) FILTER (WHERE status = 'no_show')
    FROM bookings b JOIN sessions s ON s.id = b.session_id WHERE s.date BETWEEN '2026-11-23' AND '2026-11-29'")
check "attended and no-shows of dl-a's week are the store's" [ "$(pg_admin "SELECT sum(attended) || '|' || sum(no_shows)
    FROM fleet.weekly_station_service WHERE station_id = 'dl-a' AND week = '2026-11-23'")" = "$want" ]
pg_admin "CREATE ROLE city_viewer LOGIN IN ROLE fleet_report" >/dev/null
check "a report role reads the city table" [ "$(pg_as city_viewer "SELECT count(DISTINCT district) FROM fleet.city_weekly('2026-11-01', '2026-12-07')")" = 2 ]
check "the city table adds up to the bookings of its weeks" [ "$(pg_as city_viewer "SELECT sum(bookings) FROM fleet.city_weekly('2026-11-02', '2026-12-07')")" = \
    "$(pg_admin "SELECT count(*) FROM fleet.bookings WHERE session_date BETWEEN '2026-11-02' AND '2026-12-06'")" ]
# Refused for want of the right, not for any other psql failure (bad SQL,
# no connection).
if pg_as city_viewer "DELETE FROM fleet.events" >/dev/null 2>"$TMP/err"; then
    not_ok "a report role cannot delete (permission denied)" "the DELETE went through"
elif grep -q "permission denied for table events" "$TMP/err"; then
    ok "a report role cannot delete (permission denied)"
else
    not_ok "a report role cannot delete (permission denied)" "psql failed otherwise:" "$(cat "$TMP/err")"
fi

# ---- Loop mode: offline, then back ------------------------------------------------
# The centre is down when the loop starts and while the kiosk books; the
# loop retries with backoff (5 s here) and delivers once it is back.
pg_down fast
"$SYNC" --db "$TMP/dl-a.db" --central "$(central station_dl_a)" --interval 1 --max-backoff 5 >"$TMP/loop.out" 2>&1 &
pid=$!
ctl dl-a "2026-12-01 11:30" book --session svc5-20261203-1400 --phone 13800138013 >"$TMP/b5"
T5=$(ticket_of "$TMP/b5")
failing() { ctl dl-a "2026-12-01 11:31" fleet status >/dev/null 2>&1; [ $? -eq 1 ]; }
check "while the centre is down the loop notes the failure" wait_for failing
check "the kiosk books on meanwhile" [ -n "$T5" ]
pg_up
arrived() { [ "$(pg_admin "SELECT count(*) FROM fleet.bookings WHERE ticket = '$T5'")" = 1 ]; }
check "once the centre is back the loop delivers the booking" wait_for arrived
kill -TERM $pid
wait $pid
check "the loop stops on SIGTERM, its last round good" [ $? -eq 0 ]
check "after the outage dl-a is the store's, exactly" same dl-a
