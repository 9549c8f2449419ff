#!/bin/sh
# Makes a simulated station store for fleet tests and benchmarks:
#   tools/central/fleet-sim.sh KIOSKCTL DB STATION_ID FROM DAYS [TODAY]
# The station has 6 services, each a session every weekday (capacity 8).
# Over DAYS days from FROM it gets 0..6 one-person bookings a session
# (about 3), made up to 3 days ahead; sessions before TODAY (default: the
# last 14 days are still ahead) ended checked in (self or staff), no-show,
# cancelled or left booked; later ones are booked or cancelled. Every
# booking and change has its outbox event, in time order, as the kiosk
# would have written them. Phone numbers are made up (139 + 8 digits).
# SIM_QUEUE=1: the station also has two walk-in lines (A, B) and, every
# weekday before TODAY, 0..39 numbers a line (about 20) taken from 08:00
# every 12 minutes or so, each called after 5..64 minutes at one of 4
# counters, then skipped (15 %) or served for 5..34 minutes: the queue's
# events only (take, call, serve, finish, skip), with their minutes, as
# the kiosk writes them (the centre's reports read nothing else).
set -eu
ctl=$1 db=$2 id=$3 from=$4 days=$5
today=${6:-$(date -d "$from + $((days - 14)) days" +%F)}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{
    printf '[station]\nid = %s\nname = 模拟社工站 %s\n[category sim]\nname = 模拟服务\n' "$id" "$id"
    for i in 0 1 2 3 4 5; do
        printf '[service svc%d]\ncategory = sim\nname = 服务%d\nname_en = Service %d\n' "$i" "$i" "$i"
        printf 'description = 模拟。\naudience = 居民\nlocation = 活动室\nduration = 60\n'
        printf 'schedule = Mon-Fri %02d:00-%02d:00 8\n' $((9 + i)) $((10 + i))
    done
    if [ "${SIM_QUEUE:-0}" = 1 ]; then
        printf '[line zonghe]\nletter = A\nname = 综合咨询\nname_en = General\ncap = 200\n'
        printf '[line jiuzhu]\nletter = B\nname = 社会救助\nname_en = Assistance\ncap = 200\n'
    fi
} >"$dir/sim.ini"
"$ctl" --db "$db" --now "$from 00:00" import-catalog "$dir/sim.ini" >/dev/null
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE days AS
    WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < $days - 1)
    SELECT date('$from', '+' || n || ' days') AS day FROM d;
INSERT OR IGNORE INTO sessions (id, service_id, date, start, end, capacity, state)
    SELECT v.id || '-' || strftime('%Y%m%d', day) || '-' || printf('%02d00', 9 + v.sort),
           v.id, day, printf('%02d:00', 9 + v.sort), printf('%02d:00', 10 + v.sort), 8, 'open'
    FROM days, services v WHERE strftime('%w', day) NOT IN ('0', '6');
-- Each session's number of bookings (0..6) drawn once, in a table of its
-- own: a random() in the join's WHERE may be evaluated once for a whole
-- run of rows, which made every session of a store get the same count
-- (a whole store without bookings one time in seven).
CREATE TEMP TABLE want AS
    SELECT id, date, start, abs(random()) % 7 AS n FROM sessions
    WHERE date >= '$from' AND date < date('$from', '+$days days');
CREATE TEMP TABLE gb AS
    SELECT s.id AS session_id, s.date || ' ' || s.start AS starts,
           s.date < '$today' AS past, abs(random()) % 100 AS r, 60 + abs(random()) % 4320 AS lead
    FROM want s, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6) n
    WHERE s.n >= k
    ORDER BY s.date, s.start, s.id;
