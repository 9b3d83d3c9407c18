//! The SQLite backend: one file, WAL, FTS5, versioned migrations, batch upserts.
//!
//! Layout (see `migrations/`): `documents` (metadata, text, `layers` as one JSON object
//! holding every annotation layer, `content_hash`, `simhash`, `duplicate_of`), `events`
//! (one row per event, ACLED columns plus `doc_id`, `notes` = evidence text, `evidence`
//! JSON), `documents_fts` (FTS5 over title + text: new documents indexed once per batch by
//! [`index_fts`], updates and deletes kept in sync by triggers) and
//! `simhash_bands` (near-duplicate index). `PRAGMA user_version` is the schema version and
//! `schema_version` records when each migration ran.
//!
//! Durability: WAL with `synchronous = NORMAL` survives a killed process (only an OS
//! crash or power loss can lose the last committed batches); each batch is one
//! transaction, so a batch is either wholly stored or not at all.

use crate::hash::{bands, hamming, is_earlier_copy, simhash, NEAR_DUP_BITS};
use crate::reconcile::{self, IncidentCache};
use crate::sql::{doc_conditions, Arg, Dialect};
use crate::{
    DocFilter, DocSummary, EventCursor, EventFilter, EventRow, PreparedDoc, Store, StoreError,
    StoreStats, StoredDoc, StoredVersion, UpsertSummary,
};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use serde::{Deserialize, Serialize};
use sitrep_model::{
    Count, Doc, Entity, Event, Place, Quote, Removed, Sentence, Span, StageRun, TextIndex, Time,
};
use std::path::{Path, PathBuf};

mod incidents;

/// One schema migration: SQL, then an optional Rust step (back-fills).
pub struct Migration {
    /// The `user_version` after this migration.
    pub version: i64,
    /// Short name, recorded in `schema_version`.
    pub name: &'static str,
    /// SQL to run.
    pub sql: &'static str,
    /// Rust step run after the SQL, in the same transaction.
    post: Option<fn(&Transaction) -> rusqlite::Result<()>>,
}

/// Every migration, oldest first. Never edit a released one: append a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/0001_init.sql"),
        post: None,
    },
    Migration {
        version: 2,
        name: "near_duplicates",
        sql: include_str!("../migrations/0002_near_duplicates.sql"),
        post: Some(backfill_simhash),
    },
    Migration {
        version: 3,
        name: "fts_automerge",
        sql: include_str!("../migrations/0003_fts_automerge.sql"),
        post: None,
    },
    Migration {
        version: 4,
        name: "incidents",
        sql: include_str!("../migrations/0004_incidents.sql"),
        post: Some(backfill_incidents),
    },
    Migration {
        version: 5,
        name: "fts_batched",
        sql: include_str!("../migrations/0005_fts_batched.sql"),
        post: None,
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Every annotation layer of a document, stored as one JSON column.
#[derive(Serialize, Deserialize, Default)]
pub(crate) struct LayersBlob {
    #[serde(default)]
    removed: Vec<Removed>,
    #[serde(default)]
    sentences: Option<Vec<Sentence>>,
    #[serde(default)]
    times: Option<Vec<Time>>,
    #[serde(default)]
    places: Option<Vec<Place>>,
    #[serde(default)]
    entities: Option<Vec<Entity>>,
    #[serde(default)]
    quotes: Option<Vec<Quote>>,
    #[serde(default)]
    counts: Option<Vec<Count>>,
    #[serde(default)]
    events: Option<Vec<Event>>,
    #[serde(default)]
    stages: Vec<StageRun>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<String>,
}

impl LayersBlob {
    pub(crate) fn of(doc: &Doc) -> Self {
        LayersBlob {
            removed: doc.removed.clone(),
            sentences: doc.sentences.clone(),
            times: doc.times.clone(),
            places: doc.places.clone(),
            entities: doc.entities.clone(),
            quotes: doc.quotes.clone(),
            counts: doc.counts.clone(),
            events: doc.events.clone(),
            stages: doc.stages.clone(),
            country: doc.country.clone(),
        }
    }
    pub(crate) fn apply(self, doc: &mut Doc) {
        doc.removed = self.removed;
        doc.sentences = self.sentences;
        doc.times = self.times;
        doc.places = self.places;
        doc.entities = self.entities;
        doc.quotes = self.quotes;
        doc.counts = self.counts;
        doc.events = self.events;
        doc.stages = self.stages;
        doc.country = self.country;
    }
}

/// A sitrep database in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// The writer's incident cache (see [`IncidentCache`]) and the database state it
    /// holds for: `PRAGMA data_version` (changes when another connection commits) and
    /// this connection's `total_changes()` (changes when another method wrote) after
    /// the last batch. `None` after a failed batch.
    cache: Option<(IncidentCache, (i64, i64))>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

fn to_json<T: Serialize>(v: &T) -> rusqlite::Result<String> {
    serde_json::to_string(v).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// serde name of a unit enum value (`"day"`, `"reported"`, …).
pub(crate) fn enum_name<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
}

pub(crate) fn enum_parse<T: for<'de> Deserialize<'de>>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

pub(crate) fn u64_sql(v: Option<u64>) -> Option<i64> {
    v.map(|x| i64::try_from(x).unwrap_or(i64::MAX))
}

pub(crate) fn u64_from(v: Option<i64>) -> Option<u64> {
    v.and_then(|x| u64::try_from(x).ok())
}

/// How long a statement waits for another connection's lock before failing.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// True for "the database is locked / busy" errors.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Runs `f` again while it fails with a busy error, up to [`BUSY_TIMEOUT`]: for the few
/// statements SQLite does not retry itself (switching to WAL needs an exclusive lock and
/// returns SQLITE_BUSY at once while another process creates the same database).
fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    loop {
        match f() {
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            r => return r,
        }
    }
}

