//! CLI tests of `sitrep ingest`, `sitrep events` and `sitrep docs` in a temp dir:
//! exit codes, stdout, stderr, idempotence, bad input reported per item, crash + resume.

use sitrep_model::{
    DatePrecision, Doc, Event, LocationPrecision, Modality, Place, PlaceKind, Span,
};
use sitrep_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sitrep-ingest/tests/fixtures")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn count(db: &Path) -> (usize, usize) {
    let s = SqliteStore::open(db).expect("open");
    let st = s.stats().expect("stats");
    (st.documents, st.duplicates)
}

#[test]
fn ingest_every_format_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("t.db");
    let f = fixtures();
    let inputs = [
        f.join("warc/cc-news-complete.warc"),
        f.join("feed/wire.rss"),
        f.join("feed/wire.atom"),
        f.join("csv/fa-kes-layout.csv"),
    ];
    let (code, out, err) = run(sitrep()
        .arg("ingest")
        .args(&inputs)
        .arg("--db")
        .arg(&db)
        .arg("--jobs")
        .arg("2"));
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    assert!(out.contains("8 documents read from 4 files"), "{out}");
    assert!(out.contains("skipped 2 (no text)"), "{out}");
    assert!(out.contains("failed 0"), "{out}");
    let (docs, _) = count(&db);
    assert_eq!(docs, 8);

    let (code, out, _) = run(sitrep().arg("ingest").args(&inputs).arg("--db").arg(&db));
    assert_eq!(code, 0);
    assert!(
        out.contains("new 0, updated 0, unchanged 8, duplicates 0"),
        "{out}"
    );
    assert_eq!(count(&db).0, 8);
}

#[test]
fn documents_from_older_stage_versions_are_re_extracted_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("t.db");
    let input = fixtures().join("feed/wire.rss");
    let ingest = || run(sitrep().arg("ingest").arg(&input).arg("--db").arg(&db));
    let (code, out, err) = ingest();
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    let (docs, _) = count(&db);
    assert!(docs >= 2, "{out}");
    let events_before = SqliteStore::open(&db)
        .expect("open")
        .stats()
        .expect("stats")
        .events;

    // Fake a database written by an older `events` stage for one document.
    let store = SqliteStore::open(&db).expect("open");
    let changed = store
        .connection()
        .execute(
            "UPDATE documents SET layers = json_replace(layers, '$.stages[#-1].version', '0-old')
             WHERE id = (SELECT min(id) FROM documents)",
            [],
        )
        .expect("fake an old stage version");
    assert_eq!(changed, 1);
    drop(store);

    let (code, out, _) = ingest();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("re-extracted 1 "), "{out}");
    assert!(
        out.contains(&format!(
            "new 0, updated 0, unchanged {}, duplicates 0",
            docs - 1
        )),
        "{out}"
    );
    let store = SqliteStore::open(&db).expect("open");
    assert_eq!(store.stats().expect("stats").events, events_before);
    let old_versions: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM documents WHERE layers LIKE '%0-old%'",
            [],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(old_versions, 0);
    drop(store);

    // Now current: a third run extracts nothing.
    let (_, out, _) = ingest();
    assert!(out.contains("re-extracted 0 "), "{out}");
    assert!(out.contains(&format!("unchanged {docs},")), "{out}");
}

#[test]
fn telegram_export_ingests_and_reports_the_bad_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("t.db");
    let (code, out, err) = run(sitrep()
        .arg("ingest")
        .arg(fixtures().join("telegram/result.json"))
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 1, "a failed item makes the exit code non-zero");
    assert!(
        err.contains("result.json#message 105") && err.contains("date_unixtime"),
        "{err}"
    );
    assert!(out.contains("new 2") && out.contains("failed 1"), "{out}");
    assert_eq!(count(&db).0, 2, "the good messages went in");
}

#[test]
fn bad_inputs_are_reported_per_item_and_the_rest_goes_in() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("t.db");
    let f = fixtures();
    // A gzip file whose data is corrupt.
    let bad_gz = dir.path().join("corrupt.warc.gz");
    let mut bytes = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff];
    bytes.extend(std::iter::repeat_n(0xab, 200));
    std::fs::write(&bad_gz, bytes).expect("write");
    let (code, out, err) = run(sitrep()
        .arg("ingest")
        .arg(f.join("warc/cc-news-sample.warc"))
        .arg(f.join("feed/not-a-feed.xml"))
        .arg(&bad_gz)
        .arg(f.join("feed/wire.atom"))
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        err.contains("cc-news-sample.warc#record 6") && err.contains("truncated"),
        "{err}"
    );
    assert!(
        err.contains("not-a-feed.xml") && err.contains("not an RSS or Atom feed"),
        "{err}"
    );
    assert!(
        err.contains("corrupt.warc.gz#record") && err.contains("corrupt gzip"),
        "{err}"
    );
    assert!(out.contains("failed 3"), "{out}");
    assert_eq!(count(&db).0, 4, "2 WARC pages + 2 Atom entries stored");
}