CREATE TEMP TABLE gb2 AS
    SELECT rowid AS n, session_id, starts,
           strftime('%Y-%m-%d %H:%M', starts, '-' || lead || ' minutes') AS created,
           CASE WHEN past AND r < 50 THEN 'checked_in' WHEN past AND r < 70 THEN 'attended'
                WHEN past AND r < 82 THEN 'no_show' WHEN r >= 90 THEN 'cancelled' END AS kind,
           CASE WHEN past AND r < 50 THEN strftime('%Y-%m-%d %H:%M', starts, '-5 minutes')
                WHEN past AND r < 82 THEN strftime('%Y-%m-%d %H:%M', starts, '+30 minutes')
                WHEN r >= 90 THEN strftime('%Y-%m-%d %H:%M', starts, '-' || (lead / 2) || ' minutes')
           END AS changed
    FROM gb;
INSERT INTO bookings (ticket, session_id, phone, party, status, created_at, updated_at)
    SELECT 'G' || printf('%07d', n), session_id, '139' || printf('%08d', n), 1,
           CASE kind WHEN 'attended' THEN 'checked_in' ELSE COALESCE(kind, 'booked') END,
           created, COALESCE(changed, created)
    FROM gb2 ORDER BY n;
INSERT INTO outbox (kind, at, status, ticket, session_id, service_id, category_id, service_name,
                    date, start, end, capacity, party)
    SELECT e.kind, e.at, e.status, b.ticket, b.session_id, s.service_id, v.category_id, v.name_zh,
           s.date, s.start, s.end, s.capacity, b.party
    FROM (SELECT n, 0 AS step, 'created' AS kind, created AS at, 'booked' AS status FROM gb2
          UNION ALL
          SELECT n, 1, kind, changed, CASE kind WHEN 'attended' THEN 'checked_in' ELSE kind END
          FROM gb2 WHERE kind IS NOT NULL) e
    JOIN bookings b ON b.ticket = 'G' || printf('%07d', e.n)
    JOIN sessions s ON s.id = b.session_id JOIN services v ON v.id = s.service_id
    ORDER BY e.at, e.n, e.step;
COMMIT;
SQL
[ "${SIM_QUEUE:-0}" = 1 ] || exit 0
sqlite3 "$db" <<SQL
BEGIN IMMEDIATE;
CREATE TEMP TABLE days AS
    WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < $days - 1)
    SELECT date('$from', '+' || n || ' days') AS day FROM d;
-- Each day and line's count drawn once, in a table of its own (see above).
CREATE TEMP TABLE qn AS
    SELECT day, id AS line, abs(random()) % 40 AS n FROM days, queue_lines
    WHERE strftime('%w', day) NOT IN ('0', '6') AND day < '$today';
CREATE TEMP TABLE qt AS
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 39)
    SELECT day, line, i, 480 + i * 12 + abs(random()) % 10 AS took, 5 + abs(random()) % 60 AS w,
           5 + abs(random()) % 30 AS s, abs(random()) % 100 < 15 AS skip, 1 + i % 4 AS counter
    FROM qn, k WHERE k.i <= qn.n;
INSERT INTO queue_events (kind, at, day, line_id, label, ticket_kind, counter, waited, served)
    SELECT kind, strftime('%Y-%m-%d %H:%M', day, '+' || m || ' minutes'), day, line,
           (SELECT letter FROM queue_lines WHERE id = line) || printf('%03d', i), 'walkin', c, w2, s2
    FROM (SELECT day, line, i, 'queue_take' AS kind, took AS m, NULL AS c, NULL AS w2, NULL AS s2, 0 AS o FROM qt
          UNION ALL SELECT day, line, i, 'queue_call', took + w, counter, w, NULL, 1 FROM qt
          UNION ALL SELECT day, line, i, 'queue_skip', took + w + 5, counter, NULL, NULL, 2 FROM qt WHERE skip
          UNION ALL SELECT day, line, i, 'queue_serve', took + w + 1, counter, NULL, NULL, 2 FROM qt WHERE NOT skip
          UNION ALL SELECT day, line, i, 'queue_finish', took + w + 1 + s, counter, NULL, s, 3 FROM qt WHERE NOT skip)
    ORDER BY day, m, line, i, o;
COMMIT;
SQL
