//! WARC / WARC.gz reader: one document per HTML `response` record (Common Crawl CC-NEWS).
//!
//! Streams the file (a CC-NEWS WARC is ~1 GB): `.warc.gz` files are a series of gzip
//! members, one per record, read with a multi-member decoder. Each record's WARC headers
//! give its type, target URI, date and `Content-Length`; `response` records hold an HTTP
//! response whose HTML body becomes the document (id = target URI, so a re-crawl of the
//! same URL updates it). Other record types and non-HTML or non-2xx responses are passed
//! over silently. A truncated record or corrupt gzip data is reported as an error for
//! that record, after every complete record before it has been returned; the reader
//! cannot resynchronise inside a damaged stream, so it stops there.

mod html_fallback;

pub use html_fallback::{html_to_doc, HtmlDoc};

use crate::date::parse_date;
use crate::{DocIter, IngestError, ReadOptions};
use flate2::bufread::MultiGzDecoder;
use sitrep_model::Doc;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Reads a WARC or WARC.gz file (gzip detected from its magic bytes).
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(io(e)))),
    };
    let mut buf = BufReader::with_capacity(256 * 1024, file);
    let gz = match buf.fill_buf() {
        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
        Err(e) => return Box::new(std::iter::once(Err(io(e)))),
    };
    let reader: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(buf),
        ))
    } else {
        Box::new(buf)
    };
    Box::new(WarcIter {
        reader,
        path: path.to_path_buf(),
        opts: opts.clone(),
        record: 0,
        done: false,
        gz,
    })
}

/// Reads WARC records from any buffered reader (already decompressed).
pub fn read_reader(reader: Box<dyn BufRead + Send>, name: &Path, opts: &ReadOptions) -> DocIter {
    Box::new(WarcIter {
        reader,
        path: name.to_path_buf(),
        opts: opts.clone(),
        record: 0,
        done: false,
        gz: false,
    })
}

struct WarcIter {
    reader: Box<dyn BufRead + Send>,
    path: PathBuf,
    opts: ReadOptions,
    record: usize,
    done: bool,
    gz: bool,
}

/// One raw record.
struct Record {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Step {
    Record(Record),
    Skip(IngestError),
    Eof,
}

fn read_line(r: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    line.clear();
    r.read_until(b'\n', line)
}

impl WarcIter {
    fn location(&self) -> String {
        format!("{}#record {}", self.path.display(), self.record)
    }

    fn item(&self, message: String) -> IngestError {
        IngestError::Item {
            location: self.location(),
            message,
        }
    }

    fn read_record(&mut self) -> Result<Step, IngestError> {
        let mut line = Vec::new();
        self.record += 1;
        // Skip the blank lines that end the previous record.
        loop {
            let n = read_line(&mut self.reader, &mut line).map_err(|e| self.io_err(e))?;
            if n == 0 {
                self.record -= 1;
                return Ok(Step::Eof);
            }
            if !line.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(self.item(
                "expected a `WARC/1.x` record header; the file is not a WARC or is damaged here\nhelp: check the file with `zcat FILE | head`; records before this point were read".into(),
            ));
        }
        let mut headers = Vec::new();
        loop {
            let n = read_line(&mut self.reader, &mut line).map_err(|e| self.io_err(e))?;
            if n == 0 {
                return Err(self.item(
                    "truncated record: the file ends inside the WARC headers\nhelp: the download was probably cut short; records before this one were read".into(),
                ));
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let len = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse::<u64>().ok())
            .ok_or_else(|| {
                self.item("record has no valid Content-Length header\nhelp: the file is damaged; records before this one were read".into())
            })?;
        if len > self.opts.max_bytes {
            let skipped = std::io::copy(&mut (&mut self.reader).take(len), &mut std::io::sink())
                .map_err(|e| self.io_err(e))?;
            if skipped < len {
                return Err(self.truncated(len, skipped));
            }
            return Ok(Step::Skip(IngestError::Item {
                location: self.location(),
                message: format!(
                    "record of {len} bytes is over the {}-byte limit; skipped\nhelp: raise the limit with --max-bytes",
                    self.opts.max_bytes
                ),
            }));
        }
        let mut body = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 24));
        (&mut self.reader)
            .take(len)
            .read_to_end(&mut body)
            .map_err(|e| self.io_err(e))?;
        if (body.len() as u64) < len {
            return Err(self.truncated(len, body.len() as u64));
        }
        Ok(Step::Record(Record { headers, body }))
    }

    fn truncated(&self, want: u64, got: u64) -> IngestError {
        self.item(format!(
            "truncated record: Content-Length is {want} bytes but the file ends after {got}\nhelp: the download was probably cut short; records before this one were read"
        ))
    }

