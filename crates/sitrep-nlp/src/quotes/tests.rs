//! Unit tests for the `quotes` stage on hand-written wire-style passages: one test per
//! pattern (with offsets), the traps, the stage invariants and a no-panic proptest.

use super::*;
use crate::entities::Entities;
use crate::people::People;
use crate::places::Places;
use crate::sentences::Sentences;
use crate::testing::{check_no_panic, check_stage};

fn run(text: &str) -> Vec<Quote> {
    let mut doc = Doc::new("t", text).with_published("2020-09-27");
    for s in [
        &Sentences as &dyn Stage,
        &Places::new().expect("places"),
        &Entities,
        &People,
        &Quotes,
    ] {
        s.run(&mut doc).expect("stage");
    }
    doc.quotes.unwrap_or_default()
}

/// (kind, text, speaker name) of each quote.
fn brief(text: &str) -> Vec<(QuoteKind, String, Option<String>)> {
    run(text)
        .into_iter()
        .map(|q| (q.kind, q.text, q.speaker.map(|s| s.name)))
        .collect()
}

fn d(t: &str, s: Option<&str>) -> (QuoteKind, String, Option<String>) {
    (QuoteKind::Direct, t.into(), s.map(Into::into))
}

fn i(t: &str, s: Option<&str>) -> (QuoteKind, String, Option<String>) {
    (QuoteKind::Indirect, t.into(), s.map(Into::into))
}

fn chars(text: &str, a: usize, b: usize) -> String {
    text.chars().skip(a).take(b - a).collect()
}

