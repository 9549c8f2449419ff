-- The central fleet database, schema version 5 (issue 20): 好差评, the
-- residents' ratings of their visits. Each station's store keeps its
-- ratings in a stream of their own (ratings, numbered apart from the
-- booking outbox and the queue's events); kiosk-sync (writing version 5)
-- sends them into fleet.ratings, keyed on (station_id, seq) as the other
-- streams are, so a resend adds nothing. A rating carries the service, the
-- day of the visit, the level (5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1
-- 非常不满意), the reasons tapped and the channel it came by (lookup: at the
-- resident's next visit; code: home's 服务评价 with the ticket; staff: on a
-- staff member's prompt). Anonymous: no ticket, phone, label or time of
-- day, at the station nor here. A sensitive service is counted under its
-- service like any other: no person is behind a count.
--
-- Run once, as the database owner, on a centre at version 3 or 4 (after
-- schema.sql, schema-v2.sql, schema-v3.sql and, where run, schema-v4.sql):
--   psql -v ON_ERROR_STOP=1 -d fleet -f tools/central/schema-v5.sql
-- Additive: every event, table and report before it stays as it was.
-- kiosk-sync from this release writes to a centre at 2 to 5: below 5 it
-- sends what that centre has tables for and keeps the ratings waiting in
-- the store, so the stations are updated first and the centre after them
-- (docs/fleet.md, "Upgrading the centre").

\set ON_ERROR_STOP 1
BEGIN;

DO $$
BEGIN
    IF (SELECT max(version) FROM fleet.schema_version) NOT IN (3, 4) THEN
        RAISE EXCEPTION 'schema-v5.sql upgrades fleet schema 3 or 4; this centre is at %',
            (SELECT max(version) FROM fleet.schema_version);
    END IF;
END
$$;
INSERT INTO fleet.schema_version (version) VALUES (5);

CREATE TABLE fleet.ratings (
    station_id text NOT NULL REFERENCES fleet.stations,
    seq bigint NOT NULL CHECK (seq > 0),
    day date NOT NULL,
    service_id text NOT NULL CHECK (length(service_id) BETWEEN 1 AND 40),
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
    reasons text NOT NULL DEFAULT '' CHECK (reasons ~ '^([a-z]+(,[a-z]+)*)?$'),
    channel text NOT NULL CHECK (channel IN ('lookup', 'code', 'staff')),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, seq)
);
CREATE INDEX ratings_by_day ON fleet.ratings (day, station_id);
CREATE INDEX ratings_by_station_day ON fleet.ratings (station_id, day);

-- Row-level security as for fleet.events: a station adds and reads only
-- its own; no UPDATE or DELETE for anyone but the owner.
ALTER TABLE fleet.ratings ENABLE ROW LEVEL SECURITY;
CREATE POLICY ratings_station_add ON fleet.ratings FOR INSERT TO fleet_station
    WITH CHECK (station_id = fleet.my_station());
CREATE POLICY ratings_station_read ON fleet.ratings FOR SELECT TO fleet_station
    USING (station_id = fleet.my_station());
CREATE POLICY ratings_report_read ON fleet.ratings FOR SELECT TO fleet_report
    USING (true);
GRANT SELECT, INSERT ON fleet.ratings TO fleet_station;

-- ---- Reports: satisfaction ---------------------------------------------------
-- The share 满意 or better (levels 4 and 5) of the ratings, in percent.
CREATE FUNCTION fleet.good_pct(good bigint, ratings bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE
AS $$ SELECT round(100.0 * good / NULLIF(ratings, 0), 1) $$;

-- The counts for visit days in [from, until), of one district or (NULL)
-- all, per week (Monday) and service; per station too (by_station), or
-- every station of the district together. Plain SQL, inlined: the days
-- reach the (day, station_id) index.
CREATE FUNCTION fleet.rating_counts(p_from date, p_until date, p_district text,
                                    p_by_station boolean)
RETURNS TABLE (city text, district text, week date, station_id text, station_name text,
               service_id text, stations bigint, ratings bigint, very_satisfied bigint,
               satisfied bigint, fairly_satisfied bigint, dissatisfied bigint,
               very_dissatisfied bigint, good bigint)
LANGUAGE sql STABLE
AS $$
SELECT st.city, st.district, date_trunc('week', r.day)::date,
       CASE WHEN p_by_station THEN r.station_id END, CASE WHEN p_by_station THEN st.name END,
       r.service_id, count(DISTINCT r.station_id), count(*),
       count(*) FILTER (WHERE r.level = 5), count(*) FILTER (WHERE r.level = 4),
       count(*) FILTER (WHERE r.level = 3), count(*) FILTER (WHERE r.level = 2),
       count(*) FILTER (WHERE r.level = 1), count(*) FILTER (WHERE r.level >= 4)
FROM fleet.stations st
JOIN fleet.ratings r ON r.station_id = st.station_id AND r.day >= p_from AND r.day < p_until
WHERE p_district IS NULL OR st.district = p_district
GROUP BY st.city, st.district, 3, 4, 5, r.service_id
$$;

-- The district's weekly satisfaction: one row per week, station and
-- service, with the service's name as the station's bookings gave it.
CREATE FUNCTION fleet.district_satisfaction(p_district text, p_from date, p_until date)
RETURNS TABLE (week date, station_id text, station_name text, service_id text,
               service_name text, ratings bigint, very_satisfied bigint, satisfied bigint,
               fairly_satisfied bigint, dissatisfied bigint, very_dissatisfied bigint,
               good_pct numeric)
LANGUAGE sql STABLE
AS $$
SELECT c.week, c.station_id, c.station_name, c.service_id, sv.name_zh, c.ratings,
       c.very_satisfied, c.satisfied, c.fairly_satisfied, c.dissatisfied, c.very_dissatisfied,
       fleet.good_pct(c.good, c.ratings)
FROM fleet.rating_counts(p_from, p_until, p_district, true) c
LEFT JOIN fleet.services sv ON sv.station_id = c.station_id AND sv.service_id = c.service_id
ORDER BY c.week, c.station_id, c.service_id
$$;

-- The city's weekly satisfaction: one row per district, week and service,
-- every station of the district together.
CREATE FUNCTION fleet.city_satisfaction(p_from date, p_until date)
RETURNS TABLE (city text, district text, week date, service_id text, stations bigint,
               ratings bigint, very_satisfied bigint, satisfied bigint, fairly_satisfied bigint,
               dissatisfied bigint, very_dissatisfied bigint, good_pct numeric)
LANGUAGE sql STABLE
AS $$
SELECT city, district, week, service_id, stations, ratings, very_satisfied, satisfied,
       fairly_satisfied, dissatisfied, very_dissatisfied, fleet.good_pct(good, ratings)
FROM fleet.rating_counts(p_from, p_until, NULL, false)
ORDER BY city, district, week, service_id
$$;

-- Satisfaction drawn, for figures people compare: one line per station and
-- service over [from, until) of a district or (NULL) all, a bar of the
-- share 满意 or better (a block each 5%, eighths for the rest, 20 wide at
-- 100%) with the share, the ratings and how many were 不满意 or worse
-- written after it. psql prints it as it is:
--   SELECT * FROM fleet.satisfaction_chart('2026-12-01', '2027-01-01', '西岗区');
CREATE FUNCTION fleet.satisfaction_chart(p_from date, p_until date, p_district text)
RETURNS TABLE (station_id text, service_id text, satisfaction text)
LANGUAGE sql STABLE
AS $$
WITH s AS (
    SELECT r.station_id, r.service_id, count(*) AS n,
           100.0 * count(*) FILTER (WHERE r.level >= 4) / count(*) AS pct,
           count(*) FILTER (WHERE r.level <= 2) AS low
    FROM fleet.stations st
    JOIN fleet.ratings r ON r.station_id = st.station_id AND r.day >= p_from AND r.day < p_until
    WHERE p_district IS NULL OR st.district = p_district
    GROUP BY r.station_id, r.service_id
)
SELECT station_id, service_id,
       rpad(repeat('█', floor(pct / 5)::int)
            || substr(' ▏▎▍▌▋▊▉', (floor((pct / 5 - floor(pct / 5)) * 8))::int + 1, 1), 22)
       || format('%s%% 满意及以上 (%s ratings, %s 不满意及以下)', round(pct, 1), n, low)
FROM s
ORDER BY station_id, service_id
$$;

GRANT SELECT ON ALL TABLES IN SCHEMA fleet TO fleet_report;
GRANT EXECUTE ON FUNCTION fleet.good_pct(bigint, bigint),
    fleet.rating_counts(date, date, text, boolean), fleet.district_satisfaction(text, date, date),
    fleet.city_satisfaction(date, date), fleet.satisfaction_chart(date, date, text)
    TO fleet_report;

COMMIT;
