//! Archive scale: a million articles through `extract` and `ingest`, with memory.
//!
//! `cargo bench -p sitrep-driver --bench archive` generates `SITREP_BENCH_DOCS` articles
//! (default 1,000,000; FA-KES-derived, see `corpus`) into files, half as JSON lines and
//! half as a WARC of HTML pages, in `SITREP_BENCH_DIR` (default a temp folder; kept when
//! given, and reused when the files are already there), then runs its phases, each in a
//! fresh process of this binary so each peak RSS is its own:
//!
//! - **extract**: `sitrep_driver::run_ordered` with the default pipeline, rendering each
//!   document to JSON as `sitrep extract` does, on `SITREP_BENCH_JOBS` threads (default
//!   2): articles/s per process;
//! - **ingest**: `sitrep_driver::ingest` into a new SQLite file on the same threads, as
//!   `sitrep ingest` runs it: articles/s and the final database size.
//!
//! Both print peak RSS (VmHWM) when 10k, 100k, 300k, 600k and 1M articles have gone
//! through (the marks the corpus reaches), so flat memory shows as equal figures.
//!
//! - **resume**: on a corpus of `SITREP_BENCH_RESUME_DOCS` articles (default 20,000; 0
//!   skips it), an ingest process is killed with SIGKILL after each delay of
//!   `SITREP_BENCH_KILLS` and restarted on the same database; once the last run
//!   finishes, the store must hold exactly what an uninterrupted ingest holds.
//!
//! `SITREP_BENCH_PHASES` (default `extract,ingest,resume`) picks the phases and their
//! order. Each mark is also printed as it is reached, so a run stopped early still
//! leaves its figures.

mod corpus;

use sitrep_driver::{IngestOptions, Observer, Source, Step, Totals};
use sitrep_store::{SqliteStore, Store, StoreStats};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

// The allocator the `sitrep` binary uses, so the figures are the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MARKS: [usize; 5] = [10_000, 100_000, 300_000, 600_000, 1_000_000];

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Writes articles `range` as JSON lines.
fn write_jsonl(path: &Path, range: std::ops::Range<usize>, src: &[Vec<String>]) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("create jsonl"));
    for i in range {
        let d = corpus::make_doc(i, src);
        let line = serde_json::json!({
            "id": d.id, "title": d.title, "text": d.text,
            "published": d.published, "publisher": d.publisher,
        });
        writeln!(w, "{line}").expect("write");
    }
    w.flush().expect("flush");
}

/// Writes articles `range` as WARC response records holding HTML pages.
fn write_warc(path: &Path, range: std::ops::Range<usize>, src: &[Vec<String>]) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("create warc"));
    for i in range {
        let d = corpus::make_doc(i, src);
        let paras: String = d
            .text
            .split(". ")
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|c| format!("<p>{}.</p>\n", c.join(". ").trim_end_matches('.')))
            .collect();
        let html = format!(
            "<html><head><title>{t} | Outlet</title><meta property=\"article:published_time\" content=\"{p}T08:00:00Z\"></head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{t}</h1>\n{paras}</article><footer>Copyright Outlet</footer></body></html>\n",
            t = d.title.as_deref().unwrap_or(""),
            p = d.published.as_deref().unwrap_or("2017-01-01"),
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        write!(
            w,
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i:08x}-0000-0000-0000-000000000000>\r\nWARC-Date: 2017-06-01T00:00:00Z\r\nWARC-Target-URI: https://outlet{o}.example/news/{i}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len(),
            o = i % 13,
        )
        .expect("write");
    }
    w.flush().expect("flush");
}

/// The corpus files in `dir` (made when missing): (JSON lines, WARC).
fn corpus_files(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    // v2: dates in article order (see corpus/mod.rs); files of the older generator differ.
    let jsonl = dir.join(format!("archive-v2-{n}.jsonl"));
    let warc = dir.join(format!("archive-v2-{n}.warc"));
    if !jsonl.exists() || !warc.exists() {
        let src = corpus::sources();
        let started = Instant::now();
        let half = n / 2;
        std::thread::scope(|s| {
            s.spawn(|| write_jsonl(&jsonl, 0..half, &src));
            s.spawn(|| write_warc(&warc, half..n, &src));
        });
        eprintln!(
            "  generated {n} articles from {} sources in {:.0}s: {} MB JSON lines + {} MB WARC",
            src.len(),
            started.elapsed().as_secs_f64(),
            std::fs::metadata(&jsonl).map_or(0, |m| m.len()) >> 20,
            std::fs::metadata(&warc).map_or(0, |m| m.len()) >> 20
        );
    }
    (jsonl, warc)
}

