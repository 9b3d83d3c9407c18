//! Ingest throughput and memory: ≥ 100,000 articles into a temp SQLite file.
//!
//! The corpus is generated here (never committed) from the FA-KES texts when
//! `/work/shared` is present, else from built-in wire-style templates: article `i` is
//! the first half of one real article's sentences plus the second half of another's
//! (a distinct pair per `i`) with the report number in it, so every text hashes
//! differently and most are not near-duplicates of each other.
//!
//! `cargo bench -p sitrep-driver --bench ingest` prints, for 100,000 articles
//! (`SITREP_BENCH_DOCS` to change): docs/s store-only (an empty pipeline) and docs/s with
//! the extraction pipeline, both through `sitrep_driver::ingest` exactly as `sitrep
//! ingest` runs it (`SITREP_BENCH_JOBS`, default 2, worker threads; one writer; batches
//! of 500), and peak RSS (VmHWM) after 10 % of the corpus and at the end, to show memory
//! stays flat as the corpus grows; and the near-duplicate cost: `SITREP_BENCH_NEAR`
//! (default 300,000) near-copies of one article, docs/s at the start and at the end.
//! Then a criterion benchmark of one 500-document batch.

mod corpus;

use corpus::{make_doc, sources, vm_hwm_kb};
use criterion::{BatchSize, Criterion};
use sitrep_driver::{IngestOptions, Observer, Source, Totals};
use sitrep_model::Doc;
use sitrep_store::{SqliteStore, Store};
use std::time::Instant;

// The allocator the `sitrep` binary uses, so the figures are the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BATCH: usize = 500;

struct Run {
    docs: usize,
    secs: f64,
    hwm_10pct_kb: u64,
    hwm_end_kb: u64,
    duplicates: usize,
}

/// Records peak RSS once a tenth of the corpus is read.
struct Hwm {
    at: usize,
    kb: u64,
}

impl<S: ?Sized> Observer<S> for Hwm {
    fn progress(&mut self, t: &Totals) {
        if self.kb == 0 && t.read >= self.at {
            self.kb = vm_hwm_kb();
        }
    }
}

fn run_ingest(n: usize, jobs: usize, with_pipeline: bool, src: &[Vec<String>]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    let mut store = SqliteStore::open(&db).expect("open");
    let pipeline = corpus::pipeline(with_pipeline);
    let items = corpus::items(n, src);
    let opts = IngestOptions {
        jobs,
        batch_size: BATCH,
        ..IngestOptions::default()
    };
    let mut hwm = Hwm { at: n / 10, kb: 0 };
    let started = Instant::now();
    let totals = sitrep_driver::ingest(
        &mut store,
        || SqliteStore::open_read_only(&db),
        &pipeline,
        vec![Source::Items {
            name: "generated".into(),
            items,
        }],
        &opts,
        &mut hwm,
    )
    .expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(
        totals.stored.inserted + totals.stored.duplicates,
        n,
        "every new doc stored"
    );
    assert_eq!(store.stats().expect("stats").documents, n);
    Run {
        docs: totals.read,
        secs,
        hwm_10pct_kb: hwm.kb,
        hwm_end_kb: vm_hwm_kb(),
        duplicates: totals.stored.duplicates,
    }
}

/// Near-copies of one article (one word changed per copy) stored in batches: docs/s
/// over the first and the last tenth, which stay equal when the near-duplicate lookup
/// does not grow with the number of copies.
fn near_copies(n: usize, src: &[Vec<String>]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = SqliteStore::open(dir.path().join("near.db")).expect("open");
    let base = make_doc(0, src).text;
    let words: Vec<&str> = base.split(' ').collect();
    let mut rates = Vec::new();
    let tenth = (n / 10).max(BATCH);
    let mut started = Instant::now();
    let mut dups = 0;
    for start in (0..n).step_by(BATCH) {
        let docs: Vec<Doc> = (start..(start + BATCH).min(n))
            .map(|i| {
                let mut w = words.clone();
                let k = 3 + i % (w.len() - 3);
                let changed = format!("{}{i}", w[k]);
                w[k] = &changed;
                Doc::new(format!("near-{i}"), w.join(" "))
            })
            .collect();
        dups += store.upsert_docs(&docs).expect("upsert").duplicates;
        let done = (start + BATCH).min(n);
        if done.is_multiple_of(tenth) || done == n {
            rates.push(tenth as f64 / started.elapsed().as_secs_f64());
            started = Instant::now();
        }
    }
    eprintln!(
        "  near-copies       {n:>7} rows of one article: {:.0} docs/s in the first tenth, {:.0} in the last; {dups} linked as duplicates",
        rates.first().copied().unwrap_or(0.0),
        rates.last().copied().unwrap_or(0.0)
    );
}

fn report() {
    let n: usize = std::env::var("SITREP_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let jobs: usize = std::env::var("SITREP_BENCH_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let src = sources();
    eprintln!(
        "ingest bench: {n} generated articles from {} sources, {jobs} threads, batches of {BATCH}",
        src.len()
    );
    near_copies(
        std::env::var("SITREP_BENCH_NEAR")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300_000),
        &src,
    );
    for (label, pipe) in [("store only", false), ("pipeline + store", true)] {
        let r = run_ingest(n, jobs, pipe, &src);
        eprintln!(
            "  {label:<17} {:>7} docs in {:>6.1}s = {:>7.0} docs/s; peak RSS {} MB at {}k docs, {} MB at {}k; {} near-duplicates linked",
            r.docs,
            r.secs,
            r.docs as f64 / r.secs,
            r.hwm_10pct_kb / 1024,
            n / 10 / 1000,
            r.hwm_end_kb / 1024,
            n / 1000,
            r.duplicates
        );
    }
}

fn main() {
    sitrep_driver::memory::return_memory_promptly();
    // `cargo bench` passes --bench; `cargo test --benches` does not: skip the long run.
    if std::env::args().any(|a| a == "--bench") {
        report();
    }
    let src = sources();
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(5));
    let mut next = 0usize;
    c.bench_function("store/upsert_batch_500", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                let store = SqliteStore::open(dir.path().join("b.db")).expect("open");
                let docs: Vec<Doc> = (next..next + BATCH).map(|i| make_doc(i, &src)).collect();
                next += BATCH;
                (dir, store, docs)
            },
            |(dir, mut store, docs)| {
                let s = store.upsert_docs(&docs).expect("upsert");
                assert_eq!(s.inserted + s.duplicates, BATCH);
                drop(store);
                dir
            },
            BatchSize::PerIteration,
        )
    });
    c.final_summary();
}
