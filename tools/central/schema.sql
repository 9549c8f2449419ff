-- The central fleet database (PostgreSQL 15): every station's booking
-- events, the bookings they add up to, and the district and city reports.
-- docs/fleet.md explains it. Run once, as the database owner, in an empty
-- database:
--   psql -v ON_ERROR_STOP=1 -d fleet -f tools/central/schema.sql
-- Schema version 1. A later version is a new file (schema-v2.sql ...) that
-- checks fleet.schema_version first and adds its row; never edit this one
-- once a centre runs it.
--
-- Roles (made here when missing, NOLOGIN: they are groups):
--   fleet_station  each station's login role is a member of it; it may add
--                  events of its own station and read them back, nothing else
--   fleet_report   district and city staff: read everything, write nothing
-- A station is added with fleet.add_station(...), which also makes its
-- login role (the password or client certificate is set by the DBA).

\set ON_ERROR_STOP 1
BEGIN;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleet_station') THEN
        CREATE ROLE fleet_station NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleet_report') THEN
        CREATE ROLE fleet_report NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA fleet;
REVOKE ALL ON SCHEMA fleet FROM PUBLIC;
GRANT USAGE ON SCHEMA fleet TO fleet_station, fleet_report;

CREATE TABLE fleet.schema_version (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO fleet.schema_version (version) VALUES (1);

-- One row per station kiosk. station_id is the [station] id of its catalog.
CREATE TABLE fleet.stations (
    station_id text PRIMARY KEY CHECK (station_id ~ '^[a-z0-9_-]{1,40}$'),
    name text NOT NULL,
    district text NOT NULL,
    city text NOT NULL,
    db_role name NOT NULL UNIQUE
);
CREATE INDEX stations_by_district ON fleet.stations (city, district);

-- What the kiosks send: one row per booking event, numbered per station.
-- Times are the station's local wall-clock time, as on the kiosk. No phone
-- numbers, not even hashed (docs/fleet.md).
CREATE TABLE fleet.events (
    station_id text NOT NULL REFERENCES fleet.stations,
    seq bigint NOT NULL CHECK (seq > 0),
    kind text NOT NULL
        CHECK (kind IN ('created', 'cancelled', 'checked_in', 'no_show', 'attended')),
    at timestamp(0) NOT NULL,
    status text NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    ticket text NOT NULL CHECK (ticket ~ '^[A-Z0-9]{8}$'),
    session_id text NOT NULL,
    service_id text NOT NULL,
    category_id text NOT NULL,
    service_name text NOT NULL,
    session_date date NOT NULL,
    session_start time(0) NOT NULL,
    session_end time(0) NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    party integer NOT NULL CHECK (party BETWEEN 1 AND 9),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, seq)
);

-- What the events add up to, kept by the trigger below (stations cannot
-- write these tables themselves).
CREATE TABLE fleet.services (
    station_id text NOT NULL REFERENCES fleet.stations,
    service_id text NOT NULL,
    category_id text NOT NULL,
    name_zh text NOT NULL,
    PRIMARY KEY (station_id, service_id)
);
CREATE TABLE fleet.sessions (
    station_id text NOT NULL,
    session_id text NOT NULL,
    service_id text NOT NULL,
    date date NOT NULL,
    start time(0) NOT NULL,
    "end" time(0) NOT NULL,
    capacity integer NOT NULL,
    PRIMARY KEY (station_id, session_id),
    FOREIGN KEY (station_id, service_id) REFERENCES fleet.services
);
CREATE TABLE fleet.bookings (
    station_id text NOT NULL,
    ticket text NOT NULL,
    session_id text NOT NULL,
    service_id text NOT NULL,
    session_date date NOT NULL,
    party integer NOT NULL,
    status text NOT NULL,
    created_at timestamp(0) NOT NULL,
    updated_at timestamp(0) NOT NULL,
    last_seq bigint NOT NULL, -- the newest event applied
    PRIMARY KEY (station_id, ticket),
    FOREIGN KEY (station_id, session_id) REFERENCES fleet.sessions
);
CREATE INDEX bookings_by_date ON fleet.bookings (station_id, session_date);