#[test]
fn whole_fa_kes_corpus_twice() {
    let corpus = Path::new("/work/shared/corpus/fa-kes");
    if !corpus.exists() {
        sitrep_nlp::testing::skip("whole_fa_kes_corpus_twice", "/work/shared not present");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("fakes.db");
    let (code, out, err) = run(sitrep().arg("ingest").arg(corpus).arg("--db").arg(&db));
    assert_eq!(code, 0, "{out}\n{err}");
    let (docs, dups) = count(&db);
    // 804 rows + SOURCE.md; FA-KES repeats some articles, which are linked as copies.
    assert_eq!(docs, 805, "{out}");
    assert!(out.contains("new ") && out.contains("failed 0"), "{out}");
    let (code, out2, _) = run(sitrep().arg("ingest").arg(corpus).arg("--db").arg(&db));
    assert_eq!(code, 0);
    assert!(
        out2.contains("new 0, updated 0, unchanged 805, duplicates 0"),
        "{out2}"
    );
    assert_eq!(count(&db), (docs, dups));
}

fn seeded_db(dir: &Path) -> PathBuf {
    let db = dir.join("e.db");
    let mut s = SqliteStore::open(&db).expect("open");
    let text = "Government forces shelled the village of Kafr Nabudah in northern Hama on Tuesday, killing at least six civilians, a monitoring group said.";
    let mut d = Doc::new("hama-1", text).with_published("2019-05-01");
    d.title = Some("Shelling kills six in Hama".into());
    d.publisher = Some("wire.example".into());
    d.places = Some(vec![Place {
        start: 41,
        end: 53,
        text: "Kafr Nabudah".into(),
        name: "Kafr Nabudah".into(),
        geonameid: None,
        country: Some("SY".into()),
        admin1: Some("Hama".into()),
        admin2: None,
        lat: Some(35.4),
        lon: Some(36.5),
        kind: PlaceKind::Place,
        region: None,
        geonames_name: None,
        government: false,
        local: None,
        parent: None,
    }]);
    d.events = Some(vec![Event {
        event_date: Some("2019-04-30".into()),
        date_precision: Some(DatePrecision::Day),
        event_type: "Explosions/Remote violence".into(),
        sub_event_type: "Shelling/artillery/missile attack".into(),
        actor1: Some("Military Forces of Syria".into()),
        actor2: Some("Civilians (Syria)".into()),
        country: Some("SY".into()),
        admin1: Some("Hama".into()),
        admin2: None,
        location: Some("Kafr Nabudah".into()),
        latitude: Some(35.4),
        longitude: Some(36.5),
        location_precision: Some(LocationPrecision::Place),
        fatalities: Some(6),
        injured: None,
        killed_or_wounded: None,
        modality: Modality::Reported,
        evidence: vec![Span::new(0, text.chars().count())],
    }]);
    s.upsert_docs(&[d]).expect("upsert");
    db
}

#[test]
fn events_table_csv_jsonl_parquet() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = seeded_db(dir.path());
    let (code, out, _) = run(sitrep()
        .args(["events", "--country", "Syria", "--db"])
        .arg(&db));
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .next()
            .is_some_and(|h| h.starts_with("event_date")),
        "{out}"
    );
    assert!(
        out.contains("Kafr Nabudah") && out.contains("hama-1"),
        "{out}"
    );

    let (code, out, _) = run(sitrep()
        .args(["events", "--format", "csv", "--min-fatalities", "5", "--db"])
        .arg(&db));
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1")), "{out}");
    let row = lines.next().expect("a row");
    assert!(
        row.contains(",Syria,Hama,") && row.contains("Military Forces of Syria"),
        "{row}"
    );

    let (code, out, _) = run(sitrep()
        .args(["events", "--format", "jsonl", "--query", "shelled", "--db"])
        .arg(&db));
    assert_eq!(code, 0);
    let v: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("line")).expect("json");
    assert_eq!(v["fatalities"], 6);
    assert_eq!(v["country"], "Syria");

    let (code, out, _) = run(sitrep()
        .args(["events", "--format", "csv", "--country", "AF", "--db"])
        .arg(&db));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "header only: {out}");

    let pq = dir.path().join("e.parquet");
    let (code, _, err) = run(sitrep()
        .args(["events", "--format", "parquet", "-o"])
        .arg(&pq)
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 events written"), "{err}");
    assert!(std::fs::read(&pq).expect("file").starts_with(b"PAR1"));

    let (code, _, err) = run(sitrep()
        .args(["events", "--format", "xml", "--db"])
        .arg(&db));
    assert_eq!(code, 1);
    assert!(
        err.contains("unknown --format") && err.contains("help:"),
        "{err}"
    );
}

