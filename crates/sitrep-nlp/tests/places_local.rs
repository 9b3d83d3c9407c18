//! Local places in the `places` layer (issue 13 "must show"): a wire report naming three
//! villages in one list written without commas and a neighbourhood gives four records of
//! kind `local`, each with the parent it is written with, whose country, province and
//! coordinates it takes. The text is our own, in the style of the FA-KES wire reports
//! (commas stripped from lists); the village and neighbourhood names are invented.

use sitrep_model::{Doc, LocalKind, Place, PlaceKind};
use sitrep_nlp::places::Places;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::Stage;

const TEXT: &str = "Helicopters dropped barrel bombs on the villages of Kafr Dalib Rashaa and \
Maar Kutaa in Idlib province on Tuesday killing four civilians a war monitor said. Later \
mortar shells hit the Tahouna al-Qadima neighbourhood of Hama wounding two people.";

fn places(text: &str) -> Vec<Place> {
    let stage = Places::new().expect("places stage builds");
    let mut doc = Doc::new("local-test", text);
    Sentences.run(&mut doc).expect("sentences");
    stage.run(&mut doc).expect("places");
    doc.places.expect("places layer set")
}

#[test]
fn three_comma_less_villages_and_a_neighbourhood_are_four_local_records() {
    let ps = places(TEXT);
    let locals: Vec<&Place> = ps.iter().filter(|p| p.kind == PlaceKind::Local).collect();
    let got: Vec<(&str, Option<LocalKind>)> =
        locals.iter().map(|p| (p.text.as_str(), p.local)).collect();
    assert_eq!(
        got,
        vec![
            ("Kafr Dalib", Some(LocalKind::Settlement)),
            ("Rashaa", Some(LocalKind::Settlement)),
            ("Maar Kutaa", Some(LocalKind::Settlement)),
            ("Tahouna al-Qadima", Some(LocalKind::Quarter)),
        ],
        "{ps:#?}"
    );
    let chars: Vec<char> = TEXT.chars().collect();
    for p in &locals {
        // Offsets are character offsets into the text (provenance).
        let written: String = chars[p.start..p.end].iter().collect();
        assert_eq!(written, p.text);
        assert_eq!(p.geonameid, None, "{p:?}");
        let parent = p.parent.as_ref().expect("a local place has a parent");
        let expected = if p.local == Some(LocalKind::Quarter) {
            "Hama"
        } else {
            "Idlib"
        };
        assert_eq!(parent.name, expected, "{p:?}");
        // Written with it: "… in Idlib province", "… neighbourhood of Hama" (the first two
        // villages share the parent written after the last one of their list).
        assert!(parent.stated, "{p:?}");
        // The parent is a gazetteer record of the same layer, found by its offsets, and
        // the local place takes its country, province and coordinates.
        let rec = ps
            .iter()
            .find(|q| q.start == parent.start && q.end == parent.end)
            .expect("the parent's record");
        assert_ne!(rec.kind, PlaceKind::Local);
        assert!(rec.geonameid.is_some(), "{rec:?}");
        assert_eq!(p.country.as_deref(), Some("SY"), "{p:?}");
        assert_eq!(p.country, rec.country);
        assert_eq!(p.admin1, rec.admin1);
        assert_eq!((p.lat, p.lon), (rec.lat, rec.lon));
    }
}

#[test]
fn local_records_serialise_with_kind_and_parent_and_old_records_still_read() {
    let ps = places(TEXT);
    let local = ps
        .iter()
        .find(|p| p.kind == PlaceKind::Local)
        .expect("a local place");
    let json = serde_json::to_value(local).expect("serialises");
    assert_eq!(json["kind"], "local");
    assert_eq!(json["local"], "settlement");
    assert_eq!(json["parent"]["name"], "Idlib");
    let back: Place = serde_json::from_value(json).expect("reads back");
    assert_eq!(&back, local);
    // A record stored before local places existed has neither field.
    let old = r#"{"start":0,"end":4,"text":"Homs","name":"Homs","geonameid":169577,
        "country":"SY","admin1":"Homs","admin2":null,"lat":34.7,"lon":36.7,"kind":"place"}"#;
    let p: Place = serde_json::from_str(old).expect("old JSON reads");
    assert_eq!((p.local, p.parent), (None, None));
    // Gazetteer records do not carry the new fields.
    let homs = places("Shelling hit Homs on Monday.");
    let json = serde_json::to_string(&homs[0]).expect("serialises");
    assert!(
        !json.contains("parent") && !json.contains("\"local\""),
        "{json}"
    );
}
