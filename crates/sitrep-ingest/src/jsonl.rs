//! JSON-lines reader: one document per line, for batch use.
//!
//! Each line is an object with any of `id`, `text`, `html`, `url`, `title`, `published`,
//! `publisher` (other keys are ignored). `text` is used as is (then cleaned); when only
//! `html` is given, the HTML reader extracts the article from it. The file is streamed,
//! so it may be larger than the per-file cap; the cap applies to each line instead. A bad
//! line (not JSON, not an object, no text, invalid UTF-8, too long, a date that is not a
//! date) is one error naming `file:line`, and the lines after it are still read. A
//! document's id is its `id`, else `stem:line`.

use crate::clean;
use crate::date;
use crate::{html, text, DocIter, IngestError, ReadOptions};
use serde::Deserialize;
use sitrep_model::Doc;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
}

struct JsonlIter {
    path: PathBuf,
    stem: String,
    reader: Option<BufReader<Box<dyn Read + Send>>>,
    line: usize,
    opts: ReadOptions,
    pending: Option<IngestError>,
    buf: Vec<u8>,
}

impl JsonlIter {
    fn item_error(&self, message: String) -> IngestError {
        IngestError::Item {
            location: format!("{}:{}", self.path.display(), self.line),
            message,
        }
    }

    fn parse_line(&self, bytes: &[u8]) -> Result<Doc, IngestError> {
        let s = std::str::from_utf8(bytes).map_err(|e| {
            self.item_error(format!(
                "invalid UTF-8 at byte {} of the line\nhelp: JSON lines must be UTF-8; convert the file (e.g. `iconv -t UTF-8`)",
                e.valid_up_to()
            ))
        })?;
        let rec: Record = serde_json::from_str(s).map_err(|e| {
            self.item_error(format!(
                "malformed JSON: {e}\nhelp: each line must be one JSON object like {{\"id\": \"a1\", \"text\": \"...\"}}"
            ))
        })?;
        let loc = format!("{}:{}", self.path.display(), self.line);
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.stem, self.line),
        };
        let published = match rec.published.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(date::parse_date(p).ok_or_else(|| {
                self.item_error(format!(
                    "`published` is {p:?}, not a date, or one whose day and month could be swapped\nhelp: give the date as YYYY-MM-DD"
                ))
            })?),
        };
        let mut doc = match (rec.text.filter(|t| !t.trim().is_empty()), rec.html) {
            (Some(t), _) => {
                let mut d = Doc::new(id, t.replace("\r\n", "\n"));
                d.title = rec.title.filter(|t| !t.trim().is_empty());
                d.url = rec.url.clone();
                d.source = Some(loc.clone());
                d.published = published.clone();
                d.publisher = rec.publisher.clone();
                clean::finish_doc(d, &self.opts)
            }
            (None, Some(h)) if !h.trim().is_empty() => {
                html::html_doc(id, loc.clone(), &h, rec.url.as_deref(), &self.opts).map(|mut d| {
                    if let Some(t) = rec.title.filter(|t| !t.trim().is_empty()) {
                        d.title = Some(t);
                    }
                    if published.is_some() && self.opts.published.is_none() {
                        d.published = published.clone();
                    }
                    if rec.publisher.is_some() {
                        d.publisher = rec.publisher.clone();
                    }
                    d
                })
            }
            _ => Err(IngestError::Empty { path: loc.clone() }),
        }
        .map_err(|e| match e {
            IngestError::Empty { .. } => self.item_error(
                "no text: the record has neither a non-empty `text` nor `html` with an article in it\nhelp: give the article in `text` (plain) or `html` (a page)".into(),
            ),
            other => other,
        })?;
        if doc.url.is_none() {
            doc.url = rec.url;
        }
        Ok(doc)
    }
}

impl Iterator for JsonlIter {
    type Item = Result<Doc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            self.line += 1;
            let max = self.opts.max_bytes;
            let n = match reader
                .by_ref()
                .take(max + 1)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(n) => n,
                Err(source) => {
                    self.reader = None;
                    return Some(Err(IngestError::Io {
                        path: self.path.clone(),
                        source,
                    }));
                }
            };
            if n == 0 {
                self.reader = None;
                return None;
            }
            if self.buf.len() as u64 > max && self.buf.last() != Some(&b'\n') {
                // Skip the rest of the over-long line.
                let mut skipped = self.buf.len() as u64;
                loop {
                    let mut chunk = Vec::new();
                    match reader.by_ref().take(1 << 20).read_until(b'\n', &mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(k) => {
                            skipped += k as u64;
                            if chunk.last() == Some(&b'\n') {
                                break;
                            }
                        }
                    }
                }
                return Some(Err(self.item_error(format!(
                    "line of {skipped} bytes is over the {max}-byte limit; skipped\nhelp: raise the limit with --max-bytes"
                ))));
            }
            let line = std::mem::take(&mut self.buf);
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() {
                self.buf = line;
                continue;
            }
            let res = self.parse_line(trimmed);
            self.buf = line;
            return Some(res);
        }
    }
}

fn stem_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut s = name.as_str();
    for ext in [".gz", ".jsonl", ".ndjson", ".json"] {
        if s.len() > ext.len() && s.to_ascii_lowercase().ends_with(ext) {
            s = &s[..s.len() - ext.len()];
        }
    }
    s.to_string()
}

