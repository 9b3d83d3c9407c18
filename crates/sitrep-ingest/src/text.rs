//! Plain-text reader, and the byte-level helpers every reader shares.
//!
//! A text file is one document. Its bytes are checked before anything else: over the size
//! cap (refused, not truncated), binary (NUL bytes or many control characters), empty.
//! Text that is not UTF-8 is decoded from the encoding `chardetng` detects (Windows-1252,
//! Latin-1, Cyrillic code pages, UTF-16 with a BOM…); bytes that no encoding explains give
//! a clear error naming the file. `.gz` files are decompressed (with the same cap on the
//! decompressed size). The document id is the file stem; the line cleaner then takes the
//! title and the non-article lines out (see [`crate::clean`]).

use crate::{clean, DocIter, IngestError, ReadOptions};
use sitrep_model::Doc;
use std::io::Read;
use std::path::Path;

/// Reads a file's bytes, refusing files over `opts.max_bytes` and decompressing `.gz`.
pub fn read_bytes(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > opts.max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            max: opts.max_bytes,
        });
    }
    let raw = std::fs::read(path).map_err(io)?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let mut dec = flate2::read::MultiGzDecoder::new(&raw[..]).take(opts.max_bytes + 1);
        dec.read_to_end(&mut out).map_err(|e| IngestError::Format {
            path: path.to_path_buf(),
            message: format!(
                "gzip data is corrupt or truncated: {e}\nhelp: re-download or re-compress the file"
            ),
        })?;
        if out.len() as u64 > opts.max_bytes {
            return Err(IngestError::TooLarge {
                path: path.to_path_buf(),
                size: out.len() as u64,
                max: opts.max_bytes,
            });
        }
        return Ok(out);
    }
    Ok(raw)
}

/// True when the bytes look like binary data rather than text in any encoding.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs but starts with a BOM.
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 20 > head.len().max(1)
}

/// Decodes bytes to a `String`: UTF-8 (BOM stripped) when valid, else the encoding a BOM
/// names or `chardetng` detects. `hint` is an encoding label declared by the input
/// (HTML `<meta charset>`), tried before detection. Fails when no encoding decodes the
/// bytes cleanly.
pub fn decode(bytes: &[u8], path: &Path, hint: Option<&str>) -> Result<String, IngestError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if !had_errors {
            return Ok(s.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let declared = hint
        .and_then(|h| encoding_rs::Encoding::for_label(h.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8);
    let enc = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Deny)
    });
    let (s, had_errors) = enc.decode_without_bom_handling(bytes);
    // C1 controls or replacement characters mean the guess is wrong (or the bytes are junk).
    let implausible = s
        .chars()
        .any(|c| c == '\u{fffd}' || ('\u{80}'..='\u{9f}').contains(&c));
    if had_errors || implausible || enc == encoding_rs::UTF_8 {
        let bad = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        return Err(IngestError::Format {
            path: path.to_path_buf(),
            message: format!(
                "invalid UTF-8 at byte {bad}, and no other encoding ({}) decodes it cleanly\nhelp: convert the file to UTF-8 (e.g. `iconv -f <encoding> -t UTF-8`)",
                enc.name()
            ),
        });
    }
    Ok(s.into_owned())
}

/// The document id for a file: its name without extensions (`a.html.gz` → `a`).
pub fn file_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut stem = name.as_str();
    for ext in [".gz", ".txt", ".text", ".html", ".htm", ".xhtml", ".md"] {
        if stem.len() > ext.len() && stem.to_ascii_lowercase().ends_with(ext) {
            stem = &stem[..stem.len() - ext.len()];
        }
    }
    stem.to_string()
}

/// Turns decoded text into a cleaned document (shared by the text and JSON-lines readers).
pub fn text_doc(
    id: String,
    source: String,
    text: String,
    opts: &ReadOptions,
) -> Result<Doc, IngestError> {
    let mut d = Doc::new(id, text.replace("\r\n", "\n"));
    d.source = Some(source);
    clean::finish_doc(d, opts)
}

fn read_one(path: &Path, opts: &ReadOptions) -> Result<Doc, IngestError> {
    from_bytes(path, &read_bytes(path, opts)?, opts)
}

/// Reads bytes already in memory (stdin) as one text document named `path`.
pub fn from_bytes(path: &Path, bytes: &[u8], opts: &ReadOptions) -> Result<Doc, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            path: path.display().to_string(),
        });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary {
            path: path.to_path_buf(),
        });
    }
    let text = decode(bytes, path, None)?;
    text_doc(file_id(path), path.display().to_string(), text, opts)
}

/// Reads a text file (any encoding) as one document.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    Box::new(std::iter::once(read_one(path, opts)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.path().join(name);
        let mut f = std::fs::File::create(&p).expect("create");
        f.write_all(bytes).expect("write");
        p
    }

    #[test]
    fn decodes_windows_1252() {
        let dir = tempfile::tempdir().expect("tmp");
        // "Café in Kabul" headline + body with curly quotes in cp1252.
        let bytes = b"Caf\xe9 reopens in Kabul\n\nThe owner said \x93we are back\x94 on Monday, and customers returned to the caf\xe9.\n";
        let p = write(&dir, "cafe.txt", bytes);
        let docs: Vec<_> = read_path(&p, &ReadOptions::default()).collect();
        let d = docs[0].as_ref().expect("decoded");
        assert_eq!(d.title.as_deref(), Some("Café reopens in Kabul"));
        assert!(d.text.contains("“we are back”"), "{}", d.text);
        assert_eq!(d.id, "cafe");
    }

    #[test]
    fn refuses_binary_empty_and_large() {
        let dir = tempfile::tempdir().expect("tmp");
        let bin = write(&dir, "x.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]);
        let e = read_one(&bin, &ReadOptions::default()).expect_err("binary");
        assert!(e.to_string().contains("x.txt") && e.to_string().contains("binary"));
        let empty = write(&dir, "e.txt", b"  \n");
        let e = read_one(&empty, &ReadOptions::default()).expect_err("empty");
        assert!(e.to_string().contains("e.txt"));
        let big = write(&dir, "big.txt", &[b'a'; 100]);
        let opts = ReadOptions {
            max_bytes: 10,
            ..ReadOptions::default()
        };
        let e = read_one(&big, &opts).expect_err("too large");
        assert!(e.to_string().contains("limit"), "{e}");
    }

    #[test]
    fn reads_gzip() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"Headline of a story\n\nBody sentence of the story.\n")
            .expect("gz");
        let p = write(&dir, "s.txt.gz", &enc.finish().expect("gz"));
        let d = read_one(&p, &ReadOptions::default()).expect("read");
        assert_eq!(d.id, "s");
        assert_eq!(d.text, "Body sentence of the story.");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            if let Err(e) = from_bytes(Path::new("x.txt"), &bytes, &ReadOptions::default()) {
                proptest::prop_assert!(e.to_string().contains("x.txt"));
            }
        }
    }

    #[test]
    fn file_ids() {
        assert_eq!(file_id(Path::new("/a/b/page.html.gz")), "page");
        assert_eq!(file_id(Path::new("notes")), "notes");
    }
}
