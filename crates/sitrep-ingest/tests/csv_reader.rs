//! CSV reader: FA-KES layout recognised from the header, explicit mappings, bad rows.

use sitrep_ingest::csv::CsvMap;
use sitrep_ingest::{csv, IngestError, ReadOptions};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

#[test]
fn fa_kes_layout_by_default() {
    let items: Vec<_> =
        csv::read_path(&fixture("fa-kes-layout.csv"), &ReadOptions::default()).collect();
    assert_eq!(items.len(), 3);
    let a = items[0].as_ref().expect("row 1");
    assert_eq!(a.id, "9001");
    assert_eq!(
        a.title.as_deref(),
        Some("Shelling kills six in northern Hama")
    );
    assert_eq!(a.published.as_deref(), Some("2019-04-30"), "M/D/YYYY");
    assert_eq!(a.publisher.as_deref(), Some("examplewire"));
    assert!(
        a.source
            .as_deref()
            .is_some_and(|s| s.ends_with("fa-kes-layout.csv:2")),
        "{:?}",
        a.source
    );
    assert!(
        matches!(items[2], Err(IngestError::Empty { .. })),
        "empty text reported"
    );
}

#[test]
fn explicit_mapping() {
    let map = CsvMap::parse("id=guid,title=headline,text=body,published=day,publisher=site")
        .expect("map");
    let with = |map: CsvMap| ReadOptions {
        csv_map: Some(map),
        ..ReadOptions::default()
    };
    let docs: Vec<_> = csv::read_path(&fixture("custom.csv"), &with(map))
        .collect::<Result<Vec<_>, _>>()
        .expect("ok");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].id, "c-2");
    assert_eq!(docs[1].published.as_deref(), Some("2021-03-01"));
    // A mapping naming a missing column is one clear error.
    let bad = CsvMap::parse("text=article").expect("map");
    let items: Vec<_> = csv::read_path(&fixture("custom.csv"), &with(bad)).collect();
    let e = items[0].as_ref().expect_err("err").to_string();
    assert!(
        e.contains("no column `article`") && e.contains("guid, headline, body"),
        "{e}"
    );
}

#[test]
fn no_text_column_is_explained() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("x.csv");
    std::fs::write(&p, "a,b\n1,2\n").expect("write");
    let items: Vec<_> = csv::read_path(&p, &ReadOptions::default()).collect();
    let e = items[0].as_ref().expect_err("err").to_string();
    assert!(e.contains("--csv-map"), "{e}");
}

#[test]
fn whole_fa_kes_corpus_reads() {
    let p = Path::new("/work/shared/corpus/fa-kes/FA-KES-Dataset.csv");
    if !p.exists() {
        sitrep_nlp::testing::skip("whole_fa_kes_corpus_reads", "/work/shared not present");
        return;
    }
    let items: Vec<_> = csv::read_path(p, &ReadOptions::default()).collect();
    let ok = items.iter().filter(|i| i.is_ok()).count();
    assert_eq!(items.len(), 804);
    assert!(ok >= 800, "{ok}");
    assert!(items.iter().flatten().all(|d| d.published.is_some()));
}

#[test]
fn bad_rows_are_reported_with_their_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("x.csv");
    // Row 3 has a stray quote inside an unquoted field followed by invalid UTF-8 text; row 4
    // repeats row 2's id.
    std::fs::write(
        &p,
        b"id,text\n1,\"Gunmen killed two guards,\nat night\"\n2,caf\xe9 attack wounded three\n1,A second article that reuses id 1.\n",
    )
    .expect("write");
    let docs: Vec<_> = csv::read_path(&p, &ReadOptions::default())
        .collect::<Result<Vec<_>, _>>()
        .expect("ok");
    assert_eq!(docs.len(), 3);
    assert!(
        docs[0]
            .source
            .as_deref()
            .is_some_and(|s| s.ends_with("x.csv:2")),
        "{:?}",
        docs[0].source
    );
    assert!(
        docs[1]
            .source
            .as_deref()
            .is_some_and(|s| s.ends_with("x.csv:4")),
        "{:?}",
        docs[1].source
    );
    assert_eq!(
        docs[1].text, "caf\u{fffd} attack wounded three",
        "bad bytes replaced, row kept"
    );
    assert_eq!(
        docs[2].id, "1#2",
        "a repeated id is made unique in file order"
    );
}

#[test]
fn an_unterminated_quote_is_reported_not_stored_as_garbage() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("broken.csv");
    std::fs::write(
        &p,
        "id,title,text,date\n\
         a1,One,\"Gunmen killed two guards at a checkpoint on Sunday, police said.\",2020-01-05\n\
         a2,Two,\"A roadside bomb wounded three soldiers on Monday,2020-01-06\n\
         a3,Three,Police arrested four men after the attack on Tuesday.,2020-01-07\n",
    )
    .expect("write");
    let items: Vec<_> = csv::read_path(&p, &ReadOptions::default()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().expect("first row").id, "a1");
    let e = items[1].as_ref().expect_err("reported").to_string();
    assert!(
        e.contains("broken.csv:3") && e.contains("never closed"),
        "{e}"
    );
    // A well-formed last row with quotes is not affected.
    let ok = dir.path().join("ok.csv");
    std::fs::write(
        &ok,
        "id,text\nb1,\"He said \"\"no\"\", then left the town on Monday after the attack.\"\n",
    )
    .expect("write");
    let items: Vec<_> = csv::read_path(&ok, &ReadOptions::default()).collect();
    assert!(items[0].is_ok(), "{items:?}");
}
