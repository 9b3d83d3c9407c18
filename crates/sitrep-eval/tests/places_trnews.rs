//! End-to-end toponym evaluation on the TR-News dev gold (skips when ../shared is absent).
//! `PLACES_ERRORS=1 cargo test --workspace --test places_trnews -- --nocapture` lists
//! the errors.

use sitrep_eval::places::trnews::{self, EvalOptions};
use sitrep_nlp::places::Places;
use sitrep_nlp::testing::shared_or_skip;

#[test]
fn trnews_dev_floor() {
    let Some(shared) = shared_or_skip("trnews_dev_floor") else {
        return;
    };
    let xml = std::fs::read_to_string(shared.join("eval/geo-dev/TR-News.xml")).expect("TR-News");
    let arts = trnews::read(&xml).expect("parses");
    assert_eq!(arts.len(), 118);
    let p = Places::new().expect("gazetteer");
    let r = trnews::evaluate(
        &p,
        &arts,
        EvalOptions {
            demonyms: true,
            layer: false,
        },
    );
    println!("{}", r.spans.line("toponyms"));
    println!("{}", r.overlap.line("toponyms (overlap)"));
    println!("{}", r.exact_id.line("exact id"));
    println!("{}", r.within_161.line("within 161 km"));
    if std::env::var_os("PLACES_ERRORS").is_some() {
        for (d, k, ph, det) in &r.errors {
            println!("{d}\t{k}\t{ph}\t{det}");
        }
    }
    assert!(r.spans.f1() >= 0.80, "toponym F1 {:.3}", r.spans.f1());
    assert!(
        r.within_161.rate() >= 0.85,
        "161 km {:.3}",
        r.within_161.rate()
    );
}

/// GeoVirus (Wikinews, disease outbreaks): toponyms without demonyms, the corpus'
/// convention; scored by distance only (no GeoNames ids).
#[test]
fn geovirus_dev_floor() {
    let Some(shared) = shared_or_skip("geovirus_dev_floor") else {
        return;
    };
    let xml = std::fs::read_to_string(shared.join("eval/geo-dev/GeoVirus.xml")).expect("GeoVirus");
    let arts = sitrep_eval::places::geovirus::read(&xml).expect("parses");
    let p = Places::new().expect("gazetteer");
    let r = trnews::evaluate(
        &p,
        &arts,
        EvalOptions {
            demonyms: false,
            layer: false,
        },
    );
    println!("{}", r.spans.line("toponyms"));
    println!("{}", r.within_161.line("within 161 km"));
    println!("{}", r.end_to_end_161.line("found & within 161 km"));
    assert!(r.spans.f1() >= 0.85, "toponym F1 {:.3}", r.spans.f1());
    assert!(
        r.end_to_end_161.rate() >= 0.75,
        "found & within 161 km {:.3}",
        r.end_to_end_161.rate()
    );
}
