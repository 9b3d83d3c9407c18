//! Store tests on hand-made documents: idempotence, updates, near-duplicates, events,
//! filters, exports, migrations of an old database, crash safety of batches.
//!
//! Every test runs against both backends: `both!` instantiates it once in `sqlite::` and
//! once in `postgres::`. The PostgreSQL variants use the server at `SITREP_TEST_PG`
//! (`.ci/setup/20-postgres.sh` starts one), each in its own fresh schema, dropped at the
//! end; without a reachable server they print "skipping … no PostgreSQL" and pass.

use sitrep_model::{
    DatePrecision, Doc, Event, LocationPrecision, Modality, Place, PlaceKind, Span, StageRun,
};
use sitrep_store::export::{CsvExporter, JsonlExporter, ParquetExporter, COLUMNS};
use sitrep_store::{DocFilter, EventCursor, EventFilter, PgStore, SqliteStore, Store};
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

const ARTICLE: &str = "Government forces shelled the village of Kafr Nabudah in northern Hama on \
Tuesday, killing at least six civilians including two children, a monitoring group said. \
The shelling came a day after rebels attacked army positions near the town, according to \
local activists who spoke by telephone.";

const OTHER: &str = "Parliament approved the budget for next year after a long debate over fuel \
subsidies and public sector wages, with the opposition voting against it and promising \
protests in the capital next week.";

fn event(country: &str, admin1: &str, date: &str, fatalities: Option<u64>, actor1: &str) -> Event {
    Event {
        event_date: Some(date.into()),
        date_precision: Some(DatePrecision::Day),
        event_type: "Explosions/Remote violence".into(),
        sub_event_type: "Shelling/artillery/missile attack".into(),
        actor1: Some(actor1.into()),
        actor2: Some("Civilians (Syria)".into()),
        country: Some(country.into()),
        admin1: Some(admin1.into()),
        admin2: None,
        location: Some("Kafr Nabudah".into()),
        latitude: Some(35.4),
        longitude: Some(36.5),
        location_precision: Some(LocationPrecision::Place),
        fatalities,
        injured: None,
        killed_or_wounded: None,
        modality: Modality::Reported,
        evidence: vec![Span::new(0, 168)],
    }
}

fn article(id: &str) -> Doc {
    let mut d = Doc::new(id, ARTICLE).with_published("2019-05-01");
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
    d.times = Some(vec![]);
    d.events = Some(vec![event(
        "SY",
        "Hama",
        "2019-04-30",
        Some(6),
        "Military Forces of Syria",
    )]);
    d
}

/// Where a test's database lives: a file in a temp dir, or a fresh PostgreSQL schema.
enum Db {
    Sqlite(tempfile::TempDir),
    Pg { url: String, schema: String },
}

/// An open store of either backend, usable as `dyn Store`.
enum AnyStore {
    Sqlite(SqliteStore),
    Pg(PgStore),
}

impl Deref for AnyStore {
    type Target = dyn Store;
    fn deref(&self) -> &(dyn Store + 'static) {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Pg(s) => s,
        }
    }
}

impl DerefMut for AnyStore {
    fn deref_mut(&mut self) -> &mut (dyn Store + 'static) {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Pg(s) => s,
        }
    }
}

impl AnyStore {
    /// Runs backend-specific SQL (`sqlite`, `pg`): to fake old or broken databases.
    fn exec(&self, sqlite: &str, pg: &str) {
        match self {
            AnyStore::Sqlite(s) => s.connection().execute_batch(sqlite).expect("sql"),
            AnyStore::Pg(s) => s.batch(pg).expect("sql"),
        }
    }
    fn schema_version(&self) -> i64 {
        match self {
            AnyStore::Sqlite(s) => s.schema_version().expect("version"),
            AnyStore::Pg(s) => i64::from(s.schema_version().expect("version")),
        }
    }
    fn is_pg(&self) -> bool {
        matches!(self, AnyStore::Pg(_))
    }
}

static SCHEMAS: AtomicUsize = AtomicUsize::new(0);

impl Db {
    fn sqlite() -> Db {
        Db::Sqlite(tempfile::tempdir().expect("tempdir"))
    }

    /// A fresh schema on the test server, or None (with a visible message) without one.
    fn postgres(test: &str) -> Option<Db> {
        let Ok(url) = std::env::var("SITREP_TEST_PG") else {
            eprintln!("skipping postgres::{test}: no PostgreSQL (set SITREP_TEST_PG=postgres://…; .ci/setup/20-postgres.sh starts one)");
            return None;
        };
        if let Err(e) = ::postgres::Client::connect(&url, ::postgres::NoTls) {
            eprintln!("skipping postgres::{test}: no PostgreSQL reachable at SITREP_TEST_PG: {e}");
            return None;
        }
        let schema = format!(
            "sitrep_test_{}_{}_{}",
            std::process::id(),
            SCHEMAS.fetch_add(1, Ordering::Relaxed),
            test
        );
        Some(Db::Pg { url, schema })
    }

    fn path(&self) -> PathBuf {
        match self {
            Db::Sqlite(d) => d.path().join("t.db"),
            Db::Pg { .. } => PathBuf::new(),
        }
    }

    /// Another fresh, empty database on the same backend (the tag leads the schema name:
    /// PostgreSQL cuts names at 63 bytes).
    fn sibling(&self, tag: &str) -> Db {
        match self {
            Db::Sqlite(_) => Db::sqlite(),
            Db::Pg { url, schema } => Db::Pg {
                url: url.clone(),
                schema: format!("{tag}_{schema}"),
            },
        }
    }

    /// Opens (creating and migrating) the store.
    fn open(&self) -> AnyStore {
        self.try_open().expect("open")
    }

    fn try_open(&self) -> Result<AnyStore, sitrep_store::StoreError> {
        Ok(match self {
            Db::Sqlite(_) => AnyStore::Sqlite(SqliteStore::open(self.path())?),
            Db::Pg { url, schema } => AnyStore::Pg(PgStore::open_in_schema(
                url,
                Some(schema),
                Some(sitrep_store::pg_latest_version()),
            )?),
        })
    }

    /// Opens the store migrated only up to its first version.
    fn open_first_version(&self) -> AnyStore {
        match self {
            Db::Sqlite(_) => {
                AnyStore::Sqlite(SqliteStore::open_at_version(self.path(), 1).expect("v1"))
            }
            Db::Pg { url, schema } => {
                AnyStore::Pg(PgStore::open_in_schema(url, Some(schema), Some(1)).expect("v1"))
            }
        }
    }

