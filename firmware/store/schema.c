/* The schema and its migrations (PRAGMA user_version): the SQL of every
 * version and the one transaction that brings a file up to date. Its own
 * file because steps, once shipped, are never edited, only appended. */
#include <stdio.h>

#include "store_int.h"

/* ---- Schema and migrations ------------------------------------------------
 *
 * Each step brings the file from version - 1 to version inside the one
 * migration transaction; a new version is a new entry at the end. Steps are
 * never edited once shipped: a kiosk in the field may be at any of them.
 * docs/store.md documents the result for staff. */

/* Persons of booked + checked_in must fit the capacity. The booking
 * transaction already checks it; the triggers are there for everything else
 * that can write the file (a staff sqlite3 shell, a future bug). A missing
 * session counts as capacity 0 because the shell runs without foreign_keys. */
static const char schema_v1[] =
    "CREATE TABLE meta (\n"
    "    key TEXT PRIMARY KEY,\n"
    "    value TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE categories (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL,\n"
    "    sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))\n"
    ");\n"
    "CREATE TABLE services (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    category_id TEXT NOT NULL REFERENCES categories (id),\n"
    "    name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL,\n"
    "    location_zh TEXT NOT NULL DEFAULT '',\n"
    "    duration INTEGER NOT NULL DEFAULT 0,\n"
    "    sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))\n"
    ");\n"
    "CREATE TABLE sessions (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    service_id TEXT NOT NULL REFERENCES services (id),\n"
    "    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "    start TEXT NOT NULL CHECK (start GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
    "    end TEXT NOT NULL CHECK (end GLOB '[0-2][0-9]:[0-5][0-9]' AND end > start),\n"
    "    capacity INTEGER NOT NULL CHECK (capacity > 0),\n"
    "    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'withdrawn'))\n"
    ");\n"
    "CREATE INDEX sessions_by_date ON sessions (date, start, service_id);\n"
    "CREATE INDEX sessions_by_service ON sessions (service_id, date);\n"
    "CREATE TABLE bookings (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    ticket TEXT NOT NULL UNIQUE,\n"
    "    session_id TEXT NOT NULL REFERENCES sessions (id),\n"
    "    phone TEXT,\n"
    "    party INTEGER NOT NULL CHECK (party BETWEEN 1 AND 9),\n"
    "    status TEXT NOT NULL DEFAULT 'booked'\n"
    "        CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL\n"
    ");\n"
    "CREATE UNIQUE INDEX bookings_one_per_phone ON bookings (session_id, phone)\n"
    "    WHERE status IN ('booked', 'checked_in');\n"
    "CREATE INDEX bookings_by_session ON bookings (session_id, status);\n"
    "CREATE INDEX bookings_by_phone ON bookings (phone, status);\n"
    "CREATE TRIGGER bookings_capacity_insert BEFORE INSERT ON bookings\n"
    "WHEN NEW.status IN ('booked', 'checked_in')\n"
    "BEGIN\n"
    "    SELECT RAISE(ABORT, 'booking over session capacity')\n"
    "    WHERE NEW.party + (SELECT COALESCE(SUM(party), 0) FROM bookings\n"
    "                       WHERE session_id = NEW.session_id\n"
    "                         AND status IN ('booked', 'checked_in'))\n"
    "        > COALESCE((SELECT capacity FROM sessions WHERE id = NEW.session_id), 0);\n"
    "END;\n"
    /* Only a booking that starts to count, or grows, is checked: checking in
     * must still work after a re-import lowered the capacity below the
     * persons already booked. */
    "CREATE TRIGGER bookings_capacity_update BEFORE UPDATE OF status, party, session_id\n"
    "ON bookings\n"
    "WHEN NEW.status IN ('booked', 'checked_in')\n"
    "    AND (OLD.status NOT IN ('booked', 'checked_in') OR NEW.party > OLD.party\n"
    "         OR NEW.session_id IS NOT OLD.session_id)\n"
    "BEGIN\n"
    "    SELECT RAISE(ABORT, 'booking over session capacity')\n"
    "    WHERE NEW.party + (SELECT COALESCE(SUM(party), 0) FROM bookings\n"
    "                       WHERE session_id = NEW.session_id AND id <> OLD.id\n"
    "                         AND status IN ('booked', 'checked_in'))\n"
    "        > COALESCE((SELECT capacity FROM sessions WHERE id = NEW.session_id), 0);\n"
    "END;\n";

/* Staff mode. The store keeps PIN hashes, never PINs; the CHECK refuses
 * anything that is not a libsodium Argon2 string, so a PIN typed into the
 * sqlite3 shell (or passed by a bug) cannot end up in the file. The auth
 * table has exactly one row: the login throttle is per kiosk, not per name,
 * since a wrong PIN names nobody. Audit rows are kept, like bookings. */
static const char schema_v2[] =
    "CREATE TABLE staff (\n"
    "    name TEXT PRIMARY KEY CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 32),\n"
    "    pin_hash TEXT NOT NULL CHECK (pin_hash GLOB '$argon2*'),\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE auth (\n"
    "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),\n"
    "    lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),\n"
    "    locked_until TEXT\n"
    ");\n"
    "INSERT INTO auth (id, failures, lockouts, locked_until) VALUES (1, 0, 0, NULL);\n"
    "CREATE TABLE audit (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    at TEXT NOT NULL,\n"
    "    staff TEXT NOT NULL,\n"
    "    action TEXT NOT NULL,\n"
    "    ticket TEXT,\n"
    "    session_id TEXT,\n"
    "    detail TEXT\n"
    ");\n"
    "CREATE INDEX audit_by_at ON audit (at);\n";

/* Fleet sync. Every booking event (created, and each status change) gets
 * one outbox row in the transaction that makes the change; seq, never
 * reused (AUTOINCREMENT), is the station's event number the centre keys
 * on. A row carries what the centre needs to file it without asking back:
 * the session and service as they were at that moment. No phone number
 * (docs/fleet.md says why). sync has one row: how far kiosk-sync got.
 * The bookings already in the file become events too, in booking order,
 * so that the centre sees the station's whole history. */
static const char schema_v3[] =
    "CREATE TABLE outbox (\n"
    "    seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "    kind TEXT NOT NULL\n"
    "        CHECK (kind IN ('created', 'cancelled', 'checked_in', 'no_show', 'attended')),\n"
    "    at TEXT NOT NULL,\n"
    "    ticket TEXT NOT NULL,\n"
    "    session_id TEXT NOT NULL,\n"
    "    service_id TEXT NOT NULL,\n"
    "    category_id TEXT NOT NULL,\n"
    "    service_name TEXT NOT NULL,\n"
    "    date TEXT NOT NULL,\n"
    "    start TEXT NOT NULL,\n"
    "    end TEXT NOT NULL,\n"
    "    capacity INTEGER NOT NULL,\n"
    "    party INTEGER NOT NULL,\n"
    "    status TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE sync (\n"
    "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    sent_seq INTEGER NOT NULL DEFAULT 0,\n"
    "    last_attempt TEXT,\n"
    "    last_ok TEXT,\n"
    "    last_error TEXT,\n"
    "    last_error_at TEXT,\n"
    "    failing INTEGER NOT NULL DEFAULT 0 CHECK (failing IN (0, 1))\n"
    ");\n"
    "INSERT INTO sync (id) VALUES (1);\n"
    "INSERT INTO outbox (" OUTBOX_COLS ")\n"
    "    SELECT 'created', b.created_at, 'booked'," OUTBOX_SELECT " ORDER BY b.id;\n"
    "INSERT INTO outbox (" OUTBOX_COLS ")\n"
    "    SELECT b.status, b.updated_at, b.status," OUTBOX_SELECT "\n"
    "    WHERE b.status <> 'booked' ORDER BY b.updated_at, b.id;\n";

/* Abuse limits (issue 14, item 7). A booking made at a kiosk says which
 * kiosk and which visit (attract to attract) made it, so that the booking
 * transaction can count what one visit and one kiosk booked; a visit or a
 * kiosk that meets its limit is flagged as a burst, its bookings tagged,
 * for staff to release in one step. cancelled_by names the staff member
 * who cancelled (a resident's own cancel leaves it NULL), so the resident
 * sees who did. Columns only added, with NULL for every existing row. */
static const char schema_v4[] =
    "ALTER TABLE bookings ADD COLUMN kiosk TEXT;\n"
    "ALTER TABLE bookings ADD COLUMN visit INTEGER;\n"
    "ALTER TABLE bookings ADD COLUMN burst INTEGER;\n"
    "ALTER TABLE bookings ADD COLUMN cancelled_by TEXT;\n"
    "CREATE INDEX bookings_by_kiosk ON bookings (kiosk, created_at);\n"
    "CREATE INDEX bookings_by_visit ON bookings (kiosk, visit);\n"
    "CREATE INDEX bookings_by_burst ON bookings (burst) WHERE burst IS NOT NULL;\n"
    "CREATE TABLE bursts (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    kiosk TEXT NOT NULL,\n"
    "    kind TEXT NOT NULL CHECK (kind IN ('visit', 'service')),\n"
    "    visit INTEGER,\n"
    "    service_id TEXT,\n"
    "    first_at TEXT NOT NULL,\n"
    "    last_at TEXT NOT NULL,\n"
    "    refused INTEGER NOT NULL DEFAULT 1,\n"
    "    released_at TEXT,\n"
    "    released_by TEXT,\n"
    "    reason TEXT\n"
    ");\n";

/* Calls for staff (issue 17): a resident pressed 找工作人员 on a kiosk.
 * Which kiosk and visit, when, and on which screen (a screen id, never
 * anything typed: the CHECK keeps it to letters and dashes, so no phone
 * number can be stored here). alerts counts how often staff were alerted
 * (the first alert and each repeat while nobody acknowledged), alerted_at
 * the last time; acked_at and acked_by say who acknowledged. A new table
 * only: releases of schema 3 and 4 may go on using the file. */
static const char schema_v5[] =
    "CREATE TABLE calls (\n"
    "    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "    kiosk TEXT NOT NULL,\n"
    "    visit INTEGER,\n"
    "    at TEXT NOT NULL,\n"
    "    screen TEXT NOT NULL CHECK (length(screen) BETWEEN 1 AND 23\n"
    "                                AND screen NOT GLOB '*[^a-z-]*'),\n"
    "    alerts INTEGER NOT NULL DEFAULT 1 CHECK (alerts >= 1),\n"
    "    alerted_at TEXT NOT NULL,\n"
    "    acked_at TEXT,\n"
    "    acked_by TEXT\n"
    ");\n"
    "CREATE INDEX calls_open ON calls (kiosk, visit) WHERE acked_at IS NULL;\n";

/* Booking for someone else (issue 16, i16house): for_label names the
 * person served (张奶奶, 孙子; NULL: the booker) and is personal data like
 * the phone (purged with it, never in the outbox); booked_by says who made
 * the booking (the channel 'kiosk' or 'kioskctl', or a staff name; NULL
 * for rows from before). One active booking per person served and session,
 * not per phone, so a daughter books her father and mother into the same
 * session: the label is part of the unique key (COALESCE, since NULLs are
 * distinct in a unique index and the booker themself is NULL). A booking
 * with no phone has no such key (phone NULL is distinct). Additive: an
 * older release writes NULL labels, and its own per-phone check is
 * stricter than this index. */
static const char schema_v6[] =
    "ALTER TABLE bookings ADD COLUMN for_label TEXT\n"
    "    CHECK (for_label IS NULL OR length(CAST(for_label AS BLOB)) BETWEEN 1 AND 24);\n"
    "ALTER TABLE bookings ADD COLUMN booked_by TEXT;\n"
    "DROP INDEX bookings_one_per_phone;\n"
    "CREATE UNIQUE INDEX bookings_one_per_person\n"
    "    ON bookings (session_id, phone, COALESCE(for_label, ''))\n"
    "    WHERE status IN ('booked', 'checked_in');\n";

/* Calls in the outbox (issue 17, i17outbox): a call for staff and its
 * acknowledgement are events for the centre's reports, written in the
 * transaction of the call (call.c). Their payload is the kiosk, the call's
 * number on it, the screen id and, for call_ack, the staff name: never a
 * ticket, phone or label. SQLite cannot widen a CHECK or drop a NOT NULL
 * in place, so the table is made anew and every row copied with its seq
 * (the centre keys on it, and sync.sent_seq points into it); the AUTOINCREMENT
 * counter is carried over too, so a number used once is never used again.
 * The table-wide CHECK keeps the two shapes apart: a booking event has every
 * booking column and no call column, a call event the reverse. Not
 * additive: an older kiosk-sync would send a call row as a booking event
 * with an empty ticket, which the centre cannot file, so the floor rises to
 * 7 and older releases refuse the file (docs/store.md). */
static const char schema_v7[] =
    "CREATE TABLE outbox_v7 (\n"
    "    seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "    kind TEXT NOT NULL\n"
    "        CHECK (kind IN ('created', 'cancelled', 'checked_in', 'no_show', 'attended',\n"
    "                        'call', 'call_ack')),\n"
    "    at TEXT NOT NULL,\n"
    "    ticket TEXT,\n"
    "    session_id TEXT,\n"
    "    service_id TEXT,\n"
    "    category_id TEXT,\n"
    "    service_name TEXT,\n"
    "    date TEXT,\n"
    "    start TEXT,\n"
    "    end TEXT,\n"
    "    capacity INTEGER,\n"
    "    party INTEGER,\n"
    "    status TEXT,\n"
    "    kiosk TEXT,\n"
    "    call_id INTEGER,\n"
    "    screen TEXT CHECK (length(screen) BETWEEN 1 AND 23 AND screen NOT GLOB '*[^a-z-]*'),\n"
    "    staff TEXT,\n"
    "    CHECK (CASE WHEN kind IN ('call', 'call_ack')\n"
    "        THEN kiosk IS NOT NULL AND call_id IS NOT NULL AND screen IS NOT NULL\n"
    "             AND (staff IS NOT NULL) = (kind = 'call_ack')\n"
    "             AND COALESCE(ticket, session_id, service_id, category_id, service_name,\n"
    "                          date, start, end, capacity, party, status) IS NULL\n"
    "        ELSE ticket IS NOT NULL AND session_id IS NOT NULL AND service_id IS NOT NULL\n"
    "             AND category_id IS NOT NULL AND service_name IS NOT NULL\n"
    "             AND date IS NOT NULL AND start IS NOT NULL AND end IS NOT NULL\n"
    "             AND capacity IS NOT NULL AND party IS NOT NULL AND status IS NOT NULL\n"
    "             AND COALESCE(kiosk, call_id, screen, staff) IS NULL END)\n"
    ");\n"
    "INSERT INTO outbox_v7 (seq, " OUTBOX_COLS ")\n"
    "    SELECT seq, " OUTBOX_COLS " FROM outbox ORDER BY seq;\n"
    "DELETE FROM sqlite_sequence WHERE name = 'outbox_v7';\n"
    "INSERT INTO sqlite_sequence (name, seq)\n"
    "    SELECT 'outbox_v7', max(seq) FROM (SELECT seq FROM sqlite_sequence WHERE name = 'outbox'\n"
    "                                       UNION ALL SELECT max(seq) FROM outbox)\n"
    "    HAVING max(seq) IS NOT NULL;\n"
    "DROP TABLE outbox;\n"
    "ALTER TABLE outbox_v7 RENAME TO outbox;\n";

/* The walk-in queue (issue 19, core/queue.h the rule, queue.c). The lines
 * come from the catalog (kept, made inactive when the catalog drops one, as
 * categories are); queue_days holds staff's closing or capping of a line
 * for one day. A ticket is a number of one line on one day: the number
 * restarts each day, UNIQUE with its day and line, and is given as max + 1
 * in the taking transaction, so no number is given twice or skipped; label
 * is the number as printed (A012), kept as it was given even if the
 * catalog later gives the line another letter. A transfer ends the ticket
 * (transferred) and puts a row without a number of its own, under the same
 * label, on the other line (from_id). called_as and call_seq say how and
 * in which order the rule called a ticket (the interleave counts regular
 * calls since the last priority one). An appointment names its booking and
 * its slot; services.queue_line (the catalog's line = ID, NULL: none) is
 * the line a checked-in booking of the service joins. One called or serving ticket per counter and day. Events for
 * the centre wait in queue_events, a stream of their own that kiosk-sync
 * does not send yet (docs/fleet.md): the booking outbox, its seq and the
 * centre's schema stay as they were, so the step is additive and releases
 * of schema 7 may go on using the file. No personal data anywhere here: a
 * booking's ticket code is the only link to a person, and it stays out of
 * the events. */
static const char schema_v8[] =
    "CREATE TABLE queue_lines (\n"
    "    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 23 AND id NOT GLOB '*[^a-z0-9_-]*'),\n"
    "    letter TEXT NOT NULL CHECK (length(letter) = 1 AND letter BETWEEN 'A' AND 'Z'),\n"
    "    name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL,\n"
    "    cap INTEGER NOT NULL CHECK (cap BETWEEN 1 AND 999),\n"
    "    sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))\n"
    ");\n"
    "CREATE TABLE queue_days (\n"
    "    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "    line_id TEXT NOT NULL REFERENCES queue_lines (id),\n"
    "    closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),\n"
    "    cap INTEGER CHECK (cap IS NULL OR cap BETWEEN 0 AND 999),\n"
    "    updated_at TEXT NOT NULL,\n"
    "    updated_by TEXT NOT NULL,\n"
    "    PRIMARY KEY (day, line_id)\n"
    ");\n"
    "CREATE TABLE queue_tickets (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "    line_id TEXT NOT NULL REFERENCES queue_lines (id),\n"
    "    number INTEGER CHECK (number IS NULL OR number BETWEEN 1 AND 999),\n"
    "    label TEXT NOT NULL CHECK (label GLOB '[A-Z][0-9][0-9][0-9]'),\n"
    "    kind TEXT NOT NULL CHECK (kind IN ('walkin', 'priority', 'appointment')),\n"
    "    booking TEXT REFERENCES bookings (ticket),\n"
    "    booked_at TEXT,\n"
    "    status TEXT NOT NULL DEFAULT 'waiting'\n"
    "        CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', "
    "'transferred')),\n"
    "    taken_at TEXT NOT NULL,\n"
    "    called_at TEXT,\n"
    "    served_at TEXT,\n"
    "    finished_at TEXT,\n"
    "    counter INTEGER CHECK (counter IS NULL OR counter BETWEEN 1 AND 99),\n"
    "    recalls INTEGER NOT NULL DEFAULT 0 CHECK (recalls >= 0),\n"
    "    called_as TEXT CHECK (called_as IN ('regular', 'priority', 'appointment')),\n"
    "    call_seq INTEGER,\n"
    "    from_id INTEGER REFERENCES queue_tickets (id),\n"
    "    CHECK ((kind = 'appointment') = (booking IS NOT NULL AND booked_at IS NOT NULL)),\n"
    "    CHECK ((number IS NULL) = (from_id IS NOT NULL)),\n"
    "    CHECK (status = 'waiting' OR status = 'transferred' OR counter IS NOT NULL),\n"
    "    UNIQUE (day, line_id, number)\n"
    ");\n"
    "CREATE INDEX queue_tickets_waiting ON queue_tickets (day, status, line_id);\n"
    "CREATE UNIQUE INDEX queue_tickets_counter ON queue_tickets (day, counter)\n"
    "    WHERE status IN ('called', 'serving');\n"
    "CREATE INDEX queue_tickets_booking ON queue_tickets (booking) WHERE booking IS NOT NULL;\n"
    "CREATE TABLE queue_events (\n"
    "    seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "    kind TEXT NOT NULL CHECK (kind IN ('queue_take', 'queue_call', 'queue_recall',\n"
    "                                       'queue_serve', 'queue_finish', 'queue_skip',\n"
    "                                       'queue_transfer')),\n"
    "    at TEXT NOT NULL,\n"
    "    day TEXT NOT NULL,\n"
    "    line_id TEXT NOT NULL,\n"
    "    label TEXT NOT NULL,\n"
    "    ticket_kind TEXT NOT NULL,\n"
    "    counter INTEGER,\n"
    "    to_line TEXT,\n"
    "    waited INTEGER,\n"
    "    served INTEGER\n"
    ");\n"
    "ALTER TABLE services ADD COLUMN queue_line TEXT;\n";

/* t (issue 20): courses with terms. terms holds the catalog's [term ID]
 * sections (active 0 once a catalog drops one; kept for its enrolments);
 * an enrolment is one child (phone and label, as a booking's) in one
 * term, with its own ticket code, and holds one booking per session of
 * the term (bookings.enrolment), so capacity, check-in, attendance, the
 * export and the outbox go the booking's way. Additive: older releases
 * see the bookings as single ones (and count each towards the limits). */
static const char schema_v9[] =
    "CREATE TABLE terms (\n"
    "    id TEXT PRIMARY KEY,\n"
    "    service_id TEXT NOT NULL REFERENCES services (id),\n"
    "    name_zh TEXT NOT NULL,\n"
    "    name_en TEXT NOT NULL,\n"
    "    date_from TEXT NOT NULL,\n"
    "    date_to TEXT NOT NULL CHECK (date_to >= date_from),\n"
    "    places INTEGER NOT NULL CHECK (places >= 1),\n"
    "    age_min INTEGER,\n"
    "    age_max INTEGER,\n"
    "    sort INTEGER NOT NULL,\n"
    "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))\n"
    ");\n"
    "CREATE TABLE enrolments (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    ticket TEXT NOT NULL UNIQUE,\n"
    "    term_id TEXT NOT NULL REFERENCES terms (id),\n"
    "    phone TEXT,\n"
    "    for_label TEXT,\n"
    "    status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'dropped')),\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL,\n"
    "    kiosk TEXT,\n"
    "    booked_by TEXT\n"
    ");\n"
    "CREATE UNIQUE INDEX enrolments_one_per_person ON enrolments\n"
    "    (term_id, phone, COALESCE(for_label, '')) WHERE status = 'enrolled' AND phone IS NOT NULL;\n"
    "ALTER TABLE bookings ADD COLUMN enrolment INTEGER REFERENCES enrolments (id);\n"
    "CREATE INDEX bookings_enrolment ON bookings (enrolment) WHERE enrolment IS NOT NULL;\n";
/* issue 20 (F): 好差评. A booking is rated once (bookings.rated), and a
 * staff member may ask the kiosk to offer the rating of one attended
 * visit (bookings.rate_prompt_at, until rated, dropped or stale). The
 * rating row is anonymous even here: the service, the station, the
 * session's day, the level, the reasons and the channel, never a ticket,
 * phone, label or time of day (docs/security.md); its seq numbers the
 * ratings' own stream to the centre (meta rating_sent_seq, as the
 * queue's events). Staff note a low rating followed up (audited). New
 * columns with defaults, a new table and indexes: additive, releases of
 * schema 7 and 8 keep booking in the file (they write rated = 0). */
static const char schema_v11[] =
    "ALTER TABLE bookings ADD COLUMN rated INTEGER NOT NULL DEFAULT 0 CHECK (rated IN (0, 1));\n"
    "ALTER TABLE bookings ADD COLUMN rate_prompt_at TEXT;\n"
    "CREATE INDEX bookings_rate_prompt ON bookings (rate_prompt_at)\n"
    "    WHERE rate_prompt_at IS NOT NULL;\n"
    "CREATE TABLE ratings (\n"
    "    seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "    station_id TEXT NOT NULL,\n"
    "    service_id TEXT NOT NULL,\n"
    "    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),\n"
    "    reasons TEXT NOT NULL DEFAULT '' CHECK (reasons NOT GLOB '*[^a-z,]*'),\n"
    "    channel TEXT NOT NULL CHECK (channel IN ('lookup', 'code', 'staff')),\n"
    "    followed_at TEXT,\n"
    "    followed_by TEXT,\n"
    "    note TEXT,\n"
    "    CHECK ((followed_at IS NULL) = (followed_by IS NULL))\n"
    ");\n"
    "CREATE INDEX ratings_low_open ON ratings (level) WHERE level <= 2 AND followed_at IS NULL;\n";
/* i20wait (issue 20): the waitlist. A row names what it waits for
 * (target_kind, target_id: a session now, a course term later) and the
 * person as a booking does (phone, label, persons). Its place is the join
 * order (id) among the rows still waiting; held says the seat freed for it
 * became a real booking (ticket) kept until held_until for staff to phone;
 * taken: confirmed (or checked in); expired: the hold passed, or the
 * session started while it waited; withdrawn: the resident or staff took
 * it off. One row waiting or held per person and target. Additive: a new
 * table, which releases of schema 7 never read. */
static const char schema_v10[] =
    "CREATE TABLE waitlist (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    target_kind TEXT NOT NULL DEFAULT 'session' CHECK (target_kind IN ('session', 'term')),\n"
    "    target_id TEXT NOT NULL,\n"
    "    phone TEXT,\n"
    "    for_label TEXT\n"
    "        CHECK (for_label IS NULL OR length(CAST(for_label AS BLOB)) BETWEEN 1 AND 24),\n"
    "    party INTEGER NOT NULL CHECK (party BETWEEN 1 AND 9),\n"
    "    status TEXT NOT NULL DEFAULT 'waiting'\n"
    "        CHECK (status IN ('waiting', 'held', 'taken', 'expired', 'withdrawn')),\n"
    "    created_at TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL,\n"
    "    held_until TEXT,\n"
    "    ticket TEXT REFERENCES bookings (ticket),\n"
    "    added_by TEXT NOT NULL,\n"
    "    kiosk TEXT,\n"
    "    CHECK (status <> 'held' OR (ticket IS NOT NULL AND held_until IS NOT NULL)),\n"
    "    CHECK (status <> 'taken' OR ticket IS NOT NULL)\n"
    ");\n"
    "CREATE UNIQUE INDEX waitlist_one_per_person\n"
    "    ON waitlist (target_kind, target_id, phone, COALESCE(for_label, ''))\n"
    "    WHERE status IN ('waiting', 'held');\n"
    "CREATE INDEX waitlist_by_target ON waitlist (target_kind, target_id, status, id);\n"
    "CREATE INDEX waitlist_by_phone ON waitlist (phone, status);\n"
    "CREATE UNIQUE INDEX waitlist_by_ticket ON waitlist (ticket) WHERE ticket IS NOT NULL;\n";

#ifdef STORE_TEST_NEXT_SCHEMA
/* Tests only, never shipped (the Makefile builds $(BUILD)/next-schema-F/
 * kioskctl with STORE_TEST_NEXT_SCHEMA=F for tests/update/schema.sh): a
 * synthetic next schema, one after the real one, made as the next real one will be: a
 * column with a default, a new table, and a trigger that keeps the new
 * table in step with bookings, whoever inserts them (an older release
 * included). F 0 plays this step as additive (its floor the real schema,
 * whose releases may go on using the file), F 1 as one that releases of the
 * real schema must refuse (its floor its own version). */
static const char schema_test_next[] =
    "ALTER TABLE bookings ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk';\n"
    "CREATE TABLE booking_notes (\n"
    "    ticket TEXT PRIMARY KEY REFERENCES bookings (ticket),\n"
    "    note TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO booking_notes (ticket, note) SELECT ticket, 'before next' FROM bookings;\n"
    "CREATE TRIGGER bookings_note AFTER INSERT ON bookings\n"
    "BEGIN\n"
    "    INSERT INTO booking_notes (ticket, note) VALUES (NEW.ticket, 'booked');\n"
    "END;\n";
#endif

/* A step is SQL, and optionally C for what SQL cannot do (reformatting
 * data, say); both run inside the migration transaction. compat is the
 * step's compatibility floor: the oldest schema version whose releases may
 * still open and write a file after this step (docs/updates.md, "Releases
 * and the schema"). An additive step (new tables, new columns with a
 * default, new indexes and triggers that hold for rows an older release
 * writes) keeps the floor where it was; any other raises it to its own
 * version. Steps 1 to 3 predate the rule: their floor is their version. */
static const struct migration {
    int version;
    const char *sql;
    int (*fn)(store_t *st); /* STORE_OK or STORE_ERROR with the message set */
    int compat;
} migrations[] = {
    {1, schema_v1, NULL, 1},
    {2, schema_v2, NULL, 2},
    {3, schema_v3, NULL, 3},
    {4, schema_v4, NULL, 3}, /* additive: releases of schema 3 may still book */
    {5, schema_v5, NULL, 3}, /* additive: a new table only */
    {6, schema_v6, NULL, 3}, /* additive: new columns, a looser unique index */
    {7, schema_v7, NULL, 7}, /* not additive: older kiosk-syncs would misfile calls */
    {8, schema_v8, NULL, 7}, /* additive: new tables only, their events apart from the outbox */
    {9, schema_v9, NULL, 7},   /* additive: terms, enrolments, bookings.enrolment (issue 20) */
    {10, schema_v10, NULL, 7}, /* additive: the waitlist, a new table only (issue 20) */
    {11, schema_v11, NULL, 7}, /* additive: ratings, columns with defaults (issue 20) */
#ifdef STORE_TEST_NEXT_SCHEMA
    {STORE_SCHEMA_REAL + 1, schema_test_next, NULL, STORE_SCHEMA_REAL + STORE_TEST_NEXT_SCHEMA},
#endif
};

/* ---- Version and migration -------------------------------------------------- */

int store_user_version(store_t *st, int *out)
{
    long long v = 0;
    int rc = sql_int(st, "schema version", &v, "PRAGMA user_version", NULL);
    if (rc < 0)
        return STORE_ERROR;
    *out = (int)v;
    return STORE_OK;
}

/* The file's compatibility floor, as its newest migration recorded it in
 * meta (schema_compatible_with); a file that records none (written before
 * the rule, or by hand) is taken to need its own version. */
static int file_floor(store_t *st, int v)
{
    long long floor = v;
    int rc = sql_int(st, st->name, &floor,
                     "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_compatible_with'"
                     " AND value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9]*'",
                     NULL);
    return rc == 1 && floor >= 1 && floor <= v ? (int)floor : v;
}

int store_refuse_version(store_t *st, int v)
{
    store_msg(st,
              "%s: schema version %d is newer than this build knows (%d) and says it needs "
              "schema %d or later: it was written by newer firmware that changed it "
              "incompatibly; the file is left as it is. Run that firmware again "
              "(kioskctl update rollback goes forward again) or one that knows schema %d",
              st->name, v, STORE_SCHEMA_VERSION, file_floor(st, v), v);
    return STORE_ERROR;
}

int store_newer_compatible(store_t *st, int v)
{
    if (v <= STORE_SCHEMA_VERSION)
        return 1;
    return file_floor(st, v) <= STORE_SCHEMA_VERSION;
}

/* Inside the migration transaction. */
static int migrate_steps(store_t *st, int create)
{
    int v;
    if (store_user_version(st, &v))
        return STORE_ERROR;
    if (v > STORE_SCHEMA_VERSION)
        /* Newer: never migrated down. Compatible ones are not migrated at
         * all (store_open); the rest are refused. */
        return store_newer_compatible(st, v) ? STORE_OK : store_refuse_version(st, v);
    if (v == 0) {
        long long n = 0;
        if (sql_int(st, st->name, &n, "SELECT count(*) FROM sqlite_schema", NULL) < 0)
            return STORE_ERROR;
        if (n > 0) {
            store_msg(st, "%s: not a kiosk database (it has tables but no schema version)",
                      st->name);
            return STORE_ERROR;
        }
        if (!create) {
            store_msg(st, "%s: the database is empty (no kiosk schema)", st->name);
            return STORE_ERROR;
        }
    }
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++) {
        const struct migration *m = &migrations[i];
        if (m->version <= v)
            continue;
        char what[320];
        snprintf(what, sizeof what, "%s: migrating to schema version %d", st->name, m->version);
        /* PRAGMA takes no parameters; the version is our own constant. */
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if (sql_run(st, what, m->sql) || (m->fn && m->fn(st)) || sql_run(st, what, pragma))
            return STORE_ERROR;
    }
    /* The floor of the file as it is now: the highest floor of its steps. */
    int floor = 1;
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++)
        if (migrations[i].compat > floor)
            floor = migrations[i].compat;
    char text[16];
    snprintf(text, sizeof text, "%d", floor);
    if (sql_exec(st, "schema compatibility",
                 "INSERT INTO meta (key, value) VALUES ('schema_compatible_with', ?1)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 "s", text) < 0)
        return STORE_ERROR;
    return STORE_OK;
}

int store_migrate(store_t *st, int create)
{
    if (store_write_begin(st, st->name))
        return STORE_ERROR;
    return store_write_end(st, st->name, migrate_steps(st, create));
}
