//! Load benchmark for `sitrep serve` (a bench binary, not a test):
//! `cargo bench -p sitrep-server --bench load [-- --events N --clients C --seconds S]`.
//!
//! Builds (once, cached under `target/`) a database of N synthetic events (default
//! 100,000, spread over countries, provinces, types and seven years, a fifth with an
//! unknown toll), starts the server on 127.0.0.1 (port chosen by the OS) and sends
//! bounded load from C concurrent keep-alive clients (default 200) for S seconds
//! (default 10) per scenario. It reports requests per second and latency percentiles.
//! Nothing leaves loopback; every scenario stops by itself.

use sitrep_model::{DatePrecision, Doc, Event, LocationPrecision, Modality, Span};
use sitrep_server::ServeConfig;
use sitrep_store::{SqliteStore, Store};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// xorshift64*: deterministic synthetic data without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PLACES: &[(&str, &str, f64, f64)] = &[
    ("SY", "Idlib", 35.93, 36.63),
    ("SY", "Aleppo", 36.2, 37.16),
    ("SY", "Hama", 35.13, 36.75),
    ("SY", "Deir ez-Zor", 35.33, 40.14),
    ("AF", "Helmand", 31.58, 64.37),
    ("AF", "Kandahar", 31.61, 65.71),
    ("AF", "Kunduz", 36.73, 68.87),
    ("UA", "Donetsk", 48.02, 37.8),
    ("UA", "Kharkiv", 49.99, 36.23),
    ("YE", "Taizz", 13.58, 44.02),
    ("SD", "North Darfur", 13.63, 25.35),
    ("ML", "Mopti", 14.49, -4.2),
];
const TYPES: &[(&str, &str)] = &[
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Violence against civilians", "Attack"),
];
const WORDS: &[&str] = &[
    "forces",
    "village",
    "killed",
    "shelling",
    "attack",
    "province",
    "officials",
    "said",
    "convoy",
    "market",
    "residents",
    "fighters",
    "checkpoint",
    "army",
    "strike",
    "town",
    "district",
    "wounded",
    "monitor",
    "rebels",
    "government",
    "drone",
    "road",
    "night",
];

fn build_db(path: &Path, events: usize) {
    let _ = std::fs::remove_file(path);
    let mut store = SqliteStore::open(path).expect("create bench db");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let per_doc = 5;
    let mut batch = Vec::new();
    let docs = events.div_ceil(per_doc);
    for d in 0..docs {
        let text: Vec<&str> = (0..120).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        let text = format!("Report {d}. {}.", text.join(" "));
        let chars = text.chars().count();
        let mut doc = Doc::new(format!("bench-{d}"), text);
        doc.published = Some(format!(
            "20{:02}-{:02}-{:02}",
            18 + rng.below(7),
            1 + rng.below(12),
            1 + rng.below(28)
        ));
        doc.publisher =
            Some(["Example Wire", "Daily Example", "Example Monitor"][rng.below(3)].into());
        let evs = (0..per_doc.min(events - d * per_doc))
            .map(|_| {
                let (c, a1, lat, lon) = PLACES[rng.below(PLACES.len())];
                let (t, st) = TYPES[rng.below(TYPES.len())];
                Event {
                    event_date: Some(format!(
                        "20{:02}-{:02}-{:02}",
                        18 + rng.below(7),
                        1 + rng.below(12),
                        1 + rng.below(28)
                    )),
                    date_precision: Some(DatePrecision::Day),
                    event_type: t.into(),
                    sub_event_type: st.into(),
                    actor1: Some("Military Forces".into()),
                    actor2: Some("Civilians".into()),
                    country: Some(c.into()),
                    admin1: Some(a1.into()),
                    admin2: None,
                    location: Some(format!("{a1} town {}", rng.below(20))),
                    latitude: Some(lat + rng.below(100) as f64 / 100.0),
                    longitude: Some(lon + rng.below(100) as f64 / 100.0),
                    location_precision: Some(LocationPrecision::Place),
                    fatalities: (rng.below(5) != 0).then(|| rng.below(30) as u64),
                    injured: None,
                    killed_or_wounded: None,
                    modality: Modality::Reported,
                    evidence: vec![Span::new(0, chars.min(60))],
                }
            })
            .collect();
        doc.events = Some(evs);
        batch.push(doc);
        if batch.len() == 2000 {
            store.upsert_docs(&batch).expect("store");
            batch.clear();
        }
    }
    store.upsert_docs(&batch).expect("store");
    let n = store.stats().expect("stats").events;
    eprintln!("built {} with {n} events", path.display());
}

