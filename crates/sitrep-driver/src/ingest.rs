//! The ingest driver: sources in, documents and events stored, over any [`Store`].
//!
//! Items are read and extracted in parallel in input order ([`crate::flow`]). Before
//! extraction each worker asks the store, through a read handle from a small pool,
//! whether the document is already stored with the same content hash and layers made by
//! this pipeline's stage versions; if so it is *unchanged* and not extracted again, which
//! makes a re-run after a crash cheap. Results reach the one writer (the caller's thread)
//! through bounded channels and are stored in batches of [`IngestOptions::batch_size`],
//! one transaction each: a killed process loses at most the batch in flight, and a re-run
//! resumes by skipping what is stored. After each batch, [`Observer::after_upsert`] runs
//! with the store (the hook for reconciliation); a store or hook error stops the run and
//! is returned with how many documents were committed before it.

use crate::flow::{run_ordered, Source, Step};
use sitrep_ingest::{IngestError, ReadOptions};
use sitrep_model::{Doc, StageRun};
use sitrep_nlp::Pipeline;
use sitrep_store::{PreparedDoc, Store, StoreError, UpsertSummary};
use std::sync::Mutex;
use thiserror::Error;

/// Units (files or items) extracted at once per worker thread.
const CHUNK_PER_JOB: usize = 32;

/// Failure messages kept in [`Totals::failures`] (the rest are only counted), so memory
/// does not grow with a corpus full of bad items.
pub const MAX_KEPT_ERRORS: usize = 10_000;

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// How to read the inputs (format, size cap, cleaning, CSV columns…).
    pub read: ReadOptions,
    /// Worker threads for reading and extraction (at least 1).
    pub jobs: usize,
    /// Documents per transaction (at least 1).
    pub batch_size: usize,
    /// Extract every document again and replace its stored layers and events, even
    /// when it is stored unchanged by the current stage versions.
    pub reextract: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_size: 500,
            reextract: false,
        }
    }
}

/// Totals of one run.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Documents read (stored, unchanged or duplicates).
    pub read: usize,
    /// What the store did with them.
    pub stored: UpsertSummary,
    /// Documents found unchanged before extraction (not extracted again).
    pub unchanged_early: usize,
    /// Items with no text.
    pub skipped: usize,
    /// Items (or files) that could not be read or extracted.
    pub failed: usize,
    /// The first [`MAX_KEPT_ERRORS`] failure messages.
    pub failures: Vec<String>,
    /// Documents committed to the store.
    pub committed: usize,
    /// Bytes of the files read to their end.
    pub bytes_done: u64,
}

impl Totals {
    /// Failure reasons with their counts, most frequent first: the part of each message
    /// after its location (`file:line: reason: detail` gives `reason`).
    pub fn reasons(&self) -> Vec<(String, usize)> {
        let mut reasons: Vec<(String, usize)> = Vec::new();
        for f in &self.failures {
            let first = f.lines().next().unwrap_or(f);
            let after = first.split_once(": ").map_or(first, |(_, r)| r);
            let reason = after.split(':').next().unwrap_or(after).trim().to_string();
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((reason, 1)),
            }
        }
        reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
        reasons
    }

    fn fail(&mut self, message: String) {
        self.failed += 1;
        if self.failures.len() < MAX_KEPT_ERRORS {
            self.failures.push(message);
        }
    }
}

/// Hears about a run as it goes; every method has a default that does nothing. Called
/// on the writer's thread (the caller's), in input order.
pub trait Observer<S: ?Sized> {
    /// An item or file could not be read or extracted (the run goes on).
    fn failed(&mut self, _message: &str) {}
    /// A file was read to its end.
    fn file_done(&mut self, _bytes: u64) {}
    /// Called after every item with the running totals.
    fn progress(&mut self, _totals: &Totals) {}
    /// Called after each batch is committed, with the store: e.g. to reconcile
    /// incidents across the new documents. An error stops the run.
    fn after_upsert(
        &mut self,
        _store: &mut S,
        _batch: &[PreparedDoc],
        _summary: &UpsertSummary,
    ) -> Result<(), String> {
        Ok(())
    }
}

/// An observer that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct Quiet;

impl<S: ?Sized> Observer<S> for Quiet {}

/// Why a run stopped. Per-item problems are not errors: they are counted in [`Totals`].
#[derive(Debug, Error)]
pub enum DriverError {
    /// The worker threads could not be started.
    #[error("cannot start {jobs} worker threads: {message}\nhelp: lower --jobs")]
    Threads {
        /// Threads asked for.
        jobs: usize,
        /// Cause.
        message: String,
    },
    /// Storing a batch failed; `committed` documents were stored before it.
    #[error("storing a batch failed after {committed} documents were committed: {source}")]
    Write {
        /// Documents committed before the failure (a re-run skips them).
        committed: usize,
        /// Cause.
        source: StoreError,
    },
    /// The after-upsert hook failed.
    #[error("after storing a batch ({committed} documents committed): {message}")]
    Hook {
        /// Documents committed so far.
        committed: usize,
        /// Cause.
        message: String,
    },
}

