-- The central fleet database, schema version 3 (issue 19): the walk-in
-- queue. Each station's store keeps its queue's steps in a stream of its
-- own (queue_events: take, call, recall, serve, finish, skip, transfer),
-- numbered apart from the booking outbox; kiosk-sync (writing version 3)
-- sends it into fleet.queue_events, keyed on (station_id, seq) as the
-- booking events are, so a resend adds nothing. An event carries the line,
-- the kind of ticket (walkin, priority, appointment), the counter and the
-- minutes waited (a call: taken -> called) or served (a finish: serve ->
-- finish): no number (A012), no booking ticket, no phone. day is the day
-- the number was taken: a number finished after midnight counts on its own
-- day, as the station's store files it.
--
-- Run once, as the database owner, on a centre at version 2 (after
-- schema.sql and schema-v2.sql):
--   psql -v ON_ERROR_STOP=1 -d fleet -f tools/central/schema-v3.sql
-- Additive: every event, table and report of version 2 stays as it was.
-- kiosk-sync from this release writes to a centre at 2 or 3: at 2 it sends
-- the bookings and calls and keeps the queue's events waiting in the store,
-- so the stations are updated first and the centre after them (older
-- kiosk-syncs check for version 2 and stop until their station is updated;
-- docs/fleet.md, "Upgrading the centre").

\set ON_ERROR_STOP 1
BEGIN;

DO $$
BEGIN
    IF (SELECT max(version) FROM fleet.schema_version) IS DISTINCT FROM 2 THEN
        RAISE EXCEPTION 'schema-v3.sql upgrades fleet schema 2; this centre is at %',
            (SELECT max(version) FROM fleet.schema_version);
    END IF;
END
$$;
INSERT INTO fleet.schema_version (version) VALUES (3);

CREATE TABLE fleet.queue_events (
    station_id text NOT NULL REFERENCES fleet.stations,
    seq bigint NOT NULL CHECK (seq > 0),
    kind text NOT NULL CHECK (kind IN ('queue_take', 'queue_call', 'queue_recall', 'queue_serve',
                                       'queue_finish', 'queue_skip', 'queue_transfer')),
    at timestamp(0) NOT NULL,
    day date NOT NULL,
    line_id text NOT NULL CHECK (line_id ~ '^[a-z0-9_-]{1,23}$'),
    ticket_kind text NOT NULL CHECK (ticket_kind IN ('walkin', 'priority', 'appointment')),
    counter integer CHECK (counter BETWEEN 1 AND 99),
    to_line text CHECK (to_line ~ '^[a-z0-9_-]{1,23}$'),
    waited integer CHECK (waited >= 0),
    served integer CHECK (served >= 0),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, seq),
    -- What each step has, as the store writes it: a take no counter, a
    -- transfer its line, a call its wait, a finish its serving time.
    CHECK ((counter IS NULL) = (kind = 'queue_take')),
    CHECK ((to_line IS NOT NULL) = (kind = 'queue_transfer')),
    CHECK ((waited IS NOT NULL) = (kind = 'queue_call')),
    CHECK ((served IS NOT NULL) = (kind = 'queue_finish'))
);
-- The reports read a day range of all stations (the city's), or of each
-- station of a district (its 15 or so of the city's 150), and a range's
-- transfers.
CREATE INDEX queue_events_by_day ON fleet.queue_events (day, station_id);
CREATE INDEX queue_events_by_station_day ON fleet.queue_events (station_id, day);
CREATE INDEX queue_events_transfers ON fleet.queue_events (station_id, day)
    WHERE kind = 'queue_transfer';

-- Row-level security as for fleet.events: a station adds and reads only
-- its own; no UPDATE or DELETE for anyone but the owner.
ALTER TABLE fleet.queue_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY queue_events_station_add ON fleet.queue_events FOR INSERT TO fleet_station
    WITH CHECK (station_id = fleet.my_station());
CREATE POLICY queue_events_station_read ON fleet.queue_events FOR SELECT TO fleet_station
    USING (station_id = fleet.my_station());
CREATE POLICY queue_events_report_read ON fleet.queue_events FOR SELECT TO fleet_report
    USING (true);
GRANT SELECT, INSERT ON fleet.queue_events TO fleet_station;

-- ---- Reports: the walk-in queue ------------------------------------------------
-- The figures of both daily reports, for days in [from, until), of one
-- district or (NULL) all; per day (the number's), station and line
-- (by_station), or per district and day (the percentiles then over every
-- event of the district, not an average of the stations'):
--   taken       numbers taken (a number transferred in is not taken again)
--   walk_ins    of them walk-in and priority numbers (not appointments)
--   called      first calls (a recall is not counted again)
--   served      numbers that reached a counter's service
--   no_shows    numbers skipped as not there
--   wait_median, wait_p90    minutes from taking to the first call
--   serve_median, serve_p90  minutes from serve to finish
-- Percentiles are continuous (percentile_cont) over the events' whole
-- minutes, rounded to 0.1. Plain SQL, inlined: called with constants, the
-- days reach the (day, station_id) index.
CREATE FUNCTION fleet.queue_figures(p_from date, p_until date, p_district text,
                                    p_by_station boolean)
RETURNS TABLE (city text, district text, day date, station_id text, station_name text,
               line_id text, stations bigint, taken bigint, walk_ins bigint, called bigint,
               served bigint, no_shows bigint, wait_median numeric, wait_p90 numeric,
               serve_median numeric, serve_p90 numeric)
LANGUAGE sql STABLE
AS $$
SELECT st.city, st.district, e.day, CASE WHEN p_by_station THEN e.station_id END,
       CASE WHEN p_by_station THEN st.name END, CASE WHEN p_by_station THEN e.line_id END,
       count(DISTINCT e.station_id),
       count(*) FILTER (WHERE e.kind = 'queue_take')
           - count(*) FILTER (WHERE e.kind = 'transfer_in'),
       count(*) FILTER (WHERE e.kind = 'queue_take' AND e.ticket_kind <> 'appointment')
           - count(*) FILTER (WHERE e.kind = 'transfer_in' AND e.ticket_kind <> 'appointment'),
       count(*) FILTER (WHERE e.kind = 'queue_call'),
       count(*) FILTER (WHERE e.kind = 'queue_serve'),
       count(*) FILTER (WHERE e.kind = 'queue_skip'),
       -- Each percentile sorts only the rows that have its minutes.
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY e.waited)
              FILTER (WHERE e.kind = 'queue_call'))::numeric, 1),
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY e.waited)
              FILTER (WHERE e.kind = 'queue_call'))::numeric, 1),
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY e.served)
              FILTER (WHERE e.kind = 'queue_finish'))::numeric, 1),
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY e.served)
              FILTER (WHERE e.kind = 'queue_finish'))::numeric, 1)