#[test]
fn direct_curly_with_offsets_and_speaker_mention() {
    let t = "Gen. Maria Okafor spoke in Abuja.\n\n“We will hold the town,” Okafor said.";
    let qs = run(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    let q = &qs[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(chars(t, q.start, q.end), "We will hold the town");
    assert_eq!(q.start, 36);
    assert_eq!(q.cue.as_deref(), Some("said"));
    let s = q.speaker.as_ref().expect("speaker");
    assert_eq!(s.name, "Maria Okafor");
    assert_eq!(chars(t, s.start, s.end), "Okafor");
}

#[test]
fn split_quote_gives_two_parts_with_one_speaker() {
    let t = "“The road is open,” said Karim Haddad, a local official. “Trucks can pass.”";
    assert_eq!(
        brief(t),
        vec![
            d("The road is open", Some("Karim Haddad")),
            d("Trucks can pass.", Some("Karim Haddad"))
        ]
    );
    let q = run(t);
    let s = q[0].speaker.as_ref().expect("speaker");
    assert_eq!(s.description.as_deref(), Some("a local official"));
}

#[test]
fn multi_paragraph_quote_is_one_quote() {
    let t = "“The first wave hit at dawn.\n\n“The second came at noon,” the commander said.";
    let qs = brief(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert!(qs[0].1.starts_with("The first wave") && qs[0].1.ends_with("at noon"));
    assert_eq!(qs[0].2.as_deref(), Some("commander"));
}

#[test]
fn pronoun_resolves_to_the_last_person() {
    let t = "Envoy Zalmay Khalilzad met officials in Doha.\n\n“Violence must come down,” he added.";
    assert_eq!(
        brief(t),
        vec![d("Violence must come down", Some("Zalmay Khalilzad"))]
    );
}

#[test]
fn indirect_speech_forward_and_that() {
    let t = "Khalid Nasser, the army spokesman, said that troops had retaken the bridge.";
    let qs = run(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].text, "troops had retaken the bridge");
    assert_eq!(qs[0].start, 45);
    let s = qs[0].speaker.as_ref().expect("speaker");
    assert_eq!(s.name, "Khalid Nasser");
    assert_eq!(s.description.as_deref(), Some("the army spokesman"));
    assert_eq!(
        brief("The envoy has predicted the rebels will not accept a truce."),
        vec![i("the rebels will not accept a truce", Some("envoy"))]
    );
}

#[test]
fn attribution_of_facts_at_sentence_end() {
    assert_eq!(
        brief("Gunmen killed 12 villagers in the night, officials said on Sunday."),
        vec![i(
            "Gunmen killed 12 villagers in the night",
            Some("officials")
        )]
    );
    assert_eq!(
        brief("Gunmen killed 12 villagers in the night, said the ministry."),
        vec![i(
            "Gunmen killed 12 villagers in the night",
            Some("ministry")
        )]
    );
    assert_eq!(
        brief("At least nine people died, according to the Syrian Observatory for Human Rights."),
        vec![i(
            "At least nine people died",
            Some("Syrian Observatory for Human Rights")
        )]
    );
    assert_eq!(
        brief("According to local officials, the dam was damaged by shelling."),
        vec![i(
            "the dam was damaged by shelling",
            Some("local officials")
        )]
    );
}

#[test]
fn straight_quotes_without_comma_as_in_fa_kes() {
    let t =
        "The army shelled the town. \"We did not target civilians\" a military source told SANA.";
    assert_eq!(
        brief(t),
        vec![d("We did not target civilians", Some("military source"))]
    );
}

#[test]
fn colon_cues_before_the_quote() {
    assert_eq!(
        brief("The ministry said in a statement: “Our forces repelled the attack.”"),
        vec![d("Our forces repelled the attack.", Some("ministry"))]
    );
    assert_eq!(
        brief("Rebel commander: “We will not withdraw”\n\nFighting went on."),
        vec![d("We will not withdraw", Some("Rebel commander"))]
    );
}

#[test]
fn group_speakers_and_claims() {
    assert_eq!(
        brief("The Taliban claimed responsibility for the attack on the checkpoint."),
        vec![i(
            "responsibility for the attack on the checkpoint",
            Some("Taliban")
        )]
    );
}

#[test]
fn traps_make_no_quotes_and_no_speakers() {
    for t in [
        "Crowds sang “Bella Ciao” in the square.",
        "His book, \"The Long Retreat\", sold well.",
        "The so-called \"green zone\" was quiet.",
        "Officials called the raid \"a success\" and left.",
        "Review: “The Siege of the City” is hard to watch",
        "Twenty people were reported killed in the strike.",
        "The flood claimed the lives of 40 people.",
        "“This quote never closes and nobody says it\n\nThe next paragraph.",
        "He is 6\" tall and \"",
        "“",
        "”“”“",
        "said said said, officials said.",
    ] {
        let qs = run(t);
        assert!(
            qs.iter()
                .all(|q| q.speaker.is_none() || q.kind == QuoteKind::Indirect),
            "{t:?}: {qs:?}"
        );
        assert!(
            qs.iter().all(|q| q.kind != QuoteKind::Direct),
            "{t:?} gave a direct quote: {qs:?}"
        );
    }
}

#[test]
fn nested_quotes_stay_inside() {
    let t = "“He shouted ‘run’ and we ran,” said Omar Saleh.";
    assert_eq!(
        brief(t),
        vec![d("He shouted ‘run’ and we ran", Some("Omar Saleh"))]
    );
}

#[test]
fn headline_quote_without_speaker_has_none() {
    let t = "“We buried them without names”: the graves of Sinjar\n\nRain fell on the hills.";
    assert_eq!(brief(t), vec![d("We buried them without names", None)]);
}

#[test]
fn stage_invariants() {
    let before: [&dyn Stage; 4] = [
        &Sentences,
        &Places::new().expect("places"),
        &Entities,
        &People,
    ];
    check_stage(
        &Quotes,
        &before,
        "Zalmay Khalilzad, the U.S. envoy, said talks would resume.\n\n“We are close,” he said. “Very close.”\n\nNine soldiers died, officials said. «Non», a-t-il dit. “Unclosed",
    );
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,300}") {
        let st: [&dyn Stage; 5] = [&Sentences, &Places::new().expect("places"), &Entities, &People, &Quotes];
        proptest::prop_assert!(check_no_panic(&st, &s).is_ok());
    }

    #[test]
    fn never_panics_on_quote_soup(
        s in "(“|”|\"|‘|’|«|»|, |\\. |\n\n| said | he added| officials|, according to | Khalilzad|[A-Z][a-z]{1,6}| the | that |:){0,60}"
    ) {
        let st: [&dyn Stage; 5] = [&Sentences, &Places::new().expect("places"), &Entities, &People, &Quotes];
        proptest::prop_assert!(check_no_panic(&st, &s).is_ok());
    }
}

#[test]
fn speaker_who_gives_a_name_later() {
    let t = "“They came at night,” said a farmer who gave his name only as Abu Ahmed.";
    let qs = run(t);
    let s = qs[0].speaker.as_ref().expect("speaker");
    assert_eq!(s.name, "Abu Ahmed");
    assert_eq!(chars(t, s.start, s.end), "Abu Ahmed");
    assert_eq!(s.description.as_deref(), Some("farmer"));
}

#[test]
fn mixed_quote_takes_the_reported_speaker() {
    let got = brief(
        "Governor Lena Varga said the ceasefire \"will not survive another week\" unless aid arrives.",
    );
    assert!(
        got.contains(&d("will not survive another week", Some("Lena Varga"))),
        "{got:?}"
    );
}

