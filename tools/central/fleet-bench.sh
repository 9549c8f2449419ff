#!/bin/sh
# `make fleet-bench`: a simulated fleet (default 150 stations in 10
# districts, a year of bookings each, tools/central/fleet-sim.sh) synced
# with kiosk-sync into a throwaway PostgreSQL on 127.0.0.1, checked
# against the stores, then the district and city reports timed.
#   STATIONS=150 DAYS=365 PARALLEL=2 sh tools/central/fleet-bench.sh
# SIM_QUEUE=1: the stations have a walk-in queue too (fleet-sim.sh), the
# centre is at fleet schema 3, and the queue's daily reports are timed.
# Prints the figures the README quotes. Needs the test packages
# (tools/deps.sh test) and build/kioskctl, build/kiosk-sync.
set -u
. tests/lib.sh
. tests/fleet/lib.sh
STATIONS=${STATIONS:-150}
DAYS=${DAYS:-365}
PARALLEL=${PARALLEL:-2}
FROM=2025-12-01
SYNC="$PWD/$BUILD/kiosk-sync"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

[ "${SIM_QUEUE:-0}" = 1 ] && PG_UPGRADES="tools/central/schema-v2.sql tools/central/schema-v3.sql"
pg_start || { echo "fleet-bench: PostgreSQL did not start"; exit 1; }
echo "fleet-bench: $STATIONS stations x $DAYS days, PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT, $(nproc) CPUs"
ids=""
i=1
while [ $i -le "$STATIONS" ]; do
    ids="$ids $(printf 'st%03d' $i)"
    i=$((i + 1))
done
{
    n=0
    for s in $ids; do
        printf "SELECT fleet.add_station('%s', '模拟站%s', '区%02d', '大连市', 'station_%s');\n" "$s" "$s" $((n % 10 + 1)) "$s"
        n=$((n + 1))
    done
} >"$TMP/stations.sql"
psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet -v ON_ERROR_STOP=1 -f "$TMP/stations.sql" >/dev/null || exit 1

# Runs "$@ ID" for every station, PARALLEL at a time; fails if any fails.
each() {
    echo $ids | tr ' ' '\n' | xargs -P "$PARALLEL" -I{} "$@" || return 1
}
t0=$(now)
each sh tools/central/fleet-sim.sh "$CTL" "$TMP/{}.db" {} "$FROM" "$DAYS" || { echo "fleet-bench: simulation failed"; exit 1; }
t1=$(now)
events=0
bookings=0
queued=0
for s in $ids; do
    events=$((events + $(sqlite3 "$TMP/$s.db" 'SELECT count(*) FROM outbox')))
    bookings=$((bookings + $(sqlite3 "$TMP/$s.db" 'SELECT count(*) FROM bookings')))
    [ "${SIM_QUEUE:-0}" = 1 ] && queued=$((queued + $(sqlite3 "$TMP/$s.db" 'SELECT count(*) FROM queue_events')))
done
echo "simulated: $bookings bookings, $events events${SIM_QUEUE:+, $queued queue events} in $(secs "$t0" "$t1") s"

t0=$(now)
each sh -c "\"$SYNC\" --db \"$TMP/\$1.db\" --central \"host=$PGHOST port=$PGPORT dbname=fleet user=station_\$1\" --once --batch 1000 2>/dev/null" sync {} ||
    { echo "fleet-bench: a sync failed"; exit 1; }
t1=$(now)
echo "synced: $((events + queued)) events from $STATIONS stations in $(secs "$t0" "$t1") s ($(awk -v n="$((events + queued))" -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", n / (b - a) }') events/s, $PARALLEL stations at a time, batches of 1000)"
got=$(pg_admin "SELECT (SELECT count(*) FROM fleet.events) || ' ' || (SELECT count(*) FROM fleet.bookings)")
if [ "$got" = "$events $bookings" ]; then ok "the centre has every event and booking ($got)"; else
    not_ok "the centre has every event and booking" "centre: $got, stores: $events $bookings"; fi
