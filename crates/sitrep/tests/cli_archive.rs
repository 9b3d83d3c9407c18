//! CLI tests of issue #18's defects: concurrent writers, document identity across
//! folders, bad paths, and a writer error that must be reported, not hang.

use sitrep_store::SqliteStore;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn ids(db: &Path) -> Vec<String> {
    let s = SqliteStore::open_read_only(db).expect("open");
    let mut st = s
        .connection()
        .prepare("SELECT id FROM documents ORDER BY id")
        .expect("prepare");
    let v = st
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    v
}

/// A JSON-lines file of `n` distinct short reports with ids `prefix0…`.
fn jsonl(dir: &Path, name: &str, prefix: &str, n: usize) -> PathBuf {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "{{\"id\": \"{prefix}{i}\", \"text\": \"Report {prefix}{i}: gunmen attacked checkpoint {i} in district {} on Sunday, killing {} guards, officials said.\", \"published\": \"2020-01-{:02}\"}}\n",
            i % 89,
            i % 7 + 1,
            i % 28 + 1
        ));
    }
    let p = dir.join(name);
    std::fs::write(&p, s).expect("write");
    p
}

fn ingest(paths: &[&Path], db: &Path) -> Command {
    let mut c = sitrep();
    c.arg("ingest")
        .args(paths)
        .arg("--db")
        .arg(db)
        .args(["--batch-size", "50", "--jobs", "1"]);
    c
}

#[test]
fn two_concurrent_ingests_on_a_new_database_store_exactly_the_union() {
    two_concurrent_ingests_store_exactly_the_union(false);
}

/// On an existing database the two writers' transactions interleave: with deferred
/// transactions one of them read first and then failed to write ("database is locked",
/// which the busy timeout does not retry); with `BEGIN IMMEDIATE` it waits its turn.
#[test]
fn two_concurrent_ingests_on_an_existing_database_store_exactly_the_union() {
    two_concurrent_ingests_store_exactly_the_union(true);
}

fn two_concurrent_ingests_store_exactly_the_union(existing: bool) {
    let dir = tempfile::tempdir().expect("tmp");
    let a = jsonl(dir.path(), "a.jsonl", "a", 300);
    let b = jsonl(dir.path(), "b.jsonl", "b", 300);
    let both = jsonl(dir.path(), "shared.jsonl", "s", 100);
    let db = dir.path().join("new.db");
    if existing {
        drop(SqliteStore::open(&db).expect("create"));
    }
    let p1 = ingest(&[&a, &both], &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let p2 = ingest(&[&b, &both], &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    for p in [p1, p2] {
        let o = p.wait_with_output().expect("wait");
        assert!(
            o.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let got = ids(&db);
    assert_eq!(got.len(), 700, "union of 300 + 300 + 100 shared");
    let mut want: Vec<String> = (0..300)
        .flat_map(|i| [format!("a{i}"), format!("b{i}")])
        .chain((0..100).map(|i| format!("s{i}")))
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_lock_held_by_another_program_only_delays_the_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = jsonl(dir.path(), "a.jsonl", "a", 40);
    let db = dir.path().join("locked.db");
    drop(SqliteStore::open(&db).expect("create"));
    // Another program takes the write lock and keeps it for 5 s.
    let other = rusqlite_lock(&db);
    let started = std::time::Instant::now();
    let (code, out, err) = run(&mut ingest(&[&a], &db));
    other.join().expect("locker");
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(
        started.elapsed().as_secs_f64() >= 4.0,
        "it waited for the lock"
    );
    assert_eq!(ids(&db).len(), 40, "{out}");
}

/// Holds a write transaction on `db` for 5 s on another thread (its own connection, as
/// another program would).
fn rusqlite_lock(db: &Path) -> std::thread::JoinHandle<()> {
    let s = SqliteStore::open(db).expect("open");
    s.connection()
        .execute_batch("BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS other_program(x);")
        .expect("lock");
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(5));
        s.connection().execute_batch("COMMIT").expect("commit");
    })
}

#[test]
fn a_write_error_is_reported_not_a_hang() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = jsonl(dir.path(), "a.jsonl", "a", 500);
    let db = dir.path().join("w.db");
    drop(SqliteStore::open(&db).expect("create"));
    {
        // A trigger that makes every insert fail, as a full disk or a corrupt page would.
        let s = SqliteStore::open(&db).expect("open");
        s.connection()
            .execute_batch(
                "CREATE TRIGGER no_inserts BEFORE INSERT ON documents \
                 BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END;",
            )
            .expect("trigger");
    }
    let mut child = ingest(&[&a], &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed().as_secs() > 120 {
            let _ = child.kill();
            panic!("sitrep ingest hung after a write error");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let o = child.wait_with_output().expect("output");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("simulated write failure"), "{err}");
    assert!(err.contains("w.db"), "names the database: {err}");
}

#[test]
fn same_file_name_in_two_folders_is_two_documents() {
    let dir = tempfile::tempdir().expect("tmp");
    for (folder, text) in [
        (
            "a",
            "Gunmen killed two guards at a checkpoint in Kandahar on Sunday, police said.",
        ),
        (
            "b",
            "A roadside bomb wounded three soldiers near Herat on Monday, the army said.",
        ),
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join("article.txt"), text).expect("write");
    }
    let db = dir.path().join("n.db");
    let (code, out, err) = run(sitrep()
        .arg("ingest")
        .arg(dir.path().join("a"))
        .arg(dir.path().join("b"))
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("new 2"), "{out}");
    assert_eq!(ids(&db).len(), 2);
}

