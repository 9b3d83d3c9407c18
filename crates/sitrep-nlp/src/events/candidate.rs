//! One candidate record of one sentence (before merging), and the photo credits that mark
//! captions, which never produce records.

use super::*;

/// One candidate record (before merging).
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) sub: Sub,
    /// The trigger came from the generic "attack"/"killed" words.
    pub(super) weak_type: bool,
    pub(super) date: Option<NaiveDate>,
    pub(super) precision: DatePrecision,
    pub(super) date_explicit: bool,
    pub(super) place: Option<Place>,
    pub(super) place_explicit: bool,
    /// For a local place: the name of the place that contains it.
    pub(super) parent: Option<String>,
    /// One of the incidents an earlier total in the article adds up.
    pub(super) part: bool,
    pub(super) split: bool,
    pub(super) country: Option<String>,
    pub(super) actor1: Option<Side>,
    pub(super) actor1_default: bool,
    pub(super) actor2: Option<Side>,
    pub(super) fatalities: Option<Toll>,
    pub(super) injured: Option<Toll>,
    pub(super) kw: Option<Toll>,
    pub(super) no_casualties: bool,
    pub(super) claim: bool,
    pub(super) party: bool,
    pub(super) neutral: bool,
    pub(super) rollup: bool,
    pub(super) evidence: Vec<Span>,
    pub(super) sent: usize,
}

/// End (byte) of a bracketed photo credit in `[a, b)`, e.g. "(AFP)", "(TRT World and
/// Agencies)", "(Reuters/File Photo)".
pub(super) fn credit_end(text: &str, a: usize, b: usize) -> Option<usize> {
    let s = text.get(a..b)?;
    let open = s.find('(')?;
    let close = open + s[open..].find(')')?;
    let inner = s[open + 1..close].to_ascii_lowercase();
    let credit = [
        "agencies", "afp", "reuters", "getty", "photo", "file", "ap", "anadolu",
    ]
    .iter()
    .any(|w| has_word(&inner, w));
    (credit && close - open < 60).then_some(a + close + 1)
}
