//! sitrep's storage layer: documents, their layers and their events in a database.
//!
//! [`Store`] is the interface every backend implements (SQLite today, PostgreSQL later),
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
//!   *duplicate* linked to that original (`duplicate_of`) and adds no events.
//!
//! Exports ([`export`]) write events as CSV with ACLED's column names, JSON lines or
//! Parquet, streaming row by row so memory stays flat.

pub mod countries;
pub mod export;
pub mod hash;
pub mod incident_export;
pub mod reconcile;
mod sqlite;
pub mod trend;

pub use hash::{content_hash, simhash};
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
    /// New documents stored as (near-)duplicates of an original.
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
}

impl PreparedDoc {
    /// Computes the hashes of `doc`.
    pub fn new(doc: Doc) -> Self {
        PreparedDoc {
            content_hash: content_hash(&doc),
            simhash: simhash(&doc.text),
            doc,
        }
    }
}

/// A place to keep documents and events: implemented by [`SqliteStore`] (and later
/// PostgreSQL). Batches are atomic: after a crash either all of a batch is stored or
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
    /// Calls `f` on each incident matching `filter` (the same fields as for events, read
    /// on the incident: `query` and `doc_id` match any of its reports), in
    /// (event_date, incident_id) order.
    fn for_each_incident(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError>;
    /// Incidents matching `filter`, collected.
    fn query_incidents(&self, filter: &EventFilter) -> Result<Vec<Incident>, StoreError> {
        let mut out = Vec::new();
        self.for_each_incident(filter, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }
    /// Recomputes every incident from scratch (same ids as incremental reconciliation
    /// when reports arrived in date order). Upserts reconcile new reports themselves.
    fn reconcile_all(&mut self) -> Result<ReconcileSummary, StoreError>;
    /// Imports rows of an existing event dataset (`acled`, `ged`) as one pseudo-document
    /// `import:<dataset>:<name>`; each row is an incident of its own. Re-importing the
    /// same name replaces the earlier import.
    fn import_events(
        &mut self,
        dataset: &str,
        name: &str,
        events: &[ImportedEvent],
    ) -> Result<usize, StoreError>;
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
