#!/bin/sh
# 好差评 at the centre (issue 20), against a real PostgreSQL server (a
# throwaway cluster on 127.0.0.1) at fleet schema 5: residents of two
# stations in two districts rate their visits on the kiosk (home's 服务评价,
# the ticket's code typed); kiosk-sync sends the ratings, a stream of their
# own, and they arrive once, column for column (a resend adds nothing);
# the district's weekly satisfaction (counts per level, the share 满意 or
# better, per station and service) and the city's equal a direct count
# from the stores, and the chart draws it; no phone number or label of the
# test reaches the centre (its whole pg_dump is searched); a station role
# reads and writes only its own ratings; a centre still at 3 takes the
# bookings and leaves the ratings waiting until schema-v5.sql is run.
. tests/lib.sh
PG_UPGRADES="tools/central/schema-v2.sql tools/central/schema-v3.sql tools/central/schema-v5.sql"
. tests/fleet/lib.sh
SYNC="$PWD/$BUILD/kiosk-sync"

pg_start fsync=off || { not_ok "a throwaway PostgreSQL starts with the fleet schema 5"; exit 1; }
check "a throwaway PostgreSQL starts with the fleet schema 5" \
    [ "$(pg_admin "SELECT max(version) FROM fleet.schema_version")" = 5 ]
pg_admin "SELECT fleet.add_station('dl-a', '西岗区甲站', '西岗区', '大连市', 'station_dl_a');
          SELECT fleet.add_station('dl-c', '中山区丙站', '中山区', '大连市', 'station_dl_c');" >/dev/null

ctl() { _db=$1 _now=$2; shift 2; "$CTL" --db "$TMP/$_db/kiosk.db" --now "$_now" "$@"; }
kiosk() { # kiosk STATION NOW SCRIPT
    "$KIOSK" --headless --data-dir "$TMP/$1" --catalog "$TMP/$1.ini" --size 1080x1920 --now "$2" \
        --script "$3" >"$3.out" 2>"$3.err"
}
sync_once() { timeout -k 10 120 "$SYNC" --db "$TMP/$1/kiosk.db" --central "$(central "station_$(echo "$1" | tr - _)")" --once; }
count() { pg_admin "SELECT count(*) FROM fleet.ratings WHERE station_id = '$1'"; }

# The test's people: their numbers and labels must never reach the centre.
PHONES="13811110001 13811110002 13811110003 13811110004 13811110005"
LABELS="王奶奶 李爷爷"
for s in dl-a dl-c; do
    mkdir -p "$TMP/$s"
    sed "s/^id = dl-jinpu-xianjin\$/id = $s/" assets/catalog/demo.ini >"$TMP/$s.ini"
    printf 'tap start\n' >"$TMP/$s-init.txt"
    kiosk $s "2026-11-30 07:00" "$TMP/$s-init.txt" || not_ok "the kiosk of $s makes its store"
done
# rate STATION NOW "TICKET LEVEL [REASON...]" ...: each visit rated by
# code at the kiosk, one visit after the other.
rate() {
    _s=$1 _now=$2
    shift 2
    for _v in "$@"; do
        set -- $_v
        printf 'tap rate\nexpect-screen rate-code\n'
        echo "$1" | sed 's/./tap key:&\n/g' | grep .
        printf 'tap next\nexpect-screen rate\ntap rate:%s\nexpect-screen rate-reasons\n' "$2"
        shift 2
        for _r in "$@"; do echo "tap reason:$_r"; done
        printf 'tap submit\nexpect-screen rated\ntap done\nexpect-screen home\n'
    done >"$TMP/$_s-rate.body"
    { echo "tap start"; cat "$TMP/$_s-rate.body"; } >"$TMP/$_s-rate.txt"
    kiosk "$_s" "$_now" "$TMP/$_s-rate.txt"
}
bk() { ctl "$1" "2026-11-30 08:00" book --session "$2" --phone "$3" $4 | tr -d '\r'; }
A1=$(bk dl-a kangyang-zixun-20261201-0900 13811110001)
A2=$(bk dl-a kangyang-zixun-20261201-0900 13811110002 "--for 王奶奶")
A3=$(bk dl-a kangyang-zixun-20261201-1000 13811110003)
A4=$(bk dl-a hunyin-zixun-20261202-1000 13811110004 "--for 李爷爷")
C1=$(bk dl-c kangyang-zixun-20261201-1000 13811110005)
check "five bookings at two stations, two for someone else" \
    test -n "$A1" -a -n "$A2" -a -n "$A3" -a -n "$A4" -a -n "$C1"
