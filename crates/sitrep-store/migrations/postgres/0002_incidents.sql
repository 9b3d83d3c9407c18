-- Version 2 (PostgreSQL): incidents, as SQLite's migration 0004 (see ../0004_incidents.sql).
-- `incident_id` on each event and `dataset` (`sitrep`, or `acled` / `ged` for imported
-- rows); the event id is derived from (doc_id, seq), so it is not stored here. Events
-- stored before this version get their incidents at the next ingest batch or
-- `sitrep reconcile`.
ALTER TABLE events ADD COLUMN incident_id TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN dataset TEXT NOT NULL DEFAULT 'sitrep';
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_pending ON events(id) WHERE incident_id IS NULL;
CREATE TABLE incidents (
    incident_id        TEXT COLLATE "C" PRIMARY KEY,
    dataset            TEXT NOT NULL,
    country            TEXT,
    admin1             TEXT,
    location           TEXT,
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    location_precision TEXT,
    event_date         TEXT COLLATE "C",
    date_precision     TEXT,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT,
    actor2             TEXT,
    fatalities         BIGINT,
    fatalities_low     BIGINT,
    fatalities_high    BIGINT,
    injured            BIGINT,
    claimed_fatalities BIGINT,
    disputed           BOOLEAN NOT NULL,
    n_reports          INTEGER NOT NULL,
    reports            TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(event_date);
CREATE INDEX incidents_country ON incidents(country, admin1);