/// What a worker hands the writer.
enum Msg {
    Doc(Box<PreparedDoc>),
    Unchanged,
    Skipped,
    Failed(String),
}

/// Read handles shared by the workers: one is taken for a lookup and put back after,
/// so at most one per worker is ever open.
struct Readers<R, F> {
    open: F,
    idle: Mutex<Vec<R>>,
}

impl<R: Store + Send, F: Fn() -> Result<R, StoreError> + Sync> Readers<R, F> {
    fn with<T>(&self, f: impl FnOnce(&R) -> T) -> Option<T> {
        let taken = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        // A store that cannot be opened for reading just means "look it up later": the
        // writer's upsert is idempotent anyway.
        let r = match taken {
            Some(r) => r,
            None => (self.open)().ok()?,
        };
        let out = f(&r);
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(r);
        Some(out)
    }
}

fn work<R: Store + Send, F: Fn() -> Result<R, StoreError> + Sync>(
    item: Result<Doc, IngestError>,
    readers: &Readers<R, F>,
    pipeline: &Pipeline,
    stages: &[StageRun],
    force: bool,
) -> Msg {
    match item {
        Ok(mut doc) => {
            // The hash of the document as read (before stages add anything), so a re-run
            // recognises it before spending time on extraction.
            let hash = sitrep_store::content_hash(&doc);
            let current = !force
                && readers
                    .with(|r| {
                        r.stored_version(&doc.id)
                            .ok()
                            .flatten()
                            .is_some_and(|v| v.is_current(&hash, stages))
                    })
                    .unwrap_or(false);
            if current {
                return Msg::Unchanged;
            }
            match pipeline.run(&mut doc) {
                // The layers are serialised here, on a worker, not by the single writer.
                Ok(()) => Msg::Doc(Box::new(PreparedDoc {
                    simhash: sitrep_store::simhash(&doc.text),
                    content_hash: hash,
                    layers: sitrep_store::layers_json(&doc).ok(),
                    doc,
                    force,
                })),
                Err(e) => Msg::Failed(format!("{}: {e}", doc.source.as_deref().unwrap_or(&doc.id))),
            }
        }
        Err(IngestError::Empty { .. }) => Msg::Skipped,
        Err(e) => Msg::Failed(e.to_string()),
    }
}

/// Reads `sources`, extracts with `pipeline` and stores into `store`, in batches.
///
/// `open_reader` opens a read handle on the same store for the workers' "already
/// stored?" lookups (for SQLite: `SqliteStore::open_read_only`). Per-item failures are
/// counted and passed to `observer`; a store error stops the run (see [`DriverError`]).
pub fn ingest<S, R, F>(
    store: &mut S,
    open_reader: F,
    pipeline: &Pipeline,
    sources: Vec<Source>,
    opts: &IngestOptions,
    observer: &mut dyn Observer<S>,
) -> Result<Totals, DriverError>
where
    S: Store + ?Sized,
    R: Store + Send,
    F: Fn() -> Result<R, StoreError> + Sync,
{
    let jobs = opts.jobs.max(1);
    let batch_size = opts.batch_size.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| DriverError::Threads {
            jobs,
            message: e.to_string(),
        })?;
    let stages = pipeline.stage_runs();
    let readers = Readers {
        open: open_reader,
        idle: Mutex::new(Vec::new()),
    };
    let mut totals = Totals::default();
    let mut batch: Vec<PreparedDoc> = Vec::with_capacity(batch_size);
    let flush = |batch: &mut Vec<PreparedDoc>,
                 totals: &mut Totals,
                 store: &mut S,
                 observer: &mut dyn Observer<S>|
     -> Result<(), DriverError> {
        if batch.is_empty() {
            return Ok(());
        }
        let s = store
            .upsert_prepared(batch)
            .map_err(|source| DriverError::Write {
                committed: totals.committed,
                source,
            })?;
        totals.stored.add(&s);
        totals.committed += batch.len();
        observer
            .after_upsert(store, batch, &s)
            .map_err(|message| DriverError::Hook {
                committed: totals.committed,
                message,
            })?;
        batch.clear();
        Ok(())
    };
    let work = |item| work(item, &readers, pipeline, &stages, opts.reextract);
    run_ordered(
        sources,
        &opts.read,
        &pool,
        jobs * CHUNK_PER_JOB,
        &work,
        &mut |step| {
            match step {
                Step::Item(Msg::Doc(d)) => {
                    totals.read += 1;
                    batch.push(*d);
                    if batch.len() >= batch_size {
                        flush(&mut batch, &mut totals, store, observer)?;
                    }
                }
                Step::Item(Msg::Unchanged) => {
                    totals.read += 1;
                    totals.unchanged_early += 1;
                }
                Step::Item(Msg::Skipped) => totals.skipped += 1,
                Step::Item(Msg::Failed(e)) => {
                    observer.failed(&e);
                    totals.fail(e);
                }
                Step::FileDone(n) => {
                    totals.bytes_done += n;
                    observer.file_done(n);
                }
            }
            observer.progress(&totals);
            Ok(())
        },
    )?;
    flush(&mut batch, &mut totals, store, observer)?;
    Ok(totals)
}
