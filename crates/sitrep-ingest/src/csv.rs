//! CSV reader with a column mapping: one document per row (FA-KES layout by default).
//!
//! A [`CsvMap`] names the column for each document field (`id`, `title`, `text`,
//! `published`, `publisher`, `url`, `language`); `--csv-map id=unit_id,text=body,…`
//! sets it on the command line. Without one, the header row decides: the FA-KES layout
//! (`unit_id, article_title, article_content, source, date`) and common names (`id`,
//! `title`/`headline`, `text`/`content`/`body`, `date`/`published`, `source`/`publisher`,
//! `url`/`link`) are recognised. Rows are streamed; bytes that are not UTF-8 are replaced
//! rather than failing the row; a malformed row is reported with its line and the rest
//! go in. An id that repeats in the file (FA-KES has 12 such rows) is suffixed `#2`,
//! `#3`, … in file order, so both rows are kept and a re-run finds the same ids.

use crate::date::{parse_date_ordered, DayOrder};
use crate::{DocIter, IngestError, ReadOptions};
use sitrep_model::Doc;
use std::path::{Path, PathBuf};

/// Which CSV column holds each document field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvMap {
    /// Stable id (else `<file name>:<row>`).
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Article text (required).
    pub text: Option<String>,
    /// Publication date (many formats; `M/D/YYYY` read US-style).
    pub published: Option<String>,
    /// Outlet.
    pub publisher: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
}

impl CsvMap {
    /// Parses `field=column,field=column` (fields: id, title, text, published, publisher,
    /// url, language).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut m = CsvMap::default();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not field=column"))?;
            let v = Some(v.trim().to_string());
            match k.trim() {
                "id" => m.id = v,
                "title" => m.title = v,
                "text" => m.text = v,
                "published" | "date" => m.published = v,
                "publisher" | "source" => m.publisher = v,
                "url" => m.url = v,
                "language" => m.language = v,
                other => {
                    return Err(format!(
                        "unknown field `{other}`; fields are id, title, text, published, publisher, url, language"
                    ))
                }
            }
        }
        if m.text.is_none() {
            return Err("the mapping must name the text column (text=COLUMN)".into());
        }
        Ok(m)
    }

    /// Guesses the mapping from a header row (FA-KES layout and common names).
    pub fn from_headers(headers: &[String]) -> Self {
        let find = |names: &[&str]| {
            names.iter().find_map(|n| {
                headers
                    .iter()
                    .find(|h| h.trim().eq_ignore_ascii_case(n))
                    .cloned()
            })
        };
        CsvMap {
            id: find(&["unit_id", "id", "guid", "doc_id"]),
            title: find(&["article_title", "title", "headline"]),
            text: find(&["article_content", "text", "content", "body", "article"]),
            published: find(&[
                "date",
                "published",
                "pubdate",
                "published_at",
                "publish_date",
            ]),
            publisher: find(&["source", "publisher", "site", "outlet"]),
            url: find(&["url", "link"]),
            language: find(&["language", "lang"]),
        }
    }
}

/// Reads a CSV file with the column mapping `opts.csv_map`, or the one guessed from its
/// header row when that is `None`.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let map = opts.csv_map.as_ref();
    let one = |e| -> DocIter { Box::new(std::iter::once(Err(e))) };
    let mut rdr = match csv::ReaderBuilder::new().flexible(true).from_path(path) {
        Ok(r) => r,
        Err(e) => {
            return one(IngestError::Format {
                path: path.to_path_buf(),
                message: format!(
                    "cannot read as CSV: {e}\nhelp: check the file is CSV with a header row"
                ),
            })
        }
    };
    let headers: Vec<String> = match rdr.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect(),
        Err(e) => {
            return one(IngestError::Format {
                path: path.to_path_buf(),
                message: format!(
                "cannot read the CSV header row: {e}\nhelp: the first row must name the columns"
            ),
            })
        }
    };
    let map = map
        .cloned()
        .unwrap_or_else(|| CsvMap::from_headers(&headers));
    let col = |name: &Option<String>| -> Result<Option<usize>, IngestError> {
        match name {
            None => Ok(None),
            Some(n) => headers
                .iter()
                .position(|h| h.trim() == n.as_str())
                .map(Some)
                .ok_or_else(|| IngestError::Format {
                    path: path.to_path_buf(),
                    message: format!(
                        "no column `{n}` in the header row ({})\nhelp: fix --csv-map field=column",
                        headers.join(", ")
                    ),
                }),
        }
    };
    let cols = (|| -> Result<Cols, IngestError> {
        Ok(Cols {
            id: col(&map.id)?,
            title: col(&map.title)?,
            text: col(&map.text)?.ok_or_else(|| IngestError::Format {
                path: path.to_path_buf(),
                message: format!(
                    "no text column found among: {}\nhelp: name it with --csv-map text=COLUMN (and id=, title=, published=, publisher=, url=)",
                    headers.join(", ")
                ),
            })?,
            published: col(&map.published)?,
            publisher: col(&map.publisher)?,
            url: col(&map.url)?,
            language: col(&map.language)?,
        })
    })();
    let cols = match cols {
        Ok(c) => c,
        Err(e) => return one(e),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Box::new(CsvIter {
        rdr,
        cols,
        path: path.to_path_buf(),
        file_name,
        opts: opts.clone(),
        record: csv::ByteRecord::new(),
        row: 0,
        line: 0,
        lines: LineCounter::new(path),
        done: false,
        len: std::fs::metadata(path).map_or(u64::MAX, |m| m.len()),
        seen: SeenIds::default(),
    })
}

