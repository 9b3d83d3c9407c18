//! WARC reader on fixtures: response records become documents, other records are passed
//! over, a truncated record and corrupt gzip are reported per item after the good ones.

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_ingest::{warc, IngestError, ReadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/warc")
        .join(name)
}

/// Splits an uncompressed WARC into records and gzips each one as its own member, as
/// Common Crawl writes `.warc.gz`.
fn gzip_per_record(warc: &[u8]) -> Vec<u8> {
    let text = warc;
    let mut starts: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr_find(&text[i..], b"WARC/1.0\r\n") {
        starts.push(i + p);
        i += p + 1;
    }
    starts.push(text.len());
    let mut out = Vec::new();
    for w in starts.windows(2) {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(&text[w[0]..w[1]]).expect("gzip");
        out.extend(e.finish().expect("gzip"));
    }
    out
}

fn memchr_find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

#[test]
fn responses_become_documents_and_truncated_record_is_reported() {
    let items: Vec<_> =
        warc::read_path(&fixture("cc-news-sample.warc"), &ReadOptions::default()).collect();
    assert_eq!(
        items.len(),
        3,
        "two HTML responses + one truncated record: {items:?}"
    );
    let a = items[0].as_ref().expect("first page");
    assert_eq!(a.id, "https://wire.example/2019/04/30/hama-shelling");
    assert_eq!(
        a.title.as_deref(),
        Some("Shelling kills six civilians in northern Hama")
    );
    assert_eq!(
        a.published.as_deref(),
        Some("2019-04-30"),
        "from article:published_time"
    );
    assert_eq!(a.publisher.as_deref(), Some("wire.example"));
    assert!(a
        .text
        .starts_with("HAMA, Syria (Example Wire) - Government forces shelled"));
    assert!(!a.text.contains("Home"), "navigation is not article text");
    assert!(a
        .source
        .as_deref()
        .is_some_and(|s| s.contains("urn:uuid:00000000-0000-0000-0000-000000000002")));
    let b = items[1].as_ref().expect("second page");
    assert_eq!(b.publisher.as_deref(), Some("news.example"));
    assert_eq!(
        b.published.as_deref(),
        Some("2020-09-25"),
        "falls back to WARC-Date"
    );
    let e = items[2].as_ref().expect_err("truncated");
    let msg = e.to_string();
    assert!(matches!(e, IngestError::Item { .. }));
    assert!(
        msg.contains("cc-news-sample.warc#record 6") && msg.contains("truncated"),
        "{msg}"
    );
    assert!(msg.contains("help:"), "{msg}");
}

#[test]
fn gzipped_warc_reads_the_same() {
    let raw = std::fs::read(fixture("cc-news-complete.warc")).expect("fixture");
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("sample.warc.gz");
    std::fs::write(&p, gzip_per_record(&raw)).expect("write");
    let docs: Vec<_> = warc::read_path(&p, &ReadOptions::default())
        .collect::<Result<Vec<_>, _>>()
        .expect("all good");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].id, "https://www.news.example/kabul-checkpoints");
}

#[test]
fn corrupt_gzip_is_reported_after_the_good_records() {
    let raw = std::fs::read(fixture("cc-news-complete.warc")).expect("fixture");
    let mut gz = gzip_per_record(&raw);
    // A download cut off inside the last gzip member (the second HTML page).
    gz.truncate(gz.len() - 60);
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("bad.warc.gz");
    std::fs::write(&p, &gz).expect("write");
    let items: Vec<_> = warc::read_path(&p, &ReadOptions::default()).collect();
    let ok = items.iter().filter(|i| i.is_ok()).count();
    let errs: Vec<String> = items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        ok, 1,
        "the records before the damage still come out: {items:?}"
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("bad.warc.gz#record"), "{}", errs[0]);
}

#[test]
fn not_a_warc_is_one_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("x.warc");
    std::fs::write(&p, "hello, not a warc\n").expect("write");
    let items: Vec<_> = warc::read_path(&p, &ReadOptions::default()).collect();
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .as_ref()
        .expect_err("error")
        .to_string()
        .contains("WARC/1."));
    let missing: Vec<_> =
        warc::read_path(&dir.path().join("nope.warc"), &ReadOptions::default()).collect();
    assert!(matches!(missing[0], Err(IngestError::Io { .. })));
}

#[test]
fn oversized_record_is_skipped_with_an_error() {
    let opts = ReadOptions {
        max_bytes: 500,
        ..ReadOptions::default()
    };
    let items: Vec<_> = warc::read_path(&fixture("cc-news-complete.warc"), &opts).collect();
    let errs: Vec<String> = items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert!(
        errs.iter().any(|e| e.contains("over the 500-byte limit")),
        "{errs:?}"
    );
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600), prefix in 0usize..3) {
        let mut data: Vec<u8> = match prefix {
            0 => Vec::new(),
            1 => b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n".to_vec(),
            _ => vec![0x1f, 0x8b],
        };
        data.extend(bytes);
        let r: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(data));
        for item in warc::read_reader(r, Path::new("p.warc"), &ReadOptions::default()).take(50) {
            let _ = item.map(|d| d.text.len());
        }
    }
}