fn sources(jsonl: &Path, warc: &Path) -> Vec<Source> {
    [jsonl, warc]
        .into_iter()
        .map(|p| Source::File {
            path: p.to_path_buf(),
            id: None,
        })
        .collect()
}

/// Peak RSS at each mark the count passes, also printed as it is reached (with the
/// rate so far), so a run stopped early still leaves its figures.
struct Marks {
    what: &'static str,
    started: Instant,
    seen: Vec<(usize, u64)>,
}

impl Marks {
    fn new(what: &'static str) -> Self {
        Marks {
            what,
            started: Instant::now(),
            seen: Vec::new(),
        }
    }
    fn at(&mut self, count: usize) {
        for m in MARKS {
            if count == m {
                let kb = corpus::vm_hwm_kb();
                let secs = self.started.elapsed().as_secs_f64();
                println!(
                    "    {}: {m} articles after {secs:.0}s = {:.0} articles/s; peak RSS {} MB",
                    self.what,
                    m as f64 / secs,
                    kb >> 10
                );
                self.seen.push((m, kb));
            }
        }
    }
    fn report(&self) -> String {
        if self.seen.is_empty() {
            return "no mark reached".into();
        }
        self.seen
            .iter()
            .map(|(m, kb)| format!("{} MB at {}k", kb >> 10, m / 1000))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl<S: ?Sized> Observer<S> for Marks {
    fn progress(&mut self, t: &Totals) {
        self.at(t.read);
    }
}

fn phase_extract(jsonl: &Path, warc: &Path, jobs: usize) {
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("pool");
    let mut marks = Marks::new("extract");
    let (mut n, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    let work = |item: Result<sitrep_model::Doc, sitrep_ingest::IngestError>| {
        let mut d = item.map_err(|e| e.to_string())?;
        pipeline.run(&mut d).map_err(|e| e.to_string())?;
        serde_json::to_string(&d).map_err(|e| e.to_string())
    };
    sitrep_driver::run_ordered::<_, ()>(
        sources(jsonl, warc),
        &sitrep_ingest::ReadOptions::default(),
        &pool,
        jobs * 32,
        &work,
        &mut |s| {
            if let Step::Item(r) = s {
                match r {
                    Ok(j) => bytes += j.len(),
                    Err(_) => failed += 1,
                }
                n += 1;
                marks.at(n);
            }
            Ok(())
        },
    )
    .expect("extract");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  extract: {n} articles ({failed} failed) in {secs:.0}s = {:.0} articles/s on {jobs} threads ({:.0}/s per thread); {} MB of JSON; peak RSS {}; final {} MB",
        n as f64 / secs,
        n as f64 / secs / jobs as f64,
        bytes >> 20,
        marks.report(),
        corpus::vm_hwm_kb() >> 10
    );
}

/// Ingests the corpus into the SQLite file `db` (made new when `fresh`); prints the
/// figures and returns the store's counts (documents, duplicates, events).
fn phase_ingest(jsonl: &Path, warc: &Path, db: &Path, jobs: usize, fresh: bool) -> StoreStats {
    if fresh {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
    }
    let mut store = SqliteStore::open(db).expect("open");
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let opts = IngestOptions {
        jobs,
        ..IngestOptions::default()
    };
    let mut marks = Marks::new("ingest");
    let started = Instant::now();
    let t = sitrep_driver::ingest(
        &mut store,
        || SqliteStore::open_read_only(db),
        &pipeline,
        sources(jsonl, warc),
        &opts,
        &mut marks,
    )
    .expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    let stats = store.stats().expect("stats");
    drop(store);
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|e| std::fs::metadata(format!("{}{e}", db.display())).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "  ingest:  {} articles ({} failed; {} new, {} near-duplicates, {} unchanged) in {secs:.0}s = {:.0} articles/s on {jobs} threads; peak RSS {}; final {} MB; database {} MB ({:.1} KB per article); store holds {} documents, {} events",
        t.read,
        t.failed,
        t.stored.inserted,
        t.stored.duplicates,
        t.unchanged_early,
        t.read as f64 / secs,
        marks.report(),
        corpus::vm_hwm_kb() >> 10,
        size >> 20,
        size as f64 / 1024.0 / t.read.max(1) as f64,
        stats.documents,
        stats.events,
    );
    stats
}

/// Resume after `kill -9`: ingests a corpus of `n` articles into a new database, killing
/// the ingesting process with SIGKILL after each delay of `SITREP_BENCH_KILLS` (seconds,
/// comma-separated; default 3,6,10), each time starting again on the same file, then
/// lets the last run finish. The store must then hold exactly what one uninterrupted
/// ingest of the same corpus holds: the same documents, duplicates and events.
fn phase_resume(dir: &Path, n: usize, jobs: usize) {
    let (jsonl, warc) = corpus_files(dir, n);
    let me = std::env::current_exe().expect("exe");
    let whole = dir.join(format!("archive-resume-{n}-whole.db"));
    let killed = dir.join(format!("archive-resume-{n}-killed.db"));
    for db in [&whole, &killed] {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
    }
    let expected = phase_ingest(&jsonl, &warc, &whole, jobs, true);
    let kills: Vec<f64> = std::env::var("SITREP_BENCH_KILLS")
        .unwrap_or_else(|_| "3,6,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let spawn = || {
        std::process::Command::new(&me)
            .arg("--phase")
            .arg("ingest-into")
            .arg(&jsonl)
            .arg(&warc)
            .arg(&killed)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn ingest")
    };
    let mut at = Vec::new();
    for secs in &kills {
        let mut child = spawn();
        std::thread::sleep(std::time::Duration::from_secs_f64(*secs));
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("kill -9"); // SIGKILL on Unix
            let _ = child.wait();
            let held = SqliteStore::open_read_only(&killed)
                .and_then(|s| s.stats())
                .map_or(0, |s| s.documents);
            at.push(format!("after {secs}s ({held} documents stored)"));
        } else {
            at.push(format!("finished before {secs}s"));
        }
    }
    let status = spawn().wait().expect("final run");
    assert!(status.success(), "final resumed ingest failed");
    let got = SqliteStore::open_read_only(&killed)
        .expect("open")
        .stats()
        .expect("stats");
    println!(
        "  resume after kill -9 on {n} articles: killed {}; after resuming the store holds {} documents, {} duplicates, {} events; uninterrupted: {}, {}, {} => {}",
        at.join(", "),
        got.documents,
        got.duplicates,
        got.events,
        expected.documents,
        expected.duplicates,
        expected.events,
        if got == expected { "exact" } else { "MISMATCH" }
    );
    assert_eq!(
        got, expected,
        "resumed store differs from an uninterrupted ingest"
    );
}

