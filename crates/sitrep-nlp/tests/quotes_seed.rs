//! The seed article's must-show for issue 6: its three direct quotes and the indirect ones
//! in the gold file, each with the gold speaker, none split wrongly. Skips when the
//! reference data (`shared/`) is absent.

use sitrep_model::{Doc, QuoteKind};
use sitrep_nlp::testing::shared_or_skip;

#[test]
fn seed_quotes_and_speakers() {
    let Some(shared) = shared_or_skip("seed_quotes_and_speakers") else {
        return;
    };
    let dir = shared.join("eval/seed");
    let raw = std::fs::read_to_string(dir.join("khalilzad-2020-09-27.txt")).expect("seed text");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("khalilzad-2020-09-27.gold.json")).expect("gold"),
    )
    .expect("gold json");
    // The cleaner (another stage) removes the promo line, headline, caption, dateline and
    // syndication note; start at the first body paragraph.
    let body_start = raw
        .find("Zalmay Khalilzad, the U.S. envoy")
        .expect("body paragraph");
    let text = &raw[body_start..];
    let mut doc = Doc::new("seed", text).with_published("2020-09-27");
    sitrep_nlp::pipeline_of(&["sentences", "places", "entities", "people", "quotes"])
        .expect("pipeline")
        .run(&mut doc)
        .expect("runs");
    let quotes = doc.quotes.expect("quotes layer");
    let golds = gold["quotes"].as_array().expect("quotes array");
    assert!(golds.len() >= 7);
    for g in golds {
        let want = g["contains"].as_str().expect("contains");
        let speaker = g["speaker"].as_str().expect("speaker");
        let kind = match g["kind"].as_str() {
            Some("direct") => QuoteKind::Direct,
            _ => QuoteKind::Indirect,
        };
        let hits: Vec<_> = quotes.iter().filter(|q| q.text.contains(want)).collect();
        assert_eq!(
            hits.len(),
            1,
            "gold quote {want:?} found {} times in {quotes:#?}",
            hits.len()
        );
        let q = hits[0];
        assert_eq!(q.kind, kind, "{want:?}");
        assert_eq!(
            q.speaker.as_ref().map(|s| s.name.as_str()),
            Some(speaker),
            "speaker of {want:?}"
        );
        // Offsets are character offsets into the text.
        let got: String = text.chars().skip(q.start).take(q.end - q.start).collect();
        assert_eq!(got, q.text);
    }
    // None split wrongly: the third direct quote is one multi-sentence quote.
    let third = quotes
        .iter()
        .find(|q| q.text.contains("reduction of violence"))
        .expect("third");
    assert!(third.text.starts_with("So, yes, the violence is high"));
    // Direct quotes of the seed all belong to Khalilzad, with his role as description.
    let k = quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .and_then(|q| q.speaker.clone())
        .expect("speaker");
    assert!(k.description.is_some());
}
