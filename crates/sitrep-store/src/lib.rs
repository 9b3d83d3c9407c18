//! sitrep's storage layer: documents, their layers and their events in a database.
//!
//! [`Store`] is the interface every backend implements (SQLite and PostgreSQL),
//! so the CLI and the server never speak SQL. [`SqliteStore`] is the default: one file,
//! WAL mode (readers never block the writer; a killed process loses nothing committed),
//! FTS5 full-text search over title + text, versioned migrations (`PRAGMA user_version`,
//! an old file is upgraded when opened), and batch upserts that are idempotent:
//!
//! - the same document (same id, same [`content_hash`]) again is *unchanged*;
//! - the same id with different content is *updated* in place (its events replaced);
//! - the same content whose stored layers were made by other stage versions than the
//!   incoming document's (a stage was upgraded) is *re-extracted*: layers and events are
//!   replaced, the content and `updated_at` are kept. An incoming document with no stage
//!   runs (not extracted) never replaces stored layers;
//! - a new id whose text repeats a stored original exactly, or within
//!   [`hash::NEAR_DUP_BITS`] bits of SimHash (a syndicated copy), is stored as a
//!   *duplicate* linked to that original (`duplicate_of`) and adds no events. Which of
//!   two copies is the original does not depend on which was stored first: the earlier
//!   published (then the smaller id) is, see [`hash::is_earlier_copy`]. A new copy that
//!   sorts before the stored original takes its place (and its events), so one corpus
//!   ingested in any order, or by several processes at once, gives the same database.
//!
//! [`PgStore`] (cargo feature `postgres`, on by default) keeps the same tables in a
//! PostgreSQL database that several ingest processes can write at once; [`open`] picks
//! the backend from the `--db` value, so every command takes a file or a URL.
//!
//! Exports ([`export`]) write events as CSV with ACLED's column names, JSON lines or
//! Parquet, streaming row by row so memory stays flat.

pub mod countries;
pub mod export;
pub mod hash;
pub mod incident_export;
#[cfg(feature = "postgres")]
mod postgres;
pub mod query;
pub mod reconcile;
mod sql;
mod sqlite;
#[cfg(feature = "postgres")]
pub mod testing;
pub mod trend;

pub use hash::{content_hash, simhash};
#[cfg(feature = "postgres")]
pub use postgres::{pg_latest_version, PgMigration, PgStore, PG_MIGRATIONS};
pub use reconcile::{Incident, IncidentReport};
pub use sitrep_model::Doc;
pub use sqlite::{latest_version, Migration, SqliteStore, MIGRATIONS};

use serde::Serialize;
use sitrep_model::{Event, StageRun};
use std::path::PathBuf;
use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database could not be opened or a statement failed.
    #[error("database {path}: {source}\nhelp: check that the file is a sitrep database and is writable; if another process holds it, wait for it to finish")]
    Sqlite {
        /// Database file.
        path: PathBuf,
        /// Cause.
        source: rusqlite::Error,
    },
    /// A PostgreSQL database could not be reached or a statement failed.
    #[error("database {url}: {message}\nhelp: {help}")]
    Postgres {
        /// Connection URL, password hidden.
        url: String,
        /// The server's or the client's message.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// The database to read does not exist.
    #[error("database {0} does not exist\nhelp: create it with `sitrep ingest PATH --db {0}`")]
    Missing(String),
    /// A PostgreSQL URL was given to a build without PostgreSQL support.
    #[error("database {0}: this sitrep was built without PostgreSQL support\nhelp: rebuild with the `postgres` feature (on by default), or use a SQLite file")]
    NoPostgres(String),
    /// The database was made by a newer sitrep.
    #[error("database {path} has schema version {found}, newer than this sitrep understands ({known})\nhelp: upgrade sitrep, or use another --db file")]
    TooNew {
        /// Database file.
        path: PathBuf,
        /// Version in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// A stored JSON column could not be read back.
    #[error("database {path}: document `{doc}` has unreadable {what}: {message}\nhelp: re-ingest the document to rewrite it")]
    Corrupt {
        /// Database file.
        path: PathBuf,
        /// Document id.
        doc: String,
        /// Which column.
        what: &'static str,
        /// Parser message.
        message: String,
    },
    /// A full-text query could not be parsed (FTS5 syntax).
    #[error("full-text query {query:?} is not valid FTS5 syntax: {message}\nhelp: leave out --fts to search for the words as typed, or see https://www.sqlite.org/fts5.html#full_text_query_syntax")]
    Query {
        /// The query as given to FTS5.
        query: String,
        /// SQLite's message.
        message: String,
    },
    /// The file is not a sitrep database (empty, or another program's).
    #[error("{path} is not a sitrep database ({why}); nothing was changed\nhelp: check --db; create a database with `sitrep ingest PATH --db FILE`")]
    NotSitrep {
        /// The file.
        path: PathBuf,
        /// What was found.
        why: String,
    },
    /// This store cannot do what was asked (a backend without incidents, say).
    #[error("{what} is not supported by this store\nhelp: {help}")]
    Unsupported {
        /// What was asked, e.g. `listing incidents`.
        what: String,
        /// What to do about it.
        help: String,
    },
    /// Writing an export failed.
    #[error("export: {0}\nhelp: check that the output is writable and the disk is not full")]
    Export(String),
}

/// What one [`Store::upsert_docs`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UpsertSummary {
    /// New original documents.
    pub inserted: usize,
    /// Documents whose content changed (same id).
    pub updated: usize,
    /// Documents already stored with the same content and the same stage versions.
    pub unchanged: usize,
    /// Documents stored with the same content whose layers were replaced because they
    /// came from other stage versions (see [`StoredVersion`]).
    pub reextracted: usize,
    /// New documents whose text was already stored under another id: linked to that
    /// original, or (when they sort before it, see [`hash::is_earlier_copy`]) taking its
    /// place as the original.
    pub duplicates: usize,
    /// Event rows written.
    pub events: usize,
}

