//! Stage versions that mean something: each stage's output on fixed articles is
//! fingerprinted and stored with the stage's version in `tests/stage_versions.json`. When a
//! stage's output changes and its version does not, this test fails: bump the stage's
//! `version()` (so the store re-extracts documents made by the old one), then re-record
//! with `SITREP_BLESS=1 cargo test -p sitrep-nlp --test stage_versions`.
//!
//! The articles are the bundled example and our own wire-style sentences.

use sitrep_model::Doc;
use std::collections::BTreeMap;
use std::path::PathBuf;

const ARTICLES: &[(&str, &str)] = &[
    (
        "2021-06-14",
        "Unidentified gunmen shot dead three health workers in Jalalabad, the capital of Nangarhar province, on Tuesday, police said. \"They came on motorbikes,\" a witness said.",
    ),
    (
        "2021-06-14",
        "Saudi-led coalition air strikes killed 11 civilians in Saada province on Monday, residents said. Houthi rebels fired a missile at the city of Marib on Friday, killing four people.",
    ),
    (
        "2015-10-05",
        "Russian warplanes struck rebel positions near Idlib on Sunday, killing at least 12 fighters, the Syrian Observatory for Human Rights said.",
    ),
];

fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn layer_json(doc: &Doc, layer: sitrep_model::Layer) -> String {
    use sitrep_model::Layer as L;
    let v = match layer {
        L::Sentences => serde_json::to_string(&doc.sentences),
        L::Times => serde_json::to_string(&doc.times),
        L::Places => serde_json::to_string(&doc.places),
        L::Entities => serde_json::to_string(&(&doc.entities, &doc.country)),
        L::Counts => serde_json::to_string(&doc.counts),
        L::Quotes => serde_json::to_string(&doc.quotes),
        L::Events => serde_json::to_string(&doc.events),
    };
    v.unwrap_or_default()
}

/// `stage -> (version, fingerprint of what it wrote on every article)`.
fn fingerprints() -> BTreeMap<String, (String, String)> {
    let mut articles: Vec<Doc> = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, (date, text))| Doc::new(format!("a{i}"), *text).with_published(*date))
        .collect();
    let example =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/helmand-checkpoints.txt");
    if let Ok(text) = std::fs::read_to_string(&example) {
        articles.push(Doc::new("helmand", text).with_published("2021-03-14"));
    }
    let mut out = BTreeMap::new();
    for name in sitrep_nlp::STAGES {
        let stage = sitrep_nlp::build_stage(name).expect("stage");
        let mut all = String::new();
        for doc in &mut articles {
            stage.run(doc).expect("run");
            for layer in stage.provides() {
                all.push_str(&layer_json(doc, *layer));
                all.push('\n');
            }
        }
        out.insert(
            (*name).to_string(),
            (stage.version().to_string(), fnv(all.as_bytes())),
        );
    }
    out
}

#[test]
fn output_changes_come_with_a_version_bump() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/stage_versions.json");
    let now = fingerprints();
    if std::env::var_os("SITREP_BLESS").is_some() {
        let json = serde_json::to_string_pretty(&now).expect("json");
        std::fs::write(&path, json + "\n").expect("write stage_versions.json");
        eprintln!("recorded {}", path.display());
        return;
    }
    let stored: BTreeMap<String, (String, String)> = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("read tests/stage_versions.json"),
    )
    .expect("parse tests/stage_versions.json");
    let mut problems = Vec::new();
    for (stage, (version, print)) in &now {
        match stored.get(stage) {
            Some((v, p)) if v == version && p != print => problems.push(format!(
                "stage `{stage}` changed its output but is still version {version}: bump its version()"
            )),
            Some((v, p)) if v != version || p != print => problems.push(format!(
                "stage `{stage}` is now version {version} (was {v}): re-record the fingerprints"
            )),
            None => problems.push(format!("stage `{stage}` has no fingerprint yet")),
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nhelp: after bumping, run SITREP_BLESS=1 cargo test -p sitrep-nlp --test stage_versions",
        problems.join("\n")
    );
}
