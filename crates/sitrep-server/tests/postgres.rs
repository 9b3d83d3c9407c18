//! `sitrep serve --db postgres://…`: the server reads a PostgreSQL store as it reads a
//! SQLite file. The fixture articles are extracted into SQLite (as the other server
//! tests do), copied into a fresh database on the server at `SITREP_TEST_PG` (dropped at
//! the end), and the API's stats, events, trends and documents must match the SQLite
//! server's. Skips with a message without `SITREP_TEST_PG`.

mod common;

use common::get;
use sitrep_store::testing::TempPgDb;
use sitrep_store::{DocFilter, SqliteStore, Store};

/// The event listing without row ids (which differ between databases), sorted.
async fn events(addr: std::net::SocketAddr) -> Vec<String> {
    let v = get(addr, "/api/events?limit=1000").await.json();
    let mut out: Vec<String> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            let mut e = e.clone();
            if let Some(o) = e.as_object_mut() {
                o.retain(|k, _| k != "id" && k != "event_id_cnty");
            }
            e.to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn serve_reads_a_postgres_store_like_a_sqlite_file() {
    // The test database is made and dropped outside the async runtime (the PostgreSQL
    // client blocks).
    let Some(db) = TempPgDb::new("serve_reads_pg", &["SITREP_TEST_PG"]) else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(compare_servers(db.url()));
}

async fn compare_servers(url: &str) {
    let tmp = tempfile::tempdir().expect("tmp");
    // The stores block (and the PostgreSQL client runs its own runtime): off the async
    // thread.
    let (lite, pg_url) = (tmp.path().to_path_buf(), url.to_string());
    let lite = tokio::task::spawn_blocking(move || {
        let lite = common::build_db(&lite);
        let source = SqliteStore::open_read_only(&lite).expect("open fixture");
        let mut docs = Vec::new();
        for s in source
            .list_docs(&DocFilter {
                include_duplicates: true,
                ..DocFilter::default()
            })
            .expect("list")
        {
            docs.push(source.get_doc(&s.id).expect("get").expect("present").doc);
        }
        assert!(!docs.is_empty(), "the fixture has documents");
        let mut pg = sitrep_store::open(&pg_url, false).expect("open PostgreSQL");
        pg.upsert_docs(&docs).expect("copy into PostgreSQL");
        lite
    })
    .await
    .expect("copy");

    let (a_lite, a_pg) = (
        common::start(&lite, false).await,
        common::start(std::path::Path::new(url), false).await,
    );
    let (s_lite, s_pg) = (
        get(a_lite, "/api/stats").await.json(),
        get(a_pg, "/api/stats").await.json(),
    );
    assert!(s_pg["events"].as_u64().unwrap_or(0) > 0, "{s_pg}");
    for k in ["documents", "duplicates", "events"] {
        assert_eq!(s_pg[k], s_lite[k], "stats.{k}");
    }
    assert_eq!(events(a_pg).await, events(a_lite).await);
    for path in ["/api/trends?bucket=month", "/api/summary", "/api/documents"] {
        let (l, p) = (get(a_lite, path).await, get(a_pg, path).await);
        assert_eq!(p.status, 200, "{path}: {}", p.text());
        assert_eq!(p.json(), l.json(), "{path}");
    }
    // A full-text search goes through tsvector on PostgreSQL.
    let hit = get(a_pg, "/api/documents?query=killed").await;
    assert_eq!(hit.status, 200, "{}", hit.text());
}

#[test]
fn serve_refuses_a_postgres_database_without_sitrep_tables() {
    let Some(db) = TempPgDb::new("serve_refuses_empty", &["SITREP_TEST_PG"]) else {
        return;
    };
    let config = sitrep_server::ServeConfig {
        db: db.url().into(),
        addr: "127.0.0.1:0".parse().expect("addr"),
        allow_ingest: false,
        token: None,
        max_body: 1024,
        connections: 1,
    };
    let Err(e) = sitrep_server::AppState::open(&config) else {
        panic!("an empty database was served");
    };
    assert!(e.to_string().contains("sitrep ingest"), "{e}");
}
