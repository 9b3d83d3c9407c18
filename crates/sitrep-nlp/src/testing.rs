//! The invariants every stage must keep, in one helper every stage's tests call.
//!
//! [`check_stage`] runs a stage (after the stages it depends on) and checks: ranges in
//! bounds and sorted, each annotation's `text` equal to the text its range covers, only
//! the stage's own layers written, the same result twice, empty input fine. Failure
//! messages end with a `help:` line. [`check_no_panic`] is for proptest over arbitrary
//! input. Public (not `cfg(test)`) so other crates' tests and benches can use it too.

use crate::stage::Stage;
use sitrep_model::{Doc, Layer};

fn layer_json(doc: &Doc, layer: Layer) -> serde_json::Value {
    let v = match layer {
        Layer::Sentences => serde_json::to_value(&doc.sentences),
        Layer::Times => serde_json::to_value(&doc.times),
        Layer::Places => serde_json::to_value(&doc.places),
        Layer::Entities => serde_json::to_value(&doc.entities),
        Layer::Counts => serde_json::to_value(&doc.counts),
        Layer::Quotes => serde_json::to_value(&doc.quotes),
        Layer::Events => serde_json::to_value(&doc.events),
    };
    v.unwrap_or(serde_json::Value::Null)
}

const ALL: [Layer; 7] = [
    Layer::Sentences,
    Layer::Times,
    Layer::Places,
    Layer::Entities,
    Layer::Counts,
    Layer::Quotes,
    Layer::Events,
];

/// Checks that every range in `doc` lies within the text and that each layer's ranges are
/// sorted by start. Returns a message ending in `help:` on failure.
pub fn check_ranges(doc: &Doc) -> Result<(), String> {
    let n = doc.text.chars().count();
    let mut last: std::collections::HashMap<&str, usize> = Default::default();
    for (layer, span) in doc.all_spans() {
        if span.start > span.end || span.end > n {
            return Err(format!(
                "{layer}: range {}..{} is outside the text (length {n} characters)\nhelp: offsets must be character (code point) offsets; convert byte offsets with TextIndex",
                span.start, span.end
            ));
        }
        if layer != "events" {
            let prev = last.entry(layer).or_insert(0);
            if span.start < *prev {
                return Err(format!(
                    "{layer}: range {}..{} starts before the previous one ({})\nhelp: sort the layer by start before storing it",
                    span.start, span.end, prev
                ));
            }
            *prev = span.start;
        }
    }
    // Each annotation's `text` must be what its range covers.
    let check = |layer: &str, spans: Vec<(usize, usize, &str)>| -> Result<(), String> {
        for (a, b, t) in spans {
            let got = doc.span_text(sitrep_model::Span::new(a, b));
            if got != t {
                return Err(format!(
                    "{layer}: range {a}..{b} covers {got:?} but the annotation says {t:?}\nhelp: compute `text` from the same range you store"
                ));
            }
        }
        Ok(())
    };
    if let Some(v) = &doc.times {
        check(
            "times",
            v.iter()
                .map(|x| (x.start, x.end, x.text.as_str()))
                .collect(),
        )?;
    }
    if let Some(v) = &doc.places {
        check(
            "places",
            v.iter()
                .map(|x| (x.start, x.end, x.text.as_str()))
                .collect(),
        )?;
    }
    if let Some(v) = &doc.entities {
        check(
            "entities",
            v.iter()
                .map(|x| (x.start, x.end, x.text.as_str()))
                .collect(),
        )?;
    }
    if let Some(v) = &doc.counts {
        check(
            "counts",
            v.iter()
                .map(|x| (x.start, x.end, x.text.as_str()))
                .collect(),
        )?;
    }
    if let Some(v) = &doc.quotes {
        check(
            "quotes",
            v.iter()
                .map(|x| (x.start, x.end, x.text.as_str()))
                .collect(),
        )?;
    }
    Ok(())
}

/// Runs `before` (the stages `stage` depends on) and then `stage` on a document made from
/// `text` (published 2020-09-27), and panics with a `help:` message when an invariant breaks.
pub fn check_stage(stage: &dyn Stage, before: &[&dyn Stage], text: &str) {
    for t in [text, ""] {
        let mut doc = Doc::new("invariants", t).with_published("2020-09-27");
        for s in before {
            s.run(&mut doc)
                .unwrap_or_else(|e| panic!("prerequisite stage `{}` failed: {e}", s.name()));
        }
        let snapshot: Vec<_> = ALL.iter().map(|l| layer_json(&doc, *l)).collect();
        stage
            .run(&mut doc)
            .unwrap_or_else(|e| panic!("stage `{}` failed on {t:?}: {e}", stage.name()));
        for (i, layer) in ALL.iter().enumerate() {
            let now = layer_json(&doc, *layer);
            if !stage.provides().contains(layer) && now != snapshot[i] {
                panic!(
                    "stage `{}` changed the `{}` layer, which it does not provide\nhelp: a stage writes only the layers listed in provides()",
                    stage.name(),
                    layer.name()
                );
            }
        }
        for layer in stage.provides() {
            assert!(
                doc.has_layer(*layer),
                "stage `{}` ran but left `{}` as None\nhelp: set the layer to Some(vec![]) when nothing is found",
                stage.name(),
                layer.name()
            );
        }
        if let Err(msg) = check_ranges(&doc) {
            panic!("stage `{}` on {t:?}: {msg}", stage.name());
        }
        // Same result twice.
        let mut again = Doc::new("invariants", t).with_published("2020-09-27");
        for s in before {
            let _ = s.run(&mut again);
        }
        let _ = stage.run(&mut again);
        assert_eq!(
            doc,
            again,
            "stage `{}` gave different results on the same input\nhelp: remove any dependence on wall-clock time, hash order or global state",
            stage.name()
        );
    }
}

/// Runs the stages on arbitrary `text` and checks ranges; for proptest.
pub fn check_no_panic(stages: &[&dyn Stage], text: &str) -> Result<(), String> {
    let mut doc = Doc::new("fuzz", text).with_published("2020-09-27");
    for s in stages {
        s.run(&mut doc).map_err(|e| e.to_string())?;
    }
    check_ranges(&doc)
}

/// Where the project's reference data (`shared/`) is: `$SITREP_SHARED`, else a `shared`
/// folder beside the checkout (found by walking up from the current directory and from
/// this crate's manifest directory). `None` on a user's machine, where tests that need it
/// must skip with a message (use [`shared_or_skip`]).
pub fn shared_dir() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_SHARED") {
        let p = std::path::PathBuf::from(p);
        return p.is_dir().then_some(p);
    }
    let starts = [
        std::env::current_dir().ok(),
        Some(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
    ];
    for start in starts.into_iter().flatten() {
        for dir in start.ancestors() {
            let cand = dir.join("shared");
            if cand.join("eval").is_dir() {
                return Some(cand);
            }
        }
    }
    None
}

/// [`shared_dir`] for tests: prints why the test is skipped when `shared/` is absent.
pub fn shared_or_skip(test: &str) -> Option<std::path::PathBuf> {
    let d = shared_dir();
    if d.is_none() {
        skip(
            test,
            "../shared (reference data) not found; set SITREP_SHARED to run it",
        );
    }
    d
}

/// Says that `test` is skipped and why, visibly: written straight to the process's
/// stderr, which the test harness does not capture (it captures `eprintln!`, so a skip
/// printed that way would be hidden behind "ok").
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}
