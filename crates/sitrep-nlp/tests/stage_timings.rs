//! Where the pipeline's time goes, stage by stage, on the FA-KES corpus of `../shared`
//! (an ignored diagnostic; the benchmark is `benches/pipeline.rs`).

use sitrep_model::Doc;
use sitrep_nlp::testing::shared_or_skip;

/// Where the pipeline's time goes on FA-KES, stage by stage (run with `--release
/// --ignored --nocapture`; the benchmark is `benches/pipeline.rs`).
#[test]
#[ignore]
fn stage_timings_on_fa_kes() {
    let Some(shared) = shared_or_skip("stage_timings_on_fa_kes") else {
        return;
    };
    let mut rdr =
        csv::Reader::from_path(shared.join("corpus/fa-kes/FA-KES-Dataset.csv")).expect("csv");
    let texts: Vec<String> = rdr
        .records()
        .flatten()
        .map(|r| r.get(2).unwrap_or("").to_string())
        .collect();
    let stages: Vec<Box<dyn sitrep_nlp::Stage>> = sitrep_nlp::STAGES
        .iter()
        .map(|n| sitrep_nlp::build_stage(n).expect("stage"))
        .collect();
    // Warm up: build every lexicon and automaton once, outside the timing.
    let mut warm = Doc::new("w", texts[0].clone()).with_published("2016-06-01");
    for s in &stages {
        s.run(&mut warm).expect("stage runs");
    }
    let mut spent = vec![std::time::Duration::ZERO; stages.len()];
    for t in &texts {
        let mut doc = Doc::new("x", t.clone()).with_published("2016-06-01");
        for (i, s) in stages.iter().enumerate() {
            let t0 = std::time::Instant::now();
            s.run(&mut doc).expect("stage runs");
            spent[i] += t0.elapsed();
        }
    }
    let total: f64 = spent.iter().map(|d| d.as_secs_f64()).sum();
    for (s, d) in stages.iter().zip(&spent) {
        eprintln!("{:<10} {:>8.1} ms", s.name(), d.as_secs_f64() * 1e3);
    }
    eprintln!(
        "{} articles in {:.3} s: {:.0} articles/s",
        texts.len(),
        total,
        texts.len() as f64 / total
    );
    assert!(!texts.is_empty());
}
