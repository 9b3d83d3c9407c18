-- Version 5: new documents enter the full-text index once per batch, not by a trigger
-- per row. FTS5 writes its pending terms to disk at every statement savepoint, and a
-- trigger makes each document INSERT open one, so every document became its own level-0
-- segment (then merged again and again): about a third of the writer's time in the ingest
-- bench. The store now indexes a batch's new documents in one INSERT … SELECT at the end
-- of the batch (`index_fts` in sqlite.rs). Updates and deletes keep their triggers.
DROP TRIGGER IF EXISTS documents_fts_ai;
-- Reconciliation looks, for every batch, at the stored reports of one country within a
-- date range (`NEAR_SQL` in reconcile.rs): this index holds every column it reads.
CREATE INDEX IF NOT EXISTS events_country_date
    ON events(country, event_date, date_precision, location_precision, admin1, incident_id);