fn main() {
    sitrep_driver::memory::return_memory_promptly();
    let args: Vec<String> = std::env::args().collect();
    let jobs = env_usize("SITREP_BENCH_JOBS", 2);
    if let Some(i) = args.iter().position(|a| a == "--phase") {
        let get = |k: usize| PathBuf::from(args.get(i + k).expect("phase argument"));
        let (jsonl, warc, dir) = (get(2), get(3), get(4));
        match args.get(i + 1).map(String::as_str) {
            Some("extract") => phase_extract(&jsonl, &warc, jobs),
            Some("ingest") => {
                phase_ingest(&jsonl, &warc, &dir.join("archive-bench.db"), jobs, true);
            }
            Some("ingest-into") => {
                phase_ingest(&jsonl, &warc, &dir, jobs, false);
            }
            other => panic!("unknown phase {other:?}"),
        }
        return;
    }
    // `cargo test --benches` runs bench binaries without --bench: nothing to do then.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let n = env_usize("SITREP_BENCH_DOCS", 1_000_000);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = std::env::var_os("SITREP_BENCH_DIR")
        .map_or_else(|| tmp.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("bench dir");
    println!(
        "archive bench: {n} articles, {jobs} threads, in {}",
        dir.display()
    );
    let (jsonl, warc) = corpus_files(&dir, n);
    let me = std::env::current_exe().expect("exe");
    let phases =
        std::env::var("SITREP_BENCH_PHASES").unwrap_or_else(|_| "extract,ingest,resume".into());
    let phases: Vec<&str> = phases.split(',').map(str::trim).collect();
    for phase in phases.iter().copied().filter(|p| *p != "resume") {
        let status = std::process::Command::new(&me)
            .arg("--phase")
            .arg(phase)
            .arg(&jsonl)
            .arg(&warc)
            .arg(&dir)
            .status()
            .expect("run phase");
        assert!(status.success(), "{phase} phase failed");
    }
    let resume_n = env_usize("SITREP_BENCH_RESUME_DOCS", 20_000);
    if resume_n > 0 && phases.contains(&"resume") {
        phase_resume(&dir, resume_n, jobs);
    }
}
