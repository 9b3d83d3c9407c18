//! Unit tests for the `quotes` stage on hand-written wire-style passages.

use super::*;
use crate::entities::Entities;
use crate::people::People;
use crate::places::Places;
use crate::sentences::Sentences;
use crate::testing::{check_no_panic, check_stage};

pub(crate) fn run(text: &str) -> Vec<Quote> {
    let mut doc = Doc::new("t", text).with_published("2020-09-27");
    for s in [
        &Sentences as &dyn Stage,
        &Places,
        &Entities,
        &People,
        &Quotes,
    ] {
        s.run(&mut doc).expect("stage");
    }
    doc.quotes.unwrap_or_default()
}

fn brief(qs: &[Quote]) -> Vec<(QuoteKind, String, Option<String>)> {
    qs.iter()
        .map(|q| {
            (
                q.kind,
                q.text.clone(),
                q.speaker.as_ref().map(|s| s.name.clone()),
            )
        })
        .collect()
}

#[test]
fn debug_print() {
    let t = std::env::var("QT").unwrap_or_default();
    for q in run(&t) {
        eprintln!("{q:?}");
    }
}