fn iter(
    path: &Path,
    opts: &ReadOptions,
    r: Result<BufReader<Box<dyn Read + Send>>, IngestError>,
) -> DocIter {
    let mut it = JsonlIter {
        path: path.to_path_buf(),
        stem: stem_of(path),
        reader: None,
        line: 0,
        opts: opts.clone(),
        pending: None,
        buf: Vec::new(),
    };
    match r {
        Ok(r) => it.reader = Some(r),
        Err(e) => it.pending = Some(e),
    }
    Box::new(it)
}

/// Reads a JSON-lines file (optionally gzipped), one document per line.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    iter(path, opts, open(path))
}

/// Reads JSON lines from a stream (standard input) line by line, never holding more
/// than one line; `path` names them in errors and ids.
pub fn from_reader(path: &Path, r: Box<dyn Read + Send>, opts: &ReadOptions) -> DocIter {
    iter(path, opts, Ok(BufReader::new(r)))
}

/// Reads JSON lines already in memory; `path` names them in errors and ids.
pub fn from_bytes(path: &Path, bytes: Vec<u8>, opts: &ReadOptions) -> DocIter {
    let r: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(bytes));
    iter(path, opts, Ok(BufReader::new(r)))
}

fn open(path: &Path) -> Result<BufReader<Box<dyn Read + Send>>, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut f = File::open(path).map_err(io)?;
    let mut head = [0u8; 4096];
    let n = read_full(&mut f, &mut head).map_err(io)?;
    let head = &head[..n];
    if n == 0 {
        return Err(IngestError::Empty {
            path: path.display().to_string(),
        });
    }
    let gz = head.starts_with(&[0x1f, 0x8b]);
    if !gz && text::looks_binary(head) {
        return Err(IngestError::Binary {
            path: path.to_path_buf(),
        });
    }
    let rest = std::io::Cursor::new(head.to_vec()).chain(f);
    let r: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(rest))
    } else {
        Box::new(rest)
    };
    Ok(BufReader::with_capacity(1 << 16, r))
}

fn read_full(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_reports_bad_lines() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("batch.jsonl");
        let mut content = Vec::new();
        content.extend_from_slice(
            br#"{"id":"a1","title":"Blast in city","text":"Blast in city\n\nA blast hit the market on Monday, police said.","published":"2020-01-06"}"#,
        );
        content.extend_from_slice(b"\n{not json}\n\n");
        content.extend_from_slice(
            br#"{"text":"Second story body that has no id at all, so it gets one."}"#,
        );
        content.extend_from_slice(b"\n{\"text\":\"bad \xff byte\"}\n");
        content.extend_from_slice(br#"{"id":7,"html":"<html><body><article><p>Troops entered the town after a week of heavy fighting, a spokesman for the army said on Sunday evening.</p></article></body></html>"}"#);
        content.extend_from_slice(
            b"\n{\"id\":\"x\",\"text\":\"\"}\n{\"text\":\"t\",\"published\":\"soon\"}\n",
        );
        std::fs::write(&p, content).expect("write");
        let items: Vec<_> = read_path(&p, &ReadOptions::default()).collect();
        assert_eq!(items.len(), 7);
        let a = items[0].as_ref().expect("a1");
        assert_eq!(a.id, "a1");
        assert_eq!(a.published.as_deref(), Some("2020-01-06"));
        assert_eq!(a.text, "A blast hit the market on Monday, police said.");
        let e = items[1].as_ref().expect_err("bad json");
        assert!(e.to_string().contains("batch.jsonl:2"), "{e}");
        let b = items[2].as_ref().expect("no id");
        assert_eq!(b.id, "batch:4");
        let e = items[3].as_ref().expect_err("utf8");
        assert!(
            e.to_string().contains(":5") && e.to_string().contains("UTF-8"),
            "{e}"
        );
        let h = items[4].as_ref().expect("html record");
        assert_eq!(h.id, "7");
        assert!(h.text.starts_with("Troops entered"));
        assert!(items[5].is_err());
        assert!(items[6]
            .as_ref()
            .expect_err("date")
            .to_string()
            .contains("YYYY-MM-DD"));
    }

    #[test]
    fn over_long_line_is_skipped() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("b.jsonl");
        let long = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"ok line here.\"}}\n",
            "a".repeat(500)
        );
        std::fs::write(&p, long).expect("write");
        let opts = ReadOptions {
            max_bytes: 100,
            ..ReadOptions::default()
        };
        let items: Vec<_> = read_path(&p, &opts).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0]
            .as_ref()
            .expect_err("long")
            .to_string()
            .contains("b.jsonl:1"));
        assert!(items[1].is_ok());
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let items: Vec<_> = from_bytes(Path::new("p.jsonl"), bytes, &ReadOptions::default()).collect();
            for e in items.iter().filter_map(|r| r.as_ref().err()) {
                proptest::prop_assert!(e.to_string().contains("p.jsonl"));
            }
        }
    }

    #[test]
    fn missing_file_is_one_error() {
        let items: Vec<_> =
            read_path(Path::new("/nonexistent/x.jsonl"), &ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
    }
}