#[test]
fn two_index_pages_with_different_canonical_urls_are_two_documents() {
    let dir = tempfile::tempdir().expect("tmp");
    for (folder, url, text) in [
        ("x", "https://news.example/a/1", "Gunmen killed two guards at a checkpoint in Kandahar on Sunday, police said in a statement to reporters."),
        ("y", "https://news.example/b/2", "A roadside bomb wounded three soldiers near Herat on Monday, the army said in a statement to reporters."),
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
        std::fs::write(
            dir.path().join(folder).join("index.html"),
            format!("<html><head><title>News</title><link rel=\"canonical\" href=\"{url}\"></head><body><article><p>{text}</p></article></body></html>"),
        )
        .expect("write");
    }
    let db = dir.path().join("c.db");
    let (code, out, err) = run(sitrep().arg("ingest").arg(dir.path()).arg("--db").arg(&db));
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("new 2"), "{out}");
    assert_eq!(ids(&db).len(), 2);
}

#[test]
fn a_missing_path_is_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = jsonl(dir.path(), "a.jsonl", "a", 5);
    let db = dir.path().join("m.db");
    let (code, out, err) = run(sitrep()
        .arg("ingest")
        .arg(dir.path().join("missing.txt"))
        .arg(&a)
        .arg("--db")
        .arg(&db));
    assert_eq!(code, 1, "a failure is still a failure");
    assert!(err.contains("missing.txt"), "{err}");
    assert_eq!(ids(&db).len(), 5, "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_folder_is_extracted() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a");
    std::fs::create_dir_all(a.join("sub")).expect("mkdir");
    std::fs::write(
        a.join("sub/one.txt"),
        "Gunmen killed two guards at a checkpoint in Kandahar on Sunday, police said.",
    )
    .expect("write");
    std::os::unix::fs::symlink(&a, a.join("sub/loop")).expect("symlink");
    let (code, out, err) = run(sitrep().arg("extract").arg(&a));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("symlink loop"), "{err}");
    assert_eq!(out.lines().count(), 1, "the file is still extracted: {out}");
    let db = dir.path().join("l.db");
    let (code, out, err) = run(sitrep().arg("ingest").arg(&a).arg("--db").arg(&db));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("symlink loop"), "{err}");
    assert_eq!(ids(&db).len(), 1, "{out}");
}

