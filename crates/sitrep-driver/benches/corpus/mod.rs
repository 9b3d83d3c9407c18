//! The generated benchmark corpus, shared by the ingest and archive benchmarks: article
//! `i` is the first half of one FA-KES article's sentences plus the second half of
//! another's (a distinct pair per `i`, so every text hashes differently and most are not
//! near-duplicates of each other), with its number, a date and an outlet; built-in
//! wire-style templates stand in when `/work/shared` is absent. Never committed.
//!
//! Dates: `SITREP_BENCH_PER_DAY` articles a day (default 300, a heavy news day about one
//! country), from 2011-01-01 on in article order, as a crawl or a feed delivers them.
//! `SITREP_BENCH_ORDER=shuffled` gives each article a pseudo-random day of 2011 instead
//! (the hardest order for reconciling incidents batch by batch: every batch meets the
//! whole year). `SITREP_BENCH_ORDER=cyclic` is the generator's earlier scheme, kept to
//! compare with figures measured before December 2026: article `i` dated
//! `2017-(i % 12 + 1)-(i % 28 + 1)`, 84 dates for any corpus size (a million articles
//! meant 12,000 a day about one country, each batch spread over all of them).

use sitrep_model::Doc;

/// Peak resident memory of this process so far (VmHWM), in KiB.
pub fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Source articles split into sentences.
pub fn sources() -> Vec<Vec<String>> {
    let split = |t: &str| -> Vec<String> {
        t.split_inclusive(". ")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let path = std::path::Path::new("/work/shared/corpus/fa-kes/FA-KES-Dataset.csv");
    if let Ok(mut rdr) = csv::Reader::from_path(path) {
        let arts: Vec<Vec<String>> = rdr
            .byte_records()
            .flatten()
            .filter_map(|r| r.get(2).map(|t| split(&String::from_utf8_lossy(t))))
            .filter(|s| s.len() >= 4)
            .collect();
        if arts.len() > 100 {
            return arts;
        }
    }
    // Fallback: templated wire copy.
    let places = [
        "Hama", "Idlib", "Aleppo", "Daraa", "Homs", "Raqqa", "Kabul", "Kandahar", "Herat", "Mosul",
    ];
    let actors = [
        "government forces",
        "rebel fighters",
        "unidentified gunmen",
        "police",
        "militants",
        "an air strike",
    ];
    (0..400)
        .map(|i| {
            let p = places[i % places.len()];
            let a = actors[i % actors.len()];
            (0..8)
                .map(|k| {
                    format!(
                        "In {p}, {a} were blamed for incident {k} of series {i}, which left {} people dead and {} wounded, according to local officials and a monitoring group.",
                        (i + k) % 17,
                        (i * k) % 23
                    )
                })
                .collect()
        })
        .collect()
}

/// The publication date of article `i` (see the module's notes on dates).
fn published(i: usize) -> String {
    let env = |name: &str| std::env::var(name).ok();
    let per_day = env("SITREP_BENCH_PER_DAY")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(300)
        .max(1);
    let start = sitrep_store::reconcile::day_number("2011-01-01").unwrap_or(0);
    let order = env("SITREP_BENCH_ORDER");
    if order.as_deref() == Some("cyclic") {
        return format!("2017-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
    }
    if order.as_deref() == Some("shuffled") {
        // splitmix64's finaliser: neighbouring articles land on unrelated days.
        let mut z = (i as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        return sitrep_store::reconcile::date_of_day(start + (z % 365) as i64);
    }
    sitrep_store::reconcile::date_of_day(start + (i / per_day) as i64)
}

pub fn make_doc(i: usize, src: &[Vec<String>]) -> Doc {
    let n = src.len();
    let a = i % n;
    let b = (a + 1 + (i / n) % (n - 1)) % n;
    let (sa, sb) = (&src[a], &src[b]);
    let mut text = format!("Report {i}. ");
    for s in &sa[..sa.len() / 2] {
        text.push_str(s);
        text.push(' ');
    }
    for s in &sb[sb.len() / 2..] {
        text.push_str(s);
        text.push(' ');
    }
    let mut d = Doc::new(format!("bench-{i}"), text.trim_end());
    d.title = Some(format!("Bench article {i}"));
    d.published = Some(published(i));
    d.publisher = Some(format!("outlet{}", i % 13));
    d
}

/// The default extraction pipeline, or an empty one for store-only runs.
#[allow(dead_code)] // not every benchmark that includes this module uses it
pub fn pipeline(with_extraction: bool) -> sitrep_nlp::Pipeline {
    if with_extraction {
        sitrep_nlp::default_pipeline().expect("pipeline")
    } else {
        sitrep_nlp::Pipeline::new(Vec::new()).expect("empty pipeline")
    }
}

/// Articles `0..n` as the driver's item iterator.
#[allow(dead_code)] // not every benchmark that includes this module uses it
pub fn items(n: usize, src: &[Vec<String>]) -> sitrep_ingest::DocIter {
    let src: Vec<Vec<String>> = src.to_vec();
    Box::new((0..n).map(move |k| Ok(make_doc(k, &src))))
}