FROM fleet.stations st
JOIN (SELECT q.station_id, q.day, q.line_id, q.kind, q.ticket_kind, q.waited, q.served
      FROM fleet.queue_events q
      UNION ALL
      -- A transfer puts the number on its new line: a take there that is
      -- not a new number.
      SELECT q.station_id, q.day, q.to_line, 'transfer_in', q.ticket_kind, NULL, NULL
      FROM fleet.queue_events q WHERE q.kind = 'queue_transfer') e
    ON e.station_id = st.station_id AND e.day >= p_from AND e.day < p_until
WHERE p_district IS NULL OR st.district = p_district
GROUP BY st.city, st.district, e.day, 4, 5, 6
$$;

-- The district's (or with NULL every station's) daily table: one row per
-- day, station and line.
CREATE FUNCTION fleet.daily_queue(p_from date, p_until date, p_district text)
RETURNS TABLE (day date, station_id text, station_name text, line_id text, taken bigint,
               walk_ins bigint, called bigint, served bigint, no_shows bigint,
               wait_median numeric, wait_p90 numeric, serve_median numeric, serve_p90 numeric)
LANGUAGE sql STABLE
AS $$
SELECT day, station_id, station_name, line_id, taken, walk_ins, called, served, no_shows,
       wait_median, wait_p90, serve_median, serve_p90
FROM fleet.queue_figures(p_from, p_until, p_district, true)
ORDER BY day, station_id, line_id
$$;

-- The city's daily table: one row per district and day, every station
-- and line of it together.
CREATE FUNCTION fleet.city_daily_queue(p_from date, p_until date)
RETURNS TABLE (city text, district text, day date, stations bigint, taken bigint,
               walk_ins bigint, called bigint, served bigint, no_shows bigint,
               wait_median numeric, wait_p90 numeric, serve_median numeric, serve_p90 numeric)
LANGUAGE sql STABLE
AS $$
SELECT city, district, day, stations, taken, walk_ins, called, served, no_shows,
       wait_median, wait_p90, serve_median, serve_p90
FROM fleet.queue_figures(p_from, p_until, NULL, false)
ORDER BY city, district, day
$$;

-- The waits drawn, for figures people compare: one line per station and
-- line over [from, until) of a district or (NULL) all, a bar of the median
-- wait (one block a minute, eighths for the rest, at most 60 wide; longer
-- ones end in an arrow) with the median and 90th percentile written after
-- it. psql prints it as it is:
--   SELECT * FROM fleet.queue_wait_chart('2026-12-01', '2026-12-08', '西岗区');
CREATE FUNCTION fleet.queue_wait_chart(p_from date, p_until date, p_district text)
RETURNS TABLE (station_id text, line_id text, waits text)
LANGUAGE sql STABLE
AS $$
WITH w AS (
    SELECT q.station_id, q.line_id, count(*) AS calls,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY q.waited) AS med,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY q.waited) AS p90
    FROM fleet.stations st
    JOIN fleet.queue_events q ON q.station_id = st.station_id AND q.kind = 'queue_call'
        AND q.day >= p_from AND q.day < p_until
    WHERE p_district IS NULL OR st.district = p_district
    GROUP BY q.station_id, q.line_id
)
SELECT station_id, line_id,
       rpad(repeat('█', least(floor(med), 60)::int)
            || CASE WHEN med > 60 THEN '→'
                    ELSE substr(' ▏▎▍▌▋▊▉', (floor((med - floor(med)) * 8))::int + 1, 1) END,
            62)
       || format('%s min (p90 %s, %s calls)', round(med::numeric, 1), round(p90::numeric, 1), calls)
FROM w
ORDER BY station_id, line_id
$$;

GRANT SELECT ON ALL TABLES IN SCHEMA fleet TO fleet_report;
GRANT EXECUTE ON FUNCTION fleet.queue_figures(date, date, text, boolean),
    fleet.daily_queue(date, date, text), fleet.city_daily_queue(date, date),
    fleet.queue_wait_chart(date, date, text) TO fleet_report;

COMMIT;