/// A database with one article that has events, made by `sitrep ingest`.
fn article_db(dir: &Path) -> PathBuf {
    let txt = dir.join("nusra.txt");
    std::fs::write(
        &txt,
        "Air strikes kill 12 in Idlib\n\n\
         IDLIB, Syria (Reuters) - Air strikes killed 12 civilians in the town of Maarat al-Numan \
         in Idlib province on Tuesday, a war monitor said, in an area held by al-Nusra Front \
         fighters. The U.N. envoy condemned the raids. Assad's government denied it carried \
         out the strikes.\n",
    )
    .expect("write");
    let db = dir.join("q.db");
    let (code, out, err) = run(sitrep()
        .arg("ingest")
        .arg(&txt)
        .args(["--published", "2017-01-10", "--db"])
        .arg(&db));
    assert_eq!(code, 0, "{out}\n{err}");
    db
}

#[test]
fn query_dates_are_checked_and_normalised() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = article_db(dir.path());
    for bad in ["notadate", "2017-02-30", "2017-13-01"] {
        let (code, _, err) = run(sitrep().args(["events", "--since", bad, "--db"]).arg(&db));
        assert_eq!(code, 2, "--since {bad} is refused: {err}");
        assert!(
            err.contains("YYYY-MM-DD") || err.contains("no day") || err.contains("no month"),
            "{err}"
        );
        let (code, _, _) = run(sitrep()
            .args(["docs", "list", "--until", bad, "--db"])
            .arg(&db));
        assert_eq!(code, 2, "docs --until {bad}");
    }
    // 2017-1-5 is the 5th of January, not the text "2017-1-5" (which sorts after
    // "2017-01-10" and would hide the event).
    let (code, out, err) = run(sitrep()
        .args(["events", "--since", "2017-1-5", "--format", "jsonl", "--db"])
        .arg(&db));
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().count() >= 1, "the event is found: {out}");
}

#[test]
fn full_text_queries_take_plain_words_and_fts_syntax_on_request() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = article_db(dir.path());
    for q in ["al-Nusra", "U.N.", "Assad's", "Idlib strikes"] {
        let (code, out, err) = run(sitrep().args(["docs", "list", "-q", q, "--db"]).arg(&db));
        assert_eq!(code, 0, "{q}: {err}");
        assert!(out.contains("nusra"), "{q} finds the article: {out}");
        let (code, out, err) = run(sitrep()
            .args(["events", "--format", "jsonl", "-q", q, "--db"])
            .arg(&db));
        assert_eq!(code, 0, "{q}: {err}");
        assert!(!out.is_empty(), "{q} finds its events");
    }
    let (code, out, _) = run(sitrep()
        .args([
            "docs",
            "list",
            "--fts",
            "-q",
            "Idlib OR nothinglikethis",
            "--db",
        ])
        .arg(&db));
    assert_eq!(code, 0);
    assert!(out.contains("nusra"), "{out}");
    let (code, _, err) = run(sitrep()
        .args(["docs", "list", "--fts", "-q", "\"unclosed", "--db"])
        .arg(&db));
    assert_eq!(code, 1);
    assert!(err.contains("FTS5") && !err.contains("writable"), "{err}");
}

#[test]
fn an_unknown_country_warns() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = article_db(dir.path());
    let (code, _, err) = run(sitrep()
        .args(["events", "--country", "Narnia", "--db"])
        .arg(&db));
    assert_eq!(code, 0);
    assert!(err.contains("warning") && err.contains("Narnia"), "{err}");
}

