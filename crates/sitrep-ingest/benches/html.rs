//! HTML main-content extraction speed (pages/s on one core) over the ScrapingHub dev pages
//! (`../shared/corpus/article-extraction-dev/html/*.html.gz`), decompressed up front so
//! only extraction + metadata + the line cleaner are timed. Without `../shared`, a small
//! page written for this bench is used so the bench still runs. The loop asserts the
//! number of pages that yield text, so a silent regression in extraction breaks it.
//!
//! Run: `cargo bench -p sitrep-ingest --bench html`; throughput is reported in
//! elements/s = pages/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_ingest::{html, ReadOptions};
use std::io::Read;
use std::path::PathBuf;

const FALLBACK_PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Road reopens after floods | Example Post</title>
<meta property="article:published_time" content="2022-03-04T06:00:00Z"></head><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav><article><h1>Road reopens after floods</h1>
<p>The main road between the two towns reopened on Friday after a week of floods that cut off dozens of villages, the transport ministry said.</p>
<p>Engineers worked through the night to clear mud and rocks from a stretch of about three kilometres, a ministry spokesman told reporters at the site.</p>
<p>Aid groups said thousands of families still needed food and clean water, and warned that more rain was expected next week.</p>
</article><footer>© 2022 Example Post</footer></body></html>"#;

fn shared_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_SHARED") {
        return Some(PathBuf::from(p));
    }
    let start = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    start
        .ancestors()
        .map(|d| d.join("shared"))
        .find(|d| d.join("eval").is_dir())
}

fn load_pages() -> Vec<String> {
    let dir = shared_dir().map(|d| d.join("corpus/article-extraction-dev/html"));
    let mut pages = Vec::new();
    if let Some(entries) = dir.and_then(|d| std::fs::read_dir(d).ok()) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let Ok(raw) = std::fs::read(&p) else { continue };
            let mut s = String::new();
            if flate2::read::GzDecoder::new(&raw[..])
                .read_to_string(&mut s)
                .is_ok()
            {
                pages.push(s);
            }
        }
    }
    if pages.is_empty() {
        eprintln!("html bench: ../shared not found; using a built-in page");
        pages.push(FALLBACK_PAGE.to_string());
    }
    pages
}

/// CPU time of this thread, in seconds: on a shared machine wall time overstates the cost,
/// and the target is pages per second on one core.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a libc constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn bench(c: &mut Criterion) {
    let pages = load_pages();
    let opts = ReadOptions::default();
    let expected = pages
        .iter()
        .filter(|p| html::html_doc("b".into(), "b".into(), p, None, &opts).is_ok())
        .count();
    // One-core figure from CPU time, printed alongside criterion's wall-time throughput.
    let rounds = 5;
    let (t0, w0) = (thread_cpu_seconds(), std::time::Instant::now());
    for _ in 0..rounds {
        for p in &pages {
            let _ = std::hint::black_box(html::html_doc("b".into(), "b".into(), p, None, &opts));
        }
    }
    let cpu = thread_cpu_seconds() - t0;
    let n = (rounds * pages.len()) as f64;
    let t1 = thread_cpu_seconds();
    for _ in 0..rounds {
        for p in &pages {
            let cfg = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..Default::default()
            };
            if let Ok(mut r) = dom_smoothie::Readability::new(p.as_str(), None, Some(cfg)) {
                let _ = std::hint::black_box(r.parse());
            }
        }
    }
    eprintln!(
        "html: dom_smoothie alone: {:.0} pages per CPU-second",
        n / (thread_cpu_seconds() - t1)
    );
    eprintln!(
        "html: {} pages x {rounds}: {:.0} pages per CPU-second on one core ({:.0} pages/s wall)",
        pages.len(),
        n / cpu,
        n / w0.elapsed().as_secs_f64()
    );
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.sample_size(10);
    g.bench_function("extract+clean (pages)", |b| {
        b.iter(|| {
            let n = pages
                .iter()
                .filter(|p| html::html_doc("b".into(), "b".into(), p, None, &opts).is_ok())
                .count();
            assert_eq!(n, expected);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