if [ "${SIM_QUEUE:-0}" = 1 ]; then
    got=$(pg_admin "SELECT count(*) FROM fleet.queue_events")
    if [ "$got" = "$queued" ]; then ok "the centre has every queue event ($got)"; else
        not_ok "the centre has every queue event" "centre: $got, stores: $queued"; fi
fi
pg_admin "VACUUM ANALYZE" >/dev/null
echo "central database: $(pg_admin "SELECT pg_size_pretty(pg_database_size('fleet'))")"

# time_query NAME SQL: best of 3 runs, as the server measured it (EXPLAIN ANALYZE).
time_query() {
    best=""
    for _ in 1 2 3; do
        ms=$(pg_admin "EXPLAIN (ANALYZE, FORMAT JSON) $2" | python3 -c 'import json, sys; p = json.load(sys.stdin)[0]; print(p["Planning Time"] + p["Execution Time"])')
        best=$(awk -v a="${best:-$ms}" -v b="$ms" 'BEGIN { print (b < a ? b : a) }')
    done
    rows=$(pg_admin "SELECT count(*) FROM ($2) q")
    echo "$1: $rows rows in $(awk -v m="$best" 'BEGIN { printf "%.0f", m }') ms"
    awk -v m="$best" 'BEGIN { exit !(m < 1000) }'
}
time_query "district report, one week (区01)" "SELECT * FROM fleet.district_weekly('区01', '2026-06-01', '2026-06-08')" &&
    ok "the district's weekly table for a week answers in under a second" || not_ok "district report for a week under a second"
time_query "district report, the whole year (区01)" "SELECT * FROM fleet.district_weekly('区01', '$FROM', '2026-12-01')" &&
    ok "the district's weekly table for a year answers in under a second" || not_ok "district report for a year under a second"
time_query "city report, one week (city_weekly)" "SELECT * FROM fleet.city_weekly('2026-06-01', '2026-06-08')" &&
    ok "the city's weekly table for a week answers in under a second" || not_ok "city report for a week under a second"
time_query "city report, the whole year (city_weekly)" "SELECT * FROM fleet.city_weekly('$FROM', '2026-12-01')" ||
    echo "(over a second)"
echo "sample: the first rows of 区01's report for the week of 2026-06-01"
pg_admin "SELECT week, station_id, service_name, bookings, attended, no_shows, cancelled, attendance_pct FROM fleet.district_weekly('区01', '2026-06-01', '2026-06-08') LIMIT 4"
[ "${SIM_QUEUE:-0}" = 1 ] || exit 0
time_query "queue report, one day (daily_queue, 区01)" "SELECT * FROM fleet.daily_queue('2026-06-01', '2026-06-02', '区01')" &&
    ok "the district's daily queue table for a day answers in under a second" || not_ok "daily_queue for a day under a second"
time_query "queue report, the whole year (daily_queue, 区01)" "SELECT * FROM fleet.daily_queue('$FROM', '2026-12-01', '区01')" &&
    ok "the district's daily queue table for a year answers in under a second" || not_ok "daily_queue of a district for a year under a second"
time_query "queue report, the whole year, every station (daily_queue, NULL)" "SELECT * FROM fleet.daily_queue('$FROM', '2026-12-01', NULL)" ||
    echo "(over a second)"
time_query "city queue report, the whole year (city_daily_queue)" "SELECT * FROM fleet.city_daily_queue('$FROM', '2026-12-01')" ||
    echo "(over a second)"
time_query "wait chart, a month of a district (queue_wait_chart)" "SELECT * FROM fleet.queue_wait_chart('2026-06-01', '2026-07-01', '区01')" ||
    echo "(over a second)"
echo "sample: 区01's wait chart for June 2026, first rows"
pg_admin "SELECT station_id, line_id, waits FROM fleet.queue_wait_chart('2026-06-01', '2026-07-01', '区01') LIMIT 4"
