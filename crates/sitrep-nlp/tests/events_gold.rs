//! The `events` stage end to end on the shared gold: the seed article (must give exactly
//! its three gold records) and the 45-article dev set (the guide's scoring).
//!
//! These tests need the real `times`, `places`, `entities` and `counts` stages (they run
//! the whole default pipeline) and `../shared`; they skip with a message when it is
//! absent.

use sitrep_model::Doc;
use sitrep_nlp::events::score::{score_article, EventScores, GoldEvent};
use sitrep_nlp::testing::shared_or_skip;

#[derive(serde::Deserialize)]
struct Gold {
    id: String,
    published: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    not_body: Vec<String>,
    events: Vec<GoldEvent>,
}

fn run(doc: &mut Doc) {
    sitrep_nlp::default_pipeline()
        .expect("pipeline")
        .run(doc)
        .expect("pipeline runs");
}

/// The seed, with the lines the cleaner removes (caption, promo, syndication note)
/// taken out, as `sitrep extract` would.
#[test]
fn seed_gives_exactly_the_three_gold_records() {
    let Some(shared) = shared_or_skip("seed_gives_exactly_the_three_gold_records") else {
        return;
    };
    let dir = shared.join("eval/seed");
    let gold: Gold = serde_json::from_str(
        &std::fs::read_to_string(dir.join("khalilzad-2020-09-27.gold.json")).expect("gold"),
    )
    .expect("gold parses");
    let raw = std::fs::read_to_string(dir.join("khalilzad-2020-09-27.txt")).expect("text");
    let text: Vec<&str> = raw
        .lines()
        .filter(|l| !gold.not_body.iter().any(|n| n.trim() == l.trim()))
        .collect();
    let mut doc = Doc::new(gold.id.clone(), text.join("\n"));
    doc.published = gold.published.clone();
    run(&mut doc);
    let sys = doc.events.clone().unwrap_or_default();
    let (sc, _) = score_article(&sys, &gold.events);
    for e in &sys {
        eprintln!("{e:?}");
    }
    eprintln!("{}", sc.lines().join("\n"));
    assert_eq!(sys.len(), 3, "exactly three records: {sys:#?}");
    assert_eq!(sc.events.tp, 3, "all three match the gold");
    assert_eq!(sc.fatalities.agree, 3, "28, unknown, unknown");
    assert_eq!(sc.event_date.agree, 3);
    for e in &sys {
        let ev: Vec<&str> = e.evidence.iter().map(|s| doc.span_text(*s)).collect();
        let ev = ev.join(" ");
        assert!(!ev.contains("2001") && !ev.contains("peace talks") && !ev.contains("CPAC"));
    }
}

#[test]
fn dev_gold_scores() {
    let Some(shared) = shared_or_skip("dev_gold_scores") else {
        return;
    };
    let raw =
        std::fs::read_to_string(shared.join("eval/events-dev.jsonl")).expect("events-dev.jsonl");
    let mut total = EventScores::default();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let g: Gold = serde_json::from_str(line).expect("gold line");
        let mut doc = Doc::new(g.id.clone(), g.text.clone().unwrap_or_default());
        doc.published = g.published.clone();
        run(&mut doc);
        let (sc, _) = score_article(doc.events.as_deref().unwrap_or(&[]), &g.events);
        total.add(&sc);
    }
    eprintln!("{}", total.lines().join("\n"));
    // Floor at the figure reached (see README); the target is F1 0.80.
    assert!(
        total.events.f1() >= FLOOR_F1,
        "event F1 {:.3}",
        total.events.f1()
    );
}

/// Below the event F1 this build reaches on the dev gold with all stages merged (0.602 on
/// 2026-11-29); the target is 0.80.
const FLOOR_F1: f64 = 0.55;
