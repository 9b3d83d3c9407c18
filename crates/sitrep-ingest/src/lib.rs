//! Readers for every input sitrep takes, and the line cleaner.
//!
//! Each input format is one module that turns bytes into [`Doc`]s (text plus metadata:
//! title, date, publisher, URL). [`read_path`] picks the reader for a file (by
//! `--input-format`, else by extension and content sniffing) and yields one
//! `Result<Doc, IngestError>` per document, so one bad item is reported with its location
//! and the rest go on. The cleaner ([`clean`]) then strips promo lines, captions, bylines
//! and syndication notes into `Doc::removed`.

pub mod clean;
pub mod csv;
pub mod date;
pub mod detect;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod telegram;
pub mod text;
pub mod warc;

use sitrep_model::Doc;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Default cap on the size of one input file or record (bytes).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide from the extension and the first bytes.
    #[default]
    Auto,
    /// Plain text (any encoding; detected).
    Text,
    /// An HTML page.
    Html,
    /// JSON lines: `{"id","text","html","url","title","published"}` per line.
    Jsonl,
    /// RSS 2.0 or Atom feed.
    Feed,
    /// WARC or WARC.gz (response records with HTML bodies).
    Warc,
    /// Telegram Desktop channel export (`result.json`).
    Telegram,
    /// CSV with a column mapping (FA-KES layout by default).
    Csv,
}

impl InputFormat {
    /// Parses a format name as given on the command line.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "auto" => InputFormat::Auto,
            "text" | "txt" => InputFormat::Text,
            "html" => InputFormat::Html,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "rss" | "atom" | "feed" => InputFormat::Feed,
            "warc" => InputFormat::Warc,
            "telegram" => InputFormat::Telegram,
            "csv" => InputFormat::Csv,
            _ => return None,
        })
    }
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Format, or `Auto`.
    pub format: InputFormat,
    /// Files (or records) larger than this are refused with a clear error.
    pub max_bytes: u64,
    /// Run the line cleaner (off for pre-cleaned evaluation corpora).
    pub clean: bool,
    /// Publication date that overrides whatever the input says (`YYYY-MM-DD`).
    pub published: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            max_bytes: DEFAULT_MAX_BYTES,
            clean: true,
            published: None,
        }
    }
}

/// Why an input (or one item in it) could not be read.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}\nhelp: check that the file exists and is readable")]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// The file is larger than the cap.
    #[error("{path}: {size} bytes is over the {max}-byte limit; skipped\nhelp: split the file, or raise the limit with --max-bytes")]
    TooLarge {
        /// File.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The cap.
        max: u64,
    },
    /// The input is not text (binary data).
    #[error("{path}: looks like binary data, not text or HTML; skipped\nhelp: pass text, HTML, JSON lines, a feed, a WARC or a Telegram export")]
    Binary {
        /// File.
        path: PathBuf,
    },
    /// The input has no text.
    #[error("{path}: empty: no text to extract")]
    Empty {
        /// File (or `file:line`).
        path: String,
    },
    /// A malformed item inside a multi-document file.
    #[error("{location}: {message}")]
    Item {
        /// `file:line`, `file#record-id`, etc.
        location: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The whole file is in a format we cannot read.
    #[error("{path}: {message}")]
    Format {
        /// File.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
}

/// A stream of documents (or per-item errors) from one input.
pub type DocIter = Box<dyn Iterator<Item = Result<Doc, IngestError>> + Send>;

/// Lists the files under `paths` (directories recursively, sorted, hidden files skipped).
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out)?;
    }
    Ok(out)
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let meta = std::fs::metadata(p).map_err(|source| IngestError::Io {
        path: p.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|source| IngestError::Io {
                path: p.to_path_buf(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|e| {
                !e.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        entries.sort();
        for e in entries {
            walk(&e, out)?;
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// Reads one file into documents, using `opts.format` or detecting it.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    detect::read_path(path, opts)
}

pub use clean::finish_doc;
pub use detect::read_bytes;

/// `../shared` for tests, or `None` (with a message) when it is absent.
#[cfg(test)]
pub(crate) fn test_shared(test: &str) -> Option<PathBuf> {
    sitrep_nlp::testing::shared_or_skip(test)
}
