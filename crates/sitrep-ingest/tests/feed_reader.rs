//! RSS and Atom readers on fixtures: full text when the feed carries it, bad feeds
//! reported per file or per item.

use sitrep_ingest::{feed, IngestError, ReadOptions};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feed")
        .join(name)
}

#[test]
fn rss_items_with_full_text() {
    let items: Vec<_> = feed::read_path(&fixture("wire.rss"), &ReadOptions::default()).collect();
    assert_eq!(items.len(), 3);
    let a = items[0].as_ref().expect("item 1");
    assert_eq!(a.id, "wire-2019-0430-001");
    assert_eq!(
        a.title.as_deref(),
        Some("Shelling kills six civilians in northern Hama")
    );
    assert!(
        a.text.contains("Kafr Nabudah") && a.text.contains("dead & rescue"),
        "content:encoded wins: {}",
        a.text
    );
    assert_eq!(a.published.as_deref(), Some("2019-04-30"));
    assert_eq!(a.publisher.as_deref(), Some("Example Wire World News"));
    assert_eq!(a.byline.as_deref(), Some("Staff reporter"));
    let b = items[1].as_ref().expect("item 2");
    assert_eq!(
        b.id, "https://wire.example/2020/09/25/kabul-checkpoints",
        "no guid: the link"
    );
    assert!(
        b.text.starts_with("Taliban fighters attacked"),
        "escaped HTML description: {}",
        b.text
    );
    assert!(
        matches!(items[2], Err(IngestError::Empty { .. })),
        "empty item is reported"
    );
}

#[test]
fn atom_entries() {
    let docs: Vec<_> = feed::read_path(&fixture("wire.atom"), &ReadOptions::default())
        .collect::<Result<Vec<_>, _>>()
        .expect("ok");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "urn:example:monitor:2021-0302-1");
    assert_eq!(
        docs[0].url.as_deref(),
        Some("https://monitor.example/idlib-market")
    );
    assert!(docs[0].text.contains("Sarmada"), "content over summary");
    assert_eq!(docs[0].published.as_deref(), Some("2021-03-02"));
    assert_eq!(docs[0].byline.as_deref(), Some("Desk Editor"));
    assert_eq!(
        docs[1].published.as_deref(),
        Some("2021-03-01"),
        "updated when no published"
    );
    assert_eq!(docs[1].publisher.as_deref(), Some("Example Monitor"));
}

#[test]
fn a_file_that_is_not_a_feed_is_one_error() {
    for name in ["not-a-feed.xml", "html-page.xml"] {
        let items: Vec<_> = feed::read_path(&fixture(name), &ReadOptions::default()).collect();
        assert_eq!(items.len(), 1, "{name}");
        let e = items[0].as_ref().expect_err("error").to_string();
        assert!(
            e.contains("not an RSS or Atom feed") && e.contains("help:"),
            "{e}"
        );
    }
}

#[test]
fn a_broken_feed_keeps_the_items_before_the_damage() {
    let items: Vec<_> = feed::read_path(&fixture("broken.rss"), &ReadOptions::default()).collect();
    assert!(items[0].as_ref().is_ok_and(|d| d.id == "b-1"), "{items:?}");
    assert!(items.iter().skip(1).all(|i| i.is_err()), "{items:?}");
    let e = items
        .last()
        .expect("some")
        .as_ref()
        .expect_err("err")
        .to_string();
    assert!(e.contains("broken.rss#item 2"), "{e}");
}

proptest::proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "(<rss><channel><item>|<feed><entry>|</item>|<title>|</title>|<description>|&amp;|&#9;|<!\\[CDATA\\[|\\]\\]>|<link href='x'/>|\\PC){0,40}") {
        let _ = feed::read_bytes(s.as_bytes(), Path::new("p.xml"), &ReadOptions::default());
    }
}
