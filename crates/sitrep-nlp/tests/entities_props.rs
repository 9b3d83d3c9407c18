//! Property tests: the entities stage never panics and keeps the layer invariants on
//! arbitrary text.

use proptest::prelude::*;
use sitrep_nlp::entities::Entities;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::testing::{check_no_panic, check_stage};

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let places = sitrep_nlp::build_stage("places").expect("places stage");
        prop_assert_eq!(check_no_panic(&[&Sentences, places.as_ref(), &Entities], &s), Ok(()));
    }

    #[test]
    fn actor_soup_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Syrian"), Just("army"), Just("Taliban"), Just("militants"), Just("IS"),
                Just("is"), Just("al-Qaedas"), Just("Syrias"), Just("rebel-held"), Just("and"),
                Just("Russian"), Just("forces"), Just("“Hezbollah”"), Just("é"), Just("US"),
                Just("civilians"), Just("the"), Just("regime"), Just("-"), Just("s")
            ],
            0..40,
        )
    ) {
        let places = sitrep_nlp::build_stage("places").expect("places stage");
        let text = words.join(" ");
        prop_assert_eq!(check_no_panic(&[&Sentences, places.as_ref(), &Entities], &text), Ok(()));
    }
}

#[test]
fn invariants_on_a_wire_paragraph() {
    let places = sitrep_nlp::build_stage("places").expect("places stage");
    check_stage(
        &Entities,
        &[&Sentences, places.as_ref()],
        "ALEPPO — Syrian and Russian warplanes struck rebel-held districts, the Syrian \
         Observatory for Human Rights said, while Taliban militants and IS fighters \
         attacked Afghan police. Civilians fled; protesters gathered in Kabul.",
    );
}