impl UpsertSummary {
    /// Adds another summary to this one.
    pub fn add(&mut self, o: &UpsertSummary) {
        self.inserted += o.inserted;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.reextracted += o.reextracted;
        self.duplicates += o.duplicates;
        self.events += o.events;
    }
}

/// Which events to return. Every field is optional; set fields are ANDed.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// ISO2 code or English country name.
    pub country: Option<String>,
    /// First-level division (case-insensitive exact match).
    pub admin1: Option<String>,
    /// Earliest `event_date` (inclusive, `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Latest `event_date` (inclusive, `YYYY-MM-DD`).
    pub until: Option<String>,
    /// Event type or sub-event type (case-insensitive exact match).
    pub event_type: Option<String>,
    /// Substring of actor1 or actor2 (case-insensitive).
    pub actor: Option<String>,
    /// Minimum fatalities.
    pub min_fatalities: Option<u64>,
    /// FTS5 query over the source document's title and text.
    pub query: Option<String>,
    /// Only events of this document (incidents: with a report from it).
    pub doc_id: Option<String>,
    /// Only this dataset: `sitrep` (extracted here) or an imported one (`acled`, `ged`).
    pub dataset: Option<String>,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// One stored event with the document it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// Row id in the store (stable for the life of the database).
    pub id: i64,
    /// Stable event id ([`reconcile::event_id`] of document and position).
    pub event_id: String,
    /// The incident this report belongs to (`None` only before reconciliation).
    pub incident_id: Option<String>,
    /// `sitrep`, or the dataset an imported row came from (`acled`, `ged`).
    pub dataset: String,
    /// Source document id.
    pub doc_id: String,
    /// Position of the event in its document's event layer.
    pub seq: usize,
    /// The event record.
    pub event: Event,
    /// Text of the evidence sentences (ACLED's `notes`).
    pub notes: Option<String>,
    /// Source document's publisher (ACLED's `source`).
    pub publisher: Option<String>,
    /// Source document's URL.
    pub url: Option<String>,
    /// Source document's publication date.
    pub published: Option<String>,
    /// Source document's headline.
    pub title: Option<String>,
}

/// Where a page of events ended: the sort key `(event_date, id)` of its last row, so
/// the next page starts after it (keyset pagination: stable while rows are added, and as
/// fast on page 1,000 as on page 1). Events without a date sort first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct EventCursor {
    /// `event_date` of the last row seen (`None` when it had no date).
    pub event_date: Option<String>,
    /// Row id of the last row seen.
    pub id: i64,
}

impl EventCursor {
    /// The cursor just after `row`.
    pub fn of(row: &EventRow) -> Self {
        EventCursor {
            event_date: row.event.event_date.clone(),
            id: row.id,
        }
    }

    /// True when `row` sorts after this cursor in (event_date, id) order, with missing
    /// dates first (SQLite's order for NULL).
    pub fn precedes(&self, row: &EventRow) -> bool {
        (self.event_date.as_deref(), self.id) < (row.event.event_date.as_deref(), row.id)
    }
}

