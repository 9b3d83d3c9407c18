//! The quotes dev set (`eval/quotes/dev.jsonl`, written for this project) scored with the
//! same code as `sitrep eval quotes`: overlap F1 and speaker accuracy must stay ≥ 0.90.

use sitrep_eval::quotes::{evaluate_gold, pipeline, Figures};

fn score(file: &str) -> Figures {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../eval/quotes")
        .join(file);
    let pipeline = pipeline().expect("pipeline");
    let mut fig = Figures::default();
    for (id, lines) in evaluate_gold(&pipeline, &path, &mut fig).expect("gold set") {
        eprintln!("{id}\n{}", lines.join("\n"));
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

/// The later sets (`test*.jsonl`): each was scored once blind (figures in
/// `eval/quotes/README.md`); floors guard against regressions.
#[test]
fn later_sets_figures() {
    for file in ["test.jsonl", "test2.jsonl", "test3.jsonl"] {
        let fig = score(file);
        assert!(fig.docs >= 20, "{file}");
        assert!(
            fig.overlap.f1() >= 0.90,
            "{file}: overlap F1 {:.3}",
            fig.overlap.f1()
        );
        assert!(
            fig.speaker.rate() >= 0.90,
            "{file}: speaker accuracy {:.3}",
            fig.speaker.rate()
        );
    }
}
