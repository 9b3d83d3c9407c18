//! CLI tests of `sitrep extract`: run the binary on files in a temp dir and check stdout,
//! stderr and the exit code. Fixture texts are written here in wire-report style.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
}

fn docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

const ARTICLE: &str = "Subscribe to our newsletter for daily updates!\n\n\
Militants attack border post in the east\n\n\
Border guards patrol a crossing point in 2019 (Ann Other/Example Photo Agency)\n\
March 4, 2021\n\n\
This article was originally published by Example Radio Service and is reprinted with permission.\n\n\
Militants attacked a border post overnight, killing two guards and wounding three, a provincial spokesman said on Thursday.\n\n\
\u{201c}The attackers fled across the river,\u{201d} the spokesman said.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write fixture");
}

#[test]
fn cleans_a_text_article_and_fills_metadata() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "border.txt", ARTICLE.as_bytes());
    let out = sitrep(&[
        "extract",
        dir.path().join("border.txt").to_str().expect("utf8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = &docs(&out)[0];
    assert_eq!(d["id"], "border");
    assert_eq!(d["title"], "Militants attack border post in the east");
    assert_eq!(d["published"], "2021-03-04");
    assert_eq!(d["syndicated_from"], "Example Radio Service");
    let text = d["text"].as_str().expect("text");
    assert!(text.starts_with("Militants attacked a border post overnight"));
    assert!(text.contains("the spokesman said."));
    for gone in [
        "Subscribe",
        "Ann Other",
        "originally published",
        "March 4, 2021",
    ] {
        assert!(!text.contains(gone), "{gone} left in text");
    }
    let kinds: Vec<&str> = d["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| r["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        ["promo", "title", "caption", "dateline", "syndication"]
    );
    // Contract keys are present.
    for key in [
        "id",
        "title",
        "published",
        "publisher",
        "syndicated_from",
        "language",
        "text",
        "removed",
    ] {
        assert!(d.get(key).is_some(), "missing key {key}");
    }
}

#[test]
fn seed_article_must_show() {
    let Some(shared) = sitrep_nlp::testing::shared_or_skip("seed_article_must_show") else {
        return;
    };
    let seed = shared.join("eval/seed/khalilzad-2020-09-27.txt");
    let out = sitrep(&["extract", "--format", "json", seed.to_str().expect("utf8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json array");
    let d = &v[0];
    assert_eq!(
        d["title"],
        "US envoy for Afghanistan says Taliban won\u{2019}t accept permanent cease-fire until political agreement"
    );
    assert_eq!(d["published"], "2020-09-27");
    assert_eq!(d["syndicated_from"], "Radio Free Europe/Radio Liberty");
    let text = d["text"].as_str().expect("text");
    let removed: Vec<(&str, &str)> = d["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().expect("k"),
                r["text"].as_str().expect("t"),
            )
        })
        .collect();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("eval/seed/khalilzad-2020-09-27.gold.json"))
            .expect("gold"),
    )
    .expect("gold json");
    for line in gold["not_body"].as_array().expect("not_body") {
        let line = line.as_str().expect("str");
        assert!(!text.contains(line), "{line} left in text");
        assert!(
            removed.iter().any(|(_, t)| *t == line),
            "{line} not in removed"
        );
    }
    // Every body paragraph kept verbatim.
    // (The cleaner turns no-break spaces into plain spaces.)
    let raw = std::fs::read_to_string(&seed)
        .expect("seed")
        .replace('\u{a0}', " ");
    for para in raw.split("\n\n").map(str::trim).filter(|p| p.len() > 120) {
        if !para.contains("originally published") {
            assert!(text.contains(para), "paragraph lost: {para}");
        }
    }
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    write(d, "a-good.txt", ARTICLE.as_bytes());
    write(
        d,
        "binary.dat",
        &[
            0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0,
        ],
    );
    write(d, "empty.txt", b"");
    write(
        d,
        "truncated.html",
        b"<html><head><title>Cut</title></head><body><div class=\"nav\"><a href=\"/\">Ho",
    );
    write(
        d,
        "invalid.jsonl",
        b"{\"id\":\"u1\",\"text\":\"Bad \xff\xfe bytes in a line.\"}\n",
    );
    write(d, "latin1.txt", b"Caf\xe9 bombing suspect held\n\nPolice said the suspect was arrested near the caf\xe9 on Tuesday evening.\n");
    write(
        d,
        "batch.jsonl",
        b"{\"id\":\"j1\",\"text\":\"Two soldiers were hurt in a blast near the base on Sunday, officials said.\"}\n{\"id\": \"j2\", \"text\": \n{\"id\":\"j3\",\"text\":\"Police arrested four men after the attack, the ministry said on Monday.\"}\n",
    );
    let big = std::fs::File::create(d.join("huge.txt")).expect("create");
    big.set_len(200 * 1024 * 1024).expect("sparse 200 MB file");
    drop(big);
    let out = sitrep(&["extract", d.to_str().expect("utf8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let ids: Vec<String> = docs(&out)
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_string())
        .collect();
    // Files found inside a folder take the folder's name in their id (so `a/x.txt` and
    // `b/x.txt` never collide); records of a JSON-lines file keep their own ids.
    let folder = d
        .file_name()
        .and_then(|n| n.to_str())
        .expect("temp folder name");
    assert_eq!(
        ids,
        [
            format!("{folder}/a-good"),
            "j1".to_string(),
            "j3".to_string(),
            format!("{folder}/latin1"),
        ],
        "{stderr}"
    );
    for (file, what) in [
        ("binary.dat", "binary"),
        ("empty.txt", "empty"),
        ("truncated.html", "no article text"),
        ("huge.txt", "limit"),
        ("batch.jsonl:2", "malformed JSON"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(what)),
            "no error for {file} ({what}) in:\n{stderr}"
        );
    }
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("invalid.jsonl:1") && l.contains("UTF-8")),
        "{stderr}"
    );
    assert!(stderr.contains("help:"));
}

#[test]
fn no_clean_published_override_and_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--no-clean", "--published", "2022-01-02", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ARTICLE.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = &docs(&out)[0];
    assert_eq!(d["text"], ARTICLE);
    assert_eq!(d["published"], "2022-01-02");
    assert_eq!(d["removed"], serde_json::json!([]));
}

#[test]
fn pretty_view_and_bad_arguments() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "b.txt", ARTICLE.as_bytes());
    let p = dir.path().join("b.txt");
    let out = sitrep(&["extract", "--format", "pretty", p.to_str().expect("utf8")]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("title           Militants attack border post in the east"),
        "{s}"
    );
    assert!(s.contains("removed"));
    assert!(!s.contains("\x1b["), "no colour when not a terminal");
    let out = sitrep(&[
        "extract",
        "--published",
        "04/03/2021",
        p.to_str().expect("utf8"),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}
