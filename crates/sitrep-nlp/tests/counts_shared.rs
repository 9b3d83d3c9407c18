//! Counts against the shared reference data: the seed article's gold counts and the
//! fatality figures of `eval/events-dev.jsonl`. Skips when `shared/` is absent.

use sitrep_model::{CountKind, Doc};
use sitrep_nlp::counts::Counts;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::testing::shared_or_skip;
use sitrep_nlp::Stage;

fn counts_of(text: &str, published: &str) -> Doc {
    let mut doc = Doc::new("d", text).with_published(published);
    let times = sitrep_nlp::build_stage("times").expect("times stage");
    for s in [&Sentences as &dyn Stage, times.as_ref(), &Counts] {
        s.run(&mut doc).expect("stage runs");
    }
    doc
}

fn kind_name(k: CountKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn seed_article_counts() {
    let Some(shared) = shared_or_skip("seed_article_counts") else {
        return;
    };
    let seed = shared.join("eval/seed");
    let text = std::fs::read_to_string(seed.join("khalilzad-2020-09-27.txt")).expect("seed text");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(seed.join("khalilzad-2020-09-27.gold.json")).expect("gold"),
    )
    .expect("gold json");
    let doc = counts_of(&text, "2020-09-27");
    let got = doc.counts.as_deref().unwrap_or_default();
    let gold_counts = gold["counts"].as_array().expect("counts array");
    assert!(!gold_counts.is_empty());
    for g in gold_counts {
        let kind = g["kind"].as_str().unwrap_or_default();
        let (low, high) = match g.get("value") {
            Some(v) => (v.as_u64(), v.as_u64()),
            None => (g["low"].as_u64(), g["high"].as_u64()),
        };
        let vague = g["vague"].as_bool().unwrap_or(false);
        let object = g["object"].as_str();
        let hit = got.iter().find(|c| {
            kind_name(c.kind) == kind
                && c.low == low
                && (vague || c.high == high)
                && c.vague == vague
                && c.object.as_deref() == object
        });
        assert!(
            hit.is_some(),
            "gold count {g} not found in {got:#?}\nhelp: see the rules in counts.rs"
        );
    }
}

/// Share of gold fatality figures (events-dev) that appear as a KILL count's `low` in
/// the article. Some gold figures are divided or summed tolls, so 100% is not expected.
#[test]
fn events_dev_fatalities_recall() {
    let Some(shared) = shared_or_skip("events_dev_fatalities_recall") else {
        return;
    };
    let data = std::fs::read_to_string(shared.join("eval/events-dev.jsonl")).expect("events-dev");
    let (mut total, mut found) = (0usize, 0usize);
    let mut kill_counts = 0usize;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let text = v["text"].as_str().unwrap_or_default();
        let published = v["published"].as_str().unwrap_or("2016-01-01");
        let doc = counts_of(text, published);
        let kills: Vec<u64> = doc
            .counts
            .iter()
            .flatten()
            .filter(|c| c.kind == CountKind::Kill)
            .filter_map(|c| c.low)
            .collect();
        kill_counts += kills.len();
        for e in v["events"].as_array().into_iter().flatten() {
            if let Some(f) = e["fatalities"].as_u64() {
                total += 1;
                if kills.contains(&f) {
                    found += 1;
                } else if std::env::var_os("SITREP_DEBUG").is_some() {
                    eprintln!("MISS {} {f}: {:?}", v["id"], e["evidence"]);
                }
            }
        }
    }
    let share = found as f64 / total.max(1) as f64;
    eprintln!(
        "events-dev: {found}/{total} gold fatality figures appear as a KILL count ({:.1}%); {kill_counts} KILL counts in 45 articles",
        share * 100.0
    );
    assert!(
        share >= 0.6,
        "only {found}/{total} gold fatalities found as KILL counts\nhelp: run with SITREP_DEBUG=1 to list the misses"
    );
}

/// Developer aid: `SITREP_DUMP=file.jsonl cargo test --test counts_shared dump -- --ignored`
/// prints every count with its sentence.
#[test]
#[ignore]
fn dump() {
    let Some(path) = std::env::var_os("SITREP_DUMP") else {
        return;
    };
    let data = std::fs::read_to_string(path).expect("dump file");
    for line in data.lines().take(300) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let doc = counts_of(v["text"].as_str().unwrap_or_default(), "2016-01-01");
        for c in doc.counts.iter().flatten() {
            let s = doc
                .sentences
                .iter()
                .flatten()
                .find(|s| s.start <= c.start && c.end <= s.end)
                .map(|s| doc.span_text(s.span()))
                .unwrap_or_default();
            println!(
                "{:?}\t{}\t{:?}-{:?}\t{:?}\t{}",
                c.kind, c.text, c.low, c.high, c.object, s
            );
        }
    }
}

/// PLOVER gold sentences that carry `dead` / `injured` figures: share found as KILL /
/// WOUND counts with that low value.
#[test]
fn plover_dead_and_injured() {
    let Some(shared) = shared_or_skip("plover_dead_and_injured") else {
        return;
    };
    let data = std::fs::read_to_string(shared.join("eval/plover-gsr/PLOVER_GSR_CAMEO.txt"))
        .expect("plover file");
    let records: Vec<serde_json::Value> = serde_json::from_str(&data).expect("plover json");
    let (mut total, mut found) = (0usize, 0usize);
    for r in &records {
        let text = r["text"].as_str().unwrap_or_default();
        let doc = counts_of(text, "2000-01-01");
        for (key, kind) in [("dead", CountKind::Kill), ("injured", CountKind::Wound)] {
            let Some(v) = r[key].as_str().and_then(|s| s.parse::<u64>().ok()) else {
                continue;
            };
            total += 1;
            let hit = doc
                .counts
                .iter()
                .flatten()
                .any(|c| c.kind == kind && c.low == Some(v));
            if hit {
                found += 1;
            } else if std::env::var_os("SITREP_DEBUG").is_some() {
                eprintln!("MISS {key}={v}: {text}");
            }
        }
    }
    eprintln!("plover-gsr: {found}/{total} dead/injured figures found with the right kind");
    assert!(total > 0 && found * 10 >= total * 7, "{found}/{total}");
}
