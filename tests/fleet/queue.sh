#!/bin/sh
# The walk-in queue's events at the centre (issue 19), against a real
# PostgreSQL server (a throwaway cluster on 127.0.0.1) at fleet schema 3:
# three stations' queues driven with kioskctl under a faked clock (one
# number served across midnight) are sent by kiosk-sync and arrive once,
# column for column; a resend adds nothing; the centre's daily report
# (taken, walk-ins, called, served, no-shows, wait and serving median and
# p90) equals a direct count from each station's store; no label, ticket
# or phone reaches the centre; a station role reads and writes only its
# own, a district's report has only its stations; a centre still at 2
# takes the bookings and leaves the queue's events waiting until
# schema-v3.sql is run; a store restored from an old backup is refused
# and --renumber sends its queue events after the centre's.
. tests/lib.sh
PG_UPGRADES="tools/central/schema-v2.sql tools/central/schema-v3.sql"
. tests/fleet/lib.sh
SYNC="$PWD/$BUILD/kiosk-sync"

pg_start fsync=off || { not_ok "a throwaway PostgreSQL starts with the fleet schema 3"; exit 1; }
check "a throwaway PostgreSQL starts with the fleet schema 3" \
    [ "$(pg_admin "SELECT max(version) FROM fleet.schema_version")" = 3 ]
pg_admin "SELECT fleet.add_station('dl-a', '西岗区甲站', '西岗区', '大连市', 'station_dl_a');
          SELECT fleet.add_station('dl-b', '西岗区乙站', '西岗区', '大连市', 'station_dl_b');
          SELECT fleet.add_station('dl-c', '中山区丙站', '中山区', '大连市', 'station_dl_c');" >/dev/null

ctl() { db=$1 now=$2; shift 2; "$CTL" --db "$TMP/$db.db" --now "$now" "$@"; }
sync_once() { timeout -k 10 120 "$SYNC" --db "$TMP/$1.db" --central "$(central "station_$(echo "$1" | tr - _)")" --once $2; }
queue_count() { sqlite3 "$TMP/$1.db" "SELECT count(*) FROM queue_events"; }
count() { pg_admin "SELECT count(*) FROM fleet.queue_events WHERE station_id = '$1'"; }

for s in dl-a dl-b dl-c; do
    sed "s/^id = dl-jinpu-xianjin\$/id = $s/" assets/catalog/demo.ini >"$TMP/$s.ini"
    ctl $s "2026-11-30 07:00" import-catalog "$TMP/$s.ini" >/dev/null || not_ok "import the catalog of $s"
done

