//! sitrep's ingest driver: the one piece of code that turns inputs into stored documents.
//!
//! The CLI (`sitrep ingest`), the ingest benchmark and a server's ingest endpoint all call
//! [`ingest()`]: it reads [`Source`]s with `sitrep-ingest` (every reader option, the CSV
//! column map included, is in [`sitrep_ingest::ReadOptions`]), extracts on a pool of
//! worker threads with a `sitrep-nlp` [`Pipeline`](sitrep_nlp::Pipeline), and stores
//! through any [`Store`](sitrep_store::Store) backend on the caller's thread, in input
//! order. [`flow::run_ordered`] is the ordered parallel reader-extractor underneath,
//! usable by anything that streams documents (e.g. `sitrep extract`).
//!
//! It lives in its own crate because it needs the readers, the stages and the store,
//! while none of those may depend on each other.

pub mod flow;
pub mod ingest;
pub mod memory;

pub use flow::{run_ordered, Source, Step};
pub use ingest::{ingest, DriverError, IngestOptions, Observer, Quiet, Totals};

use std::path::PathBuf;

/// The files under `paths` as sources, with one error for each path that could not be
/// listed (missing, unreadable, a symlink loop): those are reported, the rest is read.
pub fn sources_from_paths(paths: &[PathBuf]) -> (Vec<Source>, Vec<sitrep_ingest::IngestError>) {
    let (files, errors) = sitrep_ingest::expand_paths(paths);
    let sources = files
        .into_iter()
        .map(|f| Source::File {
            path: f.path,
            id: f.id,
        })
        .collect();
    (sources, errors)
}
