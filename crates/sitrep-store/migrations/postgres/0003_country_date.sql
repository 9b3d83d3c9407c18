-- Version 3 (PostgreSQL): as SQLite's migration 0005 (see ../0005_fts_batched.sql), an
-- index holding every column of reconciliation's per-batch look at the stored reports of
-- one country within a date range (`NEAR_SQL` in reconcile.rs). PostgreSQL's full-text
-- column needs no change: it has no per-row savepoint cost.
CREATE INDEX IF NOT EXISTS events_country_date
    ON events(country, event_date, date_precision, location_precision, admin1, incident_id);