    /// A second connection for lookups while another writes.
    fn open_reader(&self) -> AnyStore {
        match self {
            Db::Sqlite(_) => {
                AnyStore::Sqlite(SqliteStore::open_read_only(self.path()).expect("ro"))
            }
            Db::Pg { url, schema } => {
                AnyStore::Pg(PgStore::open_in_schema(url, Some(schema), None).expect("reader"))
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Db::Pg { url, schema } = self {
            if let Ok(mut c) = ::postgres::Client::connect(url, ::postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
            }
        }
    }
}

/// Instantiates each listed test (a `fn(&Db)`) once per backend.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&super::Db::sqlite());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(db) = super::Db::postgres(stringify!($name)) {
                        super::$name(&db);
                    }
                }
            )*
        }
    };
}

both!(
    ingest_twice_adds_nothing_and_a_change_updates,
    same_content_from_newer_stages_is_re_extracted_once,
    syndicated_copies_link_to_the_original_and_add_no_events,
    layers_round_trip_through_get_doc,
    event_filters,
    exports_use_acled_columns,
    an_old_database_opens_after_migration,
    a_newer_database_is_refused,
    committed_batches_survive_an_abandoned_one,
    read_only_reader_sees_committed_hashes,
    same_id_twice_in_one_batch_is_stored_once,
    concurrent_writers_store_the_union_once,
    cursor_pages_cover_every_event_once,
    the_original_does_not_depend_on_ingest_order,
    five_reports_of_one_attack_are_one_incident,
    incremental_reconciliation_equals_a_recompute,
    incidents_page_with_a_cursor_and_filter,
    imported_rows_are_incidents_of_their_own,
    a_writer_that_keeps_incidents_between_batches_finds_what_a_fresh_one_finds,
);

fn ingest_twice_adds_nothing_and_a_change_updates(db: &Db) {
    let mut s = db.open();
    let docs = vec![
        article("a1"),
        Doc::new("b1", OTHER).with_published("2019-05-02"),
    ];
    let first = s.upsert_docs(&docs).expect("upsert");
    assert_eq!((first.inserted, first.events), (2, 1));
    let again = s.upsert_docs(&docs).expect("upsert");
    assert_eq!(again.unchanged, 2);
    assert_eq!(
        again.inserted + again.updated + again.duplicates + again.events,
        0
    );
    assert_eq!(s.stats().expect("stats").documents, 2);
    assert_eq!(s.stats().expect("stats").events, 1);

    // The same id with new text: updated in place, events replaced, FTS follows.
    let mut changed = article("a1");
    changed.text = format!("{ARTICLE} Rescue workers said the toll could rise.");
    let mut ev = event(
        "SY",
        "Hama",
        "2019-04-30",
        Some(7),
        "Military Forces of Syria",
    );
    ev.evidence = vec![Span::new(0, 20)];
    changed.events = Some(vec![ev]);
    let upd = s.upsert_docs(&[changed]).expect("upsert");
    assert_eq!((upd.updated, upd.inserted, upd.events), (1, 0, 1));
    let st = s.stats().expect("stats");
    assert_eq!((st.documents, st.events), (2, 1));
    let rows = s.query_events(&EventFilter::default()).expect("query");
    assert_eq!(rows[0].event.fatalities, Some(7));
    let hits = s
        .list_docs(&DocFilter {
            query: Some("toll".into()),
            ..DocFilter::default()
        })
        .expect("fts");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a1");
    let stored = s.get_doc("a1").expect("get").expect("present");
    assert!(stored.updated_at.is_some());
}

fn runs(versions: &[(&str, &str)]) -> Vec<StageRun> {
    versions
        .iter()
        .map(|(stage, version)| StageRun {
            stage: stage.to_string(),
            version: version.to_string(),
        })
        .collect()
}

fn same_content_from_newer_stages_is_re_extracted_once(db: &Db) {
    let mut s = db.open();
    let mut old = article("a1");
    old.stages = runs(&[("places", "1"), ("events", "1")]);
    assert_eq!(s.upsert_docs(&[old.clone()]).expect("upsert").inserted, 1);
    let v = s.stored_version("a1").expect("read").expect("stored");
    assert!(v.is_current(&sitrep_store::content_hash(&old), &old.stages));

    // The events stage was upgraded: same content, new layers.
    let mut new = article("a1");
    new.stages = runs(&[("places", "1"), ("events", "2")]);
    new.events = Some(vec![event(
        "SY",
        "Hama",
        "2019-04-30",
        Some(8),
        "Military Forces of Syria",
    )]);
    let v = s.stored_version("a1").expect("read").expect("stored");
    assert!(!v.is_current(&sitrep_store::content_hash(&new), &new.stages));
    let first = s.upsert_docs(&[new.clone()]).expect("upsert");
    assert_eq!(
        (
            first.reextracted,
            first.updated,
            first.unchanged,
            first.events
        ),
        (1, 0, 0, 1)
    );
    let rows = s.query_events(&EventFilter::default()).expect("query");
    assert_eq!(rows.len(), 1, "events replaced, not added");
    assert_eq!(rows[0].event.fatalities, Some(8));
    let stored = s.get_doc("a1").expect("get").expect("present");
    assert_eq!(stored.doc.stages, new.stages);
    assert!(stored.updated_at.is_none(), "the content did not change");

    // Once current, the same document is unchanged; so is one with no stage runs.
    let again = s.upsert_docs(&[new.clone()]).expect("upsert");
    assert_eq!((again.reextracted, again.unchanged), (0, 1));
    let mut bare = article("a1");
    bare.events = None;
    let bare_sum = s.upsert_docs(&[bare]).expect("upsert");
    assert_eq!((bare_sum.reextracted, bare_sum.unchanged), (0, 1));
    assert_eq!(s.stats().expect("stats").events, 1);
}