#[test]
fn lead_in_sentence_and_abbreviated_titles() {
    let got = brief(
        "The council met on Monday.\n\nMayor Tomas Brill disagreed. \"We cannot afford another delay on the bridge.\"\n\n''The money is not there,'' Mr. Brill said.",
    );
    assert!(
        got.contains(&d(
            "We cannot afford another delay on the bridge.",
            Some("Tomas Brill")
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&d("The money is not there", Some("Tomas Brill"))),
        "{got:?}"
    );
}

#[test]
fn according_to_a_document_or_a_poll() {
    let got =
        run("The governor leads by ten points among likely voters, according to a new state poll.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].kind, QuoteKind::Indirect);
    assert_eq!(
        got[0].text,
        "The governor leads by ten points among likely voters"
    );
    assert!(got[0].speaker.is_some(), "{got:?}");
}

#[test]
fn shared_subjects_determiner_speakers_and_questions() {
    let got = brief(
        "Gen. Maria Okafor toured the base and said the town would be held.\n\n\
         The governor defended the curfew, saying the streets were safer.\n\n\
         “We need more doctors,” the nurse says.\n\n\
         Asked whether the road would reopen, the minister declined to comment.",
    );
    assert!(
        got.contains(&i("the town would be held", Some("Maria Okafor"))),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(k, t, s)| *k == QuoteKind::Indirect
            && t == "the streets were safer"
            && s.as_deref().is_some_and(|s| s.contains("governor"))),
        "{got:?}"
    );
    assert!(
        got.contains(&d("We need more doctors", Some("nurse"))),
        "{got:?}"
    );
    assert!(
        got.contains(&i("whether the road would reopen", None)),
        "{got:?}"
    );
}

#[test]
fn headline_colon_lines_and_labels() {
    let got =
        brief("Okafor: The town will hold until the rains.\n\nNote: Figures are provisional.");
    assert!(
        got.iter().any(|(k, t, s)| *k == QuoteKind::Indirect
            && t.starts_with("The town will hold")
            && s.as_deref() == Some("Okafor")),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(_, t, _)| t.contains("provisional")),
        "{got:?}"
    );
}

#[test]
fn a_cueless_quote_inside_reported_speech_takes_its_speaker() {
    let got = brief(
        "Gen. Maria Okafor said the army would stay in the region because the \
         “situation on the ground remains far too dangerous for civilians to return home.”",
    );
    assert!(
        got.iter().any(|(k, t, s)| *k == QuoteKind::Direct
            && t.starts_with("situation on the ground")
            && s.as_deref() == Some("Maria Okafor")),
        "{got:?}"
    );
}

#[test]
fn dash_signature_after_a_quote_names_its_speaker() {
    let t = "Residents sent us their views.\n\n“The water has been off for nine days. We cannot wait any longer.” ― Marta Ilunga\n“Nobody from the council has come to see us.” — Pieter van Wyk.";
    let qs = run(t);
    let got: Vec<_> = qs
        .iter()
        .map(|q| {
            (
                q.speaker.as_ref().map(|s| s.name.as_str()),
                q.cue.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Marta Ilunga"), Some("—")),
            (Some("Pieter van Wyk"), Some("—"))
        ],
        "{qs:?}"
    );
    // A dash mid-sentence followed by more words is no signature.
    let t = "“We will rebuild the bridge,” — the mayor insisted on Tuesday, “before winter.”";
    assert!(run(t)
        .iter()
        .all(|q| q.speaker.as_ref().map(|s| s.name.as_str()) != Some("Tuesday")));
}

#[test]
fn party_labels_after_a_name_are_not_the_speaker() {
    let t = "“The bill will not pass this week,” Sen. Dana Whitlock (D-Ore.) said. “We need more votes.”\n\n“It is a good start,” Rep. Omar Castillo, R-Tex., said on Thursday.";
    let got: Vec<_> = brief(t).into_iter().map(|(_, _, s)| s).collect();
    assert_eq!(
        got,
        vec![
            Some("Dana Whitlock".to_string()),
            Some("Dana Whitlock".to_string()),
            Some("Omar Castillo".to_string())
        ]
    );
}

#[test]
fn long_apposition_before_the_verb_keeps_the_speaker() {
    let t = "“The fighting has moved into the suburbs,” Amina Sule, a researcher at the Institute for Security Studies in Pretoria and a former adviser to the defence ministry, said on Monday.";
    let qs = brief(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].2.as_deref(), Some("Amina Sule"));
}

#[test]
fn unresolved_pronoun_speaker_stays_as_written() {
    // No person is named before "she": the mention is kept, never a guess.
    let t = "The video was filmed from a balcony.\n\n“Get down, get down,” she says.";
    let qs = run(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    let s = qs[0].speaker.as_ref().expect("speaker");
    assert_eq!(s.name, "she");
    assert_eq!(chars(t, s.start, s.end), "she");
}

#[test]
fn he_and_she_skip_people_the_text_gives_the_other_pronoun() {
    // Nothing but the text's own "she" and "Mr." tell the two apart.
    let t = "Dana Whitlock toured the camp on Monday, and she met the families there.\n\nLater, Mr. Omar Castillo spoke to reporters.\n\n“The camp needs water,” she said.";
    let qs = brief(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].2.as_deref(), Some("Dana Whitlock"));
}