struct Cols {
    id: Option<usize>,
    title: Option<usize>,
    text: usize,
    published: Option<usize>,
    publisher: Option<usize>,
    url: Option<usize>,
    language: Option<usize>,
}

struct CsvIter {
    rdr: csv::Reader<std::fs::File>,
    cols: Cols,
    path: PathBuf,
    file_name: String,
    opts: ReadOptions,
    record: csv::ByteRecord,
    row: usize,
    /// Line where the current record starts.
    line: u64,
    lines: LineCounter,
    done: bool,
    /// File length: a record that ends there is checked for an unclosed quote.
    len: u64,
    /// The ids read so far: a repeated id gets `#2`, `#3`, … so two different rows never
    /// overwrite each other and re-reading gives the same ids.
    seen: SeenIds,
}

/// Which ids a CSV file has had so far, in about 8 bytes per row rather than the id
/// itself: a 64-bit hash of each id, and a count only for the ids that repeat. Two
/// different ids share a hash with probability about rows² / 2⁶⁵ (3 in 10⁸ for a
/// million rows); the only effect would be a spare `#2` on the later one's id.
#[derive(Default)]
struct SeenIds {
    once: std::collections::HashSet<u64>,
    repeats: std::collections::HashMap<u64, u32>,
}

impl SeenIds {
    /// Records one more row with `id`; its occurrence number (1 for the first).
    fn occurrence(&mut self, id: &str) -> u32 {
        use std::hash::{Hash, Hasher};
        // SipHash with fixed keys: the same id gets the same hash for the whole run.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut h);
        let key = h.finish();
        if self.once.insert(key) {
            return 1;
        }
        let n = self.repeats.entry(key).or_insert(1);
        *n += 1;
        *n
    }
}

impl Iterator for CsvIter {
    type Item = Result<Doc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.row += 1;
        let res = self.rdr.read_byte_record(&mut self.record);
        // The csv crate's line numbers skip newlines inside quoted fields; its byte
        // offsets are exact, so count lines up to the record's first byte ourselves.
        let byte = match &res {
            Ok(_) => self.record.position().map(|p| p.byte()),
            Err(e) => e.position().map(|p| p.byte()),
        };
        if let Some(b) = byte {
            // With CRLF endings the offset is that of the previous line's `\n`; a record
            // never starts with `\n`, so counting one byte further is right for both.
            self.line = self.lines.line_at(b + 1);
        }
        match res {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) if self.rdr.position().byte() >= self.len && self.unterminated_from(byte) => {
                self.done = true;
                let line = self.line;
                Some(Err(IngestError::Item {
                    location: format!("{}:{line}", self.path.display()),
                    message: "malformed CSV row: a quoted field opened here is never closed, so the rest of the file would be one field; row skipped\nhelp: add the missing `\"` (a quote inside a field is written `\"\"`)".into(),
                }))
            }
            Ok(true) => Some(self.row_doc().map(|mut d| {
                let n = self.seen.occurrence(&d.id);
                if n > 1 {
                    d.id = format!("{}#{n}", d.id);
                }
                d
            })),
            Err(e) => {
                let line = self.line;
                // I/O errors end the file; a bad row does not.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(Err(IngestError::Item {
                    location: format!("{}:{line}", self.path.display()),
                    message: format!(
                        "malformed CSV row: {e}\nhelp: fix the row; the other rows were read"
                    ),
                }))
            }
        }
    }
}

