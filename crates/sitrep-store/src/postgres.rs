//! The PostgreSQL backend: a database several `sitrep ingest` processes share.
//!
//! Same tables and semantics as the SQLite backend (see `migrations/postgres/`):
//! `documents` (with a stored `tsvector` column and a GIN index for full-text search),
//! `events` (unique per document and position), `simhash_bands` (near-duplicate index)
//! and `sitrep_schema` (one row per applied migration; the schema version is its
//! maximum).
//!
//! Writing a batch is one transaction: it takes a per-schema advisory lock (so writers
//! from several processes take turns batch by batch, and each sees every batch committed
//! before it: exact and near-duplicate links are as a single writer would make them),
//! reads the stored versions and the duplicate candidates of the whole batch in three
//! queries, decides in memory (in batch order, as the SQLite backend does row by row),
//! then binary-COPYs documents, bands and events into temporary staging tables and moves
//! them with `INSERT … ON CONFLICT`. The unique keys (document id, one original per
//! content hash, event per document and position) make a double write impossible even
//! for a writer that bypasses the lock.
//!
//! A connection URL is `postgres://user[:password]@host[:port]/database`; TLS is not
//! used (run it on loopback or inside a private network).

use crate::hash::{bands, hamming, is_earlier_copy, NEAR_DUP_BITS};
use crate::reconcile::IncidentCache;
use crate::sql::{doc_conditions, Arg, Dialect};
use crate::sqlite::{enum_name, enum_parse, evidence_text, u64_from, u64_sql, LayersBlob};
use crate::{
    DocFilter, DocSummary, EventFilter, EventRow, PreparedDoc, Store, StoreError, StoreStats,
    StoredDoc, StoredVersion, UpsertSummary,
};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Row, Transaction};
use sitrep_model::{Doc, Event, Span, StageRun};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

mod incidents;

/// One PostgreSQL schema migration.
pub struct PgMigration {
    /// The schema version after it.
    pub version: i32,
    /// Short name, recorded in `sitrep_schema`.
    pub name: &'static str,
    /// SQL to run.
    pub sql: &'static str,
}

/// Every PostgreSQL migration, oldest first. SQLite's versions 1–3 (init, near
/// duplicates, FTS merge tuning) are PostgreSQL's version 1.
pub const PG_MIGRATIONS: &[PgMigration] = &[
    PgMigration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/postgres/0001_init.sql"),
    },
    PgMigration {
        version: 2,
        name: "incidents",
        sql: include_str!("../migrations/postgres/0002_incidents.sql"),
    },
    PgMigration {
        version: 3,
        name: "country_date",
        sql: include_str!("../migrations/postgres/0003_country_date.sql"),
    },
    PgMigration {
        version: 4,
        name: "writer_epoch",
        sql: include_str!("../migrations/postgres/0004_writer_epoch.sql"),
    },
];

/// The PostgreSQL schema version this build writes.
pub fn pg_latest_version() -> i32 {
    PG_MIGRATIONS.last().map_or(0, |m| m.version)
}

/// `url` with any password replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.split_once('@') {
        Some(p) => p,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// A PostgreSQL error with the server's message, detail and hint.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut m = format!("{}: {}", db.severity(), db.message());
        if let Some(d) = db.detail() {
            m.push_str(&format!(" ({d})"));
        }
        if let Some(h) = db.hint() {
            m.push_str(&format!(" hint: {h}"));
        }
        return m;
    }
    let mut m = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        m.push_str(&format!(": {s}"));
        src = s.source();
    }
    m
}

/// Advisory-lock key of one job in the current schema.
const LOCK_SQL: &str = "SELECT pg_advisory_xact_lock(hashtext($1 || current_schema()))";

/// Takes the per-schema write lock for the rest of `tx` (writers run in turn) and counts
/// the write in `writer_epoch`; returns the new count. Every write transaction calls it,
/// so a writer's [`IncidentCache`] can tell whether anyone else wrote since its last
/// batch.
pub(super) fn write_lock(tx: &mut Transaction) -> Result<i64, postgres::Error> {
    tx.execute(LOCK_SQL, &[&"sitrep.write."])?;
    Ok(tx
        .query_one(
            "UPDATE writer_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch",
            &[],
        )?
        .get(0))
}

/// A sitrep database in a PostgreSQL schema.
pub struct PgStore {
    /// Always `Some` until the store is dropped (see the `Drop` impl).
    client: RefCell<Option<Client>>,
    url: String,
    /// The writer's incident cache and the `writer_epoch` count of its last batch (see
    /// [`write_lock`]). `None` after a failed batch.
    cache: Option<(IncidentCache, i64)>,
}

impl Drop for PgStore {
    /// Closes the connection on a thread of its own: the client blocks on a runtime of
    /// its own, which panics on a thread that drives async tasks (a server dropping its
    /// pool, a test runtime shutting down).
    fn drop(&mut self) {
        if let Some(c) = self.client.get_mut().take() {
            let _ = std::thread::Builder::new()
                .name("sitrep-pg-close".into())
                .spawn(move || drop(c))
                .map(|t| t.join());
        }
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("url", &self.url).finish()
    }
}

