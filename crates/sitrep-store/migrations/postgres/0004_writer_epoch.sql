-- Version 4 (PostgreSQL): one row counting the write transactions (every writer takes the
-- per-schema write lock and adds one, see `write_lock` in postgres.rs). A writer that keeps
-- stored incidents in memory between its batches (`IncidentCache` in reconcile.rs) finds
-- the count one above the one it left when nobody else wrote in between; otherwise it
-- forgets what it held. SQLite needs no table: `PRAGMA data_version` tells the same.
CREATE TABLE IF NOT EXISTS writer_epoch (
    id smallint PRIMARY KEY CHECK (id = 1),
    epoch bigint NOT NULL
);
INSERT INTO writer_epoch(id, epoch) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
