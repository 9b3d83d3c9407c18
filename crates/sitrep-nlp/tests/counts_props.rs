//! Property tests: the counts stage never panics and keeps the layer invariants on
//! arbitrary text, including number-heavy wire-like text.

use proptest::prelude::*;
use sitrep_nlp::counts::Counts;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::testing::{check_no_panic, check_stage};
use sitrep_nlp::Stage;

fn times() -> Box<dyn Stage> {
    sitrep_nlp::build_stage("times").expect("times stage")
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let times = times();
        prop_assert_eq!(check_no_panic(&[&Sentences, times.as_ref(), &Counts], &s), Ok(()));
    }

    #[test]
    fn number_soup_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("at"), Just("least"), Just("killed"), Just("or"), Just("wounded"),
                Just("dozens"), Just("of"), Just("4,000-5,000"), Just("twenty-eight"),
                Just("a"), Just("dozen"), Just("no"), Just("one"), Just("were"),
                Just("including"), Just("and"), Just("2016"), Just("Sept."), Just("-"),
                Just("toll"), Just("to"), Just("people"), Just("an"), Just("unspecified"),
                Just("number"), Just("between"), Just("9999999999999999999999"), Just("1.5"),
                Just("million"), Just("“"), Just("é"), Just("."), Just(",")
            ],
            0..40,
        )
    ) {
        let text = words.join(" ");
        let times = times();
        prop_assert_eq!(check_no_panic(&[&Sentences, times.as_ref(), &Counts], &text), Ok(()));
    }
}

#[test]
fn invariants_on_a_wire_paragraph() {
    let times = times();
    check_stage(
        &Counts,
        &[&Sentences, times.as_ref()],
        "KABUL, Sept. 27 — At least 16 people were killed and dozens wounded on Saturday \
         when gunmen stormed a checkpoint, killing 12 policemen, officials said. In 2019, \
         some 8,500 troops were deployed; the toll rose to 70. No one was hurt in a second \
         blast, and an unspecified number of militants were arrested.",
    );
}