fn syndicated_copies_link_to_the_original_and_add_no_events(db: &Db) {
    let mut s = db.open();
    s.upsert_docs(&[article("orig")]).expect("upsert");
    // Another site reprints it a day later with a credit line and its own id: a
    // near-duplicate.
    let mut copy = article("https://other.example/reprint").with_published("2019-05-02");
    copy.text = format!("{ARTICLE} (Reporting by staff.)");
    copy.publisher = Some("other.example".into());
    // Exact copy under a third id, also later.
    let exact = article("mirror-1").with_published("2019-05-02");
    let sum = s.upsert_docs(&[copy, exact]).expect("upsert");
    assert_eq!((sum.duplicates, sum.inserted, sum.events), (2, 0, 0));
    let st = s.stats().expect("stats");
    assert_eq!((st.documents, st.duplicates, st.events), (3, 2, 1));
    let orig = s.get_doc("orig").expect("get").expect("present");
    assert_eq!(
        orig.duplicates,
        vec!["https://other.example/reprint", "mirror-1"]
    );
    let c = s
        .get_doc("https://other.example/reprint")
        .expect("get")
        .expect("present");
    assert_eq!(c.duplicate_of.as_deref(), Some("orig"));
    // Listings hide copies unless asked.
    assert_eq!(s.list_docs(&DocFilter::default()).expect("list").len(), 1);
    let all = s
        .list_docs(&DocFilter {
            include_duplicates: true,
            ..DocFilter::default()
        })
        .expect("list");
    assert_eq!(all.len(), 3);
    // An unrelated article is not a duplicate.
    let sum = s.upsert_docs(&[Doc::new("other", OTHER)]).expect("upsert");
    assert_eq!(sum.inserted, 1);
}

fn layers_round_trip_through_get_doc(db: &Db) {
    let mut s = db.open();
    let mut d = article("a1");
    d.sentences = Some(vec![sitrep_model::Sentence { start: 0, end: 168 }]);
    s.upsert_docs(std::slice::from_ref(&d)).expect("upsert");
    let back = s.get_doc("a1").expect("get").expect("present");
    assert_eq!(
        back.doc, d,
        "every layer is stored; None stays None, [] stays []"
    );
    assert_eq!(back.doc.entities, None);
    assert_eq!(back.doc.times, Some(vec![]));
    assert!(s.get_doc("missing").expect("get").is_none());
}

