//! The Spark example (`examples/spark/sitrep_spark.py`) in `local[2]` mode on small WARC
//! and JSON-lines files built here (the JSON lines cut into byte ranges, one per task):
//! its Parquet events must equal `sitrep extract` on the same files, with the events
//! shuffled before the write (more tasks than slots) and without (one task per slot).
//! Skips with a message when pyspark or Java is missing (`.ci/setup/30-spark.sh`
//! installs pyspark in CI).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Wire-style reports written for this test (place and actor names are real, the events
/// are not).
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "https://wire.example/2021/03/02/idlib-shelling",
        "2021-03-02",
        "Shelling kills four in Idlib village",
        "IDLIB, Syria (Example Wire) - Government forces shelled the village of Kafr Nabl in \
         southern Idlib on Monday, killing four civilians including a child, a monitoring \
         group said. Rescue workers said six other people were wounded.",
    ),
    (
        "https://wire.example/2021/03/15/kabul-blast",
        "2021-03-15",
        "Roadside bomb hits minibus in Kabul",
        "KABUL (Example Wire) - A roadside bomb struck a minibus carrying government employees \
         in western Kabul on Sunday, killing three people and wounding eleven, police said. \
         No group immediately claimed responsibility for the attack.",
    ),
    (
        "https://wire.example/2021/04/08/mosul-clash",
        "2021-04-08",
        "Clashes near Mosul leave two soldiers dead",
        "MOSUL, Iraq (Example Wire) - Islamic State militants attacked an army checkpoint \
         south of Mosul on Wednesday night, and two soldiers were killed in the clashes that \
         followed, a security official said on Thursday.",
    ),
    (
        "https://wire.example/2021/04/20/aleppo-airstrike",
        "2021-04-20",
        "Air strike on Aleppo countryside",
        "ALEPPO, Syria (Example Wire) - Russian warplanes carried out air strikes on the \
         town of Atarib in the western Aleppo countryside on Tuesday, killing five people, \
         according to local rescue workers.",
    ),
    (
        "https://wire.example/2021/05/01/budget",
        "2021-05-01",
        "Parliament passes budget",
        "BEIRUT (Example Wire) - Parliament approved next year's budget on Saturday after a \
         long debate over fuel subsidies, with the opposition voting against it and \
         promising protests in the capital next week.",
    ),
];

/// One WARC response record with an HTML page.
fn record(n: usize, url: &str, day: &str, title: &str, text: &str) -> Vec<u8> {
    let html = format!(
        "<html><head><title>{title} | Example Wire</title>\
         <meta property=\"article:published_time\" content=\"{day}T09:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1><p>{text}</p></article>\
         <footer>Copyright Example Wire</footer></body></html>"
    );
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: {day}T10:00:00Z\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A WARC with copies `copies` of the reports (copy 0 under the original URLs).
fn build_warc(path: &Path, copies: std::ops::Range<usize>) {
    let mut bytes = Vec::new();
    for c in copies {
        for (i, (url, day, title, text)) in ARTICLES.iter().enumerate() {
            let url = if c == 0 {
                url.to_string()
            } else {
                format!("{url}?copy={c}")
            };
            bytes.extend(record(c * ARTICLES.len() + i + 1, &url, day, title, text));
        }
    }
    std::fs::write(path, bytes).expect("write warc");
}

/// The reports as JSON lines, `copies` times each, with ids `j<copy>-<n>`.
fn build_jsonl(path: &Path, copies: usize) {
    let mut out = String::new();
    for c in 0..copies {
        for (i, (url, day, title, text)) in ARTICLES.iter().enumerate() {
            let line = serde_json::json!({
                "id": format!("j{c}-{i}"), "url": url, "published": day,
                "title": title, "text": text,
            });
            out.push_str(&format!("{line}\n"));
        }
    }
    std::fs::write(path, out).expect("write jsonl");
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Why Spark cannot run here, if it cannot.
fn spark_missing() -> Option<String> {
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return Some("no java on PATH".into());
    }
    let py = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output();
    match py {
        Ok(o) if o.status.success() => None,
        _ => Some("python3 cannot import pyspark (pip install pyspark)".into()),
    }
}

/// An event as a comparable key: document, position and the ACLED fields.
type Key = Vec<Option<String>>;

const FIELDS: &[&str] = &[
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "fatalities",
    "injured",
    "modality",
];

fn extract_events(input: &Path, format: &str) -> BTreeSet<Key> {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--input-format", format, "--format", "jsonl"])
        .arg(input)
        .output()
        .expect("sitrep runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut keys = BTreeSet::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let doc: serde_json::Value = serde_json::from_str(line).expect("json line");
        for (seq, e) in doc["events"].as_array().into_iter().flatten().enumerate() {
            let mut k: Key = vec![doc["id"].as_str().map(String::from), Some(seq.to_string())];
            for f in FIELDS {
                k.push(match &e[*f] {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(s) => Some(s.clone()),
                    v => Some(v.to_string()),
                });
            }
            insert_once(&mut keys, k);
        }
    }
    keys
}

fn insert_once(keys: &mut BTreeSet<Key>, k: Key) {
    assert!(keys.insert(k.clone()), "an event twice: {k:?}");
}

fn field_str(f: &parquet::record::Field) -> Option<String> {
    use parquet::record::Field;
    match f {
        Field::Null => None,
        Field::Str(s) => Some(s.clone()),
        Field::Int(v) => Some(v.to_string()),
        Field::Long(v) => Some(v.to_string()),
        Field::Double(v) => Some(v.to_string()),
        other => Some(other.to_string()),
    }
}

/// Events from the job's Parquet output; the partition values come from the paths.
fn parquet_events(out: &Path) -> BTreeSet<Key> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let mut keys = BTreeSet::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|e| e != "parquet") {
                continue;
            }
            let part = |name: &str| {
                p.ancestors()
                    .filter_map(|a| a.file_name()?.to_str())
                    .find_map(|s| s.strip_prefix(&format!("{name}=")).map(String::from))
            };
            let (country, month) = (part("country"), part("month"));
            let reader =
                SerializedFileReader::new(std::fs::File::open(&p).expect("open")).expect("parquet");
            for row in reader.get_row_iter(None).expect("rows") {
                let row = row.expect("row");
                let get = |name: &str| {
                    row.get_column_iter()
                        .find(|(n, _)| n.as_str() == name)
                        .and_then(|(_, f)| field_str(f))
                };
                let date = get("event_date");
                let want_month = date
                    .as_ref()
                    .map(|d| d[..7].to_string())
                    .or_else(|| get("published").map(|d| d[..7].to_string()))
                    .unwrap_or_else(|| "unknown".into());
                assert_eq!(month.as_deref(), Some(want_month.as_str()), "{p:?}");
                let mut k: Key = vec![get("doc_id"), get("seq")];
                for f in FIELDS {
                    k.push(if *f == "country" {
                        country.clone().filter(|c| c != "unknown")
                    } else {
                        get(f)
                    });
                }
                insert_once(&mut keys, k);
            }
        }
    }
    keys
}

