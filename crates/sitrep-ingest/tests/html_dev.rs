//! Regression floor for main-content extraction on the ScrapingHub dev pages.
//!
//! The figure itself is reported by `sitrep eval extraction` (and speed by the `html`
//! bench); this test only guards against a large silent drop. Skips without `../shared`.

use sitrep_ingest::{InputFormat, ReadOptions};
use std::collections::HashMap;

fn bag(t: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in t.split_whitespace() {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

fn f1(pred: &str, gold: &str) -> (f64, f64, f64) {
    let (p, g) = (bag(pred), bag(gold));
    let tp: usize = p
        .iter()
        .map(|(k, n)| (*n).min(g.get(k).copied().unwrap_or(0)))
        .sum();
    let (np, ng) = (p.values().sum::<usize>(), g.values().sum::<usize>());
    let pr = if np == 0 { 1.0 } else { tp as f64 / np as f64 };
    let rc = if ng == 0 { 1.0 } else { tp as f64 / ng as f64 };
    let f = if pr + rc == 0.0 {
        0.0
    } else {
        2.0 * pr * rc / (pr + rc)
    };
    (pr, rc, f)
}

#[test]
fn dev_pages_f1_floor() {
    let Some(shared) = sitrep_nlp::testing::shared_or_skip("dev_pages_f1_floor") else {
        return;
    };
    let dir = shared.join("corpus/article-extraction-dev");
    let truth: HashMap<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json")).expect("truth"),
    )
    .expect("json");
    let opts = ReadOptions {
        format: InputFormat::Html,
        ..ReadOptions::default()
    };
    let mut rows = Vec::new();
    for (id, v) in &truth {
        let gold = v["articleBody"].as_str().unwrap_or("");
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let pred = sitrep_ingest::read_path(&path, &opts)
            .next()
            .and_then(|r| r.ok())
            .map(|d| d.text)
            .unwrap_or_default();
        rows.push((f1(&pred, gold), id.clone()));
    }
    rows.sort_by(|a, b| a.0 .2.total_cmp(&b.0 .2));
    if std::env::var_os("SITREP_SHOW_WORST").is_some() {
        for ((p, r, f), id) in rows.iter().take(25) {
            eprintln!("{id:.12}  P {p:.3} R {r:.3} F1 {f:.3}");
        }
    }
    let n = rows.len() as f64;
    let mean = |i: usize| {
        rows.iter()
            .map(|((p, r, f), _)| [*p, *r, *f][i])
            .sum::<f64>()
            / n
    };
    eprintln!(
        "dev pages {}: P {:.3} R {:.3} F1 {:.3}",
        rows.len(),
        mean(0),
        mean(1),
        mean(2)
    );
    assert!(mean(2) > 0.93, "extraction F1 fell to {:.3}", mean(2));
}
