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
pub mod raw;
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
    /// CSV column mapping (`--csv-map`); `None` guesses it from the header row.
    pub csv_map: Option<csv::CsvMap>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            max_bytes: DEFAULT_MAX_BYTES,
            clean: true,
            published: None,
            csv_map: None,
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

/// A file to read, with the id its document takes if it holds one document (text, HTML
/// without a canonical URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file.
    pub path: PathBuf,
    /// `None` for a file named on the command line (its id is its name without
    /// extensions, [`text::file_id`]); for a file found in a folder, the folder's name and
    /// the path below it (`articles/2020/a` for `articles/2020/a.txt`), so `a/article.txt`
    /// and `b/article.txt` stay two documents.
    pub id: Option<String>,
}

/// Lists the files under `paths` (directories recursively, sorted, hidden files
/// skipped), with one error for each path that could not be listed: a missing path, an
/// unreadable folder, a broken symlink, or a symlink back into a folder already being
/// walked (a loop). Those are reported and the rest is listed. Files named directly
/// whose names collide (`a/article.txt b/article.txt`) get their folder in their id.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<IngestError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let mut files = Vec::new();
        walk(p, &mut Vec::new(), &mut files, &mut errors);
        let root = p.file_name().map(PathBuf::from).or_else(|| {
            std::fs::canonicalize(p)
                .ok()?
                .file_name()
                .map(PathBuf::from)
        });
        for f in files {
            let id = match f.strip_prefix(p) {
                Ok(rel) if rel.as_os_str().is_empty() => None,
                Ok(rel) => {
                    let rel = rel.with_file_name(text::file_id(rel));
                    let full = root.as_ref().map_or(rel.clone(), |r| r.join(&rel));
                    Some(full.to_string_lossy().replace('\\', "/"))
                }
                Err(_) => None,
            };
            out.push(InputFile { path: f, id });
        }
    }
    // Files named directly with the same name: qualify by their folder.
    let direct: Vec<String> = out
        .iter()
        .filter(|f| f.id.is_none())
        .map(|f| text::file_id(&f.path))
        .collect();
    for f in out.iter_mut().filter(|f| f.id.is_none()) {
        let stem = text::file_id(&f.path);
        if direct.iter().filter(|s| **s == stem).count() > 1 {
            let parent = f
                .path
                .parent()
                .and_then(|d| std::fs::canonicalize(d).ok())
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
            f.id = parent.map(|d| format!("{d}/{stem}"));
        }
    }
    (out, errors)
}

fn walk(p: &Path, open: &mut Vec<PathBuf>, out: &mut Vec<PathBuf>, errors: &mut Vec<IngestError>) {
    let io = |source| IngestError::Io {
        path: p.to_path_buf(),
        source,
    };
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => return errors.push(io(e)),
    };
    if !meta.is_dir() {
        out.push(p.to_path_buf());
        return;
    }
    // The folders being walked, by real path: meeting one again is a symlink loop.
    let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if open.contains(&real) {
        errors.push(IngestError::Format {
            path: p.to_path_buf(),
            message: format!(
                "symlink loop: this folder is {}, which is already being read; skipped\nhelp: remove the link or pass the folders separately",
                real.display()
            ),
        });
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
        Ok(rd) => rd
            .filter_map(|e| match e {
                Ok(e) => Some(e.path()),
                Err(e) => {
                    errors.push(io(e));
                    None
                }
            })
            .filter(|e| {
                !e.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect(),
        Err(e) => return errors.push(io(e)),
    };
    entries.sort();
    open.push(real);
    for e in entries {
        walk(&e, open, out, errors);
    }
    open.pop();
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
