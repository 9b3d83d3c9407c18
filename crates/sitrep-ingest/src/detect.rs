//! Format detection and dispatch to the per-format readers.
//!
//! `--input-format` wins; with `auto`, the extension decides (`.txt`, `.html`, `.jsonl`,
//! `.xml`/`.rss`/`.atom`, `.warc`, `.csv`, each optionally `.gz`), and files with another
//! or no extension are sniffed from their first bytes (`WARC/`, `<rss`, `<html`, a JSON
//! object per line, a Telegram export's `"messages"`). Anything else is read as text,
//! where binary data is refused with a clear error.

use crate::{DocIter, IngestError, InputFormat, ReadOptions};
use std::io::Read;
use std::path::Path;

fn by_extension(path: &Path) -> Option<InputFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "txt" | "text" | "md" => InputFormat::Text,
        "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "rss" | "atom" | "xml" => InputFormat::Feed,
        "warc" => InputFormat::Warc,
        "csv" => InputFormat::Csv,
        _ => return None,
    })
}

fn head_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = Vec::with_capacity(4096);
    (&mut f).take(4096).read_to_end(&mut buf)?;
    if buf.starts_with(&[0x1f, 0x8b]) {
        let f = std::fs::File::open(path)?;
        let mut out = Vec::with_capacity(4096);
        // A corrupt gzip stream yields what it could; the reader reports the error.
        let _ = flate2::read::MultiGzDecoder::new(f)
            .take(4096)
            .read_to_end(&mut out);
        return Ok(out);
    }
    Ok(buf)
}

/// Guesses a format from the first bytes of a file.
pub fn sniff(head: &[u8]) -> InputFormat {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let h = &head[start..];
    let lower = String::from_utf8_lossy(&h[..h.len().min(1024)]).to_ascii_lowercase();
    if h.starts_with(b"WARC/") {
        InputFormat::Warc
    } else if h.starts_with(b"<") {
        if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
            InputFormat::Feed
        } else {
            InputFormat::Html
        }
    } else if h.starts_with(b"{") {
        if lower.contains("\"messages\"") && lower.contains("\"type\"") {
            InputFormat::Telegram
        } else {
            InputFormat::Jsonl
        }
    } else {
        InputFormat::Text
    }
}

/// The format `path` will be read as.
pub fn detect(path: &Path, opts: &ReadOptions) -> Result<InputFormat, IngestError> {
    if opts.format != InputFormat::Auto {
        return Ok(opts.format);
    }
    if let Some(f) = by_extension(path) {
        return Ok(f);
    }
    let head = head_bytes(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(sniff(&head))
}

fn not_from_stdin(path: &Path, what: &str) -> DocIter {
    Box::new(std::iter::once(Err(IngestError::Format {
        path: path.to_path_buf(),
        message: format!(
            "{what} input cannot be read from standard input\nhelp: pass the file's path instead of `-`"
        ),
    })))
}

/// Reads one file with the reader for its format.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let format = match detect(path, opts) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    match format {
        InputFormat::Auto | InputFormat::Text => crate::text::read_path(path, opts),
        InputFormat::Html => crate::html::read_path(path, opts),
        InputFormat::Jsonl => crate::jsonl::read_path(path, opts),
        InputFormat::Feed => crate::feed::read_path(path, opts),
        InputFormat::Warc => crate::warc::read_path(path, opts),
        InputFormat::Telegram => crate::telegram::read_path(path, opts),
        InputFormat::Csv => crate::csv::read_path(path, opts),
    }
}

/// Reads input already in memory (stdin), named `name` in ids and errors.
pub fn read_bytes(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> DocIter {
    let path = Path::new(name);
    let once = |r| -> DocIter { Box::new(std::iter::once(r)) };
    if bytes.len() as u64 > opts.max_bytes {
        return once(Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            max: opts.max_bytes,
        }));
    }
    let format = match opts.format {
        InputFormat::Auto => sniff(&bytes[..bytes.len().min(4096)]),
        f => f,
    };
    match format {
        InputFormat::Auto | InputFormat::Text => once(crate::text::from_bytes(path, &bytes, opts)),
        InputFormat::Html => once(crate::html::from_bytes(path, &bytes, opts)),
        InputFormat::Jsonl => crate::jsonl::from_bytes(path, bytes, opts),
        InputFormat::Feed => not_from_stdin(path, "RSS/Atom feed"),
        InputFormat::Warc => not_from_stdin(path, "WARC"),
        InputFormat::Telegram => not_from_stdin(path, "Telegram export"),
        InputFormat::Csv => not_from_stdin(path, "CSV"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_then_sniffing() {
        assert_eq!(
            by_extension(Path::new("a/b.html.gz")),
            Some(InputFormat::Html)
        );
        assert_eq!(by_extension(Path::new("x.JSONL")), Some(InputFormat::Jsonl));
        assert_eq!(by_extension(Path::new("README")), None);
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), InputFormat::Feed);
        assert_eq!(sniff(b"{\"id\":1,\"text\":\"a\"}\n"), InputFormat::Jsonl);
        assert_eq!(sniff(b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(sniff(b"Plain words."), InputFormat::Text);
    }

    #[test]
    fn stdin_only_formats_say_so() {
        let items: Vec<_> =
            read_bytes("-", b"WARC/1.0\r\n".to_vec(), &ReadOptions::default()).collect();
        let e = items[0].as_ref().expect_err("warc from stdin");
        assert!(e.to_string().contains("help:"), "{e}");
    }
}
