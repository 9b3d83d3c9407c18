//! Throughput of the whole default pipeline, cleaner included (clean → sentences → … →
//! events), on real conflict news: the FA-KES corpus from `../shared` when present, else a
//! built-in wire-style sample. Reports articles per second on one core (criterion
//! `Throughput::Elements`).
//!
//! The documents are read once with `sitrep-ingest`'s CSV reader, cleaner off; each
//! iteration then runs the cleaner (`finish_doc`, which the text, HTML and JSON-lines
//! readers apply; language detection included) and every stage, so the figure is what
//! `sitrep extract` spends per article after parsing.
//! Before the timed runs it prints a breakdown in this thread's CPU time (so it holds on
//! a busy machine): articles per CPU-second and the share of each stage, for the median
//! of seven passes after a warm-up pass.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_ingest::clean::finish_doc;
use sitrep_ingest::ReadOptions;
use sitrep_model::Doc;
use std::hint::black_box;
use std::time::Duration;

// The allocator the `sitrep` binary uses, so the figure is the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SAMPLE: &str = "On September 23, the Taliban launched a wave of attacks on security \
checkpoints in southern Afghanistan overnight, killing a total of 28 Afghan policemen, \
officials said. Taliban militants on September 26 claimed to have killed an unspecified \
number of troops in central Bamyan Province and northeastern Badakhshan Province. Russian \
and Syrian air strikes killed 12 civilians in the town of Saraqib on Sunday, a monitor said.";

/// Raw (uncleaned) documents: FA-KES when available, else the sample.
fn corpus() -> Vec<Doc> {
    let mut out = Vec::new();
    if let Some(shared) = sitrep_nlp::testing::shared_dir() {
        let path = shared.join("corpus/fa-kes/FA-KES-Dataset.csv");
        let opts = ReadOptions {
            clean: false,
            ..ReadOptions::default()
        };
        if path.is_file() {
            // Records the cleaner empties are refused by `sitrep extract` too: skip them.
            // The reader detects the language even with cleaning off; clear it so each
            // iteration pays for detection as a raw document does.
            out = sitrep_ingest::csv::read_path(&path, &opts)
                .flatten()
                .map(|mut d| {
                    d.language = None;
                    d
                })
                .filter(|d| finish_doc(d.clone(), &ReadOptions::default()).is_ok())
                .collect();
        }
    }
    if out.is_empty() {
        eprintln!("FA-KES not found (../shared absent): benchmarking the built-in sample");
        out = (0..100)
            .map(|i| {
                let mut d = Doc::new(i.to_string(), SAMPLE);
                d.published = Some("2020-09-27".to_string());
                d
            })
            .collect();
    }
    out
}

/// CPU time used so far by the calling thread.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time per stage (and for the cleaner) over `passes` passes of the corpus; prints
/// the median pass (a shared machine's noise shows in the spread, also printed).
fn breakdown(docs: &[Doc], clean: &ReadOptions, passes: usize) {
    let stages: Vec<_> = sitrep_nlp::STAGES
        .iter()
        .map(|n| sitrep_nlp::build_stage(n).expect("stage builds"))
        .collect();
    let mut runs: Vec<(Duration, Vec<Duration>)> = Vec::new();
    for _ in 0..passes {
        let mut spent = vec![Duration::ZERO; stages.len() + 1];
        let all = cpu_now();
        for raw in docs {
            let t = cpu_now();
            let mut doc = finish_doc(raw.clone(), clean).expect("cleaner keeps text");
            spent[0] += cpu_now() - t;
            for (i, s) in stages.iter().enumerate() {
                let t = cpu_now();
                s.run(&mut doc).expect("stage runs");
                spent[i + 1] += cpu_now() - t;
            }
        }
        runs.push((cpu_now() - all, spent));
    }
    runs.sort_by_key(|r| r.0);
    let (total, spent) = &runs[runs.len() / 2];
    let rate = |d: &Duration| docs.len() as f64 / d.as_secs_f64();
    eprintln!(
        "median of {passes} passes over {} articles: {:.1} ms CPU ({:.0} articles per \
         CPU-second; fastest pass {:.0}, slowest {:.0})",
        docs.len(),
        total.as_secs_f64() * 1e3,
        rate(total),
        rate(&runs[0].0),
        rate(&runs[runs.len() - 1].0),
    );
    let names = std::iter::once("clean").chain(sitrep_nlp::STAGES.iter().copied());
    for (name, d) in names.zip(spent) {
        eprintln!(
            "  {name:<10} {:>7.1} ms  {:>4.1}%",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let clean = ReadOptions::default();
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline builds");
    // Warm-up pass (lazy rule tables, gazetteer), then the per-stage breakdown.
    breakdown(&docs, &clean, 1);
    breakdown(&docs, &clean, 7);
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.sample_size(10);
    g.bench_function("fa-kes articles (raw text → clean → events)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for raw in &docs {
                let mut doc = finish_doc(raw.clone(), &clean).expect("cleaner keeps text");
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