-- The station of the connected role (NULL for any other role).
CREATE FUNCTION fleet.my_station() RETURNS text
LANGUAGE sql STABLE
SET search_path = fleet, pg_temp
AS $$ SELECT station_id FROM fleet.stations WHERE db_role = current_user $$;

-- Applies one new event. Runs as the schema owner, but only ever on an
-- event the row-level security below let in, so a station changes only
-- its own rows. A repeated event never gets here (ON CONFLICT DO NOTHING
-- inserts nothing, so no trigger fires).
CREATE FUNCTION fleet.apply_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = fleet, pg_temp
AS $$
BEGIN
    INSERT INTO fleet.services AS s (station_id, service_id, category_id, name_zh)
    VALUES (NEW.station_id, NEW.service_id, NEW.category_id, NEW.service_name)
    ON CONFLICT (station_id, service_id) DO UPDATE
        SET category_id = EXCLUDED.category_id, name_zh = EXCLUDED.name_zh
        WHERE (s.category_id, s.name_zh) IS DISTINCT FROM (EXCLUDED.category_id, EXCLUDED.name_zh);
    INSERT INTO fleet.sessions AS s (station_id, session_id, service_id, date, start, "end", capacity)
    VALUES (NEW.station_id, NEW.session_id, NEW.service_id, NEW.session_date, NEW.session_start,
            NEW.session_end, NEW.capacity)
    ON CONFLICT (station_id, session_id) DO UPDATE
        SET "end" = EXCLUDED."end", capacity = EXCLUDED.capacity
        WHERE (s."end", s.capacity) IS DISTINCT FROM (EXCLUDED."end", EXCLUDED.capacity);
    INSERT INTO fleet.bookings AS b (station_id, ticket, session_id, service_id, session_date,
                                     party, status, created_at, updated_at, last_seq)
    VALUES (NEW.station_id, NEW.ticket, NEW.session_id, NEW.service_id, NEW.session_date,
            NEW.party, NEW.status, NEW.at, NEW.at, NEW.seq)
    ON CONFLICT (station_id, ticket) DO UPDATE
        SET status = EXCLUDED.status, party = EXCLUDED.party, updated_at = EXCLUDED.updated_at,
            last_seq = EXCLUDED.last_seq
        WHERE b.last_seq < EXCLUDED.last_seq;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_apply AFTER INSERT ON fleet.events
FOR EACH ROW EXECUTE FUNCTION fleet.apply_event();

-- Row-level security: a station role sees and adds only its own events;
-- it has no UPDATE or DELETE at all.
ALTER TABLE fleet.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_station_add ON fleet.events FOR INSERT TO fleet_station
    WITH CHECK (station_id = fleet.my_station());
CREATE POLICY events_station_read ON fleet.events FOR SELECT TO fleet_station
    USING (station_id = fleet.my_station());
CREATE POLICY events_report_read ON fleet.events FOR SELECT TO fleet_report USING (true);
GRANT SELECT ON fleet.stations, fleet.schema_version TO fleet_station;
GRANT SELECT, INSERT ON fleet.events TO fleet_station;
GRANT EXECUTE ON FUNCTION fleet.my_station() TO fleet_station;

