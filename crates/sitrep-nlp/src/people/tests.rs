//! Unit tests for the `people` stage on hand-written wire-style sentences.

use super::*;
use crate::entities::Entities;
use crate::places::Places;
use crate::sentences::Sentences;
use crate::testing::{check_no_panic, check_stage};

fn run(text: &str) -> Vec<Entity> {
    let mut doc = Doc::new("t", text).with_published("2020-09-27");
    Sentences.run(&mut doc).expect("sentences");
    Places::new()
        .expect("places")
        .run(&mut doc)
        .expect("places");
    Entities.run(&mut doc).expect("entities");
    People.run(&mut doc).expect("people");
    doc.entities.unwrap_or_default()
}

fn persons(text: &str) -> Vec<(String, String)> {
    run(text)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| (e.text, e.canonical.unwrap_or_default()))
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn given_name_and_later_surname_resolve_to_full_name() {
    let t = "Zalmay Khalilzad, the U.S. envoy, spoke on Friday. Khalilzad’s remarks came late.";
    let es = run(t);
    let p: Vec<_> = es.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert_eq!(p.len(), 2, "{es:?}");
    assert_eq!((p[0].start, p[0].end), (0, 16));
    assert_eq!(p[1].text, "Khalilzad");
    assert_eq!(p[1].start, 51);
    assert_eq!(p[1].canonical.as_deref(), Some("Zalmay Khalilzad"));
}

#[test]
fn titles_before_names() {
    assert_eq!(
        persons("Homs Governor Talal Barazi said the strike hit the base."),
        vec![pair("Talal Barazi", "Talal Barazi")]
    );
    assert_eq!(
        persons("Syrian President Bashar al-Assad met the envoy. Assad said little."),
        vec![
            pair("Bashar al-Assad", "Bashar al-Assad"),
            pair("Assad", "Bashar al-Assad")
        ]
    );
    assert_eq!(
        persons("Taliban spokesman Zabihullah Mujahid denied it."),
        vec![pair("Zabihullah Mujahid", "Zabihullah Mujahid")]
    );
    assert_eq!(
        persons("U.S. Secretary of State Mike Pompeo arrived in Doha."),
        vec![pair("Mike Pompeo", "Mike Pompeo")]
    );
    assert_eq!(
        persons("Gen. Austin Miller visited the base."),
        vec![pair("Austin Miller", "Austin Miller")]
    );
}

#[test]
fn apposition_and_speech_verb_cues() {
    assert_eq!(
        persons("Nordvik, a veteran diplomat, said talks would resume."),
        vec![pair("Nordvik", "Nordvik")]
    );
    assert_eq!(
        persons("The strike was a mistake, said Tomas Varga."),
        vec![pair("Tomas Varga", "Tomas Varga")]
    );
}

#[test]
fn places_and_orgs_are_not_people() {
    let es = run("The Syrian Observatory for Human Rights said Russia and Iran were to blame.");
    assert!(es.iter().all(|e| e.kind != EntityKind::Person), "{es:?}");
    let org = es
        .iter()
        .find(|e| e.kind == EntityKind::Org)
        .expect("an ORG");
    assert_eq!(org.text, "Syrian Observatory for Human Rights");
    assert_eq!(org.start, 4);
    assert!(persons("Kabul said nothing. Washington said it would respond.").is_empty());
}

#[test]
fn existing_entities_are_not_duplicated_and_layer_stays_sorted() {
    let mut doc = Doc::new("t", "President Ashraf Ghani met Taliban envoys.");
    Sentences.run(&mut doc).expect("sentences");
    doc.places = Some(vec![]);
    doc.entities = Some(vec![
        Entity {
            start: 27,
            end: 34,
            text: "Taliban".into(),
            kind: EntityKind::Group,
            canonical: Some("Taliban".into()),
            actor: Some(sitrep_model::Actor::group("Taliban")),
        },
        Entity {
            start: 10,
            end: 22,
            text: "Ashraf Ghani".into(),
            kind: EntityKind::Person,
            canonical: Some("Ashraf Ghani".into()),
            actor: None,
        },
    ]);
    People.run(&mut doc).expect("people");
    let es = doc.entities.expect("layer");
    assert_eq!(es.len(), 2, "{es:?}");
    assert!(es[0].start < es[1].start);
}

#[test]
fn stage_invariants() {
    let before: [&dyn Stage; 3] = [&Sentences, &Places::new().expect("places"), &Entities];
    check_stage(
        &People,
        &before,
        "“We will respond,” said Defence Minister Ali Reza Karimi. Karimi’s deputy, a former general, agreed. The Interior Ministry said nothing.",
    );
}

/// `people` adds to the layer `entities` makes (and `entities` keeps its PERSON entities):
/// the pipeline refuses the other order.
#[test]
fn people_runs_after_entities_and_the_pipeline_checks_it() {
    assert!(crate::pipeline_of(&["sentences", "places", "entities", "people"]).is_ok());
    let err = crate::pipeline_of(&["sentences", "places", "people", "entities"]);
    assert!(err.is_err(), "people before entities must be refused");
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let st: [&dyn Stage; 4] = [&Sentences, &Places::new().expect("places"), &Entities, &People];
        proptest::prop_assert!(check_no_panic(&st, &s).is_ok());
    }

    #[test]
    fn never_panics_on_namey_text(s in "([A-Z][a-z]{0,6}|al-|said|, the envoy|\\.|,|\"|“|”| ){0,40}") {
        let st: [&dyn Stage; 4] = [&Sentences, &Places::new().expect("places"), &Entities, &People];
        proptest::prop_assert!(check_no_panic(&st, &s).is_ok());
    }
}
