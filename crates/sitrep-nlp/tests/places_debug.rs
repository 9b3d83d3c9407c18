//! Prints what the geoparser finds in `PLACES_TEXT` (a debugging aid):
//! `PLACES_TEXT="..." cargo test -p sitrep-nlp --test places_debug -- --nocapture`.

use sitrep_nlp::places::Places;

#[test]
fn show_mentions() {
    let Some(text) = std::env::var_os("PLACES_TEXT") else {
        sitrep_nlp::testing::skip("show_mentions", "set PLACES_TEXT to a text to parse");
        return;
    };
    let text = text.to_string_lossy().to_string();
    let p = Places::new().expect("gazetteer");
    let g = p.gazetteer();
    let ms = p.mentions(&text);
    for m in &ms {
        let e = g.entry(m.entry);
        println!(
            "{:?} {:?} -> {} {} {} {:?} pop {} story {} demonym {}",
            &text[m.start..m.end],
            m.kind,
            e.geonameid,
            e.name,
            e.country,
            e.kind,
            e.population,
            m.story,
            m.demonym
        );
    }
    assert!(ms.len() < text.len() + 1);
}
