//! Ingest throughput and memory: ≥ 100,000 articles into a temp SQLite file.
//!
//! The corpus is generated here (never committed) from the FA-KES texts when
//! `/work/shared` is present, else from built-in wire-style templates: article `i` is
//! the first half of one real article's sentences plus the second half of another's
//! (a distinct pair per `i`) with the report number in it, so every text hashes
//! differently and most are not near-duplicates of each other.
//!
//! `cargo bench -p sitrep-store --bench ingest` prints, for 100,000 articles
//! (`SITREP_BENCH_DOCS` to change): docs/s store-only and docs/s with the extraction
//! pipeline (rayon over `SITREP_BENCH_JOBS`, default 2, threads that also hash; one
//! writer; batches of 500), and peak RSS (VmHWM) after 10 % of the corpus and at the end, to show memory
//! stays flat as the corpus grows. Then a criterion benchmark of one 500-document batch.
//!
//! With `SITREP_BENCH_PG` (or `SITREP_TEST_PG`) set to a PostgreSQL URL, the same two runs
//! go into a fresh schema of that database too (binary COPY + upsert per batch), so the
//! backends are compared on the same corpus and threads.

use criterion::{BatchSize, Criterion};
use rayon::prelude::*;
use sitrep_model::Doc;
use sitrep_store::{PgStore, PreparedDoc, SqliteStore, Store};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

// The allocator the `sitrep` binary uses, so the figures are the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BATCH: usize = 500;

fn vm_hwm_kb() -> u64 {
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
fn sources() -> Vec<Vec<String>> {
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

fn make_doc(i: usize, src: &[Vec<String>]) -> Doc {
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
    d.published = Some(format!("2017-{:02}-{:02}", i % 12 + 1, i % 28 + 1));
    d.publisher = Some(format!("outlet{}", i % 13));
    d
}

struct Run {
    docs: usize,
    secs: f64,
    hwm_10pct_kb: u64,
    hwm_end_kb: u64,
    duplicates: usize,
}

/// Where a run writes.
#[derive(Clone, Copy)]
enum Backend<'a> {
    Sqlite,
    Postgres(&'a str),
}

/// A fresh PostgreSQL schema for one run, dropped afterwards.
struct PgSchema {
    url: String,
    name: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

fn run_ingest(
    n: usize,
    jobs: usize,
    with_pipeline: bool,
    src: &[Vec<String>],
    backend: Backend,
) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut _schema = None;
    let mut store: Box<dyn Store> = match backend {
        Backend::Sqlite => Box::new(SqliteStore::open(dir.path().join("bench.db")).expect("open")),
        Backend::Postgres(url) => {
            let name = format!(
                "sitrep_bench_{}_{}",
                std::process::id(),
                with_pipeline as u8
            );
            let s =
                PgStore::open_in_schema(url, Some(&name), Some(sitrep_store::pg_latest_version()))
                    .expect("open postgres");
            _schema = Some(PgSchema {
                url: url.to_string(),
                name,
            });
            Box::new(s)
        }
    };
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("pool");
    let (tx, rx) = sync_channel::<Vec<PreparedDoc>>(4);
    let started = Instant::now();
    let mut stored = 0usize;
    let mut dups = 0usize;
    let mut hwm_10 = 0;
    std::thread::scope(|s| {
        let pipeline = &pipeline;
        s.spawn(move || {
            pool.install(|| {
                let mut i = 0;
                while i < n {
                    let end = (i + BATCH).min(n);
                    let batch: Vec<PreparedDoc> = (i..end)
                        .into_par_iter()
                        .map(|k| {
                            let mut d = make_doc(k, src);
                            if with_pipeline {
                                pipeline.run(&mut d).expect("pipeline");
                            }
                            PreparedDoc::new(d)
                        })
                        .collect();
                    if tx.send(batch).is_err() {
                        return;
                    }
                    i = end;
                }
            });
        });
        for batch in rx.iter() {
            let sum = store.upsert_prepared(&batch).expect("upsert");
            assert_eq!(
                sum.inserted + sum.duplicates,
                batch.len(),
                "every new doc stored"
            );
            stored += batch.len();
            dups += sum.duplicates;
            if hwm_10 == 0 && stored >= n / 10 {
                hwm_10 = vm_hwm_kb();
            }
        }
    });
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(store.stats().expect("stats").documents, n);
    Run {
        docs: stored,
        secs,
        hwm_10pct_kb: hwm_10,
        hwm_end_kb: vm_hwm_kb(),
        duplicates: dups,
    }
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
    let pg = std::env::var("SITREP_BENCH_PG")
        .or_else(|_| std::env::var("SITREP_TEST_PG"))
        .ok();
    let mut backends = vec![("SQLite", Backend::Sqlite)];
    match &pg {
        Some(url) => backends.push(("PostgreSQL", Backend::Postgres(url))),
        None => eprintln!("  (PostgreSQL skipped: set SITREP_BENCH_PG=postgres://… to compare)"),
    }
    for (name, backend) in backends {
        for (label, pipe) in [("store only", false), ("pipeline + store", true)] {
            let r = run_ingest(n, jobs, pipe, &src, backend);
            let label = format!("{name} {label}");
            eprintln!(
            "  {label:<28} {:>7} docs in {:>6.1}s = {:>7.0} docs/s; peak RSS {} MB at {}k docs, {} MB at {}k; {} near-duplicates linked",
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
}

fn main() {
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