/// Settings of every connection. The write-ahead log is copied back into the database
/// every 10,000 pages (40 MB) rather than SQLite's 1,000: an ingest batch rewrites the
/// same index and full-text pages, which are then copied once per checkpoint instead of
/// once per batch. The page cache is 16 MB: against 32 MB it costs the ingest bench
/// 1-2 % more CPU and saves 9-17 MB of peak memory.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let _mode: String =
        retry_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -16000;
         PRAGMA wal_autocheckpoint = 10000;",
    )
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Runs the migrations up to `target`. Safe when several processes open a new or old
/// database at once: each migration runs in a `BEGIN IMMEDIATE` transaction (which waits
/// for the write lock) and re-reads the schema version inside it, so a migration another
/// process applied meanwhile is skipped instead of failing ("table already exists").
fn migrate(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    let current = user_version(conn)?;
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if user_version(&tx)? >= m.version {
            continue; // applied by another process while we waited
        }
        tx.execute_batch(m.sql)?;
        if let Some(post) = m.post {
            post(&tx)?;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO schema_version(version, name) VALUES (?1, ?2)",
            params![m.version, m.name],
        )?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}

/// Migration 4's Rust step: event ids for stored events, then incidents from scratch.
fn backfill_incidents(tx: &Transaction) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, i64)> = {
        let mut st = tx.prepare("SELECT id, doc_id, seq FROM events WHERE event_id IS NULL")?;
        let it = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        it.collect::<rusqlite::Result<_>>()?
    };
    {
        let mut up = tx.prepare("UPDATE events SET event_id = ?2 WHERE id = ?1")?;
        for (id, doc, seq) in rows {
            up.execute(params![
                id,
                reconcile::event_id(&doc, usize::try_from(seq).unwrap_or(0))
            ])?;
        }
    }
    tx.execute_batch("CREATE UNIQUE INDEX events_event_id ON events(event_id)")?;
    incidents::reconcile_all(tx).map(|_| ())
}

/// Migration 2's Rust step: SimHash and bands for documents stored before it.
fn backfill_simhash(tx: &Transaction) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, String)> = {
        let mut st = tx.prepare("SELECT rowid, id, text FROM documents WHERE simhash IS NULL")?;
        let it = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        it.collect::<rusqlite::Result<_>>()?
    };
    for (rowid, id, text) in rows {
        if let Some(h) = simhash(&text) {
            tx.execute(
                "UPDATE documents SET simhash = ?1 WHERE rowid = ?2",
                params![h as i64, rowid],
            )?;
            insert_bands(tx, &id, h)?;
        }
    }
    Ok(())
}

fn insert_bands(tx: &Transaction, id: &str, h: u64) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO simhash_bands(band, value, doc_id) VALUES (?1, ?2, ?3)",
    )?;
    for (b, v) in bands(h) {
        st.execute(params![b, v, id])?;
    }
    Ok(())
}