# ---- dl-a: a day of the queue, a number served across midnight, a booking ----
# steps DB DAY "HH:MM command args" ...: kioskctl queue at each time of DAY.
steps() {
    _db=$1 _day=$2
    shift 2
    for _s in "$@"; do
        _t=${_s%% *}
        # shellcheck disable=SC2086
        ctl "$_db" "$_day $_t" queue ${_s#* } >/dev/null 2>"$TMP/step.err" ||
            { not_ok "$_db $_day $_s" "$(cat "$TMP/step.err")"; return 1; }
    done
}
ctl dl-a "2026-11-30 08:00" book --session kangyang-zixun-20261201-1000 --phone 13800138000 >"$TMP/booked" ||
    not_ok "book at dl-a"
T=$(cat "$TMP/booked")
check "a booking's ticket to look for at the centre" [ -n "$T" ]
steps dl-a 2026-11-30 "09:00 take --line zonghe" "09:02 take --line zonghe" \
    "09:05 take --line jiuzhu" "09:06 take --line zonghe --priority" \
    "09:10 call --counter 1 --line zonghe" "09:12 serve --counter 1" "09:30 finish --counter 1" \
    "09:15 call --counter 2 --line zonghe" "09:20 skip --counter 2" \
    "09:31 call --counter 1 --line zonghe" "09:33 transfer --counter 1 --to jiuzhu" \
    "09:40 call --counter 2 --line jiuzhu" "09:41 serve --counter 2" "09:55 finish --counter 2" \
    "09:56 call --counter 2 --line jiuzhu" "09:57 recall --counter 2" "09:58 serve --counter 2" \
    "10:20 finish --counter 2"
steps dl-a 2026-11-30 "23:40 take --line zonghe" "23:50 call --counter 3 --line zonghe" \
    "23:58 serve --counter 3"
check "kioskctl drives dl-a's queue through the day" [ $? -eq 0 ]
# Midnight on the faked clock: counter 3 finishes the number it serves,
# the numbers restart, and the day's first number is called.
steps dl-a 2026-12-01 "00:10 finish --counter 3" "00:15 take --line zonghe" \
    "08:00 call --counter 3 --line zonghe" "08:01 serve --counter 3" "08:09 finish --counter 3"
check "after midnight counter 3 finishes yesterday's number, then calls today's A001" [ $? -eq 0 ]
ctl dl-a "2026-12-01 09:45" checkin "$T" >"$TMP/out" 2>&1 &&
    steps dl-a 2026-12-01 "10:05 call --counter 3 --line yanglao" "10:06 serve --counter 3" \
        "10:36 finish --counter 3"
check "the booked resident checks in and is called, served and finished at counter 3" [ $? -eq 0 ]
check "... yesterday's A004 is done under its own day, finished after midnight" \
    [ "$(sqlite3 "$TMP/dl-a.db" "SELECT day || ' ' || status || ' ' || finished_at FROM queue_tickets WHERE label = 'A004'")" = \
      "2026-11-30 done 2026-12-01 00:10" ]
check "... today's numbers restarted at A001" \
    [ "$(sqlite3 "$TMP/dl-a.db" "SELECT label || ' ' || status FROM queue_tickets WHERE day = '2026-12-01' AND line_id = 'zonghe'")" = "A001 done" ]
check "... and the event of its finish keeps its day and its 12 minutes" \
    [ "$(sqlite3 "$TMP/dl-a.db" "SELECT day || ' ' || served FROM queue_events WHERE kind = 'queue_finish' AND at = '2026-12-01 00:10'")" = "2026-11-30 12" ]
steps dl-b 2026-11-30 "10:00 take --line zonghe" "10:01 take --line zonghe" \
    "10:20 call --counter 1" "10:21 serve --counter 1" "10:45 finish --counter 1"
steps dl-c 2026-11-30 "11:00 take --line jiuzhu" "11:30 call --counter 1" "11:31 skip --counter 1"

expect_exit 0 "fleet status before the sync" ctl dl-a "2026-12-01 09:00" fleet status
check "... the queue's events waiting" grep -qx "queue waiting: $(queue_count dl-a) events" "$TMP/out"
check "... none sent" grep -qx "queue sent: up to event 0 of $(queue_count dl-a)" "$TMP/out"

# ---- They arrive once, column for column ---------------------------------------
local_queue() {
    sqlite3 -separator '|' "$TMP/$1.db" "SELECT seq, kind, at, day, line_id, ticket_kind, counter, to_line,
        waited, served FROM queue_events ORDER BY seq"
}
central_queue() {
    pg_admin "SELECT seq, kind, to_char(at, 'YYYY-MM-DD HH24:MI'), day, line_id, ticket_kind, counter,
        to_line, waited, served FROM fleet.queue_events WHERE station_id = '$1' ORDER BY seq"
}
same() {
    local_queue "$1" >"$TMP/local.q"
    central_queue "$1" >"$TMP/central.q"
    [ -s "$TMP/local.q" ] && cmp -s "$TMP/local.q" "$TMP/central.q" && return 0
    diff "$TMP/local.q" "$TMP/central.q" | head -n 5
    return 1
}
expect_exit 0 "kiosk-sync --once sends dl-a" sync_once dl-a
check "it says how many queue events it sent ($(queue_count dl-a))" \
    grep -q "sent [0-9]* events of station dl-a, $(queue_count dl-a) queue events" "$TMP/err"
check "... and the bookings' events with them" \
    [ "$(pg_admin "SELECT count(*) FROM fleet.events WHERE station_id = 'dl-a'")" = "$(sqlite3 "$TMP/dl-a.db" "SELECT count(*) FROM outbox")" ]
expect_exit 0 "kiosk-sync --once sends dl-b in batches of 2" sync_once dl-b "--batch 2"
expect_exit 0 "kiosk-sync --once sends dl-c" sync_once dl-c
for s in dl-a dl-b dl-c; do
    check "$s: the centre's queue events are the store's, every column" same $s
done
expect_exit 0 "fleet status after the sync" ctl dl-a "2026-12-01 09:00" fleet status
check "... nothing of the queue waiting" grep -qx "queue waiting: 0 events" "$TMP/out"
check "... all sent" grep -qx "queue sent: up to event $(queue_count dl-a) of $(queue_count dl-a)" "$TMP/out"

n=$(count dl-a)
expect_exit 0 "a second run with nothing waiting" sync_once dl-a
check "... sends 0 queue events" grep -q ", 0 queue events" "$TMP/err"
sqlite3 "$TMP/dl-a.db" "UPDATE meta SET value = '3' WHERE key = 'queue_sent_seq'"
expect_exit 0 "after a lost acknowledgement the queue events are sent again" sync_once dl-a "--batch 4"
check "... the centre keeps each once ($n)" [ "$(count dl-a)" = "$n" ]
check "... still the store's, exactly" same dl-a
check "... and the store knows all are sent" \
    [ "$(sqlite3 "$TMP/dl-a.db" "SELECT value FROM meta WHERE key = 'queue_sent_seq'")" = "$n" ]

# ---- Nothing personal reaches the centre ------------------------------------------
check "the centre's queue table has no label, ticket or phone column" \
    [ -z "$(pg_admin "SELECT column_name FROM information_schema.columns WHERE table_schema = 'fleet'
        AND table_name = 'queue_events' AND column_name ~ 'label|ticket$|booking|phone'")" ]
check "no number label (A012), booking ticket or phone in any queue event" \
    [ "$(pg_admin "SELECT count(*) FROM fleet.queue_events e
        WHERE e::text ~ '[A-Z][0-9]{3}|1[3-9][0-9]{9}|$T'")" = 0 ]
check "... while the store's tickets have them (the check can see one)" \
    [ "$(sqlite3 "$TMP/dl-a.db" "SELECT count(*) FROM queue_tickets WHERE booking = '$T' AND label GLOB '[A-Z][0-9][0-9][0-9]'")" = 1 ]

# ---- The report's figures are the stores' ------------------------------------------
# The store's own count per day and line, and the waits (taken -> first
# call) and serving times (serve -> finish) in whole minutes, their median
# and 90th percentile as PostgreSQL's percentile_cont computes them.
store_report() {
    python3 - "$TMP/$1.db" "$1" <<'EOF'
import sqlite3, sys
from decimal import Decimal, ROUND_HALF_UP
db = sqlite3.connect(sys.argv[1])
def mins(a, b):
    return round((db.execute("SELECT julianday(?) - julianday(?)", (b, a)).fetchone()[0]) * 1440)
def pct(v, p):
    if not v:
        return ""
    v = sorted(v)
    x = p * (len(v) - 1)
    lo = int(x)
    hi = min(lo + 1, len(v) - 1)
    r = v[lo] + (x - lo) * (v[hi] - v[lo])
    return str(Decimal(format(r, ".15g")).quantize(Decimal("0.1"), ROUND_HALF_UP))
rows = {}
for day, line, number, kind, taken, called, served, finished, status in db.execute(
        "SELECT day, line_id, number, kind, taken_at, called_at, served_at, finished_at, status"
        " FROM queue_tickets"):
    r = rows.setdefault((day, line), [0, 0, 0, 0, 0, [], []])
    r[0] += number is not None
    r[1] += number is not None and kind != "appointment"
    r[2] += called is not None
    r[3] += served is not None
    r[4] += status == "no_show"
    if called:
        r[5].append(mins(taken, called))
    if served and finished and status == "done":
        r[6].append(mins(served, finished))
for (day, line), r in sorted(rows.items()):
    print("|".join([day, sys.argv[2], line] + [str(x) for x in r[:5]]
                   + [pct(r[5], .5), pct(r[5], .9), pct(r[6], .5), pct(r[6], .9)]))
EOF
}
centre_report() {
    pg_admin "SELECT day, station_id, line_id, taken, walk_ins, called, served, no_shows, wait_median,
        wait_p90, serve_median, serve_p90 FROM fleet.daily_queue('2026-11-01', '2026-12-31', NULL)
        WHERE station_id = '$1'"
}
for s in dl-a dl-b dl-c; do
    store_report $s >"$TMP/store.r"
    centre_report $s >"$TMP/centre.r"
    check "$s: the daily report's figures are the store's own count ($(wc -l <"$TMP/store.r") rows)" \
        cmp -s "$TMP/store.r" "$TMP/centre.r"
    cmp -s "$TMP/store.r" "$TMP/centre.r" || diff "$TMP/store.r" "$TMP/centre.r" | head -n 8
done
# By hand, from the steps above: line A on 30 November took A001-A004
# (A003 a priority number, transferred to line B when called), called all
# four after 10, 13, 25 and 10 minutes, served A001 (18 min) and A004
# (12 min, finished after midnight), A002 did not come.
check "dl-a's line A on 30 November: 4 taken, 4 called, 2 served, 1 no-show, waits 11.5/21.4, serving 15/17.4" \
    [ "$(centre_report dl-a | grep '^2026-11-30|dl-a|zonghe|')" = "2026-11-30|dl-a|zonghe|4|4|4|2|1|11.5|21.4|15.0|17.4" ]
check "... line B: B001 taken, the transferred A003 not taken again, both called (35, 23 min) and served (14, 22 min)" \
    [ "$(centre_report dl-a | grep '^2026-11-30|dl-a|jiuzhu|')" = "2026-11-30|dl-a|jiuzhu|1|1|2|2|0|29.0|33.8|18.0|21.2" ]
check "... 1 December's A001 on its own day (taken 00:15, called 08:00)" \
    [ "$(centre_report dl-a | grep '^2026-12-01|dl-a|zonghe|')" = "2026-12-01|dl-a|zonghe|1|1|1|1|0|465.0|465.0|8.0|8.0" ]
check "... the booked resident taken on line C, not as a walk-in" \
    [ "$(centre_report dl-a | grep '^2026-12-01|dl-a|yanglao|')" = "2026-12-01|dl-a|yanglao|1|0|1|1|0|20.0|20.0|30.0|30.0" ]
pg_admin "SELECT district, day, stations, taken, called, served, no_shows, wait_median, wait_p90
    FROM fleet.city_daily_queue('2026-11-30', '2026-12-01')" >"$TMP/city"
# 西岗区: dl-a's 5 and dl-b's 2 taken, waits 10 10 13 20 23 25 35.
check "the city's table: a row per district and day ($(tr '\n' ' ' <"$TMP/city"))" \
    [ "$(tr '\n' ' ' <"$TMP/city")" = "中山区|2026-11-30|1|1|1|0|1|30.0|30.0 西岗区|2026-11-30|2|7|7|5|1|20.0|29.0 " ]
pg_admin "SELECT station_id, line_id, waits FROM fleet.queue_wait_chart('2026-11-30', '2026-12-01', '西岗区')" >"$TMP/chart"
cat "$TMP/chart" | sed 's/^/    # /'
check "the wait chart draws a bar a station and line of the district" \
    [ "$(cut -d'|' -f1,2 "$TMP/chart" | tr '\n' ' ')" = "dl-a|jiuzhu dl-a|zonghe dl-b|zonghe " ]
check "... a block a minute and a half block for line A's 11.5" \
    grep -q '^dl-a|zonghe|███████████▌ *11.5 min (p90 21.4, 4 calls)$' "$TMP/chart"
bars() { echo $(($(grep "^$1|" "$TMP/chart" | cut -d'|' -f3 | tr -cd '█' | wc -c) / 3)); } # 3 bytes a block
check "... the longer the wait, the longer the bar (29, 20, 11 blocks)" \
    [ "$(bars dl-a.jiuzhu) $(bars dl-b.zonghe) $(bars dl-a.zonghe)" = "29 20 11" ]

# ---- Row-level security -----------------------------------------------------------
check "a station role reads only its own queue events" \
    [ "$(pg_as station_dl_a "SELECT string_agg(DISTINCT station_id, ',') FROM fleet.queue_events")" = dl-a ]
if pg_as station_dl_a "INSERT INTO fleet.queue_events (station_id, seq, kind, at, day, line_id, ticket_kind)
    VALUES ('dl-c', 999, 'queue_take', '2026-12-01 09:00', '2026-12-01', 'zonghe', 'walkin')" >/dev/null 2>"$TMP/err"; then
    not_ok "a station cannot add another station's queue events"
else
    check "a station cannot add another station's queue events" grep -q "row-level security" "$TMP/err"
fi
if pg_as station_dl_a "UPDATE fleet.queue_events SET waited = 0 WHERE station_id = 'dl-a'" >/dev/null 2>&1 ||
    pg_as station_dl_a "DELETE FROM fleet.queue_events WHERE station_id = 'dl-a'" >/dev/null 2>&1; then
    not_ok "a station can neither change nor delete its sent queue events"
else
    ok "a station can neither change nor delete its sent queue events"
fi
check "a district's report has only its stations" \
    [ "$(pg_admin "SELECT string_agg(DISTINCT station_id, ',') FROM fleet.daily_queue('2026-11-01', '2026-12-31', '中山区')")" = dl-c ]
check "... and the report role reads every station" \
    [ "$(pg_admin "SET ROLE fleet_report; SELECT count(DISTINCT station_id) FROM fleet.daily_queue('2026-11-01', '2026-12-31', NULL)")" = 3 ]

# ---- A centre still at fleet schema 2, then upgraded -----------------------------
as_pg "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" fleet_v2 &&
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v2 -v ON_ERROR_STOP=1 \
        -f tools/central/schema.sql -f tools/central/schema-v2.sql >/dev/null 2>&1 &&
    psql -X -A -t -q -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v2 -v ON_ERROR_STOP=1 \
        -c "SELECT fleet.add_station('dl-a', '西岗区甲站', '西岗区', '大连市', 'station_dl_a')" >/dev/null 2>&1
check "a centre at fleet schema 2 is made" [ $? -eq 0 ]
sqlite3 "$TMP/dl-a.db" "UPDATE sync SET sent_seq = 0; DELETE FROM meta WHERE key = 'queue_sent_seq'"
v2() { timeout -k 10 120 "$SYNC" --db "$TMP/dl-a.db" --once --central "host=$PGHOST port=$PGPORT dbname=fleet_v2 user=station_dl_a"; }
expect_exit 0 "kiosk-sync sends the bookings to a centre at 2" v2
check "... saying the queue's events wait for schema 3" \
    grep -q "no 0 queue events (they wait for the centre's fleet schema 3: tools/central/schema-v3.sql)" "$TMP/err"
expect_exit 0 "fleet status: the queue's events still waiting" ctl dl-a "2026-12-01 09:00" fleet status
check "... all of them" grep -qx "queue waiting: $(queue_count dl-a) events" "$TMP/out"
expect_exit 0 "the DBA runs schema-v3.sql on it" \
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v2 -v ON_ERROR_STOP=1 -f tools/central/schema-v3.sql
expect_exit 0 "the next run sends the queue's events" v2
check "... all of them" grep -q "sent 0 events of station dl-a, $(queue_count dl-a) queue events" "$TMP/err"
expect_exit 3 "schema-v3.sql run again stops" \
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v2 -v ON_ERROR_STOP=1 -f tools/central/schema-v3.sql
check "... saying so" grep -q "upgrades fleet schema 2; this centre is at 3" "$TMP/err"

# ---- A store restored from a backup older than what was sent ---------------------
"$CTL" --db "$TMP/dl-b.db" backup "$TMP/dl-b-old.db" >/dev/null
steps dl-b 2026-11-30 "11:00 take --line jiuzhu" "11:05 call --counter 2"
sync_once dl-b >/dev/null 2>&1
cp "$TMP/dl-b-old.db" "$TMP/dl-b.db"
rm -f "$TMP/dl-b.db-wal" "$TMP/dl-b.db-shm"
steps dl-b 2026-11-30 "11:10 take --line yanglao"
n=$(count dl-b)
expect_exit 1 "a queue event number the centre has for another event is refused" sync_once dl-b
check "... saying the store may be an old backup" \
    grep -q "the centre's queue event $((n - 1)) of station dl-b is not this store's (queue_take jiuzhu 2026-11-30 there, queue_take yanglao 2026-11-30 here): was this store restored from an old backup?" "$TMP/err"
check "... and the centre keeps its own" [ "$(count dl-b)" = "$n" ]
expect_exit 0 "kiosk-sync --renumber numbers the waiting queue events after the centre's" sync_once dl-b --renumber
check "... saying so" grep -q "1 waiting queue events of station dl-b renumbered from $((n + 1))" "$TMP/err"
check "... the take made after the restore is at the centre, after the lost ones" \
    [ "$(pg_admin "SELECT seq || ' ' || line_id FROM fleet.queue_events WHERE station_id = 'dl-b' ORDER BY seq DESC LIMIT 1")" = "$((n + 1)) yanglao" ]
steps dl-a 2026-12-01 "11:00 take --line jiuzhu"
n=$(count dl-a)
expect_exit 1 "--renumber refuses a store that was not restored" sync_once dl-a --renumber
check "... saying its queue events already follow the centre's" \
    grep -q "renumber queue events: the events waiting start at $((n + 1)) already" "$TMP/err"
expect_exit 0 "... and a plain run sends the take" sync_once dl-a
check "... under its own number" same dl-a