#[test]
fn reading_commands_do_not_write() {
    let dir = tempfile::tempdir().expect("tmp");
    // An empty file and another program's database are refused and left as they were.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    let (code, _, err) = run(sitrep().args(["events", "--db"]).arg(&empty));
    assert_eq!(code, 1);
    assert!(err.contains("not a sitrep database"), "{err}");
    assert_eq!(
        std::fs::metadata(&empty).expect("meta").len(),
        0,
        "still empty"
    );
    let other = dir.path().join("other.db");
    {
        let c = SqliteStore::open(dir.path().join("scratch.db")).expect("scratch");
        c.connection()
            .execute_batch(&format!(
                "ATTACH '{}' AS o; CREATE TABLE o.birds(name TEXT); DETACH o;",
                other.display()
            ))
            .expect("other program's db");
    }
    let before = std::fs::read(&other).expect("read");
    let (code, _, err) = run(sitrep().args(["docs", "list", "--db"]).arg(&other));
    assert_eq!(code, 1);
    assert!(err.contains("not a sitrep database"), "{err}");
    assert_eq!(std::fs::read(&other).expect("read"), before, "untouched");
    // A sitrep database is read without writing to it.
    let db = article_db(dir.path());
    let before = std::fs::read(&db).expect("read");
    let (code, _, err) = run(sitrep().args(["events", "--db"]).arg(&db));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(sitrep().args(["docs", "list", "--db"]).arg(&db));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "the file is unchanged"
    );
}

#[test]
fn docs_list_prints_whole_ids_that_docs_show_finds() {
    let dir = tempfile::tempdir().expect("tmp");
    let long =
        "https://news.example/2017/01/10/air-strikes-kill-twelve-in-idlib-province-monitor-says";
    let p = dir.path().join("long.jsonl");
    std::fs::write(
        &p,
        format!("{{\"id\": \"{long}\", \"text\": \"Air strikes killed 12 civilians in Idlib province on Tuesday, a war monitor said.\", \"published\": \"2017-01-10\"}}\n"),
    )
    .expect("write");
    let db = dir.path().join("l.db");
    let (code, _, err) = run(sitrep().arg("ingest").arg(&p).arg("--db").arg(&db));
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(sitrep().args(["docs", "list", "--db"]).arg(&db));
    let listed = out
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("a row")
        .to_string();
    assert_eq!(listed, long);
    let (code, out, err) = run(sitrep().args(["docs", "show", &listed, "--db"]).arg(&db));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Idlib"), "{out}");
}

#[test]
fn reextract_forces_extraction_of_unchanged_documents() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = jsonl(dir.path(), "a.jsonl", "a", 6);
    let db = dir.path().join("r.db");
    let (code, out, err) = run(&mut ingest(&[&a], &db));
    assert_eq!(code, 0, "{out}\n{err}");
    let (_, out, _) = run(&mut ingest(&[&a], &db));
    assert!(
        out.contains("unchanged 6,") && out.contains("re-extracted 0 "),
        "{out}"
    );
    let (code, out, err) = run(ingest(&[&a], &db).arg("--reextract"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("re-extracted 6 "), "{out}");
    assert_eq!(ids(&db).len(), 6);
}

fn extract_one(path: &Path) -> serde_json::Value {
    let (code, out, err) = run(sitrep().arg("extract").arg(path));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(out.lines().next().expect("a line")).expect("json")
}

#[test]
fn undated_documents_still_date_events_from_absolute_dates() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("undated.txt");
    std::fs::write(
        &p,
        "Clashes in Idlib\n\nGunmen killed two guards at a checkpoint in Idlib on March 12, 2021, police said.\n",
    )
    .expect("write");
    let d = extract_one(&p);
    assert!(d["published"].is_null());
    let events = d["events"].as_array().expect("events");
    assert!(!events.is_empty());
    assert_eq!(events[0]["event_date"], "2021-03-12", "{events:?}");
}

#[test]
fn a_leading_published_line_fills_published() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("dated.txt");
    std::fs::write(
        &p,
        "Published November 22 2017\n\nGunmen killed two guards at a checkpoint in Kandahar on Sunday, police said.\n",
    )
    .expect("write");
    let d = extract_one(&p);
    assert_eq!(d["published"], "2017-11-22");
    assert!(!d["text"].as_str().expect("text").contains("Published"));
}

