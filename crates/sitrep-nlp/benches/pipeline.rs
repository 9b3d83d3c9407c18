//! Throughput of the whole default pipeline (sentences → … → events) on real conflict
//! news: the FA-KES corpus from `../shared` when present, else a built-in wire-style
//! sample. Reports articles per second on one core (criterion `Throughput::Elements`).
//!
//! FA-KES texts are already clean (the dataset stripped markup), so this measures the
//! extraction stages; `sitrep-ingest`'s cleaner is benchmarked in its own crate.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_model::Doc;
use std::hint::black_box;

const SAMPLE: &str = "On September 23, the Taliban launched a wave of attacks on security \
checkpoints in southern Afghanistan overnight, killing a total of 28 Afghan policemen, \
officials said. Taliban militants on September 26 claimed to have killed an unspecified \
number of troops in central Bamyan Province and northeastern Badakhshan Province. Russian \
and Syrian air strikes killed 12 civilians in the town of Saraqib on Sunday, a monitor said.";

/// (text, published) pairs: FA-KES when available, else the sample.
fn corpus() -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    if let Some(shared) = sitrep_nlp::testing::shared_dir() {
        let path = shared.join("corpus/fa-kes/FA-KES-Dataset.csv");
        if let Ok(mut rdr) = csv::Reader::from_path(&path) {
            for rec in rdr.records().flatten() {
                let text = rec.get(2).unwrap_or("").to_string();
                // The CSV's date column is M/D/YYYY.
                let published = rec.get(4).and_then(|d| {
                    let p: Vec<&str> = d.split('/').collect();
                    (p.len() == 3).then(|| format!("{}-{:0>2}-{:0>2}", p[2], p[0], p[1]))
                });
                if !text.is_empty() {
                    out.push((text, published));
                }
            }
        }
    }
    if out.is_empty() {
        eprintln!("FA-KES not found (../shared absent): benchmarking the built-in sample");
        out = (0..100)
            .map(|_| (SAMPLE.to_string(), Some("2020-09-27".to_string())))
            .collect();
    }
    out
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline builds");
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.sample_size(10);
    g.bench_function("fa-kes articles (clean text → events)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (i, (text, published)) in docs.iter().enumerate() {
                let mut doc = Doc::new(i.to_string(), text.clone());
                doc.published = published.clone();
                pipeline.run(&mut doc).expect("pipeline runs");
                n += usize::from(doc.events.is_some());
            }
            assert_eq!(n, docs.len());
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
