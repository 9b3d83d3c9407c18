-- Version 4: incidents (reports of one incident across outlets reconciled into one).
-- Every event gets a stable `event_id` (hash of document id and position, back-filled by
-- the migration's Rust step, which also reconciles existing events) and the
-- `incident_id` it belongs to; `dataset` is `sitrep` for extracted events and `acled` /
-- `ged` for imported rows. `incidents` holds the reconciled record and, as JSON, every
-- report with its own figures (see `reconcile.rs`); it is derived data: `sitrep
-- reconcile` rebuilds it from `events`.
ALTER TABLE events ADD COLUMN event_id TEXT;
ALTER TABLE events ADD COLUMN incident_id TEXT;
ALTER TABLE events ADD COLUMN dataset TEXT NOT NULL DEFAULT 'sitrep';
CREATE INDEX events_incident ON events(incident_id);
CREATE TABLE incidents (
    incident_id        TEXT PRIMARY KEY,
    dataset            TEXT NOT NULL,
    country            TEXT,
    admin1             TEXT,
    location           TEXT,
    latitude           REAL,
    longitude          REAL,
    location_precision TEXT,
    event_date         TEXT,
    date_precision     TEXT,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT,
    actor2             TEXT,
    fatalities         INTEGER,
    fatalities_low     INTEGER,
    fatalities_high    INTEGER,
    injured            INTEGER,
    claimed_fatalities INTEGER,
    disputed           INTEGER NOT NULL,
    n_reports          INTEGER NOT NULL,
    reports            TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(event_date);
CREATE INDEX incidents_country ON incidents(country, admin1);
