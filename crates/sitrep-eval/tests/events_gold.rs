//! The `events` stage end to end on the shared gold: the seed article (must give exactly
//! its three gold records) and the 45-article dev set (the guide's scoring).
//!
//! These tests need the real `times`, `places`, `entities` and `counts` stages (they run
//! the whole default pipeline) and `../shared`; they skip with a message when it is
//! absent.

use sitrep_eval::events::{load_gold, run_article, same_actor, EventScores, GoldEvent};
use sitrep_nlp::testing::shared_or_skip;

/// The seed, read and cleaned as `sitrep extract` reads it (the caption, promo and
/// syndication note go).
#[test]
fn seed_gives_exactly_the_three_gold_records() {
    let Some(shared) = shared_or_skip("seed_gives_exactly_the_three_gold_records") else {
        return;
    };
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let gold =
        load_gold(&shared.join("eval/seed/khalilzad-2020-09-27.gold.json")).expect("seed gold");
    let a = run_article(&pipeline, gold.into_iter().next().expect("one article")).expect("runs");
    let (sys, sc, doc) = (&a.system, &a.scores, &a.doc);
    for e in sys {
        eprintln!("{e:?}");
    }
    eprintln!("{}", sc.lines().join("\n"));
    assert_eq!(sys.len(), 3, "exactly three records: {sys:#?}");
    assert_eq!(sc.events.tp, 3, "all three match the gold");
    assert_eq!(sc.fatalities.agree, 3, "28, unknown, unknown");
    assert_eq!(sc.event_date.agree, 3);
    for e in sys {
        let ev: Vec<&str> = e.evidence.iter().map(|s| doc.span_text(*s)).collect();
        let ev = ev.join(" ");
        assert!(!ev.contains("2001") && !ev.contains("peace talks") && !ev.contains("CPAC"));
    }
}

/// The guide's scores of the whole pipeline on one gold file of `../shared/eval`.
fn score_file(path: &std::path::Path) -> EventScores {
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let mut total = EventScores::default();
    for g in load_gold(path).expect("gold file") {
        total.add(&run_article(&pipeline, g).expect("runs").scores);
    }
    total
}

#[test]
fn dev_gold_scores() {
    let Some(shared) = shared_or_skip("dev_gold_scores") else {
        return;
    };
    let mut all = EventScores::default();
    for name in ["events-dev.jsonl", "events-dev2.jsonl"] {
        let path = shared.join("eval").join(name);
        if !path.exists() {
            eprintln!("skipping {name}: not in ../shared/eval");
            continue;
        }
        let sc = score_file(&path);
        eprintln!("{name}\n{}", sc.lines().join("\n"));
        // Floor at the figure reached (see README); the target is F1 0.85.
        assert!(
            sc.events.f1() >= FLOOR_F1,
            "{name}: event F1 {:.3}",
            sc.events.f1()
        );
        all.add(&sc);
    }
    eprintln!("all dev articles\n{}", all.lines().join("\n"));
}

/// Below the event F1 this build reaches on the dev gold with all stages merged (0.602 on
/// 2026-11-29); the target is 0.80.
const FLOOR_F1: f64 = 0.55;

/// Error analysis: every matched pair that disagrees on fatalities or actor1, and every
/// unmatched record, article by article (run with `--ignored --nocapture`; the gold file
/// is `SITREP_GOLD`, default `events-dev2.jsonl`).
#[test]
#[ignore]
fn dev_gold_details() {
    let Some(shared) = shared_or_skip("dev_gold_details") else {
        return;
    };
    let name = std::env::var("SITREP_GOLD").unwrap_or_else(|_| "events-dev2.jsonl".into());
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    for g in load_gold(&shared.join("eval").join(&name)).expect("gold file") {
        let a = run_article(&pipeline, g).expect("runs");
        let (sys, pairs, doc) = (&a.system, &a.matched, &a.doc);
        let g = (&doc.id, &doc.published, &a.gold);
        let show = |e: &sitrep_model::Event| GoldEvent::from(e).summary();
        let gshow = GoldEvent::summary;
        let mut out = Vec::new();
        for &(i, j) in pairs {
            let (s, ge) = (&sys[i], &g.2[j]);
            let fat = s.fatalities != ge.fatalities;
            let act = !same_actor(s.actor1.as_deref(), ge.actor1.as_deref());
            if fat || act {
                out.push(format!(
                    "  MISMATCH{}{}\n    sys  {}\n    gold {}\n    ev   {}",
                    if fat { " fat" } else { "" },
                    if act { " actor1" } else { "" },
                    show(s),
                    gshow(ge),
                    ge.evidence.join(" ").chars().take(300).collect::<String>()
                ));
            }
        }
        for (i, s) in sys.iter().enumerate() {
            if !pairs.iter().any(|p| p.0 == i) {
                let ev: Vec<&str> = s.evidence.iter().map(|sp| doc.span_text(*sp)).collect();
                out.push(format!(
                    "  FP   {}\n    ev   {}",
                    show(s),
                    ev.join(" ").chars().take(300).collect::<String>()
                ));
            }
        }
        for (j, ge) in g.2.iter().enumerate() {
            if !pairs.iter().any(|p| p.1 == j) {
                out.push(format!(
                    "  FN   {}\n    ev   {}",
                    gshow(ge),
                    ge.evidence.join(" ").chars().take(300).collect::<String>()
                ));
            }
        }
        if !out.is_empty() {
            eprintln!("== {} ({:?})\n{}", g.0, g.1, out.join("\n"));
        }
    }
}
