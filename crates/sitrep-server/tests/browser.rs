//! The dashboard in a real browser: Debian's Chromium, headless, driven through
//! chromedriver (fantoccini), over a database built from wire-style articles by the real
//! pipeline. Screenshots go to `target/screenshots/`.
//!
//! Skips (with a message) when Chromium or chromedriver is absent; `.ci/run` installs
//! both (`.ci/setup/10-chromium.sh`). Paths: `SITREP_CHROMIUM`, `SITREP_CHROMEDRIVER`.

mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use sitrep_store::{EventFilter, SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn which(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).map(PathBuf::from) {
        return p.exists().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.exists())
}

/// chromedriver, killed when dropped.
struct Driver(Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script")
}

/// Waits until `script` returns true.
async fn wait_for(c: &Client, script: &str, what: &str) {
    let t0 = Instant::now();
    loop {
        if js(c, script).await == json!(true) {
            return;
        }
        if t0.elapsed() > Duration::from_secs(30) {
            let err = js(c, "return document.querySelector('#error').textContent").await;
            panic!("timed out waiting for {what} (page error: {err})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn body_num(c: &Client, key: &str) -> i64 {
    let v = js(
        c,
        &format!("return Number(document.body.dataset.{key} || -1)"),
    )
    .await;
    v.as_i64().unwrap_or(-1)
}

/// Share of pixels that are not (near) white, and number of distinct colours.
fn ink(png_bytes: &[u8]) -> (f64, usize) {
    let dec = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = dec.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("frame");
    let px = info.color_type.samples();
    let mut inked = 0usize;
    let mut colours = std::collections::HashSet::new();
    let n = (info.width * info.height) as usize;
    for p in buf[..info.buffer_size()].chunks(px) {
        if p[..3].iter().any(|&c| c < 235) {
            inked += 1;
        }
        colours.insert((p[0] >> 3, p[1] >> 3, p[2] >> 3));
    }
    (inked as f64 / n as f64, colours.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_draws_filters_highlights_and_never_runs_article_text() {
    let (Some(chromium), Some(chromedriver)) = (
        which("SITREP_CHROMIUM", &["chromium", "chromium-browser"]),
        which("SITREP_CHROMEDRIVER", &["chromedriver"]),
    ) else {
        eprintln!("skipping the browser test: chromium or chromedriver not found (install them with .ci/setup/10-chromium.sh, or set SITREP_CHROMIUM / SITREP_CHROMEDRIVER)");
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let db = common::build_db(tmp.path());
    let store = SqliteStore::open_read_only(&db).expect("open");
    let all = store.query_events(&EventFilter::default()).expect("events");
    assert!(
        all.len() >= 4,
        "the fixture articles give events ({})",
        all.len()
    );
    let addr = common::start(&db, false).await;

    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().expect("profile");
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                format!("--user-data-dir={}", profile.path().display())]
        }
    });
    let caps = caps.as_object().cloned().expect("caps");
    let t0 = Instant::now();
    let c = loop {
        let conn = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(conn)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if t0.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a browser session: {e}"),
        }
    };
    let base = format!("http://{addr}/");
    let shots = screenshots();

    // 1. The dashboard loads: map circles, timeline points, table rows.
    c.goto(&base).await.expect("goto");
    wait_for(
        &c,
        "return document.body.dataset.ready === '1'",
        "first load",
    )
    .await;
    let circles = body_num(&c, "mapCircles").await;
    let points = body_num(&c, "trendPoints").await;
    let rows = body_num(&c, "eventRows").await;
    assert!(circles > 0, "map draws circles ({circles})");
    assert!(points > 0, "timeline has points ({points})");
    assert_eq!(rows as usize, all.len().min(50), "table lists the events");
    let svg_circles = js(
        &c,
        "return document.querySelectorAll('#map path.place-circle').length",
    )
    .await;
    assert_eq!(svg_circles, json!(circles), "circles are in the map's SVG");
    let outlines = js(&c, "return document.querySelectorAll('#map path').length").await;
    assert!(
        outlines.as_i64().unwrap_or(0) > 100,
        "country outlines drawn ({outlines})"
    );
    // Province outlines of the countries on the map (Natural Earth admin-1).
    wait_for(
        &c,
        "return Number(document.body.dataset.mapProvinces) > 0",
        "province outlines",
    )
    .await;
    // The chart's canvas has ink.
    let drawn = js(
        &c,
        "const cv = document.querySelector('#timeline canvas'); if (!cv) return 0;
         const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
         let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;",
    )
    .await;
    assert!(
        drawn.as_i64().unwrap_or(0) > 500,
        "timeline canvas drawn ({drawn})"
    );
    let shot = c.screenshot().await.expect("screenshot");
    std::fs::write(shots.join("dashboard.png"), &shot).expect("save");
    let (share, colours) = ink(&shot);
    assert!(
        share > 0.05 && colours > 20,
        "screenshot not blank ({share:.3} inked, {colours} colours)"
    );

    // 2. Filter by province: the table shows exactly that province's events.
    let province = all
        .iter()
        .filter_map(|r| r.event.admin1.clone())
        .max_by_key(|a| {
            all.iter()
                .filter(|r| r.event.admin1.as_ref() == Some(a))
                .count()
        })
        .expect("an event with a province");
    let want = store
        .query_events(&EventFilter {
            admin1: Some(province.clone()),
            ..Default::default()
        })
        .expect("by province");
    let sel = c
        .find(Locator::Css("#admin1"))
        .await
        .expect("province select");
    sel.select_by_value(&province)
        .await
        .expect("select province");
    wait_for(
        &c,
        &format!(
            "return document.body.dataset.ready === '1' && Number(document.body.dataset.eventRows) === {}",
            want.len()
        ),
        "the province filter",
    )
    .await;
    let shown = js(
        &c,
        "return [...document.querySelectorAll('#events tbody tr')].map(r => r.dataset.admin1)",
    )
    .await;
    let shown: Vec<String> = serde_json::from_value(shown).expect("rows");
    assert!(
        !shown.is_empty() && shown.iter().all(|a| *a == province),
        "{shown:?} all in {province}"
    );

    // 3. Click an event: its incident and article open, its evidence is highlighted.
    let row = c
        .find(Locator::Css("#events tbody tr"))
        .await
        .expect("a row");
    let id: i64 = row
        .attr("data-id")
        .await
        .expect("attr")
        .and_then(|s| s.parse().ok())
        .expect("row id");
    row.click().await.expect("click row");
    wait_for(
        &c,
        &format!("return document.body.dataset.focused === '{id}' && Number(document.body.dataset.focusedSpans) > 0"),
        "the evidence highlight",
    )
    .await;
    let highlighted = js(
        &c,
        "return [...document.querySelectorAll('#article-text .m-active')].map(s => s.textContent).join('')",
    )
    .await;
    let highlighted = highlighted.as_str().unwrap_or("").trim().to_string();
    let event = store.get_event(id).expect("get").expect("event");
    let notes = event.notes.clone().unwrap_or_default();
    assert!(
        !highlighted.is_empty()
            && notes
                .replace(char::is_whitespace, "")
                .contains(&highlighted.replace(char::is_whitespace, "")),
        "highlight `{highlighted}` is the event's evidence `{notes}`"
    );
    let visible = js(
        &c,
        "const r = document.querySelector('#article-text .m-active').getBoundingClientRect();
         const box = document.querySelector('#article-text').getBoundingClientRect();
         return r.top >= box.top - 1 && r.bottom <= box.bottom + 1",
    )
    .await;
    assert_eq!(visible, json!(true), "the evidence is scrolled into view");
    let kinds = js(
        &c,
        "return ['m-time','m-place','m-entity','m-count'].filter(k => document.querySelector('#article-text .' + k))",
    )
    .await;
    assert!(
        kinds.as_array().is_some_and(|k| k.len() >= 3),
        "times, places, actors and counts are highlighted: {kinds}"
    );
    let reports = js(
        &c,
        "return document.querySelectorAll('#incident-body tbody tr').length",
    )
    .await;
    assert!(
        reports.as_i64().unwrap_or(0) >= 1,
        "the incident lists its reports ({reports})"
    );
    let shot = c.screenshot().await.expect("screenshot");
    std::fs::write(shots.join("dashboard-article.png"), &shot).expect("save");

    // 4. Hostile article text is shown as text and nothing in it runs.
    c.goto(&format!("{base}#doc=hostile-1"))
        .await
        .expect("goto");
    wait_for(
        &c,
        "return document.querySelector('#article-title').textContent.includes('Saraqib')",
        "the hostile article",
    )
    .await;
    let text = js(
        &c,
        "return document.querySelector('#article-text').textContent",
    )
    .await;
    let text = text.as_str().unwrap_or("");
    assert!(
        text.contains("<img src=x onerror="),
        "markup shown as text: {text}"
    );
    assert!(
        text.contains("<script>window.__pwned=2"),
        "script shown as text"
    );
    let title_text = js(
        &c,
        "return document.querySelector('#article-title').textContent",
    )
    .await;
    assert!(
        title_text.as_str().unwrap_or("").contains("<b>near</b>"),
        "title shown as text"
    );
    let harmed = js(
        &c,
        "return [typeof window.__pwned, document.title,
                 document.querySelectorAll('#article img, #article script, #article b').length,
                 [...document.querySelectorAll('#article a')].map(a => a.href)]",
    )
    .await;
    assert_eq!(
        harmed,
        json!(["undefined", "sitrep dashboard", 0, []]),
        "nothing from the article ran or became markup"
    );
    let shot = c.screenshot().await.expect("screenshot");
    std::fs::write(shots.join("dashboard-hostile.png"), &shot).expect("save");
    c.close().await.expect("close");
    eprintln!("browser test: screenshots in {}", shots.display());
}