-- ---- Reports ---------------------------------------------------------------
-- Counted per station, service and week (Monday) of the session date:
-- bookings made, persons, and what became of them. attendance_pct is
-- attended out of those whose outcome is known (attended + no-show);
-- bookings still 'booked' (future, or not marked yet) and cancelled ones
-- are left out. The functions are plain SQL without SET options so that
-- PostgreSQL inlines them: called with constants, the date range and the
-- district reach the (station_id, session_date) and (session_date) indexes.
CREATE FUNCTION fleet.attendance_pct(attended bigint, no_shows bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE
AS $$ SELECT round(100.0 * attended / NULLIF(attended + no_shows, 0), 1) $$;

-- The counts for session dates in [from, until), of one district or (NULL) all.
CREATE FUNCTION fleet.weekly_counts(p_from date, p_until date, p_district text)
RETURNS TABLE (city text, district text, week date, station_id text, station_name text,
               service_id text, service_name text, bookings bigint, persons bigint,
               attended bigint, no_shows bigint, cancelled bigint)
LANGUAGE sql STABLE
AS $$
SELECT st.city, st.district, date_trunc('week', b.session_date)::date, b.station_id, st.name,
       b.service_id, sv.name_zh, count(*), sum(b.party),
       count(*) FILTER (WHERE b.status = 'checked_in'),
       count(*) FILTER (WHERE b.status = 'no_show'),
       count(*) FILTER (WHERE b.status = 'cancelled')
FROM fleet.stations st
JOIN fleet.bookings b ON b.station_id = st.station_id
    AND b.session_date >= p_from AND b.session_date < p_until
JOIN fleet.services sv ON sv.station_id = b.station_id AND sv.service_id = b.service_id
WHERE p_district IS NULL OR st.district = p_district
GROUP BY st.city, st.district, 3, b.station_id, st.name, b.service_id, sv.name_zh
$$;
CREATE INDEX bookings_by_session_date ON fleet.bookings (session_date);

-- The district's weekly table: one row per week, station and service.
CREATE FUNCTION fleet.district_weekly(p_district text, p_from date, p_until date)
RETURNS TABLE (week date, station_id text, station_name text, service_id text,
               service_name text, bookings bigint, persons bigint, attended bigint,
               no_shows bigint, cancelled bigint, attendance_pct numeric)
LANGUAGE sql STABLE
AS $$
SELECT week, station_id, station_name, service_id, service_name, bookings, persons, attended,
       no_shows, cancelled, fleet.attendance_pct(attended, no_shows)
FROM fleet.weekly_counts(p_from, p_until, p_district)
ORDER BY week, station_id, service_id
$$;

-- The city's weekly table: one row per district and week.
CREATE FUNCTION fleet.city_weekly(p_from date, p_until date)
RETURNS TABLE (city text, district text, week date, stations bigint, bookings bigint,
               persons bigint, attended bigint, no_shows bigint, cancelled bigint,
               attendance_pct numeric)
LANGUAGE sql STABLE
AS $$
SELECT city, district, week, count(DISTINCT station_id), sum(bookings)::bigint,
       sum(persons)::bigint, sum(attended)::bigint, sum(no_shows)::bigint,
       sum(cancelled)::bigint,
       fleet.attendance_pct(sum(attended)::bigint, sum(no_shows)::bigint)
FROM fleet.weekly_counts(p_from, p_until, NULL)
GROUP BY city, district, week
ORDER BY city, district, week
$$;

-- Every station, service and week ever, as a view for ad-hoc queries.
CREATE VIEW fleet.weekly_station_service AS
SELECT c.*, fleet.attendance_pct(c.attended, c.no_shows) AS attendance_pct
FROM fleet.weekly_counts('-infinity', 'infinity', NULL) c;

GRANT SELECT ON ALL TABLES IN SCHEMA fleet TO fleet_report;
GRANT EXECUTE ON FUNCTION fleet.district_weekly(text, date, date), fleet.city_weekly(date, date),
    fleet.weekly_counts(date, date, text), fleet.attendance_pct(bigint, bigint) TO fleet_report;

-- ---- Administration ----------------------------------------------------------
-- Adds a station and its login role (a member of fleet_station). The DBA
-- then gives the role a password or maps a client certificate to it.
CREATE FUNCTION fleet.add_station(p_station_id text, p_name text, p_district text, p_city text,
                                  p_role name)
RETURNS void
LANGUAGE plpgsql
SET search_path = fleet, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
        EXECUTE format('CREATE ROLE %I LOGIN IN ROLE fleet_station', p_role);
    ELSE
        EXECUTE format('GRANT fleet_station TO %I', p_role);
    END IF;
    INSERT INTO fleet.stations (station_id, name, district, city, db_role)
    VALUES (p_station_id, p_name, p_district, p_city, p_role);
END
$$;
REVOKE ALL ON FUNCTION fleet.add_station(text, text, text, text, name) FROM PUBLIC;

COMMIT;