/// The original a new text duplicates: an exact content match, else the nearest SimHash;
/// with its publication date (for [`is_earlier_copy`]).
fn find_original(
    tx: &Transaction,
    id: &str,
    hash: &str,
    sim: Option<u64>,
) -> rusqlite::Result<Option<(String, Option<String>)>> {
    let exact: Option<(String, Option<String>)> = tx
        .prepare_cached(
            "SELECT id, published FROM documents WHERE content_hash = ?1
             AND duplicate_of IS NULL AND id != ?2 ORDER BY id LIMIT 1",
        )?
        .query_row(params![hash, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if exact.is_some() {
        return Ok(exact);
    }
    let Some(h) = sim else { return Ok(None) };
    let mut st = tx.prepare_cached(
        "SELECT d.id, d.simhash, d.published FROM simhash_bands b
         JOIN documents d ON d.id = b.doc_id
         WHERE b.band = ?1 AND b.value = ?2 AND d.duplicate_of IS NULL AND d.id != ?3",
    )?;
    let mut best: Option<(u32, String, Option<String>)> = None;
    for (b, v) in bands(h) {
        let mut rows = st.query(params![b, v, id])?;
        while let Some(r) = rows.next()? {
            let other: Option<i64> = r.get(1)?;
            let Some(other) = other else { continue };
            let d = hamming(h, other as u64);
            let cid: String = r.get(0)?;
            // Nearest first; equal distances go to the smaller id, whatever the row order.
            if d <= NEAR_DUP_BITS
                && best
                    .as_ref()
                    .is_none_or(|(bd, bid, _)| (d, cid.as_str()) < (*bd, bid.as_str()))
            {
                best = Some((d, cid, r.get(2)?));
            }
        }
    }
    Ok(best.map(|(_, id, published)| (id, published)))
}

/// Makes `new` the original of `old`'s text: `old` and every copy linked to it are
/// linked to `new`, and `old`'s events and band entries go (the new original's are
/// written by the caller). The incidents of those events are noted in `dirty`, to be
/// rebuilt from their remaining reports (or dropped when none is left).
fn demote(tx: &Transaction, old: &str, new: &str, dirty: &mut Vec<String>) -> rusqlite::Result<()> {
    incidents::note_dirty(tx, old, dirty)?;
    tx.prepare_cached("UPDATE documents SET duplicate_of = ?2 WHERE id = ?1 OR duplicate_of = ?1")?
        .execute(params![old, new])?;
    tx.prepare_cached("DELETE FROM events WHERE doc_id = ?1")?
        .execute([old])?;
    tx.prepare_cached("DELETE FROM simhash_bands WHERE doc_id = ?1")?
        .execute([old])?;
    Ok(())
}

/// A filter argument for rusqlite.
fn lite_arg(a: Arg) -> Box<dyn rusqlite::ToSql> {
    match a {
        Arg::Text(s) => Box::new(s),
        Arg::Int(i) => Box::new(i),
    }
}

/// Appends `clause` to `sql` with every `?` bound to the one new argument `v`.
pub(crate) fn add(
    sql: &mut String,
    args: &mut Vec<Box<dyn rusqlite::ToSql>>,
    clause: &str,
    v: Box<dyn rusqlite::ToSql>,
) {
    args.push(v);
    sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
}

/// The text of an event's evidence spans, joined (ACLED's `notes`).
pub(crate) fn evidence_text(doc: &Doc, idx: &TextIndex, ev: &[Span]) -> Option<String> {
    let parts: Vec<&str> = ev
        .iter()
        .filter_map(|s| doc.text.get(idx.byte(s.start)..idx.byte(s.end)))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn insert_events(tx: &Transaction, doc: &Doc) -> rusqlite::Result<usize> {
    let Some(events) = &doc.events else {
        return Ok(0);
    };
    if events.is_empty() {
        return Ok(0);
    }
    let idx = doc.index();
    let mut st = tx.prepare_cached(
        "INSERT INTO events(doc_id, seq, event_date, date_precision, event_type, sub_event_type,
            actor1, actor2, country, admin1, admin2, location, latitude, longitude,
            location_precision, fatalities, injured, killed_or_wounded, modality, notes, evidence,
            event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22)",
    )?;
    for (seq, e) in events.iter().enumerate() {
        st.execute(params![
            doc.id,
            seq as i64,
            e.event_date,
            e.date_precision.as_ref().and_then(enum_name),
            e.event_type,
            e.sub_event_type,
            e.actor1,
            e.actor2,
            e.country,
            e.admin1,
            e.admin2,
            e.location,
            e.latitude,
            e.longitude,
            e.location_precision.as_ref().and_then(enum_name),
            u64_sql(e.fatalities),
            u64_sql(e.injured),
            u64_sql(e.killed_or_wounded),
            enum_name(&e.modality),
            evidence_text(doc, &idx, &e.evidence),
            to_json(&e.evidence)?,
            reconcile::event_id(&doc.id, seq),
        ])?;
    }
    Ok(events.len())
}

/// The stored content hash and stage runs of `id`. The stage list is read from the
/// `layers` JSON by SQLite (no schema change); an unreadable list counts as empty, so the
/// document is extracted again.
fn stored_version(conn: &Connection, id: &str) -> rusqlite::Result<Option<StoredVersion>> {
    conn.prepare_cached(
        "SELECT content_hash, json_extract(layers, '$.stages') FROM documents WHERE id = ?1",
    )?
    .query_row([id], |r| {
        let stages: Option<String> = r.get(1)?;
        Ok(StoredVersion {
            content_hash: r.get(0)?,
            stages: stages
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
        })
    })
    .optional()
}

/// Adds the documents with these rowids (inserted in this transaction, not yet indexed)
/// to the full-text index in one statement, and empties the list.
///
/// One multi-row statement makes FTS5 keep the batch's terms in memory and write one
/// segment at commit; an insert trigger per row made it write one segment per document
/// (see migration 5). Every path that inserts into `documents` calls this before its
/// transaction ends, and before it updates or deletes one of those documents (the update
/// and delete triggers remove the indexed form, which must be there).
pub(crate) fn index_fts(tx: &Connection, rowids: &mut Vec<i64>) -> rusqlite::Result<()> {
    if rowids.is_empty() {
        return Ok(());
    }
    let list = rowids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    tx.prepare_cached(
        "INSERT INTO documents_fts(rowid, title, text)
         SELECT rowid, title, text FROM documents
         WHERE rowid IN (SELECT value FROM json_each('[' || ?1 || ']'))",
    )?
    .execute([list])?;
    rowids.clear();
    Ok(())
}

fn upsert_one(
    tx: &Transaction,
    p: &PreparedDoc,
    sum: &mut UpsertSummary,
    dirty: &mut Vec<String>,
    unindexed: &mut Vec<i64>,
) -> rusqlite::Result<()> {
    let doc = &p.doc;
    let hash = &p.content_hash;
    let existing = stored_version(tx, &doc.id)?;
    // Same content: unchanged, unless the incoming layers come from other stage versions.
    let reextract = match &existing {
        Some(v) if v.content_hash == *hash => {
            if doc.stages.is_empty() || (v.stages == doc.stages && !p.force) {
                sum.unchanged += 1;
                return Ok(());
            }
            true
        }
        _ => false,
    };
    let sim = p.simhash;
    // The earlier of the two copies is the original, whichever was stored first.
    let mut original = None;
    let mut took_over = false;
    if let Some((o, o_published)) = find_original(tx, &doc.id, hash, sim)? {
        if is_earlier_copy(
            doc.published.as_deref(),
            &doc.id,
            o_published.as_deref(),
            &o,
        ) {
            demote(tx, &o, &doc.id, dirty)?;
            took_over = true;
        } else {
            original = Some(o);
        }
    }
    let layers = match &p.layers {
        Some(l) => std::borrow::Cow::Borrowed(l.as_str()),
        None => std::borrow::Cow::Owned(to_json(&LayersBlob::of(doc))?),
    };
    let sim_sql = sim.map(|h| h as i64);
    if existing.is_some() {
        // The update trigger takes the old text out of the index: it must be in it.
        index_fts(tx, unindexed)?;
        incidents::note_dirty(tx, &doc.id, dirty)?;
        tx.prepare_cached("DELETE FROM events WHERE doc_id = ?1")?
            .execute([&doc.id])?;
        tx.prepare_cached("DELETE FROM simhash_bands WHERE doc_id = ?1")?
            .execute([&doc.id])?;
        tx.prepare_cached(
            "UPDATE documents SET content_hash = ?2, title = ?3, published = ?4, publisher = ?5,
                syndicated_from = ?6, language = ?7, url = ?8, byline = ?9, source = ?10,
                text = ?11, layers = ?12, simhash = ?13, duplicate_of = ?14,
                updated_at = CASE WHEN ?15 THEN updated_at
                                  ELSE strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END
             WHERE id = ?1",
        )?
        .execute(params![
            doc.id,
            hash,
            doc.title,
            doc.published,
            doc.publisher,
            doc.syndicated_from,
            doc.language,
            doc.url,
            doc.byline,
            doc.source,
            doc.text,
            layers,
            sim_sql,
            original,
            reextract,
        ])?;
        if reextract {
            sum.reextracted += 1;
        } else {
            sum.updated += 1;
        }
    } else {
        tx.prepare_cached(
            "INSERT INTO documents(id, content_hash, title, published, publisher,
                syndicated_from, language, url, byline, source, text, layers, simhash,
                duplicate_of)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            doc.id,
            hash,
            doc.title,
            doc.published,
            doc.publisher,
            doc.syndicated_from,
            doc.language,
            doc.url,
            doc.byline,
            doc.source,
            doc.text,
            layers,
            sim_sql,
            original,
        ])?;
        unindexed.push(tx.last_insert_rowid());
        if original.is_some() || took_over {
            sum.duplicates += 1;
        } else {
            sum.inserted += 1;
        }
    }
    // Only originals go into the band index: copies are never looked up as originals,
    // and 300,000 near-copies of one article in one bucket made every lookup scan them
    // all (quadratic; 427 docs/s). Buckets now hold distinct articles only.
    if let (Some(h), None) = (sim, &original) {
        insert_bands(tx, &doc.id, h)?;
    }
    if original.is_none() {
        sum.events += insert_events(tx, doc)?;
    }
    Ok(())
}