for t in "dl-a 2026-12-01 08:50 $A1" "dl-a 2026-12-01 08:55 $A2" "dl-a 2026-12-01 09:50 $A3" \
    "dl-a 2026-12-02 09:50 $A4" "dl-c 2026-12-01 09:50 $C1"; do
    set -- $t
    ctl $1 "$2 $3" checkin "$4" >/dev/null || not_ok "check in $4 at $1"
done
rate dl-a "2026-12-03 09:00" "$A1 5 warm fast" "$A2 4" "$A3 2 wait" "$A4 1 attitude unsolved"
check "dl-a: four visits rated at the kiosk by their codes" [ $? -eq 0 ]
rate dl-c "2026-12-03 09:00" "$C1 3 complex"
check "dl-c: one visit rated" [ $? -eq 0 ]

expect_exit 0 "fleet status before the sync: the ratings waiting" ctl dl-a "2026-12-03 10:00" fleet status
check "... all four" grep -qx "ratings waiting: 4" "$TMP/out"

# ---- They arrive once, column for column ------------------------------------------
local_ratings() {
    sqlite3 -separator '|' "$TMP/$1/kiosk.db" \
        "SELECT seq, day, service_id, level, reasons, channel FROM ratings ORDER BY seq"
}
central_ratings() {
    pg_admin "SELECT seq, day, service_id, level, reasons, channel FROM fleet.ratings
        WHERE station_id = '$1' ORDER BY seq"
}
same() {
    local_ratings "$1" >"$TMP/local.r"
    central_ratings "$1" >"$TMP/central.r"
    [ -s "$TMP/local.r" ] && cmp -s "$TMP/local.r" "$TMP/central.r" && return 0
    diff "$TMP/local.r" "$TMP/central.r" | head -n 5
    return 1
}
expect_exit 0 "kiosk-sync --once sends dl-a" sync_once dl-a
check "... saying how many ratings it sent (4)" grep -q "sent [0-9]* events of station dl-a, [0-9]* queue events, 4 ratings" "$TMP/err"
expect_exit 0 "kiosk-sync --once sends dl-c" sync_once dl-c
for s in dl-a dl-c; do
    check "$s: the centre's ratings are the store's, every column" same $s
done
expect_exit 0 "fleet status after the sync" ctl dl-a "2026-12-03 10:00" fleet status
check "... nothing waiting" grep -qx "ratings waiting: 0" "$TMP/out"
check "... all sent" grep -qx "ratings sent: up to rating 4 of 4" "$TMP/out"
sqlite3 "$TMP/dl-a/kiosk.db" "UPDATE meta SET value = '1' WHERE key = 'rating_sent_seq'"
expect_exit 0 "after a lost acknowledgement the ratings are sent again" sync_once dl-a
check "... the centre keeps each once (4)" [ "$(count dl-a)" = 4 ]
check "... still the store's, exactly" same dl-a

# ---- The reports ------------------------------------------------------------------
# By hand: week of 30 November, dl-a 康养咨询 5, 4, 2 (2 of 3 satisfied or
# better: 66.7%), 婚姻家庭咨询 1 (0%), counted per service without anyone.
pg_admin "SELECT week, station_id, service_id, service_name, ratings, very_satisfied, satisfied,
    fairly_satisfied, dissatisfied, very_dissatisfied, good_pct
    FROM fleet.district_satisfaction('西岗区', '2026-11-01', '2027-01-01')" >"$TMP/district"
