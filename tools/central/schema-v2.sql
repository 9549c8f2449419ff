-- The central fleet database, schema version 2 (issue 17): calls for staff.
-- A resident pressed 找工作人员 on a kiosk (event kind 'call'), and staff
-- acknowledged it ('call_ack'); kiosk-sync (writing version 2) sends them
-- among the booking events, numbered in the same seq. Their payload is the
-- kiosk, the call's number on it, the screen id and, for call_ack, the
-- staff name: no ticket, phone or label of a resident. Run once, as the
-- database owner, on a centre at version 1 (after schema.sql):
--   psql -v ON_ERROR_STOP=1 -d fleet -f tools/central/schema-v2.sql
-- Additive for what is there: every event and report stays as it was.
-- kiosk-sync of releases before it checks for version 1 and stops (its
-- events wait in the stations' outboxes) until the station is updated.

\set ON_ERROR_STOP 1
BEGIN;

DO $$
BEGIN
    IF (SELECT max(version) FROM fleet.schema_version) IS DISTINCT FROM 1 THEN
        RAISE EXCEPTION 'schema-v2.sql upgrades fleet schema 1; this centre is at %',
            (SELECT max(version) FROM fleet.schema_version);
    END IF;
END
$$;
INSERT INTO fleet.schema_version (version) VALUES (2);

-- A call event has no booking: its booking columns are NULL, its call
-- columns set; a booking event the reverse (as the kiosk's outbox has it).
ALTER TABLE fleet.events DROP CONSTRAINT events_kind_check;
ALTER TABLE fleet.events ADD CONSTRAINT events_kind_check
    CHECK (kind IN ('created', 'cancelled', 'checked_in', 'no_show', 'attended', 'call', 'call_ack'));
ALTER TABLE fleet.events
    ALTER COLUMN status DROP NOT NULL,
    ALTER COLUMN ticket DROP NOT NULL,
    ALTER COLUMN session_id DROP NOT NULL,
    ALTER COLUMN service_id DROP NOT NULL,
    ALTER COLUMN category_id DROP NOT NULL,
    ALTER COLUMN service_name DROP NOT NULL,
    ALTER COLUMN session_date DROP NOT NULL,
    ALTER COLUMN session_start DROP NOT NULL,
    ALTER COLUMN session_end DROP NOT NULL,
    ALTER COLUMN capacity DROP NOT NULL,
    ALTER COLUMN party DROP NOT NULL,
    ADD COLUMN kiosk text CHECK (length(kiosk) BETWEEN 1 AND 32),
    ADD COLUMN call_id bigint CHECK (call_id > 0),
    ADD COLUMN screen text CHECK (screen ~ '^[a-z-]{1,23}$'),
    ADD COLUMN staff text CHECK (length(staff) BETWEEN 1 AND 64);
ALTER TABLE fleet.events ADD CONSTRAINT events_shape CHECK (
    CASE WHEN kind IN ('call', 'call_ack')
    THEN kiosk IS NOT NULL AND call_id IS NOT NULL AND screen IS NOT NULL
         AND (staff IS NOT NULL) = (kind = 'call_ack')
         AND num_nulls(status, ticket, session_id, service_id, category_id, service_name,
                       session_date, session_start, session_end, capacity, party) = 11
    ELSE num_nulls(status, ticket, session_id, service_id, category_id, service_name,
                   session_date, session_start, session_end, capacity, party) = 0
         AND num_nonnulls(kiosk, call_id, screen, staff) = 0
    END);

-- The trigger files booking events by ticket; a call has none.
DROP TRIGGER events_apply ON fleet.events;
CREATE TRIGGER events_apply AFTER INSERT ON fleet.events
FOR EACH ROW WHEN (NEW.kind NOT IN ('call', 'call_ack'))
EXECUTE FUNCTION fleet.apply_event();

CREATE INDEX events_calls ON fleet.events (at, station_id) WHERE kind = 'call';
CREATE INDEX events_call_acks ON fleet.events (station_id, kiosk, call_id) WHERE kind = 'call_ack';

-- ---- Report: calls for staff -------------------------------------------------
-- Per day (of the call), station and kiosk for days in [from, until), of
-- one district or (NULL) all: calls made, how many staff acknowledged
-- (so far), and the median minutes to the acknowledgement.
CREATE FUNCTION fleet.daily_calls(p_from date, p_until date, p_district text)
RETURNS TABLE (day date, station_id text, station_name text, kiosk text, calls bigint,
               acknowledged bigint, median_minutes_to_ack numeric)
LANGUAGE sql STABLE
AS $$
SELECT c.at::date, c.station_id, st.name, c.kiosk, count(*), count(a.at),
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.at - c.at) / 60))::numeric, 1)
FROM fleet.stations st
JOIN fleet.events c ON c.station_id = st.station_id AND c.kind = 'call'
    AND c.at >= p_from AND c.at < p_until
LEFT JOIN fleet.events a ON a.kind = 'call_ack' AND a.station_id = c.station_id
    AND a.kiosk = c.kiosk AND a.call_id = c.call_id
WHERE p_district IS NULL OR st.district = p_district
GROUP BY 1, c.station_id, st.name, c.kiosk
ORDER BY 1, c.station_id, c.kiosk
$$;

GRANT SELECT ON ALL TABLES IN SCHEMA fleet TO fleet_report;
GRANT EXECUTE ON FUNCTION fleet.daily_calls(date, date, text) TO fleet_report;

COMMIT;