impl SqliteStore {
    /// Opens (creating if needed) a database and migrates it to the latest schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::open_at(path.as_ref(), latest_version())
    }

    /// Creates or opens a database migrated only up to `version`: for testing that old
    /// databases still open. Normal code calls [`SqliteStore::open`].
    pub fn open_at_version(path: impl AsRef<Path>, version: i64) -> Result<Self, StoreError> {
        Self::open_at(path.as_ref(), version)
    }

    fn open_at(path: &Path, version: i64) -> Result<Self, StoreError> {
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        // NO_MUTEX: a `Connection` is never shared between threads (it is not `Sync`), so
        // SQLite's per-call locking is pure overhead.
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        configure(&conn).map_err(err)?;
        let found = user_version(&conn).map_err(err)?;
        if found > latest_version() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known: latest_version(),
            });
        }
        migrate(&mut conn, version).map_err(err)?;
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            cache: None,
        })
    }

    /// Opens an existing database for reading only (no migration): for worker threads
    /// that look up content hashes while the writer writes.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            cache: None,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        user_version(&self.conn).map_err(|e| self.err(e))
    }

    /// Direct access to the connection (tests and advanced queries).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// An error of a query with full-text search `fts`: FTS5's parse errors ("fts5:
    /// syntax error", "no such column" for `a-b`, "unterminated string") are reported as
    /// a query error, not as a database problem.
    fn query_err(&self, source: rusqlite::Error, fts: Option<&str>) -> StoreError {
        let msg = source.to_string();
        match fts {
            Some(q)
                if msg.contains("fts5")
                    || msg.contains("no such column")
                    || msg.contains("unterminated string")
                    || msg.contains("syntax error") =>
            {
                StoreError::Query {
                    query: q.to_string(),
                    message: msg,
                }
            }
            _ => self.err(source),
        }
    }

    /// Opens a database for reading: read-only (it works in a read-only folder and never
    /// changes the file), after checking that it is a sitrep database. An empty file or
    /// another program's SQLite database is refused and left as it was. A database from
    /// an older sitrep is migrated first when it is writable.
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let err = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let store = match Self::open_read_only(path) {
            Ok(s) => s,
            Err(_) => {
                // A WAL database in a folder we cannot write to: SQLite cannot create the
                // shared-memory file, so read it as an immutable file.
                let uri = format!("file:{}?immutable=1", path.display());
                let conn = Connection::open_with_flags(
                    uri,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(err)?;
                SqliteStore {
                    conn,
                    path: path.to_path_buf(),
                    cache: None,
                }
            }
        };
        let version = match user_version(&store.conn) {
            Ok(v) => v,
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
                return Err(StoreError::NotSitrep {
                    path: path.to_path_buf(),
                    why: "not an SQLite file".into(),
                })
            }
            Err(e) => return Err(err(e)),
        };
        let has_documents: bool = store
            .conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'documents'",
                [],
                |r| r.get(0),
            )
            .map_err(err)?;
        if version == 0 || !has_documents {
            let tables: i64 = store
                .conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(err)?;
            return Err(StoreError::NotSitrep {
                path: path.to_path_buf(),
                why: if tables == 0 {
                    "it is empty".into()
                } else {
                    format!(
                        "it has {tables} tables or indexes of another program and no sitrep schema"
                    )
                },
            });
        }
        if version > latest_version() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known: latest_version(),
            });
        }
        if version < latest_version() {
            drop(store);
            return Self::open(path);
        }
        Ok(store)
    }

    fn doc_rows(&self, filter: &DocFilter) -> rusqlite::Result<Vec<DocSummary>> {
        let mut sql = String::from(
            "SELECT d.id, d.title, d.published, d.publisher, d.url, d.duplicate_of,
                (SELECT count(*) FROM events e WHERE e.doc_id = d.id), length(d.text)
             FROM documents d WHERE 1 = 1",
        );
        let w = doc_conditions(filter, Dialect::Sqlite);
        sql.push_str(&w.sql);
        let args: Vec<Box<dyn rusqlite::ToSql>> = w.args.into_iter().map(lite_arg).collect();
        sql.push_str(" ORDER BY d.published DESC, d.id");
        let limit = filter.limit.map_or(-1, |l| l as i64);
        sql.push_str(&format!(" LIMIT {limit} OFFSET {}", filter.offset));
        let mut st = self.conn.prepare(&sql)?;
        let it = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let events: i64 = r.get(6)?;
            let chars: Option<i64> = r.get(7)?;
            Ok(DocSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                publisher: r.get(3)?,
                url: r.get(4)?,
                duplicate_of: r.get(5)?,
                events: usize::try_from(events).unwrap_or(0),
                chars: chars.and_then(|c| usize::try_from(c).ok()).unwrap_or(0),
            })
        })?;
        it.collect()
    }

    #[allow(clippy::type_complexity)]
    fn doc_row(&self, id: &str) -> rusqlite::Result<Option<(Doc, String, String, StoredMeta)>> {
        self.conn
            .query_row(
                "SELECT id, title, published, publisher, syndicated_from, language, url, byline,
                    source, text, layers, content_hash, duplicate_of, ingested_at, updated_at
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let doc = Doc {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        published: r.get(2)?,
                        publisher: r.get(3)?,
                        syndicated_from: r.get(4)?,
                        language: r.get(5)?,
                        url: r.get(6)?,
                        byline: r.get(7)?,
                        source: r.get(8)?,
                        text: r.get(9)?,
                        ..Doc::default()
                    };
                    Ok((
                        doc,
                        r.get::<_, String>(10)?,
                        r.get::<_, String>(11)?,
                        StoredMeta {
                            duplicate_of: r.get(12)?,
                            ingested_at: r.get(13)?,
                            updated_at: r.get(14)?,
                        },
                    ))
                },
            )
            .optional()
    }
}

