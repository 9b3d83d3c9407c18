//! Entities against `eval/events-dev.jsonl`: every gold actor name must be one the
//! dictionary can produce, and we measure how often a gold event's actors appear among
//! the entity canonicals of its article. Skips when `shared/` is absent.

use sitrep_model::Doc;
use sitrep_nlp::entities::Entities;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::testing::shared_or_skip;
use sitrep_nlp::Stage;
use std::collections::BTreeSet;

fn entities_of(text: &str) -> Doc {
    let mut doc = Doc::new("d", text);
    Sentences.run(&mut doc).expect("sentences");
    // The places stage is written in parallel; the entities stage finds the country from
    // its own country and nationality words when the places layer is empty.
    doc.places = Some(vec![]);
    Entities.run(&mut doc).expect("entities");
    doc
}

#[test]
fn events_dev_actors_found() {
    let Some(shared) = shared_or_skip("events_dev_actors_found") else {
        return;
    };
    let data = std::fs::read_to_string(shared.join("eval/events-dev.jsonl")).expect("events-dev");
    let (mut total, mut in_article, mut in_evidence) = (0usize, 0usize, 0usize);
    let mut names_seen: BTreeSet<String> = BTreeSet::new();
    let mut gold_names: BTreeSet<String> = BTreeSet::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let text = v["text"].as_str().unwrap_or_default();
        let doc = entities_of(text);
        let ents = doc.entities.as_deref().unwrap_or_default();
        let canon: BTreeSet<String> = ents.iter().filter_map(|e| e.canonical.clone()).collect();
        names_seen.extend(canon.iter().cloned());
        for e in v["events"].as_array().into_iter().flatten() {
            let evidence: Vec<&str> = e["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
            for key in ["actor1", "actor2"] {
                let Some(actor) = e[key].as_str() else {
                    continue;
                };
                gold_names.insert(actor.to_string());
                total += 1;
                if canon.contains(actor) {
                    in_article += 1;
                }
                let in_ev = ents.iter().any(|en| {
                    en.canonical.as_deref() == Some(actor)
                        && evidence.iter().any(|s| {
                            text.find(s).is_some_and(|b| {
                                let a = text[..b].chars().count();
                                let z = a + s.chars().count();
                                en.start >= a && en.end <= z
                            })
                        })
                });
                if in_ev {
                    in_evidence += 1;
                } else if std::env::var_os("SITREP_DEBUG").is_some() {
                    eprintln!("MISS {} {key}={actor}: {:?}", v["id"], evidence.first());
                }
            }
        }
    }
    let missing: Vec<&String> = gold_names.difference(&names_seen).collect();
    eprintln!(
        "events-dev actors: {in_article}/{total} gold actor mentions have their canonical name among the article's entities ({:.1}%), {in_evidence}/{total} inside the evidence sentences ({:.1}%); gold names never produced: {missing:?}",
        100.0 * in_article as f64 / total.max(1) as f64,
        100.0 * in_evidence as f64 / total.max(1) as f64,
    );
    assert!(
        in_article * 10 >= total * 7,
        "only {in_article}/{total} gold actors found\nhelp: run with SITREP_DEBUG=1 to list misses; extend data/actors.tsv"
    );
}

/// Developer aid: `SITREP_DUMP=file.jsonl cargo test --test entities_shared dump -- --ignored`
/// prints every entity (text, kind, canonical).
#[test]
#[ignore]
fn dump() {
    let Some(path) = std::env::var_os("SITREP_DUMP") else {
        return;
    };
    let data = std::fs::read_to_string(path).expect("dump file");
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let doc = entities_of(v["text"].as_str().unwrap_or_default());
        for e in doc.entities.iter().flatten() {
            println!("{}\t{:?}\t{:?}", e.text, e.kind, e.canonical);
        }
    }
}
