//! Reconciliation speed: 100,000 stored event rows (synthetic reports of ~40,000
//! incidents in 10 countries over three years, 1–5 outlets each, tolls rising between
//! reports) clustered into incidents from scratch, as `sitrep reconcile` does.
//!
//! A bench binary (`cargo bench -p sitrep-store --bench reconcile`): it reports the
//! time of each of three runs and the reports per second, and checks the incident count
//! stays within the range the generator implies (a silent change breaks it).

use sitrep_model::{DatePrecision, Event, LocationPrecision, Modality};
use sitrep_store::reconcile::{self, date_of_day, event_id};
use sitrep_store::EventRow;
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

fn main() {
    let n = 100_000;
    let data = rows(n);
    let mut times = Vec::new();
    for run in 0..3 {
        let t = Instant::now();
        let incidents = reconcile::reconcile(&data);
        let secs = t.elapsed().as_secs_f64();
        let reports: usize = incidents.iter().map(|i| i.n_reports).sum();
        assert_eq!(reports, n, "every report belongs to exactly one incident");
        // ~33,000 generated incidents; chance collisions may merge a few, never most.
        assert!(
            (25_000..=40_000).contains(&incidents.len()),
            "{} incidents",
            incidents.len()
        );
        println!(
            "reconcile run {run}: {n} reports -> {} incidents in {secs:.2} s ({:.0} reports/s)",
            incidents.len(),
            n as f64 / secs
        );
        times.push(secs);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "reconcile 100k reports: median {:.2} s (goal < 60 s)",
        times[1]
    );
}