/// Which slice of the matching events [`event_rows`] returns.
#[derive(Clone, Copy)]
pub(crate) enum Page<'a> {
    /// Every matching event.
    All,
    /// Those after a cursor.
    After(&'a EventCursor),
    /// The one with this row id.
    Id(i64),
}

/// Appends the WHERE clauses of `filter` for table alias `t` (see
/// [`crate::query::filter_clauses`]).
pub(crate) fn push_filter(
    sql: &mut String,
    args: &mut Vec<Box<dyn rusqlite::ToSql>>,
    filter: &EventFilter,
    t: &str,
) {
    for (clause, v) in crate::query::filter_clauses(filter, t, crate::query::Dialect::Sqlite) {
        let v: Box<dyn rusqlite::ToSql> = match v {
            crate::query::SqlValue::Text(s) => Box::new(s),
            crate::query::SqlValue::Int(i) => Box::new(i),
        };
        add(sql, args, &clause, v);
    }
}

/// Streams stored events matching `filter`, the page `page` and the extra clauses
/// `extra` (each with at most one `?`, bound to its value) to `f`, in (event_date, id)
/// order.
pub(crate) fn event_rows(
    conn: &Connection,
    path: &Path,
    filter: &EventFilter,
    page: Page<'_>,
    extra: &[(&str, rusqlite::types::Value)],
    f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
) -> rusqlite::Result<Result<usize, StoreError>> {
    let mut sql = String::from(
        "SELECT e.id, e.doc_id, e.seq, e.event_date, e.date_precision, e.event_type,
            e.sub_event_type, e.actor1, e.actor2, e.country, e.admin1, e.admin2, e.location,
            e.latitude, e.longitude, e.location_precision, e.fatalities, e.injured,
            e.killed_or_wounded, e.modality, e.notes, e.evidence,
            d.publisher, d.url, d.published, d.title, e.event_id, e.incident_id, e.dataset
         FROM events e CROSS JOIN documents d ON d.id = e.doc_id
         WHERE d.duplicate_of IS NULL",
    );
    // CROSS JOIN keeps `events` the outer loop, so `ORDER BY event_date, id` with a
    // LIMIT walks the `events_date` index and stops early (0.4 ms for a page of 50
    // over 100,000 events) instead of joining every row and sorting (190 ms).
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    for (clause, v) in extra {
        if clause.contains('?') {
            add(&mut sql, &mut args, clause, Box::new(v.clone()));
        } else {
            sql.push_str(clause);
        }
    }
    push_filter(&mut sql, &mut args, filter, "e");
    match page {
        Page::All => {}
        Page::After(c) => {
            args.push(Box::new(c.id));
            let id_arg = args.len();
            let date_arg = c.event_date.as_ref().map(|d| {
                args.push(Box::new(d.clone()));
                args.len()
            });
            sql.push_str(&crate::query::keyset_after(
                "e",
                "id",
                id_arg,
                date_arg,
                crate::query::Dialect::Sqlite,
            ));
        }
        Page::Id(id) => add(&mut sql, &mut args, " AND e.id = ?", Box::new(id)),
    }
    sql.push_str(" ORDER BY e.event_date, e.id");
    if let Some(l) = filter.limit {
        sql.push_str(&format!(" LIMIT {l}"));
    }
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let doc_id: String = r.get(1)?;
        let evidence_json: String = r.get(21)?;
        let evidence: Vec<Span> = match serde_json::from_str(&evidence_json) {
            Ok(v) => v,
            Err(e) => {
                return Ok(Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    doc: doc_id,
                    what: "event evidence",
                    message: e.to_string(),
                }))
            }
        };
        let event = Event {
            event_date: r.get(3)?,
            date_precision: enum_parse(r.get(4)?),
            event_type: r.get(5)?,
            sub_event_type: r.get(6)?,
            actor1: r.get(7)?,
            actor2: r.get(8)?,
            country: r.get(9)?,
            admin1: r.get(10)?,
            admin2: r.get(11)?,
            location: r.get(12)?,
            latitude: r.get(13)?,
            longitude: r.get(14)?,
            location_precision: enum_parse(r.get(15)?),
            fatalities: u64_from(r.get(16)?),
            injured: u64_from(r.get(17)?),
            killed_or_wounded: u64_from(r.get(18)?),
            modality: enum_parse(r.get(19)?).unwrap_or(sitrep_model::Modality::Reported),
            evidence,
        };
        let seq: i64 = r.get(2)?;
        let seq = usize::try_from(seq).unwrap_or(0);
        let event_id: Option<String> = r.get(26)?;
        let row = EventRow {
            id: r.get(0)?,
            event_id: event_id.unwrap_or_else(|| reconcile::event_id(&doc_id, seq)),
            incident_id: r.get(27)?,
            dataset: r.get(28)?,
            doc_id,
            seq,
            event,
            notes: r.get(20)?,
            publisher: r.get(22)?,
            url: r.get(23)?,
            published: r.get(24)?,
            title: r.get(25)?,
        };
        if let Err(e) = f(row) {
            return Ok(Err(e));
        }
        n += 1;
    }
    Ok(Ok(n))
}