sed 's/^/    # /' "$TMP/district"
check "the district's weekly satisfaction per station and service" \
    [ "$(tr '\n' ' ' <"$TMP/district")" = "2026-11-30|dl-a|hunyin-zixun|婚姻家庭咨询|1|0|0|0|0|1|0.0 2026-11-30|dl-a|kangyang-zixun|康养咨询|3|1|1|0|1|0|66.7 " ]
# The same from the store, directly: levels per service and week.
store_counts() {
    sqlite3 -separator '|' "$TMP/$1/kiosk.db" "SELECT service_id, count(*),
        sum(level = 5), sum(level = 4), sum(level = 3), sum(level = 2), sum(level = 1),
        printf('%.1f', 100.0 * sum(level >= 4) / count(*))
        FROM ratings GROUP BY service_id ORDER BY service_id"
}
for s in dl-a dl-c; do
    store_counts $s >"$TMP/store.c"
    d=$([ $s = dl-a ] && echo 西岗区 || echo 中山区)
    pg_admin "SELECT service_id, ratings, very_satisfied, satisfied, fairly_satisfied, dissatisfied,
        very_dissatisfied, good_pct FROM fleet.district_satisfaction('$d', '2026-11-01', '2027-01-01')
        WHERE station_id = '$s'" >"$TMP/centre.c"
    check "$s: the report's counts are the store's own" cmp -s "$TMP/store.c" "$TMP/centre.c"
done
pg_admin "SELECT district, week, service_id, stations, ratings, good_pct
    FROM fleet.city_satisfaction('2026-11-01', '2027-01-01')" >"$TMP/city"
check "the city's weekly satisfaction: a row per district, week and service" \
    [ "$(tr '\n' ' ' <"$TMP/city")" = "中山区|2026-11-30|kangyang-zixun|1|1|0.0 西岗区|2026-11-30|hunyin-zixun|1|1|0.0 西岗区|2026-11-30|kangyang-zixun|1|3|66.7 " ]
pg_admin "SELECT station_id, service_id, satisfaction FROM fleet.satisfaction_chart('2026-11-01', '2027-01-01', '西岗区')" >"$TMP/chart"
sed 's/^/    # /' "$TMP/chart"
check "the chart draws a bar a station and service of the district" \
    [ "$(cut -d'|' -f1,2 "$TMP/chart" | tr '\n' ' ')" = "dl-a|hunyin-zixun dl-a|kangyang-zixun " ]
check "... 13 blocks and a third for 66.7%, with the counts written after it" \
    grep -q '^dl-a|kangyang-zixun|█████████████▎ *66.7% 满意及以上 (3 ratings, 1 不满意及以下)$' "$TMP/chart"
check "... no block for 0%" grep -q '^dl-a|hunyin-zixun| *0.0% 满意及以上 (1 ratings, 1 不满意及以下)$' "$TMP/chart"
check "the report role reads the reports" \
    [ "$(pg_admin "SET ROLE fleet_report; SELECT count(*) FROM fleet.district_satisfaction('西岗区', '2026-11-01', '2027-01-01')")" = 2 ]

# ---- Nothing personal reaches the centre ------------------------------------------
check "the centre's ratings table has no ticket, phone, label or time column" \
    [ "$(pg_admin "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
        WHERE table_schema = 'fleet' AND table_name = 'ratings'")" = "station_id,seq,day,service_id,level,reasons,channel,received_at" ]
as_pg "$PGBIN/pg_dump" -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" fleet >"$TMP/dump.sql"
check "the centre's whole dump has the ratings (the search can see them)" \
    grep -q "warm,fast" "$TMP/dump.sql"
