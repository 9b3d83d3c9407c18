//! Throughput of the `times` stage alone (sentences are split before timing).
//!
//! Uses a few hundred KB of FA-KES article texts when `../shared` is present, otherwise
//! wire-style sentences of our own repeated to the same size. Asserts the number of time
//! expressions inside the loop so a silent change in behaviour breaks the bench.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_model::Doc;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::times::Times;
use sitrep_nlp::Stage;

const OWN: &str = "Gunmen attacked a checkpoint on Tuesday night, killing 12 policemen, officials said on September 25. \
The negotiations, which started earlier this month, will resume next week, and the envoy plans to visit on Friday. \
Violence is lower than the same time last year, though more than 4,000 people have fled since 2014. \
Compared to the first six months of last year, casualties fell by 30 percent. \
Rockets struck the base overnight. The curfew begins at 9 p.m. every Friday for the next couple of months.\n";

fn corpus() -> Vec<Doc> {
    let target = 300_000usize;
    let mut docs = Vec::new();
    let mut size = 0;
    if let Some(shared) = sitrep_nlp::testing::shared_dir() {
        if let Ok(s) = std::fs::read_to_string(shared.join("eval/events-dev.jsonl")) {
            for line in s.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let text = v["text"].as_str().unwrap_or("").to_string();
                size += text.len();
                let mut d = Doc::new(v["id"].as_str().unwrap_or("x"), text);
                d.published = v["published"].as_str().map(str::to_string);
                docs.push(d);
            }
        }
    }
    while size < target {
        let d = Doc::new(format!("own{}", docs.len()), OWN.repeat(6)).with_published("2020-09-27");
        size += d.text.len();
        docs.push(d);
    }
    // Repeat the real texts to reach the target size.
    let base = docs.clone();
    let mut i = 0;
    while size < target && !base.is_empty() {
        size += base[i % base.len()].text.len();
        docs.push(base[i % base.len()].clone());
        i += 1;
    }
    for d in &mut docs {
        Sentences.run(d).expect("sentences");
    }
    docs
}

fn bench(c: &mut Criterion) {
    let mut docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let count = |docs: &mut [Doc]| -> usize {
        let mut n = 0;
        for d in docs.iter_mut() {
            Times.run(d).expect("times");
            n += d.times.as_ref().map_or(0, |t| t.len());
        }
        n
    };
    let expected = count(&mut docs);
    assert!(expected > 0);
    let mut g = c.benchmark_group("times");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function(format!("stage_{}_docs_{}_bytes", docs.len(), bytes), |b| {
        b.iter(|| assert_eq!(count(&mut docs), expected))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