/// Which documents to list.
#[derive(Debug, Clone, Default)]
pub struct DocFilter {
    /// FTS5 query over title and text.
    pub query: Option<String>,
    /// Earliest publication date (inclusive).
    pub since: Option<String>,
    /// Latest publication date (inclusive).
    pub until: Option<String>,
    /// Publisher (case-insensitive exact match).
    pub publisher: Option<String>,
    /// Include documents stored as duplicates of another.
    pub include_duplicates: bool,
    /// At most this many rows.
    pub limit: Option<usize>,
    /// Skip this many rows.
    pub offset: usize,
}

/// One line of a document listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The original this document copies, if any.
    pub duplicate_of: Option<String>,
    /// Number of events stored for it.
    pub events: usize,
    /// Length of its text in characters.
    pub chars: usize,
}

/// A document as stored, with its store metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDoc {
    /// The document with every layer that was stored.
    pub doc: Doc,
    /// Its content hash.
    pub content_hash: String,
    /// The original this document copies, if any.
    pub duplicate_of: Option<String>,
    /// Documents stored as copies of this one.
    pub duplicates: Vec<String>,
    /// When it was first stored (UTC).
    pub ingested_at: String,
    /// When its content last changed (UTC), if ever.
    pub updated_at: Option<String>,
}

/// Totals over the whole store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// All documents.
    pub documents: usize,
    /// Documents stored as duplicates.
    pub duplicates: usize,
    /// Event rows.
    pub events: usize,
}

/// What the store holds for one document id: enough to decide, before extraction,
/// whether the document needs extracting again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVersion {
    /// The stored [`content_hash`].
    pub content_hash: String,
    /// The stage runs (name and version) that made the stored layers, in order; empty
    /// when it was stored without extraction or the list is unreadable.
    pub stages: Vec<StageRun>,
}

impl StoredVersion {
    /// True when the stored document has content `hash` and layers made by exactly the
    /// stage versions `stages`: storing it again would change nothing.
    pub fn is_current(&self, hash: &str, stages: &[StageRun]) -> bool {
        self.content_hash == hash && self.stages == stages
    }
}

/// A document with its hashes computed, so callers can hash on worker threads and the
/// single writer only writes.
#[derive(Debug, Clone)]
pub struct PreparedDoc {
    /// The document.
    pub doc: Doc,
    /// [`content_hash`] of it.
    pub content_hash: String,
    /// [`simhash`] of its text.
    pub simhash: Option<u64>,
    /// Replace the stored layers and events even when the content and the stage
    /// versions are the same (`sitrep ingest --reextract`).
    pub force: bool,
    /// The document's layers as stored ([`layers_json`]), when whoever prepared it (an
    /// ingest worker) serialised them, so the single writer does not; else the store
    /// does.
    pub layers: Option<String>,
}

/// A document's layers as the stores keep them (one JSON object).
pub fn layers_json(doc: &Doc) -> Result<String, serde_json::Error> {
    serde_json::to_string(&sqlite::LayersBlob::of(doc))
}

impl PreparedDoc {
    /// Computes the hashes of `doc`.
    pub fn new(doc: Doc) -> Self {
        PreparedDoc {
            content_hash: content_hash(&doc),
            simhash: simhash(&doc.text),
            doc,
            force: false,
            layers: None,
        }
    }
}