#[test]
fn spark_job_events_equal_sitrep_extract() {
    if let Some(why) = spark_missing() {
        eprintln!("skipping spark_job_events_equal_sitrep_extract: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    // Two WARC files (two tasks), the second with two more copies under other URLs, and
    // JSON lines cut into three byte ranges (three more tasks).
    let (a, b) = (dir.path().join("a.warc"), dir.path().join("b.warc"));
    let j = dir.path().join("c.jsonl");
    build_warc(&a, 0..1);
    build_warc(&b, 1..3);
    build_jsonl(&j, 3);
    let want_j = extract_events(&j, "jsonl");
    let mut want = extract_events(&a, "warc");
    want.extend(extract_events(&b, "warc"));
    want.extend(want_j.iter().cloned());
    assert!(want.len() >= 16, "the fixture has events: {want:?}");
    // The JVM's class archive in the temporary directory: the first run makes it as its
    // JVM exits, the second maps it.
    let archive = dir.path().join("classes.jsa");
    // Five tasks on two slots: the events are shuffled by country and month.
    let out = dir.path().join("events.parquet");
    let stdout = run_job(&archive, &out, &["--partitions", "3"], &[&a, &b, &j]);
    assert!(stdout.contains("30 documents"), "{stdout}");
    assert_eq!(parquet_events(&out), want);
    assert!(archive.exists(), "the first run saves the class archive");
    // The JSON lines alone in two ranges, one per slot: written without a shuffle.
    let out = dir.path().join("events-j.parquet");
    let stdout = run_job(&archive, &out, &["--partitions", "2"], &[&j]);
    assert!(stdout.contains("15 documents"), "{stdout}");
    assert_eq!(parquet_events(&out), want_j);
}

/// Runs the job in `local[2]` on `inputs` into `out`; its standard output.
fn run_job(archive: &Path, out: &Path, args: &[&str], inputs: &[&Path]) -> String {
    let job = Command::new("python3")
        .arg(repo().join("examples/spark/sitrep_spark.py"))
        .args([
            "--master",
            "local[2]",
            "--sitrep",
            env!("CARGO_BIN_EXE_sitrep"),
        ])
        .arg("--class-archive")
        .arg(archive)
        .args(args)
        .arg("--output")
        .arg(out)
        .args(inputs)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&job.stdout).into_owned();
    assert!(
        job.status.success(),
        "spark job failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&job.stderr)
    );
    stdout
}