found=""
for x in $PHONES $LABELS; do grep -q "$x" "$TMP/dump.sql" && found="$found $x"; done
check "no phone number or label of the test in the centre's whole dump ($(wc -c <"$TMP/dump.sql") bytes)" [ -z "$found" ]
[ -z "$found" ] || echo "    # found:$found"
check "... while the stores have them (the search can see one)" \
    sqlite3 "$TMP/dl-a/kiosk.db" "SELECT phone || for_label FROM bookings" | grep -q 王奶奶
check "no ticket in any rating at the centre" \
    [ "$(pg_admin "SELECT count(*) FROM fleet.ratings r WHERE r::text ~ '$A1|$A2|$A3|$A4|$C1'")" = 0 ]

# ---- Row-level security -----------------------------------------------------------
check "a station role reads only its own ratings" \
    [ "$(pg_as station_dl_a "SELECT string_agg(DISTINCT station_id, ',') FROM fleet.ratings")" = dl-a ]
if pg_as station_dl_a "INSERT INTO fleet.ratings (station_id, seq, day, service_id, level, channel)
    VALUES ('dl-c', 999, '2026-12-01', 'kangyang-zixun', 5, 'code')" >/dev/null 2>"$TMP/err"; then
    not_ok "a station cannot add another station's ratings"
else
    check "a station cannot add another station's ratings" grep -q "row-level security" "$TMP/err"
fi
if pg_as station_dl_a "UPDATE fleet.ratings SET level = 5 WHERE station_id = 'dl-a'" >/dev/null 2>&1 ||
    pg_as station_dl_a "DELETE FROM fleet.ratings WHERE station_id = 'dl-a'" >/dev/null 2>&1; then
    not_ok "a station can neither change nor delete its sent ratings"
else
    ok "a station can neither change nor delete its sent ratings"
fi

# ---- A centre still at fleet schema 3, then upgraded -----------------------------
as_pg "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" fleet_v3 &&
    psql -q -X -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v3 -v ON_ERROR_STOP=1 \
        -f tools/central/schema.sql -f tools/central/schema-v2.sql -f tools/central/schema-v3.sql \
        >/dev/null 2>&1 &&
    psql -X -A -t -q -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v3 -v ON_ERROR_STOP=1 \
        -c "SELECT fleet.add_station('dl-a', '西岗区甲站', '西岗区', '大连市', 'station_dl_a')" >/dev/null 2>&1
check "a centre at fleet schema 3 is made" [ $? -eq 0 ]
sqlite3 "$TMP/dl-a/kiosk.db" "UPDATE sync SET sent_seq = 0; DELETE FROM meta WHERE key = 'rating_sent_seq'"
v3() { timeout -k 10 120 "$SYNC" --db "$TMP/dl-a/kiosk.db" --once --central "host=$PGHOST port=$PGPORT dbname=fleet_v3 user=station_dl_a"; }
expect_exit 0 "kiosk-sync sends the bookings to a centre at 3" v3
check "... saying the ratings wait for schema 5" \
    grep -q "no 0 ratings (they wait for the centre's fleet schema 5: tools/central/schema-v5.sql)" "$TMP/err"
v3psql() { psql -X -A -t -q -h "$PGHOST" -p "$PGPORT" -U "$PG_SUPER" -d fleet_v3 -v ON_ERROR_STOP=1 "$@"; }
check "... the bookings are there" [ "$(v3psql -c "SELECT count(*) FROM fleet.events WHERE station_id = 'dl-a'")" -gt 0 ]
expect_exit 0 "fleet status: the ratings still waiting" ctl dl-a "2026-12-03 10:00" fleet status
check "... all four" grep -qx "ratings waiting: 4" "$TMP/out"
expect_exit 0 "the DBA runs schema-v5.sql on it" v3psql -f tools/central/schema-v5.sql
expect_exit 0 "the next run sends the ratings" v3
check "... all four" grep -q "sent 0 events of station dl-a, 0 queue events, 4 ratings" "$TMP/err"
expect_exit 3 "schema-v5.sql run again stops" v3psql -f tools/central/schema-v5.sql
check "... saying so" grep -q "upgrades fleet schema 3 or 4; this centre is at 5" "$TMP/err"
