//! The Spark example against a bare `sitrep extract` on the same JSON-lines corpus, on
//! the same cores.
//!
//! `cargo bench -p sitrep --bench spark` writes `SITREP_BENCH_DOCS` (default 40,000)
//! articles as JSON lines (FA-KES texts from `/work/shared` when present, else built-in
//! wire copy; article `i` is source `i mod n` with its report number in front, so no two
//! texts are equal), then times:
//!
//! 1. `sitrep extract --jobs 2 --input-format jsonl --format jsonl --fields … FILE >
//!    bare.jsonl` (the bare tool on 2 cores, writing what the job asks for: metadata and
//!    events as JSON lines);
//! 2. `examples/spark/sitrep_spark.py --master local[2]` on the same file with its
//!    defaults (2 task slots, Spark's splits of the file, one single-threaded `sitrep` per
//!    task, the events written as Parquet partitioned by country and month), wall clock
//!    including the JVM's start, and the job's own figure (after the session is up).
//!
//! Both run once on 200 articles first, untimed (the job's first run in local mode makes
//! its JVM class archive). It prints articles/s for each and the overhead of Spark
//! against the bare tool; CPU seconds per process come from
//! `examples/spark/cpu_by_process.py` (see docs/spark.md). Skips
//! with a message when pyspark or Java is missing. Set `SITREP_BENCH_SPARK_REPEAT` to
//! run each side more than once (the best run counts).

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn sources() -> Vec<String> {
    let path = Path::new("/work/shared/corpus/fa-kes/FA-KES-Dataset.csv");
    if let Ok(mut rdr) = csv::Reader::from_path(path) {
        let arts: Vec<String> = rdr
            .byte_records()
            .flatten()
            .filter_map(|r| r.get(2).map(|t| String::from_utf8_lossy(t).into_owned()))
            .filter(|t| t.len() > 200)
            .collect();
        if arts.len() > 100 {
            return arts;
        }
    }
    eprintln!("(no /work/shared FA-KES: using built-in wire copy)");
    let places = [
        "Hama", "Idlib", "Aleppo", "Daraa", "Homs", "Kabul", "Herat", "Mosul",
    ];
    (0..200)
        .map(|i| {
            let p = places[i % places.len()];
            format!(
                "Government forces shelled villages near {p} on Tuesday, killing at least {} \
                 civilians and wounding {} others, a monitoring group said. Rebels said they \
                 had attacked army positions south of {p} a day earlier, and local officials \
                 said the fighting had forced hundreds of families to flee.",
                i % 11 + 2,
                i % 7 + 1
            )
        })
        .collect()
}

fn write_corpus(path: &Path, n: usize) {
    let src = sources();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("corpus"));
    for i in 0..n {
        let text = format!("Report {i}. {}", src[i % src.len()]);
        let line = serde_json::json!({
            "id": format!("bench-{i}"),
            "title": format!("Bench article {i}"),
            "published": format!("2017-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            "text": text,
        });
        writeln!(f, "{line}").expect("write");
    }
    f.flush().expect("flush");
}

fn spark_missing() -> Option<String> {
    if !Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some("no java".into());
    }
    if !Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some("python3 cannot import pyspark".into());
    }
    None
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not: skip the long run.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if let Some(why) = spark_missing() {
        eprintln!("spark bench skipped: {why}");
        return;
    }
    let n: usize = std::env::var("SITREP_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40_000);
    let repeat: usize = std::env::var("SITREP_BENCH_SPARK_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let dir = tempfile::tempdir().expect("tmp");
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, n);
    let bin = env!("CARGO_BIN_EXE_sitrep");
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/spark/sitrep_spark.py");

    // Warm-up on a small file, not timed: in local mode the first run of the job makes
    // its JVM class archive (once per machine, as a build is), and both sides find their
    // binaries and jars in the page cache.
    let small = dir.path().join("warmup.jsonl");
    write_corpus(&small, 200);
    let st = Command::new("python3")
        .arg(&job)
        .args(["--master", "local[2]", "--sitrep", bin])
        .arg("--output")
        .arg(dir.path().join("warmup.parquet"))
        .arg(&small)
        .output()
        .expect("python3 runs");
    assert!(
        st.status.success(),
        "spark warm-up failed: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    let st = Command::new(bin)
        .args(["extract", "--input-format", "jsonl", "--format", "jsonl"])
        .arg(&small)
        .output()
        .expect("sitrep runs");
    assert!(st.status.success(), "sitrep warm-up failed");

    let mut bare = f64::MAX;
    let mut spark = f64::MAX;
    let mut spark_inner = f64::MAX;
    for _ in 0..repeat {
        let t = Instant::now();
        let st = Command::new(bin)
            .args([
                "extract",
                "--jobs",
                "2",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
            ])
            // The fields the job asks for (see FIELDS in the job): the same output.
            .args(["--fields", "id,title,published,publisher,url,events"])
            .arg(&corpus)
            // To a file, as the job writes its output to files.
            .stdout(std::fs::File::create(dir.path().join("bare.jsonl")).expect("bare out"))
            .status()
            .expect("sitrep runs");
        assert!(st.success(), "sitrep extract failed");
        bare = bare.min(t.elapsed().as_secs_f64());

        let out = dir.path().join("out.parquet");
        let t = Instant::now();
        let o = Command::new("python3")
            .arg(&job)
            .args(["--master", "local[2]", "--sitrep", bin])
            .arg("--output")
            .arg(&out)
            .arg(&corpus)
            .output()
            .expect("python3 runs");
        let wall = t.elapsed().as_secs_f64();
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "spark job failed: {stdout}\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(stdout.contains(&format!("{n} documents")), "{stdout}");
        spark = spark.min(wall);
        // "… in 12.3s = …": the job's own time, after the Spark session is up.
        if let Some(secs) = stdout
            .split(" in ")
            .nth(1)
            .and_then(|s| s.split('s').next())
            .and_then(|s| s.parse::<f64>().ok())
        {
            spark_inner = spark_inner.min(secs);
        }
    }
    let rate = |s: f64| n as f64 / s;
    eprintln!("spark bench: {n} JSON-lines articles, 2 cores, best of {repeat}");
    eprintln!(
        "  bare sitrep extract (2 threads)      {bare:>7.1}s = {:>6.0} articles/s",
        rate(bare)
    );
    eprintln!(
        "  Spark local[2], wall incl. JVM start {spark:>7.1}s = {:>6.0} articles/s; overhead {:+.1} %",
        rate(spark),
        (spark / bare - 1.0) * 100.0
    );
    if spark_inner < f64::MAX {
        eprintln!(
            "  Spark local[2], job after start-up   {spark_inner:>7.1}s = {:>6.0} articles/s; overhead {:+.1} %",
            rate(spark_inner),
            (spark_inner / bare - 1.0) * 100.0
        );
    }
}
