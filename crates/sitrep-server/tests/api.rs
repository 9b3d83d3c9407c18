//! The HTTP API over a fixture database built by the real pipeline: listings and their
//! cursors, filters meaning what the CLI's mean, exports, the OpenAPI description, and
//! bad or hostile requests getting 4xx JSON errors (never a 500), writes refused
//! without `--allow-ingest` and the token.

mod common;

use common::{get, request};
use serde_json::Value;
use sitrep_store::{EventFilter, SqliteStore, Store};

fn setup() -> (tempfile::TempDir, std::path::PathBuf, SqliteStore) {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = common::build_db(tmp.path());
    let store = SqliteStore::open_read_only(&db).expect("open");
    (tmp, db, store)
}

#[tokio::test]
async fn listings_page_with_cursors_and_filter_like_the_cli() {
    let (_t, db, store) = setup();
    let addr = common::start(&db, false).await;
    let all = store.query_events(&EventFilter::default()).expect("all");
    assert!(all.len() >= 4);

    // Pages of 2 cover every event once, in the store's order.
    let mut ids = Vec::new();
    let mut path = "/api/events?limit=2".to_string();
    loop {
        let r = get(addr, &path).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let v = r.json();
        let items = v["items"].as_array().expect("items");
        assert!(items.len() <= 2);
        ids.extend(items.iter().map(|e| e["id"].as_i64().expect("id")));
        match v["next_cursor"].as_str() {
            Some(c) => path = format!("/api/events?limit=2&cursor={}", urlenc(c)),
            None => break,
        }
    }
    assert_eq!(ids, all.iter().map(|r| r.id).collect::<Vec<_>>());

    // Same filter, same answer as the store (= the CLI).
    let e = &all[0];
    let province = e.event.admin1.clone().expect("admin1");
    let want = store
        .query_events(&EventFilter {
            admin1: Some(province.to_lowercase()),
            ..Default::default()
        })
        .expect("q");
    let v = get(
        addr,
        &format!("/api/events?admin1={}", urlenc(&province.to_lowercase())),
    )
    .await
    .json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(want.len()));
    let country = e.event.country.clone().expect("country");
    let by_code = get(addr, &format!("/api/events?country={country}"))
        .await
        .json();
    let name = sitrep_store::countries::name_of(&country).expect("name");
    let by_name = get(addr, &format!("/api/events?country={}", urlenc(name)))
        .await
        .json();
    assert_eq!(by_code["items"], by_name["items"]);

    // Event fields use the export's names, with evidence ranges.
    let one = get(addr, &format!("/api/events/{}", e.id)).await.json();
    assert_eq!(
        one["event_id_cnty"]
            .as_str()
            .map(|s| s.ends_with(&e.id.to_string())),
        Some(true)
    );
    assert!(one["evidence"][0]["start"].is_u64());
    assert_eq!(one["doc_id"], Value::String(e.doc_id.clone()));

    // Incidents (the store's reconciliation), trends, summary, places, documents, quotes.
    let incidents = store
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    assert!(!incidents.is_empty() && incidents.len() <= all.len());
    let iid = e
        .incident_id
        .clone()
        .expect("every stored event has an incident");
    let inc = get(addr, &format!("/api/incidents/{iid}")).await.json();
    let want = store.get_incident(&iid).expect("get").expect("some");
    assert_eq!(inc["n_reports"], want.n_reports);
    assert!(
        inc["reports"]
            .as_array()
            .expect("reports")
            .iter()
            .any(|r| r["doc_id"] == Value::String(e.doc_id.clone())),
        "the event's report is listed in its incident: {inc}"
    );
    let listed = get(addr, "/api/incidents?limit=1000").await.json();
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(incidents.len())
    );
    let t = get(addr, "/api/trends?bucket=week").await.json();
    assert_eq!(t["unit"], "incidents");
    let counted: u64 = t["series"]
        .as_array()
        .expect("series")
        .iter()
        .map(|p| p["events"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(
        counted + t["undated"].as_u64().unwrap_or(0),
        incidents.len() as u64
    );
    let s = get(addr, "/api/summary").await.json();
    let known: u64 = incidents.iter().filter_map(|i| i.fatalities).sum();
    let unknown = incidents.iter().filter(|i| i.fatalities.is_none()).count();
    assert_eq!(s["total"]["fatalities"], known);
    assert_eq!(
        s["total"]["unknown_fatalities"], unknown,
        "unknown tolls are not zeros"
    );
    let p = get(addr, "/api/places").await.json();
    let placed: u64 = p["items"]
        .as_array()
        .expect("places")
        .iter()
        .map(|x| x["events"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(placed, incidents.len() as u64);
    let d = get(addr, &format!("/api/documents/{}", e.doc_id))
        .await
        .json();
    assert!(d["text"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(d["stored_events"].as_array().is_some_and(|x| !x.is_empty()));
    let docs = get(addr, "/api/documents?limit=2").await.json();
    assert_eq!(docs["items"].as_array().map(Vec::len), Some(2));
    assert!(docs["next_cursor"].is_string());
    let q = get(addr, "/api/quotes").await.json();
    assert!(
        q["items"].as_array().is_some_and(|x| !x.is_empty()),
        "fixture quotes listed"
    );
}

#[tokio::test]
async fn exports_and_openapi() {
    let (_t, db, store) = setup();
    let addr = common::start(&db, false).await;
    let all = store.query_events(&EventFilter::default()).expect("all");
    let csv = get(addr, "/api/events.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/csv")));
    let text = csv.text();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let head = rdr.headers().expect("header").clone();
    assert_eq!(
        head.iter().collect::<Vec<_>>(),
        sitrep_store::export::COLUMNS
    );
    assert_eq!(rdr.records().count(), all.len());
    let geo = get(addr, "/api/events.geojson?country=SY").await.json();
    let want = store
        .query_events(&EventFilter {
            country: Some("SY".into()),
            ..Default::default()
        })
        .expect("q")
        .into_iter()
        .filter(|r| r.event.latitude.is_some())
        .count();
    assert_eq!(geo["features"].as_array().map(Vec::len), Some(want));
    let api = get(addr, "/api/openapi.json").await.json();
    for p in [
        "/api/events",
        "/api/events.csv",
        "/api/events.geojson",
        "/api/events/{id}",
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/trends",
        "/api/summary",
        "/api/places",
        "/api/documents",
        "/api/documents/{id}",
        "/api/quotes",
        "/api/ingest",
        "/api/stats",
    ] {
        assert!(api["paths"][p].is_object(), "{p} described");
    }
}

#[tokio::test]
async fn bad_requests_get_4xx_json_never_500() {
    let (_t, db, _store) = setup();
    let addr = common::start(&db, false).await;
    for (path, want) in [
        ("/api/events?since=yesterday", 400),
        ("/api/events?since=2020-13-01", 400),
        ("/api/events?until=2020-01-01&since=2021-01-01", 400),
        ("/api/events?limit=100000", 400),
        ("/api/events?limit=0", 400),
        ("/api/events?limit=-5", 400),
        ("/api/events?min_fatalities=many", 400),
        ("/api/events?cursor=garbage", 400),
        ("/api/events?colour=red", 400),
        ("/api/events?country=SY&country=AF", 400),
        ("/api/events?query=%22unbalanced", 400),
        ("/api/events?query=nocolumn%3Afoo", 400),
        ("/api/events.csv?query=%22unbalanced", 400),
        ("/api/trends?bucket=year", 400),
        ("/api/documents?duplicates=maybe", 400),
        ("/api/documents?cursor=-1", 400),
        ("/api/events/999999", 404),
        ("/api/events/abc", 404),
        ("/api/incidents/I999999", 404),
        ("/api/documents/no-such-doc", 404),
        ("/api/nothing-here", 404),
    ] {
        let r = get(addr, path).await;
        assert_eq!(r.status, want, "{path}: {}", r.text());
        let v = r.json();
        assert!(
            v["error"].is_string() && v["help"].is_string(),
            "{path}: {v}"
        );
    }
    // A huge value is refused, not passed to SQLite.
    let long = "x".repeat(5000);
    let r = get(addr, &format!("/api/events?actor={long}")).await;
    assert_eq!(r.status, 400);
    // Hostile but well-formed values are data, not SQL.
    let r = get(
        addr,
        "/api/events?actor=%27%20OR%201%3D1%20--&admin1=x%22%3B%20DROP%20TABLE%20events",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["items"].as_array().map(Vec::len), Some(0));
    // Writes are refused on a read-only server.
    let r = request(
        addr,
        "POST",
        "/api/ingest?name=a.txt",
        &[("Authorization", "Bearer x")],
        b"text",
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(r.json()["help"]
        .as_str()
        .is_some_and(|h| h.contains("--allow-ingest")));
    let r = request(addr, "DELETE", "/api/events/1", &[], b"").await;
    assert_eq!(r.status, 405);
    // Another Host (DNS rebinding) is refused.
    let r = request(
        addr,
        "GET",
        "/api/stats",
        &[("Host", "evil.example:80")],
        b"",
    )
    .await;
    assert_eq!(r.status, 421);
    // Security headers on pages and API.
    for p in ["/", "/api/stats", "/assets/app.js"] {
        let r = get(addr, p).await;
        assert_eq!(r.status, 200, "{p}");
        let csp = r.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe"),
            "{p}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    let page = get(addr, "/").await.text();
    assert!(
        !page.contains("<script>") && !page.contains("onclick") && !page.contains("style="),
        "no inline script or style in the page"
    );
}

#[tokio::test]
async fn ingest_needs_the_flag_and_the_token_and_caps_the_body() {
    let (_t, db, store) = setup();
    let before = store.stats().expect("stats").events;
    let addr = common::start(&db, true).await;
    // A page asked for before the write (and so cached) must not be served after it.
    let listed = |v: Value| v["items"].as_array().map_or(0, Vec::len);
    let page_before = listed(get(addr, "/api/events?limit=1000").await.json());
    assert_eq!(page_before, before);
    let article = b"Insurgents kill six soldiers in Kunduz\n\nJuly 2, 2021\n\nTaliban fighters killed six soldiers in an attack on an army post in Kunduz province on Thursday, officials said.\n";
    let path = "/api/ingest?name=kunduz.txt";
    let r = request(addr, "POST", path, &[], article).await;
    assert_eq!(r.status, 401, "no token: {}", r.text());
    let r = request(
        addr,
        "POST",
        path,
        &[("Authorization", "Bearer wrong-token")],
        article,
    )
    .await;
    assert_eq!(r.status, 401, "wrong token");
    let big = vec![b'a'; 70 * 1024];
    let r = request(
        addr,
        "POST",
        path,
        &[("Authorization", "Bearer test-token")],
        &big,
    )
    .await;
    assert_eq!(r.status, 413, "body over the cap");
    assert_eq!(
        r.json()["code"],
        "body_too_large",
        "a JSON error: {}",
        r.text()
    );
    let r = request(addr, "DELETE", "/api/events", &[], b"").await;
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["code"], "method_not_allowed", "{}", r.text());
    let r = request(
        addr,
        "POST",
        "/api/ingest?name=x.txt&published=someday",
        &[("Authorization", "Bearer test-token")],
        article,
    )
    .await;
    assert_eq!(r.status, 400);
    let r = request(
        addr,
        "POST",
        path,
        &[("Authorization", "Bearer test-token")],
        article,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["read"], 1);
    assert_eq!(v["stored"]["inserted"], 1);
    assert_eq!(v["ids"].as_array().map(Vec::len), Some(1), "{v}");
    let after = store.stats().expect("stats").events;
    assert!(
        after > before,
        "the new article's events are stored ({before} → {after})"
    );
    // The server sees the write (its caches are dropped).
    let s = get(addr, "/api/summary").await.json();
    let incidents = store
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    assert_eq!(s["total"]["events"], incidents.len());
    let page_after = listed(get(addr, "/api/events?limit=1000").await.json());
    assert_eq!(page_after, after, "the cached page was dropped");
}

fn urlenc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
