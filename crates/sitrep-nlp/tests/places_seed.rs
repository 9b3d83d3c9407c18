//! The seed article's places (issue 4 "must show"): Afghanistan, Qatar, Bamyan Province
//! (AF, admin1 Bamyan), Badakhshan Province, "southern Afghanistan" as a region of AF, and
//! the caption's "Washington, D.C." not a story place once the cleaner has removed the
//! caption (the gold lists the removed lines under `not_body`). Skips without ../shared.

use sitrep_model::{Doc, PlaceKind};
use sitrep_nlp::places::Places;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::testing::{check_stage, shared_or_skip};
use sitrep_nlp::Stage;

#[test]
fn seed_places() {
    let Some(shared) = shared_or_skip("seed_places") else {
        return;
    };
    let dir = shared.join("eval/seed");
    let raw = std::fs::read_to_string(dir.join("khalilzad-2020-09-27.txt")).expect("seed text");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("khalilzad-2020-09-27.gold.json")).expect("gold"),
    )
    .expect("gold json");
    let not_body: Vec<&str> = gold["not_body"]
        .as_array()
        .expect("not_body")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    // What the cleaner leaves: the body without promo, caption and syndication lines.
    let text: String = raw
        .lines()
        .filter(|l| !not_body.contains(&l.trim()))
        .collect::<Vec<_>>()
        .join("\n");
    let st = Places::new().expect("gazetteer");
    check_stage(&st, &[&Sentences], &text);
    let mut doc = Doc::new("seed", text.as_str()).with_published("2020-09-27");
    Sentences.run(&mut doc).expect("sentences");
    st.run(&mut doc).expect("places");
    let ps = doc.places.expect("places layer");
    for p in &ps {
        println!(
            "{} {:?} {:?} {:?} {:?}",
            p.text, p.kind, p.country, p.admin1, p.geonameid
        );
    }
    let has = |t: &str| ps.iter().find(|p| p.text == t);
    let af = has("Afghanistan").expect("Afghanistan");
    assert_eq!(af.geonameid, Some(1_149_361));
    assert_eq!(has("Qatar").and_then(|p| p.geonameid), Some(289_688));
    let bam = has("Bamyan Province").expect("Bamyan Province");
    assert_eq!(
        (bam.kind, bam.country.as_deref(), bam.admin1.as_deref()),
        (PlaceKind::Admin1, Some("AF"), Some("Bamyan"))
    );
    let bad = has("Badakhshan Province").expect("Badakhshan Province");
    assert_eq!(
        (bad.kind, bad.country.as_deref(), bad.admin1.as_deref()),
        (PlaceKind::Admin1, Some("AF"), Some("Badakhshan"))
    );
    let south = has("southern Afghanistan").expect("southern Afghanistan");
    assert_eq!(
        (
            south.kind,
            south.country.as_deref(),
            south.region.as_deref()
        ),
        (PlaceKind::Region, Some("AF"), Some("south"))
    );
    // the caption is gone, and with it "Washington, D.C."; Radio Free Europe (syndication
    // line) is an organisation anyway
    assert!(!ps.iter().any(|p| p.text.contains("D.C")), "{ps:?}");
    assert!(!ps.iter().any(|p| p.text == "Europe"), "{ps:?}");
}