impl CsvIter {
    /// True when the record starting at byte `start` (the file's last) opens a quoted
    /// field that is never closed: the csv crate then returns the rest of the file as
    /// that field, with no error.
    fn unterminated_from(&self, start: Option<u64>) -> bool {
        use std::io::{Read, Seek, SeekFrom};
        let Some(start) = start else { return false };
        let Ok(mut f) = std::fs::File::open(&self.path) else {
            return false;
        };
        if f.seek(SeekFrom::Start(start)).is_err() {
            return false;
        }
        let mut in_quotes = false;
        let mut field_start = true;
        let mut prev_quote = false; // inside quotes: the last byte was a `"`
        let mut buf = [0u8; 64 * 1024];
        loop {
            let n = match f.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            for &b in &buf[..n] {
                if in_quotes {
                    if prev_quote {
                        prev_quote = false;
                        if b != b'"' {
                            in_quotes = false; // the quote closed the field
                            field_start = b == b',' || b == b'\n' || b == b'\r';
                        }
                    } else if b == b'"' {
                        prev_quote = true;
                    }
                } else if field_start && b == b'"' {
                    in_quotes = true;
                    field_start = false;
                } else {
                    field_start = b == b',' || b == b'\n' || b == b'\r';
                }
            }
        }
        in_quotes && !prev_quote
    }
}

/// Line number (1-based) of a byte offset, reading the file forward once.
struct LineCounter {
    reader: Option<std::io::BufReader<std::fs::File>>,
    pos: u64,
    line: u64,
}

impl LineCounter {
    fn new(path: &Path) -> Self {
        LineCounter {
            reader: std::fs::File::open(path).ok().map(std::io::BufReader::new),
            pos: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        use std::io::BufRead;
        let Some(r) = self.reader.as_mut() else {
            return 0;
        };
        while self.pos < byte {
            let Ok(buf) = r.fill_buf() else { return 0 };
            if buf.is_empty() {
                break;
            }
            let take = usize::try_from(byte - self.pos)
                .unwrap_or(usize::MAX)
                .min(buf.len());
            self.line += memchr::memchr_iter(b'\n', &buf[..take]).count() as u64;
            r.consume(take);
            self.pos += take as u64;
        }
        self.line
    }
}

impl CsvIter {
    fn field(&self, i: Option<usize>) -> Option<String> {
        let s = String::from_utf8_lossy(self.record.get(i?)?);
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    fn row_doc(&self) -> Result<Doc, IngestError> {
        let location = format!("{}:{}", self.path.display(), self.line);
        let Some(text) = self.field(Some(self.cols.text)) else {
            return Err(IngestError::Empty { path: location });
        };
        let id = self
            .field(self.cols.id)
            .unwrap_or_else(|| format!("{}:{}", self.file_name, self.row));
        let mut doc = Doc::new(id, text);
        doc.title = self.field(self.cols.title);
        doc.published = self.opts.published.clone().or_else(|| {
            self.field(self.cols.published)
                .and_then(|d| parse_date_ordered(&d, DayOrder::MonthFirst))
        });
        doc.publisher = self.field(self.cols.publisher);
        doc.url = self.field(self.cols.url);
        doc.language = self.field(self.cols.language);
        doc.source = Some(location);
        // The same cleaning (and language detection) as every other reader.
        crate::clean::finish_doc(doc, &self.opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_are_numbered_in_file_order() {
        let mut seen = SeenIds::default();
        let got: Vec<u32> = ["9001", "9002", "9001", "9001", "9003", "9002"]
            .iter()
            .map(|id| seen.occurrence(id))
            .collect();
        assert_eq!(got, [1, 1, 2, 3, 1, 2]);
        assert_eq!((seen.once.len(), seen.repeats.len()), (3, 2));
    }

    #[test]
    fn map_parses_and_rejects() {
        let m = CsvMap::parse("id=unit_id, text=article_content,published=date").expect("ok");
        assert_eq!(m.id.as_deref(), Some("unit_id"));
        assert_eq!(m.published.as_deref(), Some("date"));
        assert!(CsvMap::parse("id=x").is_err());
        assert!(CsvMap::parse("colour=x,text=y").is_err());
    }

    #[test]
    fn fa_kes_headers_are_recognised() {
        let h: Vec<String> = [
            "unit_id",
            "article_title",
            "article_content",
            "source",
            "date",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = CsvMap::from_headers(&h);
        assert_eq!(m.text.as_deref(), Some("article_content"));
        assert_eq!(m.publisher.as_deref(), Some("source"));
    }
}