/// Staging tables for binary COPY, one set per connection, emptied at each commit.
const STAGING: &str = "
CREATE TEMP TABLE IF NOT EXISTS sitrep_stage_docs (
    ord INTEGER, id TEXT, content_hash TEXT, title TEXT, published TEXT, publisher TEXT,
    syndicated_from TEXT, language TEXT, url TEXT, byline TEXT, source TEXT, text TEXT,
    layers TEXT, stages TEXT, simhash BIGINT, duplicate_of TEXT, touch BOOLEAN,
    kept_updated_at TEXT
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS sitrep_stage_bands (
    band SMALLINT, value INTEGER, doc_id TEXT
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS sitrep_stage_events (
    ord INTEGER, doc_id TEXT, seq INTEGER, event_date TEXT, date_precision TEXT,
    event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT, country TEXT,
    admin1 TEXT, admin2 TEXT, location TEXT, latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION, location_precision TEXT, fatalities BIGINT, injured BIGINT,
    killed_or_wounded BIGINT, modality TEXT, notes TEXT, evidence TEXT
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS sitrep_stage_incidents (
    incident_id TEXT, dataset TEXT, country TEXT, admin1 TEXT, location TEXT,
    latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, location_precision TEXT,
    event_date TEXT, date_precision TEXT, event_type TEXT, sub_event_type TEXT, actor1 TEXT,
    actor2 TEXT, fatalities BIGINT, fatalities_low BIGINT, fatalities_high BIGINT,
    injured BIGINT, claimed_fatalities BIGINT, disputed BOOLEAN, n_reports INTEGER,
    reports TEXT
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS sitrep_stage_attach (
    incident_id TEXT, id BIGINT
) ON COMMIT DELETE ROWS;";

impl PgStore {
    /// Connects to `url` and migrates its `public` schema (or the URL's `search_path`)
    /// to the latest version.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_in_schema(url, None, Some(pg_latest_version()))
    }

    /// Connects to `url` without creating or migrating anything: for readers. Fails with
    /// a hint when the database has no sitrep tables yet.
    pub fn open_existing(url: &str) -> Result<Self, StoreError> {
        let s = Self::open_in_schema(url, None, None)?;
        if s.schema_version()? == 0 {
            return Err(StoreError::Postgres {
                url: s.url.clone(),
                message: "no sitrep tables in this database".into(),
                help: format!("create them with `sitrep ingest PATH --db {}`", s.url),
            });
        }
        s.migrate(pg_latest_version())?;
        Ok(s)
    }

    /// Connects to `url`, works in `schema` (created if missing) when given, and
    /// migrates up to `version` when given. Tests use a schema per test; normal code
    /// calls [`PgStore::open`].
    pub fn open_in_schema(
        url: &str,
        schema: Option<&str>,
        version: Option<i32>,
    ) -> Result<Self, StoreError> {
        let shown = redact(url);
        let client = Client::connect(url, NoTls).map_err(|e| StoreError::Postgres {
            url: shown.clone(),
            message: describe(&e),
            help: "check that the PostgreSQL server is running and the URL (user, password, \
                   host, port, database) is right"
                .into(),
        })?;
        let s = PgStore {
            client: RefCell::new(Some(client)),
            url: shown,
            cache: None,
        };
        if let Some(schema) = schema {
            let q = quote_ident(schema);
            s.batch(&format!(
                "CREATE SCHEMA IF NOT EXISTS {q}; SET search_path TO {q}"
            ))?;
        }
        if let Some(v) = version {
            let found = s.schema_version()?;
            if found > pg_latest_version() {
                return Err(StoreError::TooNew {
                    path: s.url.clone().into(),
                    found: i64::from(found),
                    known: i64::from(pg_latest_version()),
                });
            }
            s.migrate(v)?;
        }
        s.batch(STAGING)?;
        Ok(s)
    }

    /// The URL, password hidden.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn err(&self, e: postgres::Error) -> StoreError {
        StoreError::Postgres {
            url: self.url.clone(),
            message: describe(&e),
            help: "check that the server is up and that this user may read and write the \
                   sitrep tables; re-running the command is safe"
                .into(),
        }
    }

    fn closed(&self) -> StoreError {
        StoreError::Postgres {
            url: self.url.clone(),
            message: "the connection is closed".into(),
            help: "open the store again".into(),
        }
    }

    /// Runs `f` on the connection.
    fn with<R>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<R, postgres::Error>,
    ) -> Result<R, StoreError> {
        let mut c = self
            .client
            .try_borrow_mut()
            .map_err(|_| StoreError::Postgres {
                url: self.url.clone(),
                message: "the connection is busy (a store call from inside an event callback)"
                    .into(),
                help: "collect the rows first, then query again".into(),
            })?;
        let c = c.as_mut().ok_or_else(|| self.closed())?;
        f(c).map_err(|e| self.err(e))
    }

    /// Streams the rows of `sql` to `f`, each decoded by `decode`; a row that does not
    /// decode stops the stream with a `Corrupt` error naming column `id_col` and `what`.
    fn stream_rows<T>(
        &self,
        sql: &str,
        args: &[Box<dyn ToSql + Sync>],
        decode: impl Fn(&Row) -> Result<T, String>,
        (id_col, what): (usize, &'static str),
        f: &mut dyn FnMut(T) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let url = self.url.clone();
        let mut outcome: Result<usize, StoreError> = Ok(0);
        self.with(|c| {
            let params = args.iter().map(|a| a.as_ref() as &dyn ToSql);
            let mut rows = c.query_raw(sql, params)?;
            let mut n = 0;
            while let Some(r) = postgres::fallible_iterator::FallibleIterator::next(&mut rows)? {
                let item = match decode(&r) {
                    Ok(v) => v,
                    Err(message) => {
                        outcome = Err(StoreError::Corrupt {
                            path: url.clone().into(),
                            doc: r.get(id_col),
                            what,
                            message,
                        });
                        return Ok(());
                    }
                };
                if let Err(e) = f(item) {
                    outcome = Err(e);
                    return Ok(());
                }
                n += 1;
            }
            outcome = Ok(n);
            Ok(())
        })?;
        outcome
    }

    /// Runs SQL statements (no parameters, no results): tests and administration.
    pub fn batch(&self, sql: &str) -> Result<(), StoreError> {
        self.with(|c| c.batch_execute(sql))
    }

    /// The schema version of the database (0 when it has no sitrep tables).
    pub fn schema_version(&self) -> Result<i32, StoreError> {
        self.with(|c| {
            let exists: bool = c
                .query_one("SELECT to_regclass('sitrep_schema') IS NOT NULL", &[])?
                .get(0);
            if !exists {
                return Ok(0);
            }
            c.query_one("SELECT coalesce(max(version), 0) FROM sitrep_schema", &[])
                .map(|r| r.get(0))
        })
    }

    /// Applies every migration up to `target`, under a lock so processes that open the
    /// same database at once migrate it once.
    fn migrate(&self, target: i32) -> Result<(), StoreError> {
        let known = pg_latest_version();
        let url = self.url.clone();
        let found = self.with(|c| {
            let mut tx = c.transaction()?;
            tx.execute(LOCK_SQL, &[&"sitrep.migrate."])?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS sitrep_schema (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            )?;
            let current: i32 = tx
                .query_one("SELECT coalesce(max(version), 0) FROM sitrep_schema", &[])?
                .get(0);
            if current > known {
                return Ok(current);
            }
            for m in PG_MIGRATIONS
                .iter()
                .filter(|m| m.version > current && m.version <= target)
            {
                tx.batch_execute(m.sql)?;
                tx.execute(
                    "INSERT INTO sitrep_schema(version, name) VALUES ($1, $2)",
                    &[&m.version, &m.name],
                )?;
            }
            tx.commit()?;
            Ok(current)
        })?;
        if found > known {
            return Err(StoreError::TooNew {
                path: url.into(),
                found: i64::from(found),
                known: i64::from(known),
            });
        }
        Ok(())
    }
}

/// `"name"` with inner quotes doubled.
fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// What a batch writes for one document.
struct Write<'a> {
    p: &'a PreparedDoc,
    original: Option<String>,
    /// Replaces a stored row.
    existing: bool,
    /// Same content, new layers: keep `updated_at`.
    reextract: bool,
}

/// Stored state of one id as the batch sees it.
struct Known {
    hash: String,
    stages: Vec<StageRun>,
    updated_at: Option<String>,
}

fn parse_stages(s: Option<String>) -> Vec<StageRun> {
    s.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Duplicate candidates of a batch: stored originals plus the batch's own, in order.
#[derive(Default)]
struct Candidates {
    by_hash: HashMap<String, Vec<String>>,
    by_band: HashMap<(i64, i64), Vec<(String, u64)>>,
    /// Publication date of each candidate (for [`is_earlier_copy`]).
    published: HashMap<String, Option<String>>,
    /// Ids rewritten or demoted in this batch: their stored values no longer count.
    gone: HashSet<String>,
}

impl Candidates {
    fn original(&self, id: &str, hash: &str, sim: Option<u64>) -> Option<String> {
        let ok = |c: &str| c != id && !self.gone.contains(c);
        if let Some(c) = self
            .by_hash
            .get(hash)
            .and_then(|v| v.iter().find(|c| ok(c.as_str())))
        {
            return Some(c.clone());
        }
        let h = sim?;
        let mut best: Option<(u32, &str)> = None;
        for key in bands(h) {
            for (c, other) in self.by_band.get(&key).into_iter().flatten() {
                if !ok(c.as_str()) {
                    continue;
                }
                let d = hamming(h, *other);
                // Nearest first; equal distances go to the smaller id (as in SQLite).
                if d <= NEAR_DUP_BITS && best.is_none_or(|b| (d, c.as_str()) < b) {
                    best = Some((d, c.as_str()));
                }
            }
        }
        best.map(|(_, c)| c.to_string())
    }

    /// The publication date of candidate `id`.
    fn published_of(&self, id: &str) -> Option<&str> {
        self.published.get(id).and_then(|p| p.as_deref())
    }

    /// Records a document written as an original by this batch.
    fn add_original(&mut self, id: &str, hash: &str, sim: Option<u64>, published: Option<&str>) {
        self.published
            .insert(id.to_string(), published.map(str::to_string));
        self.by_hash
            .entry(hash.to_string())
            .or_default()
            .push(id.to_string());
        if let Some(h) = sim {
            for key in bands(h) {
                self.by_band
                    .entry(key)
                    .or_default()
                    .push((id.to_string(), h));
            }
        }
    }
}

fn opt_i32(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// Decides and writes one batch inside `tx` (which holds the write lock).
fn write_batch(
    tx: &mut Transaction,
    docs: &[PreparedDoc],
    dirty: &mut Vec<String>,
) -> Result<UpsertSummary, postgres::Error> {
    let mut sum = UpsertSummary::default();
    let ids: Vec<&str> = docs.iter().map(|p| p.doc.id.as_str()).collect();
    let mut known: HashMap<String, Known> = HashMap::new();
    for r in tx.query(
        "SELECT id, content_hash, stages, updated_at FROM documents WHERE id = ANY($1)",
        &[&ids],
    )? {
        known.insert(
            r.get(0),
            Known {
                hash: r.get(1),
                stages: parse_stages(r.get(2)),
                updated_at: r.get(3),
            },
        );
    }
    let hashes: Vec<&str> = docs.iter().map(|p| p.content_hash.as_str()).collect();
    let mut cand = Candidates::default();
    for r in tx.query(
        "SELECT content_hash, id, published FROM documents
         WHERE content_hash = ANY($1) AND duplicate_of IS NULL ORDER BY id",
        &[&hashes],
    )? {
        cand.by_hash.entry(r.get(0)).or_default().push(r.get(1));
        cand.published.insert(r.get(1), r.get(2));
    }
    let (mut band_no, mut band_val): (Vec<i16>, Vec<i32>) = (Vec::new(), Vec::new());
    for h in docs.iter().filter_map(|p| p.simhash) {
        for (b, v) in bands(h) {
            band_no.push(b as i16);
            band_val.push(opt_i32(v));
        }
    }
    if !band_no.is_empty() {
        for r in tx.query(
            "SELECT DISTINCT b.band, b.value, d.id, d.simhash, d.published
             FROM simhash_bands b
             JOIN unnest($1::smallint[], $2::integer[]) AS q(band, value)
               ON b.band = q.band AND b.value = q.value
             JOIN documents d ON d.id = b.doc_id
             WHERE d.duplicate_of IS NULL AND d.simhash IS NOT NULL
             ORDER BY b.band, b.value, d.id",
            &[&band_no, &band_val],
        )? {
            let (b, v): (i16, i32) = (r.get(0), r.get(1));
            let sim: i64 = r.get(3);
            cand.published.insert(r.get(2), r.get(4));
            cand.by_band
                .entry((i64::from(b), i64::from(v)))
                .or_default()
                .push((r.get(2), sim as u64));
        }
    }

    // Decide in batch order, as a single writer going row by row would.
    let mut writes: Vec<Write> = Vec::new();
    // Originals that a copy sorting before them replaced: old id -> new original.
    let mut demoted: HashMap<String, String> = HashMap::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for p in docs {
        let doc = &p.doc;
        let stored = known.get(&doc.id);
        let reextract = match stored {
            Some(k) if k.hash == p.content_hash => {
                if doc.stages.is_empty() || k.stages == doc.stages {
                    sum.unchanged += 1;
                    continue;
                }
                true
            }
            _ => false,
        };
        let existing = stored.is_some();
        let mut original = cand.original(&doc.id, &p.content_hash, p.simhash);
        // The earlier of the two copies is the original, whichever was stored first.
        let mut took_over = false;
        if let Some(o) = &original {
            if is_earlier_copy(doc.published.as_deref(), &doc.id, cand.published_of(o), o) {
                cand.gone.insert(o.clone());
                demoted.insert(o.clone(), doc.id.clone());
                original = None;
                took_over = true;
            }
        }
        if existing {
            // Its stored values no longer count as a candidate for later rows.
            cand.gone.insert(doc.id.clone());
            if reextract {
                sum.reextracted += 1;
            } else {
                sum.updated += 1;
            }
        } else if original.is_some() || took_over {
            sum.duplicates += 1;
        } else {
            sum.inserted += 1;
        }
        if original.is_none() {
            cand.add_original(
                &doc.id,
                &p.content_hash,
                p.simhash,
                doc.published.as_deref(),
            );
        }
        let prev_updated = stored.and_then(|k| k.updated_at.clone());
        known.insert(
            doc.id.clone(),
            Known {
                hash: p.content_hash.clone(),
                stages: doc.stages.clone(),
                updated_at: prev_updated,
            },
        );
        let w = Write {
            p,
            original,
            existing,
            reextract,
        };
        // The same id twice in one batch: the later row wins, as it would in sequence.
        match slot.get(doc.id.as_str()) {
            Some(&i) => {
                let first_existing = writes[i].existing;
                writes[i] = Write {
                    existing: first_existing || w.existing,
                    ..w
                };
            }
            None => {
                slot.insert(doc.id.as_str(), writes.len());
                writes.push(w);
            }
        }
    }
    if writes.is_empty() {
        return Ok(sum);
    }
    // Where a demoted original's copies now point: the end of its chain of take-overs.
    let resolve = |id: &str| -> String {
        let mut at = id;
        while let Some(next) = demoted.get(at) {
            at = next;
        }
        at.to_string()
    };
    for w in &mut writes {
        if demoted.contains_key(&w.p.doc.id) {
            w.original = Some(resolve(&w.p.doc.id));
        } else if let Some(o) = &w.original {
            w.original = Some(resolve(o));
        }
    }
    if !demoted.is_empty() {
        // Stored originals that lost their place: they and their copies link to the new
        // original, their events and bands go. Before the new rows are written, so the
        // one-original-per-content index sees one original at a time.
        let (old, new): (Vec<&str>, Vec<String>) =
            demoted.keys().map(|o| (o.as_str(), resolve(o))).unzip();
        tx.execute(
            "UPDATE documents AS d SET duplicate_of = m.new
             FROM unnest($1::text[], $2::text[]) AS m(old, new)
             WHERE d.id = m.old OR d.duplicate_of = m.old",
            &[&old, &new],
        )?;
        // Their events leave their incidents, which are rebuilt from the reports left
        // (or dropped) after the write.
        for r in tx.query(
            "DELETE FROM events WHERE doc_id = ANY($1) RETURNING incident_id",
            &[&old],
        )? {
            if let Some(id) = r.get::<_, Option<String>>(0) {
                dirty.push(id);
            }
        }
        tx.execute("DELETE FROM simhash_bands WHERE doc_id = ANY($1)", &[&old])?;
    }

    let rewritten: Vec<&str> = writes
        .iter()
        .filter(|w| w.existing)
        .map(|w| w.p.doc.id.as_str())
        .collect();
    if !rewritten.is_empty() {
        tx.execute("DELETE FROM events WHERE doc_id = ANY($1)", &[&rewritten])?;
        tx.execute(
            "DELETE FROM simhash_bands WHERE doc_id = ANY($1)",
            &[&rewritten],
        )?;
        // Free the content hash of rows about to change, so the unique original index
        // judges each row by its new content.
        tx.execute(
            "UPDATE documents SET content_hash = '#' || id WHERE id = ANY($1)",
            &[&rewritten],
        )?;
    }

    copy_docs(tx, &writes, &known)?;
    tx.execute(
        "INSERT INTO documents AS d (id, content_hash, title, published, publisher,
            syndicated_from, language, url, byline, source, text, layers, stages, simhash,
            duplicate_of, updated_at)
         SELECT id, content_hash, title, published, publisher, syndicated_from, language,
            url, byline, source, text, layers, stages, simhash, duplicate_of,
            CASE WHEN touch THEN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 ELSE kept_updated_at END
         FROM sitrep_stage_docs ORDER BY ord
         ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash,
            title = excluded.title, published = excluded.published,
            publisher = excluded.publisher, syndicated_from = excluded.syndicated_from,
            language = excluded.language, url = excluded.url, byline = excluded.byline,
            source = excluded.source, text = excluded.text, layers = excluded.layers,
            stages = excluded.stages, simhash = excluded.simhash,
            duplicate_of = excluded.duplicate_of, updated_at = excluded.updated_at",
        &[],
    )?;
    copy_bands(tx, &writes)?;
    tx.execute(
        "INSERT INTO simhash_bands(band, value, doc_id)
         SELECT band, value, doc_id FROM sitrep_stage_bands ON CONFLICT DO NOTHING",
        &[],
    )?;
    if copy_events(tx, &writes)? > 0 {
        let n = tx.execute(
            "INSERT INTO events(doc_id, seq, event_date, date_precision, event_type,
                sub_event_type, actor1, actor2, country, admin1, admin2, location, latitude,
                longitude, location_precision, fatalities, injured, killed_or_wounded,
                modality, notes, evidence)
             SELECT doc_id, seq, event_date, date_precision, event_type, sub_event_type,
                actor1, actor2, country, admin1, admin2, location, latitude, longitude,
                location_precision, fatalities, injured, killed_or_wounded, modality, notes,
                evidence
             FROM sitrep_stage_events ORDER BY ord, seq
             ON CONFLICT (doc_id, seq) DO NOTHING",
            &[],
        )?;
        sum.events += usize::try_from(n).unwrap_or(0);
    }
    Ok(sum)
}

/// Binary-COPYs rows into the staging table `table` (columns of `types`, in order):
/// `fill` writes them and says how many.
pub(super) fn copy_staged(
    tx: &mut Transaction,
    table: &str,
    types: &[Type],
    fill: impl FnOnce(&mut BinaryCopyInWriter<'_>) -> Result<usize, postgres::Error>,
) -> Result<usize, postgres::Error> {
    let sink = tx.copy_in(&format!("COPY {table} FROM STDIN BINARY"))?;
    let mut w = BinaryCopyInWriter::new(sink, types);
    let n = fill(&mut w)?;
    w.finish()?;
    Ok(n)
}

fn copy_docs(
    tx: &mut Transaction,
    writes: &[Write],
    known: &HashMap<String, Known>,
) -> Result<usize, postgres::Error> {
    let mut types = vec![Type::INT4];
    types.extend(vec![Type::TEXT; 13]);
    types.extend([Type::INT8, Type::TEXT, Type::BOOL, Type::TEXT]);
    copy_staged(tx, "sitrep_stage_docs", &types, |w| {
        for (ord, x) in writes.iter().enumerate() {
            let d = &x.p.doc;
            let layers = match &x.p.layers {
                Some(l) => std::borrow::Cow::Borrowed(l.as_str()),
                None => std::borrow::Cow::Owned(
                    serde_json::to_string(&LayersBlob::of(d)).unwrap_or_else(|_| "{}".into()),
                ),
            };
            let stages = serde_json::to_string(&d.stages).ok();
            let sim = x.p.simhash.map(|h| h as i64);
            let touch = x.existing && !x.reextract;
            let kept = if x.reextract {
                known.get(&d.id).and_then(|k| k.updated_at.clone())
            } else {
                None
            };
            let ord = opt_i32(ord as i64);
            let row: [&(dyn ToSql + Sync); 18] = [
                &ord,
                &d.id,
                &x.p.content_hash,
                &d.title,
                &d.published,
                &d.publisher,
                &d.syndicated_from,
                &d.language,
                &d.url,
                &d.byline,
                &d.source,
                &d.text,
                &layers,
                &stages,
                &sim,
                &x.original,
                &touch,
                &kept,
            ];
            w.write(&row)?;
        }
        Ok(writes.len())
    })
}

fn copy_bands(tx: &mut Transaction, writes: &[Write]) -> Result<usize, postgres::Error> {
    let types = [Type::INT2, Type::INT4, Type::TEXT];
    copy_staged(tx, "sitrep_stage_bands", &types, |w| {
        let mut n = 0;
        // Only originals go into the band index (copies are never looked up as originals).
        for x in writes.iter().filter(|x| x.original.is_none()) {
            if let Some(h) = x.p.simhash {
                for (b, v) in bands(h) {
                    w.write(&[&(b as i16), &opt_i32(v), &x.p.doc.id])?;
                    n += 1;
                }
            }
        }
        Ok(n)
    })
}

/// COPYs the events of the originals among `writes`; returns how many.
fn copy_events(tx: &mut Transaction, writes: &[Write]) -> Result<usize, postgres::Error> {
    let mut types = vec![Type::INT4, Type::TEXT, Type::INT4];
    types.extend(vec![Type::TEXT; 10]);
    types.extend([Type::FLOAT8, Type::FLOAT8, Type::TEXT]);
    types.extend(vec![Type::INT8; 3]);
    types.extend(vec![Type::TEXT; 3]);
    copy_staged(tx, "sitrep_stage_events", &types, |w| {
        let mut n = 0;
        for (ord, x) in writes.iter().enumerate() {
            if x.original.is_some() {
                continue;
            }
            let d = &x.p.doc;
            let Some(events) = d.events.as_ref().filter(|e| !e.is_empty()) else {
                continue;
            };
            let idx = d.index();
            let ord = opt_i32(ord as i64);
            for (seq, e) in events.iter().enumerate() {
                let seq = opt_i32(seq as i64);
                let (dp, lp, modality) = (
                    e.date_precision.as_ref().and_then(enum_name),
                    e.location_precision.as_ref().and_then(enum_name),
                    enum_name(&e.modality),
                );
                let (fat, inj, kw) = (
                    u64_sql(e.fatalities),
                    u64_sql(e.injured),
                    u64_sql(e.killed_or_wounded),
                );
                let notes = evidence_text(d, &idx, &e.evidence);
                let evidence = serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into());
                let row: [&(dyn ToSql + Sync); 22] = [
                    &ord,
                    &d.id,
                    &seq,
                    &e.event_date,
                    &dp,
                    &e.event_type,
                    &e.sub_event_type,
                    &e.actor1,
                    &e.actor2,
                    &e.country,
                    &e.admin1,
                    &e.admin2,
                    &e.location,
                    &e.latitude,
                    &e.longitude,
                    &lp,
                    &fat,
                    &inj,
                    &kw,
                    &modality,
                    &notes,
                    &evidence,
                ];
                w.write(&row)?;
                n += 1;
            }
        }
        Ok(n)
    })
}

/// Appends `clause` to `sql` with every `?` bound to the one new argument `v`.
fn add(
    sql: &mut String,
    args: &mut Vec<Box<dyn ToSql + Sync>>,
    clause: &str,
    v: Box<dyn ToSql + Sync>,
) {
    args.push(v);
    sql.push_str(&clause.replace('?', &format!("${}", args.len())));
}

/// A filter argument for the postgres driver.
fn pg_arg(a: Arg) -> Box<dyn ToSql + Sync> {
    match a {
        Arg::Text(s) => Box::new(s),
        Arg::Int(i) => Box::new(i),
    }
}

/// The columns [`event_row`] reads, from `events e` joined with `documents d`.
const EVENT_SELECT: &str = "SELECT e.id, e.doc_id, e.seq, e.event_date, e.date_precision,
    e.event_type, e.sub_event_type, e.actor1, e.actor2, e.country, e.admin1, e.admin2,
    e.location, e.latitude, e.longitude, e.location_precision, e.fatalities, e.injured,
    e.killed_or_wounded, e.modality, e.notes, e.evidence,
    d.publisher, d.url, d.published, d.title, e.incident_id, e.dataset
 FROM events e JOIN documents d ON d.id = e.doc_id";

/// One stored event from a row of [`EVENT_SELECT`]; the error is the evidence JSON's.
fn event_row(r: &Row) -> Result<EventRow, String> {
    let evidence_json: String = r.get(21);
    let evidence: Vec<Span> = serde_json::from_str(&evidence_json).map_err(|e| e.to_string())?;
    let event = Event {
        event_date: r.get(3),
        date_precision: enum_parse(r.get(4)),
        event_type: r.get(5),
        sub_event_type: r.get(6),
        actor1: r.get(7),
        actor2: r.get(8),
        country: r.get(9),
        admin1: r.get(10),
        admin2: r.get(11),
        location: r.get(12),
        latitude: r.get(13),
        longitude: r.get(14),
        location_precision: enum_parse(r.get(15)),
        fatalities: u64_from(r.get(16)),
        injured: u64_from(r.get(17)),
        killed_or_wounded: u64_from(r.get(18)),
        modality: enum_parse(r.get(19)).unwrap_or(sitrep_model::Modality::Reported),
        evidence,
    };
    let doc_id: String = r.get(1);
    let seq: i32 = r.get(2);
    let seq = usize::try_from(seq).unwrap_or(0);
    Ok(EventRow {
        id: r.get(0),
        event_id: crate::reconcile::event_id(&doc_id, seq),
        incident_id: r.get(26),
        dataset: r.get(27),
        doc_id,
        seq,
        event,
        notes: r.get(20),
        publisher: r.get(22),
        url: r.get(23),
        published: r.get(24),
        title: r.get(25),
    })
}

/// Appends the WHERE clauses of `filter` for table alias `t` (see
/// [`crate::query::filter_clauses`]).
fn push_filter(
    sql: &mut String,
    args: &mut Vec<Box<dyn ToSql + Sync>>,
    filter: &EventFilter,
    t: &str,
) {
    for (clause, v) in crate::query::filter_clauses(filter, t, crate::query::Dialect::Postgres) {
        let v: Box<dyn ToSql + Sync> = match v {
            crate::query::SqlValue::Text(s) => Box::new(s),
            crate::query::SqlValue::Int(i) => Box::new(i),
        };
        add(sql, args, &clause, v);
    }
}

impl Store for PgStore {
    fn upsert_prepared(&mut self, docs: &[PreparedDoc]) -> Result<UpsertSummary, StoreError> {
        if docs.is_empty() {
            return Ok(UpsertSummary::default());
        }
        let url = self.url.clone();
        let closed = self.closed();
        let c = self.client.get_mut().as_mut().ok_or(closed)?;
        let pg = |e: postgres::Error| StoreError::Postgres {
            url: url.clone(),
            message: describe(&e),
            help: "the batch was rolled back; re-running the command is safe".into(),
        };
        let mut tx = c.transaction().map_err(pg)?;
        let epoch = write_lock(&mut tx).map_err(pg)?;
        // The cache is taken, and put back only when the batch commits: a failed batch
        // may have left it ahead of the database. It holds when this writer wrote last.
        let mut cache = match self.cache.take() {
            Some((cache, last)) if last + 1 == epoch => cache,
            _ => IncidentCache::new(),
        };
        // Incidents: those of the batch's stored events are rebuilt after the write, and
        // new reports join incidents, in the same transaction (see postgres/incidents.rs).
        let ids: Vec<&str> = docs.iter().map(|p| p.doc.id.as_str()).collect();
        let mut dirty = incidents::dirty_before(&mut tx, &ids).map_err(pg)?;
        let sum = write_batch(&mut tx, docs, &mut dirty).map_err(pg)?;
        incidents::reconcile_pending(&mut tx, &url, &dirty, &mut cache)?;
        tx.commit().map_err(pg)?;
        self.cache = Some((cache, epoch));
        Ok(sum)
    }

    fn content_hash_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.with(|c| {
            c.query_opt("SELECT content_hash FROM documents WHERE id = $1", &[&id])
                .map(|r| r.map(|r| r.get(0)))
        })
    }

    fn stored_version(&self, id: &str) -> Result<Option<StoredVersion>, StoreError> {
        self.with(|c| {
            c.query_opt(
                "SELECT content_hash, stages FROM documents WHERE id = $1",
                &[&id],
            )
            .map(|r| {
                r.map(|r| StoredVersion {
                    content_hash: r.get(0),
                    stages: parse_stages(r.get(1)),
                })
            })
        })
    }

    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let mut sql = format!("{EVENT_SELECT} WHERE d.duplicate_of IS NULL");
        let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        push_filter(&mut sql, &mut args, filter, "e");
        sql.push_str(" ORDER BY e.event_date NULLS FIRST, e.id");
        if let Some(l) = filter.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        self.stream_rows(&sql, &args, event_row, (1, "event evidence"), f)
    }

    fn list_docs(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError> {
        let mut sql = String::from(
            "SELECT d.id, d.title, d.published, d.publisher, d.url, d.duplicate_of,
                (SELECT count(*) FROM events e WHERE e.doc_id = d.id), char_length(d.text)
             FROM documents d WHERE true",
        );
        let w = doc_conditions(filter, Dialect::Postgres);
        sql.push_str(&w.sql);
        let args: Vec<Box<dyn ToSql + Sync>> = w.args.into_iter().map(pg_arg).collect();
        sql.push_str(" ORDER BY d.published DESC NULLS LAST, d.id");
        if let Some(l) = filter.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        sql.push_str(&format!(" OFFSET {}", filter.offset));
        self.with(|c| {
            let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
            let rows = c.query(sql.as_str(), &params)?;
            Ok(rows
                .iter()
                .map(|r| {
                    let events: i64 = r.get(6);
                    let chars: Option<i32> = r.get(7);
                    DocSummary {
                        id: r.get(0),
                        title: r.get(1),
                        published: r.get(2),
                        publisher: r.get(3),
                        url: r.get(4),
                        duplicate_of: r.get(5),
                        events: usize::try_from(events).unwrap_or(0),
                        chars: chars.and_then(|c| usize::try_from(c).ok()).unwrap_or(0),
                    }
                })
                .collect())
        })
    }

    fn get_doc(&self, id: &str) -> Result<Option<StoredDoc>, StoreError> {
        let found = self.with(|c| {
            let Some(r) = c.query_opt(
                "SELECT id, title, published, publisher, syndicated_from, language, url, byline,
                    source, text, layers, content_hash, duplicate_of, ingested_at, updated_at
                 FROM documents WHERE id = $1",
                &[&id],
            )?
            else {
                return Ok(None);
            };
            let dups: Vec<String> = c
                .query(
                    "SELECT id FROM documents WHERE duplicate_of = $1 ORDER BY id",
                    &[&id],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            Ok(Some((r, dups)))
        })?;
        let Some((r, duplicates)) = found else {
            return Ok(None);
        };
        let mut doc = Doc {
            id: r.get(0),
            title: r.get(1),
            published: r.get(2),
            publisher: r.get(3),
            syndicated_from: r.get(4),
            language: r.get(5),
            url: r.get(6),
            byline: r.get(7),
            source: r.get(8),
            text: r.get(9),
            ..Doc::default()
        };
        let layers: String = r.get(10);
        let blob: LayersBlob = serde_json::from_str(&layers).map_err(|e| StoreError::Corrupt {
            path: self.url.clone().into(),
            doc: id.to_string(),
            what: "layers",
            message: e.to_string(),
        })?;
        blob.apply(&mut doc);
        Ok(Some(StoredDoc {
            doc,
            content_hash: r.get(11),
            duplicate_of: r.get(12),
            duplicates,
            ingested_at: r.get(13),
            updated_at: r.get(14),
        }))
    }

    fn for_each_incident_after(
        &self,
        filter: &EventFilter,
        after: Option<&crate::IncidentCursor>,
        f: &mut dyn FnMut(crate::Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let (sql, args) = incidents::incident_query(filter, after, None);
        self.stream_rows(
            &sql,
            &args,
            incidents::incident_of,
            (0, "incident reports"),
            f,
        )
    }

    fn get_incident(&self, incident_id: &str) -> Result<Option<crate::Incident>, StoreError> {
        let (sql, args) =
            incidents::incident_query(&EventFilter::default(), None, Some(incident_id));
        let mut found = None;
        self.stream_rows(
            &sql,
            &args,
            incidents::incident_of,
            (0, "incident reports"),
            &mut |i| {
                found = Some(i);
                Ok(())
            },
        )?;
        Ok(found)
    }

    fn reconcile_all(&mut self) -> Result<crate::ReconcileSummary, StoreError> {
        let url = self.url.clone();
        let err = |e: postgres::Error| StoreError::Postgres {
            url: url.clone(),
            message: describe(&e),
            help: "nothing was changed; re-running the command is safe".into(),
        };
        let closed = self.closed();
        let mut tx = self
            .client
            .get_mut()
            .as_mut()
            .ok_or(closed)?
            .transaction()
            .map_err(err)?;
        let s = incidents::reconcile_all(&mut tx, &url)?;
        tx.commit().map_err(err)?;
        Ok(s)
    }

    fn import_events(
        &mut self,
        dataset: &str,
        name: &str,
        events: &[crate::ImportedEvent],
    ) -> Result<usize, StoreError> {
        let url = self.url.clone();
        let err = |e: postgres::Error| StoreError::Postgres {
            url: url.clone(),
            message: describe(&e),
            help: "nothing was imported; re-running the command is safe".into(),
        };
        let closed = self.closed();
        let mut tx = self
            .client
            .get_mut()
            .as_mut()
            .ok_or(closed)?
            .transaction()
            .map_err(err)?;
        let n = incidents::import_events(&mut tx, dataset, name, events).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(n)
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        self.with(|c| {
            let r = c.query_one(
                "SELECT (SELECT count(*) FROM documents),
                        (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
                        (SELECT count(*) FROM events)",
                &[],
            )?;
            let (a, b, e): (i64, i64, i64) = (r.get(0), r.get(1), r.get(2));
            Ok(StoreStats {
                documents: usize::try_from(a).unwrap_or(0),
                duplicates: usize::try_from(b).unwrap_or(0),
                events: usize::try_from(e).unwrap_or(0),
            })
        })
    }
}
