//! Throughput of the `counts` and `entities` stages on real articles (the 45 FA-KES
//! texts of `shared/eval/events-dev.jsonl` when present, else a paragraph written for
//! this bench). Each iteration asserts the number of annotations found, so a silent
//! behaviour change breaks the bench.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_model::Doc;
use sitrep_nlp::counts::Counts;
use sitrep_nlp::entities::Entities;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::testing::shared_dir;
use sitrep_nlp::Stage;
use std::hint::black_box;

const OWN_TEXT: &str = "KABUL — At least 16 people were killed and dozens wounded on Saturday \
when Taliban militants stormed checkpoints in southern Afghanistan, killing a total of 28 Afghan \
policemen, officials said. The U.S. plans to cut its troops to 4,000-5,000 from 8,500. Syrian \
and Russian warplanes struck rebel-held districts of Aleppo, the Syrian Observatory for Human \
Rights said; ninety-two civilians were killed and 273 others injured.";

fn texts() -> Vec<String> {
    let from_shared = shared_dir()
        .and_then(|d| std::fs::read_to_string(d.join("eval/events-dev.jsonl")).ok())
        .map(|data| {
            data.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if from_shared.is_empty() {
        vec![OWN_TEXT.to_string(); 45]
    } else {
        from_shared
    }
}

fn prepared(texts: &[String]) -> Vec<Doc> {
    texts
        .iter()
        .map(|t| {
            let mut d = Doc::new("bench", t.as_str()).with_published("2016-09-24");
            Sentences.run(&mut d).expect("sentences");
            d.times = Some(vec![]);
            d.places = Some(vec![]);
            d
        })
        .collect()
}

fn run_all(stage: &dyn Stage, docs: &[Doc]) -> usize {
    let mut n = 0;
    for d in docs {
        let mut d = d.clone();
        stage.run(&mut d).expect("stage runs");
        n += d.counts.as_ref().map_or(0, Vec::len) + d.entities.as_ref().map_or(0, Vec::len);
    }
    n
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let docs = prepared(&texts);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    for (name, stage) in [("counts", &Counts as &dyn Stage), ("entities", &Entities)] {
        let expected = run_all(stage, &docs);
        assert!(expected > 0, "{name} found nothing on the bench corpus");
        g.bench_function(format!("{name}/{}-articles", docs.len()), |b| {
            b.iter(|| assert_eq!(run_all(stage, black_box(&docs)), expected))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