struct StoredMeta {
    duplicate_of: Option<String>,
    ingested_at: String,
    updated_at: Option<String>,
}

/// What tells a writer that the database changed since its last batch: `PRAGMA
/// data_version` (another connection committed) and `total_changes()` (this connection
/// wrote outside a batch).
fn write_stamp(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT (SELECT data_version FROM pragma_data_version()), total_changes()",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

impl Store for SqliteStore {
    fn upsert_prepared(&mut self, docs: &[PreparedDoc]) -> Result<UpsertSummary, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sqlite { path, source };
        // Taken, and put back only when the batch commits: a failed batch may have left
        // it ahead of the database.
        let mut held = self.cache.take();
        let mut run = |conn: &mut Connection| -> rusqlite::Result<(UpsertSummary, IncidentCache)> {
            // IMMEDIATE: take the write lock at BEGIN, where the busy timeout applies. A
            // deferred transaction that reads first and then writes fails at once with
            // SQLITE_BUSY when another process wrote meanwhile (no wait is possible).
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Under the write lock, nobody else commits until this batch does.
            let mut cache = match held.take() {
                Some((cache, stamp)) if stamp == write_stamp(&tx)? => cache,
                _ => IncidentCache::new(),
            };
            let mut sum = UpsertSummary::default();
            let mut dirty = Vec::new();
            let mut unindexed = Vec::new();
            for d in docs {
                upsert_one(&tx, d, &mut sum, &mut dirty, &mut unindexed)?;
            }
            index_fts(&tx, &mut unindexed)?;
            // New reports join stored incidents (or found their own) in the same
            // transaction, so every stored event has exactly one incident.
            incidents::reconcile_pending(&tx, &dirty, &mut cache)?;
            tx.commit()?;
            Ok((sum, cache))
        };
        let (sum, cache) = run(&mut self.conn).map_err(err)?;
        if let Ok(stamp) = write_stamp(&self.conn) {
            self.cache = Some((cache, stamp));
        }
        Ok(sum)
    }

    fn content_hash_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    fn stored_version(&self, id: &str) -> Result<Option<StoredVersion>, StoreError> {
        stored_version(&self.conn, id).map_err(|e| self.err(e))
    }

    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        event_rows(&self.conn, &self.path, filter, Page::All, &[], f)
            .map_err(|e| self.query_err(e, filter.query.as_deref()))?
    }

    fn for_each_event_after(
        &self,
        filter: &EventFilter,
        after: Option<&EventCursor>,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let page = after.map_or(Page::All, Page::After);
        event_rows(&self.conn, &self.path, filter, page, &[], f)
            .map_err(|e| self.query_err(e, filter.query.as_deref()))?
    }

    fn get_event(&self, id: i64) -> Result<Option<EventRow>, StoreError> {
        let mut found = None;
        event_rows(
            &self.conn,
            &self.path,
            &EventFilter::default(),
            Page::Id(id),
            &[],
            &mut |r| {
                found = Some(r);
                Ok(())
            },
        )
        .map_err(|e| self.err(e))??;
        Ok(found)
    }

    fn data_version(&self) -> Option<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))
            .ok()
    }

    fn list_docs(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError> {
        self.doc_rows(filter)
            .map_err(|e| self.query_err(e, filter.query.as_deref()))
    }

    fn get_doc(&self, id: &str) -> Result<Option<StoredDoc>, StoreError> {
        let Some((mut doc, layers, content_hash, meta)) =
            self.doc_row(id).map_err(|e| self.err(e))?
        else {
            return Ok(None);
        };
        let blob: LayersBlob = serde_json::from_str(&layers).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            doc: id.to_string(),
            what: "layers",
            message: e.to_string(),
        })?;
        blob.apply(&mut doc);
        let duplicates = self
            .conn
            .prepare("SELECT id FROM documents WHERE duplicate_of = ?1 ORDER BY id")
            .and_then(|mut st| {
                st.query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .map_err(|e| self.err(e))?;
        Ok(Some(StoredDoc {
            doc,
            content_hash,
            duplicate_of: meta.duplicate_of,
            duplicates,
            ingested_at: meta.ingested_at,
            updated_at: meta.updated_at,
        }))
    }

    fn for_each_incident_after(
        &self,
        filter: &EventFilter,
        after: Option<&crate::IncidentCursor>,
        f: &mut dyn FnMut(crate::Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        incidents::incident_rows(&self.conn, &self.path, filter, after, None, f)
            .map_err(|e| self.query_err(e, filter.query.as_deref()))?
    }

    fn get_incident(&self, incident_id: &str) -> Result<Option<crate::Incident>, StoreError> {
        let mut found = None;
        incidents::incident_rows(
            &self.conn,
            &self.path,
            &EventFilter::default(),
            None,
            Some(incident_id),
            &mut |i| {
                found = Some(i);
                Ok(())
            },
        )
        .map_err(|e| self.err(e))??;
        Ok(found)
    }

    fn reconcile_all(&mut self) -> Result<crate::ReconcileSummary, StoreError> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<crate::ReconcileSummary> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let s = incidents::reconcile_all(&tx)?;
            tx.commit()?;
            Ok(s)
        };
        run(&mut self.conn).map_err(|source| StoreError::Sqlite { path, source })
    }

    fn import_events(
        &mut self,
        dataset: &str,
        name: &str,
        events: &[crate::ImportedEvent],
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> rusqlite::Result<usize> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = incidents::import_events(&tx, dataset, name, events)?;
            tx.commit()?;
            Ok(n)
        };
        run(&mut self.conn).map_err(|source| StoreError::Sqlite { path, source })
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents),
                        (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
                        (SELECT count(*) FROM events)",
                [],
                |r| {
                    let (a, b, c): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    Ok(StoreStats {
                        documents: usize::try_from(a).unwrap_or(0),
                        duplicates: usize::try_from(b).unwrap_or(0),
                        events: usize::try_from(c).unwrap_or(0),
                    })
                },
            )
            .map_err(|e| self.err(e))
    }
}