/// A place to keep documents and events: implemented by [`SqliteStore`] and
/// `PgStore`. Batches are atomic: after a crash either all of a batch is stored or
/// none of it.
pub trait Store {
    /// Stores a batch of documents (with their layers and events) in one transaction.
    fn upsert_docs(&mut self, docs: &[Doc]) -> Result<UpsertSummary, StoreError> {
        let prepared: Vec<PreparedDoc> = docs.iter().cloned().map(PreparedDoc::new).collect();
        self.upsert_prepared(&prepared)
    }
    /// Stores a batch of documents whose hashes were computed beforehand.
    fn upsert_prepared(&mut self, docs: &[PreparedDoc]) -> Result<UpsertSummary, StoreError>;
    /// The stored content hash of a document, if it is stored.
    fn content_hash_of(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The stored content hash and stage versions of a document, if it is stored.
    fn stored_version(&self, id: &str) -> Result<Option<StoredVersion>, StoreError>;
    /// Calls `f` on each event matching `filter`, in (event_date, id) order, streaming.
    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError>;
    /// Like [`Store::for_each_event`], but only events after `after` (see [`EventCursor`])
    /// and at most `filter.limit` of them: one page of a listing. Backends override the
    /// default (which reads every matching row) with a keyset query.
    fn for_each_event_after(
        &self,
        filter: &EventFilter,
        after: Option<&EventCursor>,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let limit = filter.limit.unwrap_or(usize::MAX);
        let all = EventFilter {
            limit: None,
            ..filter.clone()
        };
        let mut n = 0;
        self.for_each_event(&all, &mut |r| {
            if n < limit && after.is_none_or(|c| c.precedes(&r)) {
                n += 1;
                f(r)?;
            }
            Ok(())
        })?;
        Ok(n)
    }
    /// One event by its row id ([`EventRow::id`]).
    fn get_event(&self, id: i64) -> Result<Option<EventRow>, StoreError> {
        let mut found = None;
        self.for_each_event(&EventFilter::default(), &mut |r| {
            if r.id == id {
                found = Some(r);
            }
            Ok(())
        })?;
        Ok(found)
    }
    /// Events matching `filter`, collected.
    fn query_events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let mut out = Vec::new();
        self.for_each_event(filter, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }
    /// Documents matching `filter`, newest first.
    fn list_docs(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError>;
    /// One document with all its layers.
    fn get_doc(&self, id: &str) -> Result<Option<StoredDoc>, StoreError>;
    /// Totals.
    fn stats(&self) -> Result<StoreStats, StoreError>;
    /// A number that changes whenever another connection commits to the database, for
    /// caches of derived figures; `None` when the backend cannot tell cheaply (then a
    /// cache must not reuse anything). SQLite: `PRAGMA data_version`.
    fn data_version(&self) -> Option<i64> {
        None
    }
    /// Calls `f` on each incident matching `filter` after `after` (see [`IncidentCursor`];
    /// `None`: from the start), at most `filter.limit` of them, in (event_date,
    /// incident_id) order. The filter fields mean what they mean for events, read on the
    /// incident; `query` and `doc_id` match any of its reports.
    fn for_each_incident_after(
        &self,
        filter: &EventFilter,
        after: Option<&IncidentCursor>,
        f: &mut dyn FnMut(Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let _ = (filter, after, f);
        Err(no_incidents("listing incidents"))
    }
    /// Calls `f` on every incident matching `filter` (streaming).
    fn for_each_incident(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        self.for_each_incident_after(filter, None, f)
    }
    /// Incidents matching `filter`, collected.
    fn query_incidents(&self, filter: &EventFilter) -> Result<Vec<Incident>, StoreError> {
        let mut out = Vec::new();
        self.for_each_incident(filter, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }
    /// One incident by its id, with every report (document, outlet, date, figures,
    /// evidence) in [`Incident::reports`].
    fn get_incident(&self, incident_id: &str) -> Result<Option<Incident>, StoreError> {
        let _ = incident_id;
        Err(no_incidents("reading an incident"))
    }
    /// Recomputes every incident from scratch (the same result as incremental
    /// reconciliation during ingest). Upserts reconcile new reports themselves.
    fn reconcile_all(&mut self) -> Result<ReconcileSummary, StoreError> {
        Err(no_incidents("`sitrep reconcile`"))
    }
    /// Imports rows of an existing event dataset (`acled`, `ged`) as one pseudo-document
    /// `import:<dataset>:<name>`; each row is an incident of its own. Re-importing the
    /// same name replaces the earlier import.
    fn import_events(
        &mut self,
        dataset: &str,
        name: &str,
        events: &[ImportedEvent],
    ) -> Result<usize, StoreError> {
        let _ = (dataset, name, events);
        Err(no_incidents("`sitrep import`"))
    }
}

/// The error of a store that keeps no incidents (the trait's default methods).
fn no_incidents(what: &str) -> StoreError {
    StoreError::Unsupported {
        what: what.to_string(),
        help: "use a SQLite file or a PostgreSQL database opened with `sitrep_store::open`, \
               which keep incidents"
            .into(),
    }
}

/// Where a page of incidents ended: the sort key `(event_date, incident_id)` of its last
/// row (keyset pagination, as [`EventCursor`] for events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct IncidentCursor {
    /// `event_date` of the last incident seen (`None` when it had no date).
    pub event_date: Option<String>,
    /// Id of the last incident seen.
    pub incident_id: String,
}

impl IncidentCursor {
    /// The cursor just after `i`.
    pub fn of(i: &Incident) -> Self {
        IncidentCursor {
            event_date: i.event_date.clone(),
            incident_id: i.incident_id.clone(),
        }
    }
}

/// One row of an imported dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEvent {
    /// The record.
    pub event: Event,
    /// Its sources (ACLED `source`, GED `source_office`).
    pub source: Option<String>,
    /// Its notes (ACLED `notes`, GED `source_headline`).
    pub notes: Option<String>,
    /// UCDP's low estimate, when the dataset gives one.
    pub fatalities_low: Option<u64>,
    /// UCDP's high estimate.
    pub fatalities_high: Option<u64>,
}

/// What a reconciliation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReconcileSummary {
    /// Reports considered.
    pub reports: usize,
    /// Incidents written (new or changed).
    pub incidents: usize,
}

/// True when `target` (a `--db` value) names a PostgreSQL database
/// (`postgres://…` or `postgresql://…`) rather than a SQLite file.
pub fn is_postgres_url(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

/// Opens the store a `--db` value names: a `postgres://` URL or a SQLite file. This is
/// the one place commands open a database.
///
/// With `read_only` the caller only reads: nothing is created, and a missing file or a
/// database without sitrep tables is an error saying how to make one (SQLite files are
/// opened with [`SqliteStore::open_for_reading`]). Otherwise the database is created if needed and migrated.
pub fn open(target: &str, read_only: bool) -> Result<Box<dyn Store + Send>, StoreError> {
    if is_postgres_url(target) {
        #[cfg(feature = "postgres")]
        {
            return Ok(Box::new(if read_only {
                PgStore::open_existing(target)?
            } else {
                PgStore::open(target)?
            }));
        }
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::NoPostgres(target.to_string()));
    }
    if read_only {
        if !std::path::Path::new(target).exists() {
            return Err(StoreError::Missing(target.to_string()));
        }
        return Ok(Box::new(SqliteStore::open_for_reading(target)?));
    }
    Ok(Box::new(SqliteStore::open(target)?))
}

/// Opens a second connection to `target` for looking up stored versions while another
/// connection writes (ingest workers): read-only for SQLite, a plain connection for
/// PostgreSQL. The database must exist (open it for writing first).
pub fn open_reader(target: &str) -> Result<Box<dyn Store + Send>, StoreError> {
    if is_postgres_url(target) {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(PgStore::open_in_schema(target, None, None)?));
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::NoPostgres(target.to_string()));
    }
    Ok(Box::new(SqliteStore::open_read_only(target)?))
}