    fn io_err(&self, e: std::io::Error) -> IngestError {
        let what = if self.gz
            || matches!(
                e.kind(),
                std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
            ) {
            "corrupt gzip data"
        } else {
            "read error"
        };
        self.item(format!(
            "{what}: {e}\nhelp: the file is damaged (try `gzip -t FILE`); records before this point were read"
        ))
    }

    fn to_doc(&self, rec: &Record) -> Option<Result<Doc, IngestError>> {
        if !rec
            .header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"))
        {
            return None;
        }
        let uri = rec
            .header("WARC-Target-URI")?
            .trim_matches(['<', '>'])
            .to_string();
        let (status, http_headers, payload) = split_http(&rec.body)?;
        if !(200..300).contains(&status) {
            return None;
        }
        let ctype = header_of(&http_headers, "content-type").unwrap_or_default();
        if !ctype.is_empty() && !ctype.to_ascii_lowercase().contains("html") {
            return None;
        }
        let payload = match header_of(&http_headers, "content-encoding") {
            Some(enc) if enc.eq_ignore_ascii_case("gzip") => {
                let mut out = Vec::new();
                if let Err(e) = flate2::read::GzDecoder::new(payload).read_to_end(&mut out) {
                    return Some(Err(self.item(format!(
                        "{uri}: gzip-encoded HTTP body does not decompress: {e}\nhelp: the record is damaged; it was skipped"
                    ))));
                }
                std::borrow::Cow::Owned(out)
            }
            _ => std::borrow::Cow::Borrowed(payload),
        };
        let html = decode(&payload, &ctype);
        let page = html_to_doc(&html);
        if page.text.trim().is_empty() {
            return Some(Err(IngestError::Empty {
                path: format!("{} ({uri})", self.location()),
            }));
        }
        let mut doc = Doc::new(uri.clone(), page.text);
        doc.title = page.title;
        doc.published = self.opts.published.clone().or(page.published).or_else(|| {
            // Crawl date: CC-NEWS fetches articles within hours of publication.
            rec.header("WARC-Date").and_then(parse_date)
        });
        doc.publisher = host_of(&uri);
        doc.url = Some(page.canonical.unwrap_or(uri));
        doc.source = Some(match rec.header("WARC-Record-ID") {
            Some(id) => format!("{}#{}", self.path.display(), id),
            None => self.location(),
        });
        Some(Ok(doc))
    }
}

impl Iterator for WarcIter {
    type Item = Result<Doc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.read_record() {
                Ok(Step::Eof) => self.done = true,
                Ok(Step::Skip(e)) => return Some(Err(e)),
                Ok(Step::Record(rec)) => {
                    if let Some(d) = self.to_doc(&rec) {
                        return Some(d);
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// HTTP headers, lower-cased names.
type Headers = Vec<(String, String)>;

/// Splits an HTTP response into status, headers and body.
fn split_http(body: &[u8]) -> Option<(u16, Headers, &[u8])> {
    if !body.starts_with(b"HTTP/") {
        return None;
    }
    let (head_end, sep) = memchr::memmem::find(body, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| memchr::memmem::find(body, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&body[..head_end]);
    let mut lines = head.lines();
    let status = lines
        .next()?
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some((status, headers, &body[head_end + sep..]))
}

fn header_of(h: &[(String, String)], name: &str) -> Option<String> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// Decodes an HTML body: charset from Content-Type, else a `<meta charset>`, else guessed.
fn decode(bytes: &[u8], content_type: &str) -> String {
    let label = charset_of(content_type).or_else(|| {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        let i = head.find("charset=")?;
        let rest = head[i + 8..].trim_start_matches(['"', '\'']);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        Some(rest[..end].to_string())
    });
    let enc = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    enc.decode(bytes).0.into_owned()
}

fn charset_of(ct: &str) -> Option<String> {
    let lower = ct.to_ascii_lowercase();
    let i = lower.find("charset=")?;
    Some(
        lower[i + 8..]
            .trim_matches(['"', '\'', ' ', ';'])
            .split(';')
            .next()?
            .trim_matches(['"', '\''])
            .to_string(),
    )
}

/// The site of a URL (`www.` dropped): the outlet that published this copy.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_urls() {
        assert_eq!(
            host_of("https://www.example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("http://news.site.org:8080").as_deref(),
            Some("news.site.org")
        );
        assert_eq!(host_of(""), None);
    }

    #[test]
    fn http_split_and_charset() {
        let (s, h, b) = split_http(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>x</p>",
        )
        .expect("parses");
        assert_eq!(s, 200);
        assert_eq!(b, b"<p>x</p>");
        let ct = header_of(&h, "content-type").expect("has type");
        assert_eq!(charset_of(&ct).as_deref(), Some("iso-8859-1"));
        assert_eq!(decode(b"caf\xe9", &ct), "café");
        assert!(split_http(b"GET / HTTP/1.1\r\n\r\n").is_none());
    }
}
