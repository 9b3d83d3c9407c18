//! Reconciliation speed: 100,000 event rows (synthetic reports of ~33,000 incidents in
//! 10 countries over three years, 1–5 outlets each, tolls rising between reports).
//!
//! A bench binary (`cargo bench -p sitrep-store --bench reconcile`) that reports:
//!
//! 1. the clustering alone, in memory (three runs);
//! 2. storing the reports in a SQLite database as documents with one event each, in
//!    batches of 1,000 in date order, each batch attaching its reports to the stored
//!    incidents (the incremental path of `sitrep ingest`);
//! 3. `reconcile_all` over the 100,000 stored events (`sitrep reconcile`: read every
//!    event, cluster, write every incident), checked to give the incremental result.
//!
//! It checks the incident count stays within the range the generator implies (a silent
//! change breaks it). Set `SITREP_BENCH_REPORTS` for another size.

use sitrep_model::{DatePrecision, Event, LocationPrecision, Modality};
use sitrep_store::reconcile::{self, date_of_day, event_id};
use sitrep_store::{EventFilter, EventRow, SqliteStore, Store};
use std::time::Instant;

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "market",
    "checkpoint",
    "convoy",
    "mosque",
    "school",
    "hospital",
    "bridge",
    "village",
    "airstrike",
    "shelling",
    "rocket",
    "mortar",
    "ambush",
    "clashes",
    "militants",
    "soldiers",
    "police",
    "bomber",
    "car",
    "roadside",
    "district",
    "province",
    "northern",
    "southern",
];
const TYPES: &[(&str, &str)] = &[
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Violence against civilians", "Attack"),
];

fn rows(n: usize) -> Vec<EventRow> {
    let mut g = Lcg(42);
    let mut out = Vec::with_capacity(n);
    let start = reconcile::day_number("2017-01-01").unwrap_or(0);
    let mut inc = 0u64;
    while out.len() < n {
        inc += 1;
        let country = format!("C{}", g.below(10));
        let admin1 = format!("P{}", g.below(12));
        let town = format!("T{}", g.below(400));
        let day = start + g.below(3 * 365) as i64;
        let (ty, sub) = TYPES[g.below(TYPES.len() as u64) as usize];
        let actor = format!("Group {}", g.below(30));
        let base_toll = g.below(20);
        let lat = 30.0 + g.below(1000) as f64 / 100.0;
        let lon = 40.0 + g.below(1000) as f64 / 100.0;
        let words: Vec<&str> = (0..8)
            .map(|_| WORDS[g.below(WORDS.len() as u64) as usize])
            .collect();
        let reports = 1 + g.below(5);
        for k in 0..reports {
            if out.len() >= n {
                break;
            }
            let doc = format!("doc-{inc}-{k}");
            let published = date_of_day(day + (k as i64 + 1) / 2);
            out.push(EventRow {
                id: out.len() as i64,
                event_id: event_id(&doc, 0),
                incident_id: None,
                dataset: "sitrep".into(),
                doc_id: doc,
                seq: 0,
                event: Event {
                    event_date: Some(date_of_day(day)),
                    date_precision: Some(DatePrecision::Day),
                    event_type: ty.into(),
                    sub_event_type: sub.into(),
                    actor1: Some(actor.clone()),
                    actor2: None,
                    country: Some(country.clone()),
                    admin1: Some(admin1.clone()),
                    admin2: None,
                    location: Some(town.clone()),
                    latitude: Some(lat),
                    longitude: Some(lon),
                    location_precision: Some(LocationPrecision::Place),
                    fatalities: Some(base_toll + k * 2),
                    injured: None,
                    killed_or_wounded: None,
                    modality: Modality::Reported,
                    evidence: vec![],
                },
                notes: Some(format!("{} {} in {town}", words.join(" "), sub)),
                publisher: Some(format!("outlet{k}.example")),
                url: None,
                published: Some(published),
                title: None,
            });
        }
    }
    out
}

/// The rows as documents (one event each, the notes as the text), in date order.
fn docs(rows: &[EventRow]) -> Vec<sitrep_model::Doc> {
    let mut order: Vec<&EventRow> = rows.iter().collect();
    order.sort_by(|a, b| reconcile::canonical_cmp(a, b));
    order
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            // Each article its own words before the evidence sentence, so no report is
            // stored as a (near-)duplicate of another outlet's.
            let mut g = Lcg(i as u64 + 7);
            let own: Vec<String> = (0..24).map(|_| format!("w{}", g.below(50_000))).collect();
            let lead = format!("{} {}. ", r.doc_id, own.join(" "));
            let notes = r.notes.clone().unwrap_or_default();
            let text = format!("{lead}{notes}");
            let mut d = sitrep_model::Doc::new(r.doc_id.clone(), text);
            d.published = r.published.clone();
            d.publisher = r.publisher.clone();
            let mut e = r.event.clone();
            let start = lead.chars().count();
            e.evidence = vec![sitrep_model::Span::new(
                start,
                start + notes.chars().count(),
            )];
            d.events = Some(vec![e]);
            d
        })
        .collect()
}

fn main() {
    let n: usize = std::env::var("SITREP_BENCH_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let data = rows(n);
    let expected = (n / 4)..=(n * 2 / 5);
    let mut times = Vec::new();
    for run in 0..3 {
        let t = Instant::now();
        let incidents = reconcile::reconcile(&data);
        let secs = t.elapsed().as_secs_f64();
        let reports: usize = incidents.iter().map(|i| i.n_reports).sum();
        assert_eq!(reports, n, "every report belongs to exactly one incident");
        // ~n/3 generated incidents; chance collisions may merge a few, never most.
        assert!(
            expected.contains(&incidents.len()),
            "{} incidents",
            incidents.len()
        );
        println!(
            "in memory, run {run}: {n} reports -> {} incidents in {secs:.2} s ({:.0} reports/s)",
            incidents.len(),
            n as f64 / secs
        );
        times.push(secs);
    }
    times.sort_by(f64::total_cmp);
    println!("in memory: median {:.2} s", times[1]);

    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = SqliteStore::open(dir.path().join("bench.db")).expect("open");
    let docs = docs(&data);
    let t = Instant::now();
    for (i, batch) in docs.chunks(1000).enumerate() {
        store.upsert_docs(batch).expect("upsert");
        if (i + 1) % 20 == 0 {
            println!(
                "  stored {} reports, {:.1} s",
                (i + 1) * 1000,
                t.elapsed().as_secs_f64()
            );
        }
    }
    let ingest = t.elapsed().as_secs_f64();
    let stats = store.stats().expect("stats");
    assert_eq!(
        stats.events, n,
        "every report stored ({} duplicates)",
        stats.duplicates
    );
    let incremental = store
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    println!(
        "stored with incremental reconciliation: {n} reports -> {} incidents in {ingest:.1} s ({:.0} reports/s, storage included)",
        incremental.len(),
        n as f64 / ingest
    );
    let t = Instant::now();
    let sum = store.reconcile_all().expect("reconcile");
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(sum.reports, n);
    println!(
        "reconcile_all over {n} stored events: {} incidents in {secs:.1} s (goal < 60 s for 100,000)",
        sum.incidents
    );
    let scratch = store
        .query_incidents(&EventFilter::default())
        .expect("incidents");
    let same = scratch.len() == incremental.len()
        && scratch
            .iter()
            .zip(&incremental)
            .all(|(a, b)| a.incident_id == b.incident_id && a.n_reports == b.n_reports);
    println!("recompute equals the incremental result: {same}");
}