/// One keep-alive client (a thread with a blocking socket): sends GETs until
/// `deadline`, records each latency (µs).
/// A `{n}` in the path is replaced by a different number on every request (a cache miss:
/// the server's cost of answering from the database).
fn client(addr: SocketAddr, path: Arc<String>, deadline: Instant, who: u64) -> (Vec<u32>, usize) {
    let mut lat = Vec::new();
    let mut errors = 0;
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return (lat, 1);
    };
    let _ = s.set_nodelay(true);
    let mut buf = vec![0u8; 1 << 16];
    let mut sent: u64 = 0;
    while Instant::now() < deadline {
        sent += 1;
        let n = (who * 7_919 + sent * 104_729) % 100_000;
        let req = format!(
            "GET {} HTTP/1.1\r\nHost: {addr}\r\n\r\n",
            path.replace("{n}", &n.to_string())
        );
        let t0 = Instant::now();
        if s.write_all(req.as_bytes()).is_err() {
            errors += 1;
            break;
        }
        // Read one response: head, then Content-Length bytes.
        let mut have = 0usize;
        let mut need: Option<usize> = None;
        let ok = loop {
            if have == buf.len() {
                buf.resize(buf.len() * 2, 0);
            }
            let n = match s.read(&mut buf[have..]) {
                Ok(0) | Err(_) => break false,
                Ok(n) => n,
            };
            have += n;
            if need.is_none() {
                if let Some(p) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..p]).to_ascii_lowercase();
                    if !head.starts_with("http/1.1 200") {
                        break false;
                    }
                    let len = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok());
                    match len {
                        Some(l) => need = Some(p + 4 + l),
                        None => break false,
                    }
                }
            }
            if need.is_some_and(|n| have >= n) {
                break true;
            }
        };
        if !ok {
            errors += 1;
            break;
        }
        lat.push(t0.elapsed().as_micros().min(u32::MAX as u128) as u32);
    }
    (lat, errors)
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn scenario(addr: SocketAddr, name: &str, path: &str, clients: usize, secs: u64) {
    let path = Arc::new(path.to_string());
    let t0 = Instant::now();
    let deadline = t0 + Duration::from_secs(secs);
    let tasks: Vec<_> = (0..clients)
        .map(|who| {
            let p = Arc::clone(&path);
            std::thread::spawn(move || client(addr, p, deadline, who as u64))
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.join() {
            all.extend(l);
            errors += e;
        }
    }
    let took = t0.elapsed().as_secs_f64();
    all.sort_unstable();
    println!(
        "| {name} | `{path}` | {clients} | {:.0} | {:.1} | {:.1} | {:.1} | {errors} |",
        all.len() as f64 / took,
        pct(&all, 0.5),
        pct(&all, 0.99),
        pct(&all, 1.0),
    );
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful: run
    // a tiny smoke version then so the harness stays quick.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let events = arg("--events", if smoke { 2_000 } else { 100_000 });
    let clients = arg("--clients", if smoke { 4 } else { 200 });
    let secs = arg("--seconds", if smoke { 1 } else { 10 }) as u64;
    let db: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/bench-serve-{events}.db"));
    let fresh = SqliteStore::open_read_only(&db)
        .and_then(|s| s.stats())
        .is_ok_and(|s| s.events == events);
    if !fresh {
        build_db(&db, events);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let config = ServeConfig {
        db: db.clone(),
        addr: "127.0.0.1:0".parse().expect("addr"),
        allow_ingest: false,
        token: None,
        max_body: sitrep_server::DEFAULT_MAX_BODY,
        connections: cores * 2,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    rt.spawn(sitrep_server::serve(config, move |a| {
        let _ = tx.send(a);
    }));
    let addr = rx.recv().expect("server started");
    println!(
        "\n{events} events, {clients} concurrent keep-alive clients, {secs} s per scenario, {cores} cores (server and load generator share them)\n"
    );
    // Uncached cost of one aggregate (the first request for a filter scans the matching
    // events; later ones are served from the cache until the data changes).
    for path in [
        "/api/trends?bucket=month",
        "/api/trends?country=SY&bucket=week",
    ] {
        let t = Instant::now();
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).expect("write");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        println!(
            "cold (uncached) `{path}`: {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    println!();
    println!("| scenario | request | clients | req/s | p50 ms | p99 ms | max ms | errors |");
    println!("|---|---|---|---|---|---|---|---|");
    scenario(addr, "event list", "/api/events?limit=50", clients, secs);
    scenario(
        addr,
        "event list, filtered",
        "/api/events?country=SY&admin1=Idlib&limit=50",
        clients,
        secs,
    );
    scenario(
        addr,
        "event list, deep page",
        "/api/events?limit=50&cursor=2022-06-15~50000",
        clients,
        secs,
    );
    scenario(
        addr,
        "event list, every page different (uncached)",
        "/api/events?limit=50&cursor=2020-01-01~{n}",
        clients,
        secs,
    );
    scenario(addr, "trend", "/api/trends?bucket=month", clients, secs);
    scenario(
        addr,
        "trend, filtered",
        "/api/trends?country=SY&bucket=week",
        clients,
        secs,
    );
    drop(rt);
}
