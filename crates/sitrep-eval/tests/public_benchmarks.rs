//! Regression floors on the public benchmarks of issue #14, on their development data
//! only: PolNeAR `data/dev` (quotes) and TempEval-3's `TBAQ-cleaned` (times). The data is
//! not distributed with sitrep; point `SITREP_POLNEAR` at PolNeAR's `data` directory and
//! `SITREP_TBAQ` at `TBAQ-cleaned` (or keep them at `/work/data/polnear/data` and
//! `/work/data/tbaq/.../TBAQ-cleaned`). Each test skips with a message when its data is
//! absent. The floors sit a little under the figures in the README, so that a change that
//! costs accuracy fails here; `sitrep eval quotes` and `sitrep eval times --tml` print the
//! figures themselves.

use sitrep_eval::quotes::polnear;
use std::path::PathBuf;

fn data_or_skip(var: &str, default: &str, test: &str) -> Option<PathBuf> {
    let p = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "skipping {test}: {} not found (set {var} to run it; see crates/sitrep-eval/tests/public_benchmarks.rs)",
            p.display()
        );
        None
    }
}

#[test]
fn polnear_dev_quotes_stay_above_their_floors() {
    let Some(data) = data_or_skip(
        "SITREP_POLNEAR",
        "/work/data/polnear/data",
        "polnear_dev_quotes_stay_above_their_floors",
    ) else {
        return;
    };
    let pipeline = sitrep_eval::quotes::pipeline().expect("pipeline");
    let mut fig = polnear::BenchFigures::default();
    polnear::evaluate_dir(&pipeline, &data.join("dev"), &mut fig).expect("PolNeAR dev");
    eprintln!(
        "PolNeAR dev: direct F1 {:.3}, indirect F1 {:.3}, speaker {:.3}",
        fig.direct.f1(),
        fig.indirect.f1(),
        fig.speaker.rate()
    );
    assert!(fig.direct.f1() >= 0.88, "direct {:?}", fig.direct);
    assert!(fig.indirect.f1() >= 0.72, "indirect {:?}", fig.indirect);
    assert!(fig.speaker.rate() >= 0.90, "speaker {:?}", fig.speaker);
}

#[test]
fn tbaq_time_values_stay_above_their_floor() {
    let Some(dir) = data_or_skip(
        "SITREP_TBAQ",
        "/work/data/tbaq/data/TempEval3/Training/TBAQ-cleaned",
        "tbaq_time_values_stay_above_their_floor",
    ) else {
        return;
    };
    let pipeline = sitrep_eval::times::pipeline().expect("pipeline");
    let run = sitrep_eval::times::eval_tml(&pipeline, &[dir], false).expect("TimeML");
    let (files, total) = (run.files, run.scores);
    eprintln!(
        "TBAQ-cleaned: {files} files, value F1 {:.3}",
        total.value.f1()
    );
    assert!(
        files >= 250,
        "expected the 256 TBAQ-cleaned files, found {files}"
    );
    assert!(total.value.f1() >= 0.795, "value {:?}", total.value);
}