fn event_filters(db: &Db) {
    let mut s = db.open();
    let mut a = Doc::new("a", ARTICLE);
    a.events = Some(vec![
        event(
            "SY",
            "Hama",
            "2019-04-30",
            Some(6),
            "Military Forces of Syria",
        ),
        event(
            "SY",
            "Idlib",
            "2019-05-03",
            Some(1),
            "HTS: Hayat Tahrir al-Sham",
        ),
    ]);
    let mut b = Doc::new("b", OTHER);
    let mut e = event("AF", "Kabul", "2020-09-25", None, "Taliban");
    e.event_type = "Battles".into();
    e.sub_event_type = "Armed clash".into();
    b.events = Some(vec![e]);
    s.upsert_docs(&[a, b]).expect("upsert");
    let q = |f: EventFilter| s.query_events(&f).expect("query").len();
    assert_eq!(q(EventFilter::default()), 3);
    assert_eq!(
        q(EventFilter {
            country: Some("sy".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            country: Some("Syria".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            admin1: Some("idlib".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            since: Some("2019-05-01".into()),
            until: Some("2019-12-31".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            event_type: Some("armed clash".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            event_type: Some("Battles".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("tahrir".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            min_fatalities: Some(2),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            query: Some("budget".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            doc_id: Some("a".into()),
            limit: Some(1),
            ..Default::default()
        }),
        1
    );
    // Notes carry the evidence text.
    let rows = s
        .query_events(&EventFilter {
            doc_id: Some("a".into()),
            ..Default::default()
        })
        .expect("q");
    assert!(rows[0]
        .notes
        .as_deref()
        .is_some_and(|n| n.starts_with("Government forces shelled")));
}

fn exports_use_acled_columns(db: &Db) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = db.open();
    s.upsert_docs(&[article("a1")]).expect("upsert");
    let rows = s.query_events(&EventFilter::default()).expect("q");

    let mut buf = Vec::new();
    let mut x = CsvExporter::new(&mut buf).expect("csv");
    for r in &rows {
        x.write(r).expect("write");
    }
    x.finish().expect("finish");
    let text = String::from_utf8(buf).expect("utf8");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().expect("h").iter().map(String::from).collect();
    assert_eq!(headers, COLUMNS);
    for acled in [
        "event_id_cnty",
        "event_date",
        "year",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "fatalities",
        "notes",
        "source",
    ] {
        assert!(headers.iter().any(|h| h == acled), "missing {acled}");
    }
    let rec = rdr.records().next().expect("row").expect("ok");
    let get = |k: &str| {
        rec.get(headers.iter().position(|h| h == k).expect("col"))
            .expect("v")
            .to_string()
    };
    assert_eq!(get("country"), "Syria");
    assert_eq!(get("iso2"), "SY");
    assert_eq!(get("year"), "2019");
    assert_eq!(get("time_precision"), "1");
    assert_eq!(get("geo_precision"), "1");
    assert_eq!(get("fatalities"), "6");
    assert_eq!(get("source"), "wire.example");
    assert!(get("event_id_cnty").starts_with("SY"));

    let mut buf = Vec::new();
    let mut x = JsonlExporter::new(&mut buf);
    for r in &rows {
        x.write(r).expect("write");
    }
    x.finish().expect("finish");
    let v: serde_json::Value =
        serde_json::from_slice(buf.split(|b| *b == b'\n').next().expect("line")).expect("json");
    assert_eq!(v["evidence"], serde_json::json!([{"start": 0, "end": 168}]));
    assert_eq!(v["modality"], "reported");

    let p = dir.path().join("e.parquet");
    let f = std::fs::File::create(&p).expect("create");
    let mut x = ParquetExporter::new(f).expect("parquet");
    for r in &rows {
        x.write(r).expect("write");
    }
    x.finish().expect("finish");
    let bytes = std::fs::read(&p).expect("read");
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let reader =
        parquet::file::reader::SerializedFileReader::new(std::fs::File::open(&p).expect("open"))
            .expect("reader");
    use parquet::file::reader::FileReader;
    assert_eq!(reader.metadata().file_metadata().num_rows(), 1);
    // `event_date` is a DATE column, not a string.
    let schema = reader.metadata().file_metadata().schema_descr();
    let col = schema
        .columns()
        .iter()
        .find(|c| c.name() == "event_date")
        .expect("event_date column");
    assert_eq!(
        col.logical_type_ref(),
        Some(&parquet::basic::LogicalType::Date),
        "{col:?}"
    );
}

fn an_old_database_opens_after_migration(db: &Db) {
    {
        // A version-1 database, as an earlier sitrep wrote it.
        let old = db.open_first_version();
        assert_eq!(old.schema_version(), 1);
        let insert = format!(
            "INSERT INTO documents(id, content_hash, title, published, text, layers) VALUES ('old', 'h', 'Old', '2019-04-30', '{}', '{{}}')",
            ARTICLE.replace('\'', "''")
        );
        old.exec(&insert, &insert);
    }
    let mut s = db.open();
    let latest = if s.is_pg() {
        i64::from(sitrep_store::pg_latest_version())
    } else {
        sitrep_store::MIGRATIONS.len() as i64
    };
    assert_eq!(s.schema_version(), latest);
    let d = s.get_doc("old").expect("get").expect("present");
    assert_eq!(d.doc.title.as_deref(), Some("Old"));
    assert_eq!(d.doc.events, None);
    if !s.is_pg() {
        // The back-filled SimHash lets a new copy link to the old document. (PostgreSQL's
        // first version already had SimHash columns: a row without one is not a
        // candidate, as in SQLite before its back-fill.)
        let sum = s.upsert_docs(&[article("new-copy")]).expect("upsert");
        assert_eq!(sum.duplicates, 1);
        assert_eq!(
            s.get_doc("new-copy")
                .expect("get")
                .expect("present")
                .duplicate_of
                .as_deref(),
            Some("old")
        );
    }
    // Full-text search from version 1 still works.
    let hits = s
        .list_docs(&DocFilter {
            query: Some("Nabudah".into()),
            ..Default::default()
        })
        .expect("fts");
    assert_eq!(hits.len(), 1);
}

fn a_newer_database_is_refused(db: &Db) {
    {
        let s = db.open();
        s.exec(
            "PRAGMA user_version = 99",
            "INSERT INTO sitrep_schema(version, name) VALUES (99, 'future')",
        );
    }
    let e = db.try_open().err().expect("too new").to_string();
    assert!(e.contains("newer") && e.contains("help:"), "{e}");
}

fn committed_batches_survive_an_abandoned_one(db: &Db) {
    {
        let mut s = db.open();
        s.upsert_docs(&[article("a1")]).expect("batch 1");
        // A transaction that never commits (the process "dies" mid-batch).
        let half = "BEGIN; INSERT INTO documents(id, content_hash, text, layers) VALUES ('half', 'h', 'x', '{}');";
        s.exec(half, half);
        // Dropping the connection without COMMIT rolls it back, as a kill would.
    }
    let s = db.open();
    assert!(s.get_doc("a1").expect("get").is_some());
    assert!(s.get_doc("half").expect("get").is_none());
    if let AnyStore::Sqlite(s) = &s {
        // WAL mode is on.
        let mode: String = s
            .connection()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
    }
}

fn read_only_reader_sees_committed_hashes(db: &Db) {
    let mut w = db.open();
    let r = db.open_reader();
    let d = article("a1");
    assert_eq!(r.content_hash_of("a1").expect("q"), None);
    w.upsert_docs(std::slice::from_ref(&d)).expect("upsert");
    assert_eq!(
        r.content_hash_of("a1").expect("q"),
        Some(sitrep_store::content_hash(&d))
    );
}

/// Pages of events (keyset cursor) cover every matching event once, in order, for both
/// the SQLite query and the trait's default (streaming) implementation, including events
/// without a date (they sort first) and dates shared by several events.
fn cursor_pages_cover_every_event_once(db: &Db) {
    let mut s = db.open();
    let mut docs = Vec::new();
    for i in 0..7 {
        let mut d = Doc::new(format!("d{i}"), format!("{ARTICLE} Copy number {i} of it."));
        let mut evs = vec![
            event(
                "SY",
                "Hama",
                &format!("2019-04-0{}", i % 3 + 1),
                Some(i),
                "A",
            ),
            event("SY", "Idlib", "2019-04-02", None, "B"),
        ];
        evs[1].event_date = (i % 2 == 0).then(|| "2019-04-02".to_string());
        d.events = Some(evs);
        docs.push(d);
    }
    // Different texts so none is stored as a near-duplicate of another.
    for (i, d) in docs.iter_mut().enumerate() {
        // (A repeated filler word would not do: its one 3-gram would dominate every
        // SimHash and make the texts look alike.)
        d.text = format!("{} {}", corpus_doc(1000 + i).text, d.text);
    }
    s.upsert_docs(&docs).expect("upsert");
    let all = s.query_events(&EventFilter::default()).expect("all");
    assert_eq!(all.len(), 14);

    struct Streaming<'a>(&'a dyn Store);
    impl Store for Streaming<'_> {
        fn upsert_prepared(
            &mut self,
            _: &[sitrep_store::PreparedDoc],
        ) -> Result<sitrep_store::UpsertSummary, sitrep_store::StoreError> {
            unreachable!("read only")
        }
        fn content_hash_of(&self, id: &str) -> Result<Option<String>, sitrep_store::StoreError> {
            self.0.content_hash_of(id)
        }
        fn stored_version(
            &self,
            id: &str,
        ) -> Result<Option<sitrep_store::StoredVersion>, sitrep_store::StoreError> {
            self.0.stored_version(id)
        }
        fn for_each_event(
            &self,
            filter: &EventFilter,
            f: &mut dyn FnMut(sitrep_store::EventRow) -> Result<(), sitrep_store::StoreError>,
        ) -> Result<usize, sitrep_store::StoreError> {
            self.0.for_each_event(filter, f)
        }
        fn list_docs(
            &self,
            filter: &DocFilter,
        ) -> Result<Vec<sitrep_store::DocSummary>, sitrep_store::StoreError> {
            self.0.list_docs(filter)
        }
        fn get_doc(
            &self,
            id: &str,
        ) -> Result<Option<sitrep_store::StoredDoc>, sitrep_store::StoreError> {
            self.0.get_doc(id)
        }
        fn stats(&self) -> Result<sitrep_store::StoreStats, sitrep_store::StoreError> {
            self.0.stats()
        }
    }
    let backends: [&dyn Store; 2] = [&*s, &Streaming(&*s)];
    for store in backends {
        let mut seen = Vec::new();
        let mut cursor: Option<EventCursor> = None;
        loop {
            let mut page = Vec::new();
            let f = EventFilter {
                limit: Some(3),
                ..Default::default()
            };
            store
                .for_each_event_after(&f, cursor.as_ref(), &mut |r| {
                    page.push(r);
                    Ok(())
                })
                .expect("page");
            assert!(page.len() <= 3);
            let Some(last) = page.last() else { break };
            cursor = Some(EventCursor::of(last));
            seen.extend(page.into_iter().map(|r| r.id));
        }
        let want: Vec<i64> = all.iter().map(|r| r.id).collect();
        assert_eq!(seen, want, "pages differ from the full listing");
        let one = store.get_event(want[4]).expect("get").expect("found");
        assert_eq!(one.id, want[4]);
        assert!(store.get_event(-1).expect("get").is_none());
    }
}

fn same_id_twice_in_one_batch_is_stored_once(db: &Db) {
    let mut s = db.open();
    // Same document twice, then a changed version of another in the same batch.
    let mut changed = article("b");
    changed.text = format!("{OTHER} Police said three people were arrested.");
    changed.events = None;
    let batch = vec![
        article("a"),
        article("a"),
        Doc::new("b", OTHER),
        changed.clone(),
    ];
    let sum = s.upsert_docs(&batch).expect("upsert");
    assert_eq!(
        (sum.inserted, sum.unchanged, sum.updated, sum.events),
        (2, 1, 1, 1)
    );
    let st = s.stats().expect("stats");
    assert_eq!((st.documents, st.duplicates, st.events), (2, 0, 1));
    assert_eq!(
        s.get_doc("b").expect("get").expect("present").doc.text,
        changed.text
    );
    // The full-text index follows a document inserted and changed in one batch: the new
    // words are found once, the replaced version is gone.
    let search = |q: &str| -> Vec<String> {
        let f = DocFilter {
            query: Some(q.into()),
            ..DocFilter::default()
        };
        let docs = s.list_docs(&f).expect("search");
        docs.into_iter().map(|d| d.id).collect()
    };
    assert_eq!(search("arrested"), vec!["b".to_string()]);
    assert_eq!(search("parliament"), vec!["b".to_string()]);
    assert_eq!(search("Nabudah"), vec!["a".to_string()]);
    if let Db::Sqlite(_) = db {
        let conn = rusqlite::Connection::open(db.path()).expect("open");
        conn.execute(
            "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("the FTS index matches the documents");
    }
}

/// Article `i` of a corpus of distinct texts: 40 words drawn from a vocabulary by a
/// generator seeded with `i`, so no two share enough word 3-grams to look like copies.
fn corpus_doc(i: usize) -> Doc {
    const WORDS: &[&str] = &[
        "army",
        "rebels",
        "village",
        "shelled",
        "killed",
        "wounded",
        "police",
        "market",
        "convoy",
        "road",
        "north",
        "south",
        "officials",
        "said",
        "district",
        "attack",
        "checkpoint",
        "fighters",
        "civilians",
        "monday",
        "tuesday",
        "night",
        "town",
        "strike",
        "drone",
        "militants",
        "clashes",
        "border",
        "province",
        "hospital",
        "school",
        "bridge",
        "soldiers",
        "group",
        "residents",
        "witnesses",
        "spokesman",
        "mortar",
        "rocket",
        "camp",
    ];
    let places = ["Hama", "Idlib", "Aleppo", "Daraa", "Homs", "Kabul", "Herat"];
    let mut x = (i as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut words = vec![format!("Report {i} from {}:", places[i % places.len()])];
    for _ in 0..40 {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        words.push(WORDS[(x >> 33) as usize % WORDS.len()].to_string());
    }
    let mut d = Doc::new(format!("doc-{i}"), words.join(" ")).with_published("2020-01-01");
    d.events = Some(vec![event(
        "SY",
        places[i % places.len()],
        "2020-01-01",
        Some((i % 9 + 1) as u64),
        "Unidentified Armed Group (Syria)",
    )]);
    d
}

fn concurrent_writers_store_the_union_once(db: &Db) {
    // Two writers with overlapping corpora (0..300 and 200..500), in batches, at once;
    // both also write a syndicated copy of the other's documents.
    {
        db.open(); // create the schema once, as `sitrep ingest` would on first use
    }
    let a: Vec<Doc> = (0..300).map(corpus_doc).collect();
    let b: Vec<Doc> = (200..500).map(corpus_doc).collect();
    let copy = |d: &Doc| {
        let mut c = d.clone();
        c.id = format!("copy-{}", d.id);
        c
    };
    let mut a_all = a.clone();
    a_all.push(copy(&b[250]));
    let mut b_all = b.clone();
    b_all.push(copy(&a[10]));
    let sums = std::thread::scope(|sc| {
        let h: Vec<_> = [a_all, b_all]
            .into_iter()
            .map(|docs| {
                sc.spawn(move || {
                    let mut s = db.open();
                    let mut sum = sitrep_store::UpsertSummary::default();
                    for chunk in docs.chunks(25) {
                        sum.add(&s.upsert_docs(chunk).expect("upsert"));
                    }
                    sum
                })
            })
            .collect();
        h.into_iter()
            .map(|h| h.join().expect("writer"))
            .collect::<Vec<_>>()
    });
    let s = db.open();
    let st = s.stats().expect("stats");
    assert_eq!(st.documents, 502, "the union: 500 originals and 2 copies");
    assert_eq!(st.duplicates, 2);
    assert_eq!(st.events, 500, "one event per original, none twice");
    let inserted: usize = sums.iter().map(|s| s.inserted).sum();
    let unchanged: usize = sums.iter().map(|s| s.unchanged).sum();
    assert_eq!((inserted, unchanged), (500, 100));
    let rows = s.query_events(&EventFilter::default()).expect("q");
    let mut keys: Vec<&str> = rows.iter().map(|r| r.doc_id.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 500);
    // Each copy and its original are linked, whichever writer stored its text first.
    for id in ["doc-450", "doc-10"] {
        let copy = format!("copy-{id}");
        let (o, c) = (
            s.get_doc(id).expect("get").expect("present"),
            s.get_doc(&copy).expect("get").expect("present"),
        );
        assert!(
            c.duplicate_of.as_deref() == Some(id) || o.duplicate_of.as_deref() == Some(&copy),
            "{id} and {copy} are not linked"
        );
    }
}

/// The earliest copy of a text is its original whichever copy was stored first: a copy
/// stored before the wire original hands over its place (and its events) when the
/// original arrives, and everything linked to it follows; the database ends as when the
/// copies came in date order.
fn the_original_does_not_depend_on_ingest_order(db: &Db) {
    let wire = article("wire").with_published("2019-05-01");
    let mut reprint = article("reprint").with_published("2019-05-03");
    reprint.text = format!("{ARTICLE} (Reporting by staff.)");
    let mirror = article("mirror").with_published("2019-05-02");
    // Same date, the smaller id is the original: "a-copy" before "b-copy".
    let mut a = article("a-copy").with_published("2019-06-01");
    let mut b = article("b-copy").with_published("2019-06-01");
    a.text = OTHER.into();
    b.text = OTHER.into();
    let check = |s: &dyn Store| {
        let st = s.stats().expect("stats");
        assert_eq!((st.documents, st.duplicates, st.events), (5, 3, 2));
        let w = s.get_doc("wire").expect("get").expect("present");
        assert_eq!(w.duplicate_of, None);
        assert_eq!(w.duplicates, vec!["mirror", "reprint"]);
        let b = s.get_doc("b-copy").expect("get").expect("present");
        assert_eq!(b.duplicate_of.as_deref(), Some("a-copy"));
        let rows = s.query_events(&EventFilter::default()).expect("query");
        let mut ids: Vec<&str> = rows.iter().map(|r| r.doc_id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            vec!["a-copy", "wire"],
            "events belong to the originals"
        );
        // A demoted original's events leave their incidents: no incident is left
        // without reports, none lists a report that is gone.
        let mut of_events: Vec<String> =
            rows.iter().filter_map(|r| r.incident_id.clone()).collect();
        of_events.sort_unstable();
        of_events.dedup();
        let incidents = s
            .query_incidents(&EventFilter::default())
            .expect("incidents");
        let mut listed: Vec<String> = incidents.iter().map(|i| i.incident_id.clone()).collect();
        listed.sort_unstable();
        assert_eq!(listed, of_events, "incidents = those of the stored events");
        for i in &incidents {
            assert!(
                i.reports.iter().all(|r| ids.contains(&r.doc_id.as_str())),
                "{} lists a report of a demoted copy: {:?}",
                i.incident_id,
                i.reports
            );
        }
    };
    // In date order, one batch.
    {
        let mut s = db.open();
        let sum = s
            .upsert_docs(&[
                wire.clone(),
                mirror.clone(),
                reprint.clone(),
                a.clone(),
                b.clone(),
            ])
            .expect("upsert");
        assert_eq!((sum.inserted, sum.duplicates), (2, 3));
        check(&*s);
    }
    // Reversed, one document per batch, into a fresh database; and reversed in one
    // batch into another.
    let fresh = |tag: &str| db.sibling(tag);
    let rev = fresh("rev");
    {
        let mut s = rev.open();
        let mut sum = sitrep_store::UpsertSummary::default();
        for d in [&b, &a, &reprint, &mirror, &wire] {
            sum.add(&s.upsert_docs(std::slice::from_ref(d)).expect("upsert"));
        }
        assert_eq!((sum.inserted, sum.duplicates), (2, 3), "{sum:?}");
        check(&*s);
    }
    let one = fresh("one");
    {
        let mut s = one.open();
        let sum = s
            .upsert_docs(&[
                b.clone(),
                reprint.clone(),
                a.clone(),
                mirror.clone(),
                wire.clone(),
            ])
            .expect("upsert");
        assert_eq!((sum.inserted, sum.duplicates), (2, 3), "{sum:?}");
        check(&*s);
    }
}

/// The wire-style fixtures of issue 15 (`crates/sitrep/tests/fixtures/incidents/`): the
/// articles, with the records a coder writes for them (`coded.jsonl`), as documents.
fn incident_fixture() -> Vec<Doc> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sitrep/tests/fixtures/incidents");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("fixture");
    let coded: std::collections::HashMap<String, Vec<Event>> = read("coded.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            let id = v["id"].as_str().expect("id").to_string();
            (
                id,
                serde_json::from_value(v["events"].clone()).expect("events"),
            )
        })
        .collect();
    read("reports.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            let id = v["id"].as_str().expect("id");
            let mut d = Doc::new(id, v["text"].as_str().expect("text"))
                .with_published(v["published"].as_str().expect("published"));
            d.publisher = v["publisher"].as_str().map(str::to_string);
            d.title = v["title"].as_str().map(str::to_string);
            d.events = Some(coded[id].clone());
            d
        })
        .collect()
}

fn incident_of<'a>(inc: &'a [sitrep_store::Incident], doc: &str) -> &'a sitrep_store::Incident {
    inc.iter()
        .find(|i| i.reports.iter().any(|r| r.doc_id == doc))
        .unwrap_or_else(|| panic!("no incident with a report from {doc}: {inc:#?}"))
}

fn five_reports_of_one_attack_are_one_incident(db: &Db) {
    let mut s = db.open();
    s.upsert_docs(&incident_fixture()).expect("upsert");
    let inc = s
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    let manbij = incident_of(&inc, "manbij-wire-a");
    let docs: Vec<&str> = manbij.reports.iter().map(|r| r.doc_id.as_str()).collect();
    for d in [
        "manbij-wire-a",
        "manbij-wire-b",
        "manbij-wire-c",
        "manbij-wire-d",
        "manbij-claim-e",
    ] {
        assert!(docs.contains(&d), "{d} missing from {manbij:#?}");
    }
    assert_eq!(manbij.n_reports, 5);
    let outlets: std::collections::BTreeSet<&str> = manbij
        .reports
        .iter()
        .filter_map(|r| r.publisher.as_deref())
        .collect();
    assert_eq!(outlets.len(), 5, "all five sources listed: {outlets:?}");
    // 12 and 15 on the day, 20 the next day, 31 the day after: each overtaken by a later,
    // higher report, so the conservative figure that stands is 31; the attackers' 50 is a
    // claim, kept apart; a rising toll is no dispute.
    assert_eq!(manbij.fatalities, Some(31), "{manbij:#?}");
    assert_eq!(manbij.fatalities_low, Some(12));
    assert_eq!(manbij.fatalities_high, Some(31));
    assert_eq!(manbij.claimed_fatalities, Some(50));
    assert!(!manbij.disputed);
    let overtaken: Vec<(&str, bool)> = manbij
        .reports
        .iter()
        .map(|r| (r.doc_id.as_str(), r.overtaken))
        .collect();
    assert!(
        overtaken.contains(&("manbij-wire-a", true)),
        "{overtaken:?}"
    );
    assert!(
        overtaken.contains(&("manbij-wire-d", false)),
        "{overtaken:?}"
    );
    // Same day, same type, another province: another incident.
    let raqqa = incident_of(&inc, "raqqa-wire");
    assert_ne!(raqqa.incident_id, manbij.incident_id);
    // Same town, same day, another type and target: another incident.
    let clash = incident_of(&inc, "manbij-clash");
    assert_ne!(clash.incident_id, manbij.incident_id);
    assert_ne!(clash.incident_id, raqqa.incident_id);
    assert_eq!(inc.len(), 3);
    // Every stored event belongs to exactly one incident, and says which.
    let events = s.query_events(&EventFilter::default()).expect("events");
    assert_eq!(events.len(), 7);
    for e in &events {
        let id = e
            .incident_id
            .as_deref()
            .expect("incident_id on every event");
        let owners: Vec<&str> = inc
            .iter()
            .filter(|i| i.reports.iter().any(|r| r.event_id == e.event_id))
            .map(|i| i.incident_id.as_str())
            .collect();
        assert_eq!(owners, vec![id], "{}", e.doc_id);
    }
    // One incident with its reports, by id.
    let one = s
        .get_incident(&manbij.incident_id)
        .expect("get")
        .expect("found");
    assert_eq!(&one, manbij);
    assert!(s.get_incident("Inone").expect("get").is_none());
}

fn incremental_reconciliation_equals_a_recompute(db: &Db) {
    let mut s = db.open();
    let docs = incident_fixture();
    // The later reports first, then the first two, one batch at a time: each batch
    // attaches to the incidents stored before it.
    let (early, late): (Vec<Doc>, Vec<Doc>) = docs
        .into_iter()
        .partition(|d| d.id == "manbij-wire-a" || d.id == "manbij-wire-b");
    for d in late.iter().chain(&early) {
        s.upsert_docs(std::slice::from_ref(d)).expect("upsert");
    }
    let incremental = s
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    assert_eq!(incident_of(&incremental, "manbij-wire-a").n_reports, 5);
    let sum = s.reconcile_all().expect("reconcile");
    assert_eq!(sum.reports, 7);
    assert_eq!(sum.incidents, 3);
    let scratch = s
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    assert_eq!(scratch, incremental, "incremental = from scratch");
    // A changed report is re-attached: its incident is rebuilt from what remains and the
    // new version joins again.
    let mut changed = early[0].clone();
    changed.text.push_str(" Updated.");
    s.upsert_docs(&[changed]).expect("update");
    let after = s
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    assert_eq!(after.len(), 3, "{after:#?}");
    assert_eq!(incident_of(&after, "manbij-wire-a").n_reports, 5);
    let events = s.query_events(&EventFilter::default()).expect("events");
    assert!(events.iter().all(|e| e.incident_id.is_some()));
}

fn incidents_page_with_a_cursor_and_filter(db: &Db) {
    let mut s = db.open();
    s.upsert_docs(&incident_fixture()).expect("upsert");
    let all = s.query_incidents(&EventFilter::default()).expect("all");
    let mut seen = Vec::new();
    let mut cursor: Option<sitrep_store::IncidentCursor> = None;
    loop {
        let mut page = Vec::new();
        let f = EventFilter {
            limit: Some(2),
            ..Default::default()
        };
        s.for_each_incident_after(&f, cursor.as_ref(), &mut |i| {
            page.push(i);
            Ok(())
        })
        .expect("page");
        let Some(last) = page.last() else { break };
        cursor = Some(sitrep_store::IncidentCursor::of(last));
        seen.extend(page.into_iter().map(|i| i.incident_id));
    }
    let want: Vec<String> = all.iter().map(|i| i.incident_id.clone()).collect();
    assert_eq!(seen, want);
    let q = |f: EventFilter| {
        s.query_incidents(&f)
            .expect("query")
            .into_iter()
            .map(|i| i.reports[0].doc_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        q(EventFilter {
            admin1: Some("ar-raqqah".into()),
            ..Default::default()
        }),
        vec!["raqqa-wire"]
    );
    assert_eq!(
        q(EventFilter {
            event_type: Some("Armed clash".into()),
            ..Default::default()
        }),
        vec!["manbij-clash"]
    );
    // A report's document finds its incident.
    let by_doc = s
        .query_incidents(&EventFilter {
            doc_id: Some("manbij-claim-e".into()),
            ..Default::default()
        })
        .expect("by doc");
    assert_eq!(by_doc.len(), 1);
    assert_eq!(by_doc[0].n_reports, 5);
    assert_eq!(
        q(EventFilter {
            min_fatalities: Some(30),
            ..Default::default()
        })
        .len(),
        1
    );
}

fn imported_rows_are_incidents_of_their_own(db: &Db) {
    let mut s = db.open();
    s.upsert_docs(&incident_fixture()).expect("upsert");
    let mut e = event("SY", "Aleppo", "2019-01-16", Some(30), "Islamic State");
    e.location = Some("Manbij".into());
    let rows: Vec<sitrep_store::ImportedEvent> = (0..2)
        .map(|i| sitrep_store::ImportedEvent {
            event: e.clone(),
            source: Some("Agency".into()),
            notes: Some(format!("row {i}")),
            fatalities_low: Some(25),
            fatalities_high: Some(40),
        })
        .collect();
    assert_eq!(
        s.import_events("ged", "sample.csv", &rows).expect("import"),
        2
    );
    // Again: the import replaces itself.
    assert_eq!(
        s.import_events("ged", "sample.csv", &rows).expect("import"),
        2
    );
    let ged = s
        .query_incidents(&EventFilter {
            dataset: Some("ged".into()),
            ..Default::default()
        })
        .expect("ged");
    assert_eq!(ged.len(), 2, "two rows, two incidents, never merged");
    assert!(ged
        .iter()
        .all(|i| i.fatalities_low == Some(25) && i.fatalities_high == Some(40)));
    // A recompute keeps them as they are, and sitrep's own incidents are untouched.
    s.reconcile_all().expect("reconcile");
    let after = s
        .query_incidents(&EventFilter {
            dataset: Some("ged".into()),
            ..Default::default()
        })
        .expect("ged");
    assert_eq!(after, ged);
    let own = s
        .query_incidents(&EventFilter {
            dataset: Some("sitrep".into()),
            ..Default::default()
        })
        .expect("sitrep");
    assert_eq!(own.len(), 3);
}

/// Reports of 40 incidents over two months in two countries, one to five reports each,
/// published on the day of the incident or up to two days after, in publication order
/// with every seventh report arriving late (at the end). Each report's evidence shares
/// its incident's words; the rest of its text is its own, so no report is a
/// near-duplicate of another.
fn many_reports() -> Vec<Doc> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let places = [
        (
            "SY",
            ["Aleppo", "Idlib", "Hama"],
            ["Azaz", "Saraqib", "Suran"],
        ),
        (
            "IQ",
            ["Nineveh", "Anbar", "Diyala"],
            ["Tal Afar", "Hit", "Baqubah"],
        ),
    ];
    let filler = [
        "market",
        "convoy",
        "bridge",
        "checkpoint",
        "village",
        "school",
        "hospital",
        "mosque",
        "road",
        "farm",
        "river",
        "hill",
        "station",
        "camp",
        "depot",
        "square",
    ];
    let mut docs = Vec::new();
    for k in 0..40u64 {
        let (country, provinces, towns) = places[(k % 2) as usize];
        let p = next(3) as usize;
        let day0 = next(60) as i64;
        let base = 1 + next(30);
        let battle = k % 3 == 0;
        for r in 0..(1 + next(5)) {
            let published = day0 + (r as i64) / 2;
            let date = sitrep_store::reconcile::date_of_day(18_000 + day0);
            let evidence = format!(
                "Fighting near {} in {} province left {} dead near the {} {}, officials said.",
                towns[p],
                provinces[p],
                base + r,
                filler[(k % 16) as usize],
                filler[((k * 7 + 3) % 16) as usize],
            );
            let tail: Vec<String> = (0..40)
                .map(|_| format!("{}{}", filler[next(16) as usize], next(1000)))
                .collect();
            let text = format!("{evidence} {}", tail.join(" "));
            let id = format!("r{k}-{r}");
            let mut d = Doc::new(id.as_str(), text.as_str())
                .with_published(sitrep_store::reconcile::date_of_day(18_000 + published));
            d.publisher = Some(format!("outlet{}", next(4)));
            let mut e = event(
                country,
                provinces[p],
                &date,
                Some(base + r),
                "Islamic State",
            );
            e.location = Some(towns[p].into());
            if battle {
                e.event_type = "Battles".into();
                e.sub_event_type = "Armed clash".into();
            }
            if next(5) == 0 {
                e.date_precision = Some(DatePrecision::Week);
            }
            e.evidence = vec![Span::new(0, evidence.chars().count())];
            d.events = Some(vec![e]);
            docs.push(d);
        }
    }
    docs.sort_by(|a, b| (&a.published, &a.id).cmp(&(&b.published, &b.id)));
    let mut late = Vec::new();
    let mut order = Vec::new();
    for (i, d) in docs.into_iter().enumerate() {
        if i % 7 == 6 { &mut late } else { &mut order }.push(d);
    }
    order.extend(late);
    order
}

/// Incidents of a store, sorted (ids are stable across stores).
fn all_incidents(s: &AnyStore) -> Vec<sitrep_store::Incident> {
    let mut v = s
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    v.sort_by(|a, b| a.incident_id.cmp(&b.incident_id));
    v
}

/// A writer keeps the stored incidents near its batches in memory between batches
/// (`IncidentCache`). Batch after batch it must find what a writer that reads them from
/// the store every time finds, also when another writer wrote in between and when a
/// document is rewritten.
fn a_writer_that_keeps_incidents_between_batches_finds_what_a_fresh_one_finds(db: &Db) {
    let docs = many_reports();
    let batches: Vec<&[Doc]> = docs.chunks(5).collect();
    // One writer for every batch: its cache carries over.
    let mut kept = db.open();
    for b in &batches {
        kept.upsert_docs(b).expect("upsert");
    }
    // A new writer for every batch: nothing carries over.
    let fresh_db = db.sibling("fresh");
    for b in &batches {
        fresh_db.open().upsert_docs(b).expect("upsert");
    }
    // Two writers taking turns on one database: each must see the other's incidents.
    let turns_db = db.sibling("turns");
    let (mut one, mut two) = (turns_db.open(), turns_db.open());
    for (i, b) in batches.iter().enumerate() {
        if i % 2 == 0 { &mut one } else { &mut two }
            .upsert_docs(b)
            .expect("upsert");
    }
    let want = all_incidents(&fresh_db.open());
    assert!(
        want.iter().filter(|i| i.n_reports >= 3).count() >= 10,
        "the reports must form incidents across batches: {want:#?}"
    );
    assert_eq!(all_incidents(&kept), want, "kept cache = fresh reads");
    assert_eq!(all_incidents(&one), want, "two writers in turn = one fresh");
    // A rewritten report of an incident with three reports or more, one the last batch
    // touched (so the kept writer holds it), leaves its incident and joins again.
    let last: Vec<&str> = batches
        .last()
        .map_or(Vec::new(), |b| b.iter().map(|d| d.id.as_str()).collect());
    let big = want
        .iter()
        .find(|i| i.n_reports >= 3 && i.reports.iter().any(|r| last.contains(&r.doc_id.as_str())))
        .expect("an incident of three reports touched by the last batch");
    let mut changed = docs
        .iter()
        .find(|d| d.id == big.reports[1].doc_id)
        .cloned()
        .expect("its second report");
    changed.text.push_str(" Updated.");
    kept.upsert_docs(std::slice::from_ref(&changed))
        .expect("update");
    fresh_db
        .open()
        .upsert_docs(std::slice::from_ref(&changed))
        .expect("update");
    assert_eq!(all_incidents(&kept), all_incidents(&fresh_db.open()));
    let more = [docs[10].clone(), docs[20].clone()]
        .map(|mut d| {
            d.id = format!("{}-again", d.id);
            d.text.push_str(" Retold.");
            d
        })
        .to_vec();
    kept.upsert_docs(&more).expect("upsert");
    fresh_db.open().upsert_docs(&more).expect("upsert");
    assert_eq!(all_incidents(&kept), all_incidents(&fresh_db.open()));
    let events = kept.query_events(&EventFilter::default()).expect("events");
    assert!(events.iter().all(|e| e.incident_id.is_some()));
}
