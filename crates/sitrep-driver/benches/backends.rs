//! Ingest throughput with extraction, SQLite against PostgreSQL, on the same corpus.
//!
//! `cargo bench -p sitrep-driver --bench backends` generates `SITREP_BENCH_DOCS`
//! (default 20,000) articles from the shared benchmark corpus (FA-KES texts when
//! `/work/shared` is present, see `corpus/`), and ingests them with the default
//! extraction pipeline through `sitrep_driver::ingest`, exactly as `sitrep ingest` runs
//! it (`SITREP_BENCH_JOBS`, default 2, worker threads; one writer; batches of 500):
//!
//! 1. into a fresh SQLite file;
//! 2. into a fresh database on the PostgreSQL server at `SITREP_BENCH_PG` (else
//!    `SITREP_TEST_PG`), created for the run and dropped after it;
//! 3. into PostgreSQL with the pipeline left out (the store's own ceiling).
//!
//! It prints articles/s for each and the process's peak RSS. Without a PostgreSQL URL the PostgreSQL runs are
//! skipped with a message. `SITREP_BENCH_REPEAT` runs each more than once (best counts).
//! `SITREP_BENCH_KEEP=FILE` keeps the SQLite database at FILE.

mod corpus;

use corpus::{sources, vm_hwm_kb};
use sitrep_driver::{IngestOptions, Quiet, Source, Totals};
use sitrep_store::testing::TempPgDb;
use sitrep_store::{Store, StoreError};

/// Where the PostgreSQL server is named, first found wins.
const PG_VARS: [&str; 2] = ["SITREP_BENCH_PG", "SITREP_TEST_PG"];
use std::time::Instant;

// The allocator the `sitrep` binary uses, so the figures are the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Ingests `n` generated articles into the store `target` names; returns seconds.
fn run(target: &str, n: usize, jobs: usize, with_pipeline: bool, src: &[Vec<String>]) -> f64 {
    let mut store = sitrep_store::open(target, false).expect("open the store");
    let pipeline = corpus::pipeline(with_pipeline);
    let items = corpus::items(n, src);
    let opts = IngestOptions {
        jobs,
        ..IngestOptions::default()
    };
    let started = Instant::now();
    let totals: Totals = sitrep_driver::ingest(
        &mut store,
        || -> Result<_, StoreError> { sitrep_store::open_reader(target) },
        &pipeline,
        vec![Source::Items {
            name: "generated".into(),
            items,
        }],
        &opts,
        &mut Quiet,
    )
    .expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(
        store.stats().expect("stats").documents,
        n,
        "every doc stored"
    );
    assert_eq!(totals.read, n);
    secs
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    sitrep_driver::memory::return_memory_promptly();
    // `cargo bench` passes --bench; `cargo test --benches` does not: skip the long run.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n = env_usize("SITREP_BENCH_DOCS", 20_000);
    let jobs = env_usize("SITREP_BENCH_JOBS", 2);
    let repeat = env_usize("SITREP_BENCH_REPEAT", 1).max(1);
    let src = sources();
    eprintln!(
        "backends bench: {n} generated articles from {} sources, {jobs} threads, batches of 500, best of {repeat}",
        src.len()
    );
    let best = |label: &str, f: &mut dyn FnMut(usize) -> f64| {
        let secs = (0..repeat).map(&mut *f).fold(f64::INFINITY, f64::min);
        eprintln!(
            "  {label:<34} {n:>7} docs in {secs:>6.1}s = {:>7.0} docs/s",
            n as f64 / secs
        );
    };
    best("SQLite, pipeline + store", &mut |_| {
        let dir = tempfile::tempdir().expect("tempdir");
        // SITREP_BENCH_KEEP=FILE keeps the SQLite database there, to look into afterwards.
        let db = match std::env::var_os("SITREP_BENCH_KEEP") {
            Some(p) => {
                let p = std::path::PathBuf::from(p);
                let _ = std::fs::remove_file(&p);
                p
            }
            None => dir.path().join("bench.db"),
        };
        run(db.to_str().expect("utf-8 path"), n, jobs, true, &src)
    });
    let fresh = |tag: String| TempPgDb::new(&format!("bench_{tag}"), &PG_VARS);
    if fresh("probe".into()).is_none() {
        return;
    }
    best("PostgreSQL, pipeline + store", &mut |i| {
        let db = fresh(format!("p{i}")).expect("PostgreSQL went away");
        run(db.url(), n, jobs, true, &src)
    });
    best("PostgreSQL, store only", &mut |i| {
        let db = fresh(format!("s{i}")).expect("PostgreSQL went away");
        run(db.url(), n, jobs, false, &src)
    });
    eprintln!("  peak RSS of the bench process: {} MB", vm_hwm_kb() / 1024);
}