/// A boxed store (what [`open`] returns) is a store, so generic code such as the ingest
/// driver takes it as it takes a concrete backend.
impl<T: Store + ?Sized> Store for Box<T> {
    fn upsert_prepared(&mut self, docs: &[PreparedDoc]) -> Result<UpsertSummary, StoreError> {
        (**self).upsert_prepared(docs)
    }
    fn content_hash_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        (**self).content_hash_of(id)
    }
    fn stored_version(&self, id: &str) -> Result<Option<StoredVersion>, StoreError> {
        (**self).stored_version(id)
    }
    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        (**self).for_each_event(filter, f)
    }
    fn for_each_event_after(
        &self,
        filter: &EventFilter,
        after: Option<&EventCursor>,
        f: &mut dyn FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        (**self).for_each_event_after(filter, after, f)
    }
    fn get_event(&self, id: i64) -> Result<Option<EventRow>, StoreError> {
        (**self).get_event(id)
    }
    fn list_docs(&self, filter: &DocFilter) -> Result<Vec<DocSummary>, StoreError> {
        (**self).list_docs(filter)
    }
    fn get_doc(&self, id: &str) -> Result<Option<StoredDoc>, StoreError> {
        (**self).get_doc(id)
    }
    fn stats(&self) -> Result<StoreStats, StoreError> {
        (**self).stats()
    }
    fn data_version(&self) -> Option<i64> {
        (**self).data_version()
    }
    fn for_each_incident_after(
        &self,
        filter: &EventFilter,
        after: Option<&IncidentCursor>,
        f: &mut dyn FnMut(Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        (**self).for_each_incident_after(filter, after, f)
    }
    fn get_incident(&self, incident_id: &str) -> Result<Option<Incident>, StoreError> {
        (**self).get_incident(incident_id)
    }
    fn reconcile_all(&mut self) -> Result<ReconcileSummary, StoreError> {
        (**self).reconcile_all()
    }
    fn import_events(
        &mut self,
        dataset: &str,
        name: &str,
        events: &[ImportedEvent],
    ) -> Result<usize, StoreError> {
        (**self).import_events(dataset, name, events)
    }
}
