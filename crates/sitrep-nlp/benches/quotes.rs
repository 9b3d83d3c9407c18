//! Benchmark: the `people` and `quotes` stages over the quotes dev set (70 wire-style
//! passages written for this project), after sentences/places/entities have run. Asserts
//! the number of quotes inside the loop so a silent change in behaviour breaks the bench.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_model::Doc;
use sitrep_nlp::people::People;
use sitrep_nlp::quotes::Quotes;
use sitrep_nlp::Stage;
use std::hint::black_box;

fn docs() -> Vec<Doc> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/quotes/dev.jsonl");
    // Only the passages' text is needed here (the gold is read by `sitrep-eval`).
    let lines = std::fs::read_to_string(&path).expect("dev set");
    let before = sitrep_nlp::pipeline_of(&["sentences", "places", "entities"]).expect("pipeline");
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            let text = v["text"].as_str().expect("a text").to_string();
            let mut d =
                Doc::new(v["id"].as_str().unwrap_or("?"), text).with_published("2021-05-10");
            before.run(&mut d).expect("runs");
            d
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let prepared = docs();
    let bytes: usize = prepared.iter().map(|d| d.text.len()).sum();
    let expected: usize = {
        let mut n = 0;
        for d in &prepared {
            let mut d = d.clone();
            People.run(&mut d).expect("people");
            Quotes.run(&mut d).expect("quotes");
            n += d.quotes.map_or(0, |q| q.len());
        }
        n
    };
    assert!(
        expected >= 80,
        "expected at least 80 quotes, got {expected}"
    );
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("people+quotes/dev-set", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &prepared {
                let mut d = d.clone();
                People.run(&mut d).expect("people");
                Quotes.run(&mut d).expect("quotes");
                n += d.quotes.as_ref().map_or(0, Vec::len);
            }
            assert_eq!(n, expected);
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