#[test]
fn a_local_place_does_not_claim_point_precision_for_its_provinces_coordinates() {
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/helmand-checkpoints.txt");
    let d = extract_one(&ex);
    let maiwand = d["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["location"] == "Maiwand")
        .expect("the Maiwand event")
        .clone();
    let kandahar = d["places"]
        .as_array()
        .expect("places")
        .iter()
        .find(|p| p["name"] == "Kandahar")
        .expect("Kandahar")
        .clone();
    if maiwand["latitude"] == kandahar["lat"] {
        assert_ne!(maiwand["location_precision"], "place", "{maiwand}");
    }
}

#[test]
fn extract_is_a_line_filter_and_json_output_streams_valid_json() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = jsonl(dir.path(), "in.jsonl", "f", 150);
    let out = sitrep()
        .args(["extract", "--input-format", "jsonl", "-"])
        .stdin(std::fs::File::open(&input).expect("open"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["id"].as_str().expect("id").to_string()
        })
        .collect();
    let want: Vec<String> = (0..150).map(|i| format!("f{i}")).collect();
    assert_eq!(ids, want, "one output line per input line, in input order");
    let (code, out, err) = run(sitrep().args(["extract", "--format", "json"]).arg(&input));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON array");
    assert_eq!(v.as_array().expect("array").len(), 150);
}

#[test]
fn killed_again_and_again_the_resumed_total_is_exact() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = jsonl(dir.path(), "a.jsonl", "a", 900);
    let b = jsonl(dir.path(), "b.jsonl", "b", 900);
    let db = dir.path().join("k.db");
    // kill -9 at several points of one long run, resuming each time.
    for ms in [150u64, 500, 900, 1400] {
        let mut child = ingest(&[&a, &b], &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    let (code, out, err) = run(&mut ingest(&[&a, &b], &db));
    assert_eq!(code, 0, "{out}\n{err}");
    let got = ids(&db);
    assert_eq!(got.len(), 1800, "{out}");
    let mut dedup = got.clone();
    dedup.dedup();
    assert_eq!(dedup.len(), got.len(), "no id twice");
}

/// `--format parquet` without `-o` refuses to write binary to a terminal (run under a
/// pseudo-terminal made by util-linux `script`), and still writes it to a pipe.
#[test]
fn parquet_is_not_written_to_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        sitrep_nlp::testing::skip(
            "parquet_is_not_written_to_a_terminal",
            "util-linux `script` (to make a terminal) is not installed",
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let db = article_db(dir.path());
    let cmd = format!(
        "'{}' events --format parquet --db '{}'",
        env!("CARGO_BIN_EXE_sitrep"),
        db.display()
    );
    let (code, out, err) = run(Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null()));
    assert_ne!(code, 0, "refused: {out}\n{err}");
    assert!(
        out.contains("not writing it to a terminal") && !out.contains("PAR1"),
        "{out}\n{err}"
    );
    // To a pipe it is written.
    let o = sitrep()
        .args(["events", "--format", "parquet", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(o.status.success());
    assert!(o.stdout.starts_with(b"PAR1"), "a Parquet file on stdout");
}

/// `--help` teaches with what users have: it does not send them to DESIGN.md or
/// EVENTS-GUIDE.md, which are not installed with the binary.
#[test]
fn help_does_not_point_at_files_users_do_not_have() {
    let (_, top, _) = run(sitrep().arg("--help"));
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 4, "{top}");
    for c in std::iter::once(None).chain(commands.iter().map(Some)) {
        let mut cmd = sitrep();
        cmd.args(c).arg("--help");
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 0, "{c:?}: {err}");
        for file in ["DESIGN.md", "EVENTS-GUIDE.md"] {
            assert!(
                !out.contains(file),
                "`sitrep {c:?} --help` names {file}:\n{out}"
            );
        }
    }
}