#[test]
fn docs_list_and_show_with_marks() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = seeded_db(dir.path());
    let (code, out, _) = run(sitrep().args(["docs", "list", "--db"]).arg(&db));
    assert_eq!(code, 0);
    assert!(
        out.contains("hama-1") && out.contains("Shelling kills six in Hama"),
        "{out}"
    );
    let (code, out, _) = run(sitrep().args(["docs", "show", "hama-1", "--db"]).arg(&db));
    assert_eq!(code, 0);
    assert!(
        out.contains("[Kafr Nabudah]{place Kafr Nabudah SY}"),
        "{out}"
    );
    assert!(
        out.contains("events: 1") && out.contains("evidence 0-"),
        "{out}"
    );
    let (code, out, _) = run(sitrep()
        .args(["docs", "show", "hama-1", "--format", "json", "--db"])
        .arg(&db));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["doc"]["places"][0]["name"], "Kafr Nabudah");
    let (code, _, err) = run(sitrep().args(["docs", "show", "nope", "--db"]).arg(&db));
    assert_eq!(code, 1);
    assert!(
        err.contains("no document `nope`") && err.contains("help:"),
        "{err}"
    );
}

#[test]
fn missing_database_is_explained() {
    let dir = tempfile::tempdir().expect("tmp");
    let (code, _, err) = run(sitrep()
        .args(["events", "--db"])
        .arg(dir.path().join("none.db")));
    assert_eq!(code, 1);
    assert!(
        err.contains("does not exist") && err.contains("sitrep ingest"),
        "{err}"
    );
}

#[test]
fn a_killed_run_resumes_without_duplicates() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = dir.path().join("many.csv");
    let mut w = String::from("id,title,text,date\n");
    for i in 0..4000 {
        w.push_str(&format!(
            "n{i},Report {i},\"Report number {i}: gunmen attacked checkpoint {i} in district {} on Sunday, killing {} guards, officials said. Police said an investigation into attack {i} had begun.\",2020-01-{:02}\n",
            i % 97,
            i % 7 + 1,
            i % 28 + 1
        ));
    }
    std::fs::write(&csv, w).expect("write");
    let db = dir.path().join("k.db");
    let mut child = sitrep()
        .arg("ingest")
        .arg(&csv)
        .arg("--db")
        .arg(&db)
        .args(["--batch-size", "100", "--jobs", "1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = child.kill(); // SIGKILL: no cleanup runs
    let _ = child.wait();
    let before = if db.exists() { count(&db).0 } else { 0 };
    let (code, out, err) = run(sitrep().arg("ingest").arg(&csv).arg("--db").arg(&db));
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(count(&db).0, 4000, "{out}");
    // What the killed run committed is kept and skipped, not stored twice.
    assert!(
        out.contains(&format!("unchanged {before},")),
        "before {before}: {out}"
    );
}

#[test]
fn jsonl_with_a_malformed_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("a.jsonl");
    std::fs::write(
        &p,
        "{\"id\": \"j1\", \"text\": \"Gunmen killed two guards at a checkpoint on Sunday, police said.\", \"published\": \"2020-01-05\"}\n{not json}\n{\"id\": \"j2\", \"text\": \"A roadside bomb wounded three soldiers on Monday, the army said.\"}\n",
    )
    .expect("write");
    let db = dir.path().join("j.db");
    let (code, out, err) = run(sitrep().arg("ingest").arg(&p).arg("--db").arg(&db));
    assert_eq!(code, 1);
    assert!(err.contains("a.jsonl:2"), "{err}");
    assert!(out.contains("new 2"), "{out}");
}
