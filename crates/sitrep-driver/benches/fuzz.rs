//! Fuzzing the readers and the whole pipeline with byte mutators, bounded in time.
//!
//! `cargo bench -p sitrep-driver --bench fuzz` runs for `SITREP_FUZZ_SECS` seconds
//! (default 60; `SITREP_FUZZ_SEED` for another sequence). Each input is a seed file (the
//! reader fixtures: HTML, WARC, RSS/Atom, Telegram export, CSV, JSON lines, text) mutated
//! by a few random operations (bit flips, byte insertions and deletions, spliced
//! fragments of markup, quotes, braces and record headers, duplicated or truncated
//! spans, deep nesting, long lines, entities), written to a file with the seed's
//! extension and read by `sitrep_ingest::read_path`; every document read goes through
//! the default pipeline. A panic is caught and counted as a crash, with the input saved
//! under `target/fuzz-crashes/`. It prints inputs tried, crashes and the slowest input
//! (time and size, saved under `target/fuzz-slowest/` to replay), which the README's
//! fuzzing line reports.

use sitrep_ingest::ReadOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A small, fast, seedable generator (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments spliced into inputs: the syntax each reader must survive.
const FRAGMENTS: &[&[u8]] = &[
    b"<div>",
    b"</div>",
    b"<p>",
    b"<script>",
    b"</script>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"&amp;",
    b"&#x1F600;",
    b"&#99999999;",
    b"&lt;&lt;&lt;",
    b"\"",
    b"\"\"",
    b",",
    b"\n",
    b"\r\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"messages\":",
    b"\"text\":",
    b"\"date\":",
    b"null",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
    b"Content-Length: -1\r\n",
    b"\r\n\r\n",
    b"<item>",
    b"</item>",
    b"<entry>",
    b"<title>",
    b"\xff\xfe",
    b"\xc3",
    b"\x00",
    b"2017-02-30",
    b"March 12, 2021",
    b"killed 1000000000000000000000 people",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(9) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, rng.next() as u8),
            2 if !v.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            3 | 4 => {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
                v.splice(at..at, f.iter().copied());
            }
            5 if !v.is_empty() => {
                // Duplicate a span.
                let s = rng.below(v.len());
                let e = (s + 1 + rng.below(512)).min(v.len());
                let span = v[s..e].to_vec();
                v.splice(at..at, span);
            }
            6 => v.truncate(at),
            7 => {
                // Deep nesting or a long run.
                let f = FRAGMENTS[rng.below(4)];
                let n = 1 + rng.below(20_000);
                let run: Vec<u8> = f.iter().copied().cycle().take(f.len() * n).collect();
                v.splice(at..at, run);
            }
            _ => {
                let n = rng.below(100_000);
                v.splice(at..at, std::iter::repeat_n(b'a', n));
            }
        }
    }
    v
}

fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let fx = root.join("sitrep-ingest/tests/fixtures");
    let mut out = Vec::new();
    for p in [
        fx.join("warc/cc-news-complete.warc"),
        fx.join("warc/cc-news-sample.warc"),
        fx.join("feed/wire.rss"),
        fx.join("feed/wire.atom"),
        fx.join("feed/html-page.xml"),
        fx.join("telegram/result.json"),
        fx.join("csv/fa-kes-layout.csv"),
        fx.join("csv/custom.csv"),
        root.join("../examples/helmand-checkpoints.txt"),
    ] {
        if let Ok(b) = std::fs::read(&p) {
            out.push((p, b));
        }
    }
    let jsonl = br#"{"id": "j1", "title": "Strike", "text": "Air strikes killed 12 civilians in Idlib on Tuesday, a monitor said.", "published": "2017-01-10"}
{"id": "j2", "html": "<html><body><article><p>Gunmen killed two guards at a checkpoint in Kandahar on Sunday, police said.</p></article></body></html>"}
"#;
    out.push((PathBuf::from("seed.jsonl"), jsonl.to_vec()));
    let html = b"<html><head><title>Shelling</title><meta property=\"article:published_time\" content=\"2019-04-30\"></head><body><nav>Home</nav><article><h1>Shelling kills six</h1><p>Government forces shelled the village of Kafr Nabudah in northern Hama on Tuesday, killing at least six civilians, a monitoring group said.</p><p>&ldquo;We fled,&rdquo; a resident said.</p></article></body></html>";
    out.push((PathBuf::from("seed.html"), html.to_vec()));
    out
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return; // `cargo test --benches`: nothing to do
    }
    let secs: u64 = std::env::var("SITREP_FUZZ_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("SITREP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001);
    let seeds = seeds();
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let dir = tempfile::tempdir().expect("tempdir");
    let crashes_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
    let opts = ReadOptions::default();
    let mut rng = Rng(seed | 1);
    let (mut tried, mut crashes, mut docs) = (0usize, 0usize, 0usize);
    let mut slowest = (Duration::ZERO, 0usize, String::new());
    let mut slowest_input = Vec::new();
    // Panics are caught and counted; keep their messages off the report.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(secs) {
        let (path, bytes) = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, bytes);
        let name = path
            .file_name()
            .map_or("input".into(), |n| n.to_string_lossy().into_owned());
        let file = dir.path().join(&name);
        std::fs::write(&file, &input).expect("write input");
        let t = Instant::now();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut n = 0;
            for mut d in sitrep_ingest::read_path(&file, &opts).flatten() {
                let _ = pipeline.run(&mut d);
                n += 1;
            }
            n
        }));
        let took = t.elapsed();
        tried += 1;
        match r {
            Ok(n) => docs += n,
            Err(_) => {
                crashes += 1;
                let _ = std::fs::create_dir_all(&crashes_dir);
                let _ = std::fs::write(crashes_dir.join(format!("crash-{tried}-{name}")), &input);
            }
        }
        if took > slowest.0 {
            slowest = (took, input.len(), name);
            slowest_input = input;
        }
    }
    let _ = std::panic::take_hook();
    // The slowest input is kept so a super-linear case can be replayed.
    let slow_file = crashes_dir.with_file_name("fuzz-slowest").join(&slowest.2);
    let _ = std::fs::create_dir_all(slow_file.parent().unwrap_or(Path::new(".")));
    let _ = std::fs::write(&slow_file, &slowest_input);
    println!(
        "fuzz: {tried} inputs in {secs}s ({docs} documents extracted), {crashes} crashes{}; slowest input {:.2}s ({} bytes, mutated {}; saved as {})",
        if crashes > 0 {
            format!(" (saved in {})", crashes_dir.display())
        } else {
            String::new()
        },
        slowest.0.as_secs_f64(),
        slowest.1,
        slowest.2,
        slow_file.display()
    );
}
