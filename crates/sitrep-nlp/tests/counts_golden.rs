//! Golden test: a wire-style report written for this test (not a real article), with the
//! `counts` and `entities` layers it must produce as a reviewable insta snapshot. Each
//! line of the snapshot shows the marked text, so a reviewer sees what was read.

use sitrep_model::Doc;
use sitrep_nlp::counts::Counts;
use sitrep_nlp::entities::Entities;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::Stage;

const REPORT: &str = "\
ALEPPO, Syria — At least 16 civilians, including four children, were killed and 40 others \
wounded on Tuesday when Syrian and Russian warplanes struck a market in the rebel-held town, \
the Syrian Observatory for Human Rights said.

Rescue workers pulled twenty-eight bodies from the rubble, and the death toll could rise to \
35, a civil defence official said. No one was killed in a second strike on a bakery.

In a separate attack, Islamic State militants abducted a dozen shepherds near Palmyra and \
killed or wounded dozens of members of the pro-government forces, according to state media.

Fighting since 2011 has displaced more than 6,000,000 Syrians; some 230000 people fled \
Idlib province in the past 3 weeks alone. The militants also claimed to have killed an \
unspecified number of soldiers.
";

fn mark(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn golden_report() {
    let mut doc = Doc::new("golden", REPORT).with_published("2020-09-27");
    // Only this crate's counts/entities logic is under test here: the times and places
    // layers are left empty so their owners' changes cannot move this snapshot.
    Sentences.run(&mut doc).expect("sentences");
    doc.times = Some(vec![]);
    doc.places = Some(vec![]);
    for s in [&Entities as &dyn Stage, &Counts] {
        s.run(&mut doc).expect("stage runs");
    }
    let counts: Vec<String> = doc
        .counts
        .iter()
        .flatten()
        .map(|c| {
            assert_eq!(mark(&doc.text, c.start, c.end), c.text);
            format!(
                "{:?} [{}] low={:?} high={:?} vague={} object={:?}",
                c.kind, c.text, c.low, c.high, c.vague, c.object
            )
        })
        .collect();
    let entities: Vec<String> = doc
        .entities
        .iter()
        .flatten()
        .map(|e| {
            assert_eq!(mark(&doc.text, e.start, e.end), e.text);
            format!("{:?} [{}] {:?}", e.kind, e.text, e.canonical)
        })
        .collect();
    insta::assert_debug_snapshot!("golden_report_counts", counts);
    insta::assert_debug_snapshot!("golden_report_entities", entities);
}
