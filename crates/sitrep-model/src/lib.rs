//! sitrep's document model: the one data structure every stage reads and writes.
//!
//! A [`Doc`] is cleaned article text plus metadata plus typed annotation layers. Each layer
//! is an `Option<Vec<T>>`: `None` means the stage that makes it has not run, `Some(vec![])`
//! means it ran and found nothing (spaCy's convention). That distinction is what lets
//! sitrep say "unknown" honestly instead of "zero".
//!
//! **Offsets are Unicode character offsets (code points) into [`Doc::text`]**, as the
//! output contract in `DESIGN.md` requires, so Python and JavaScript can slice them
//! directly. Rust string handling is in bytes, so stages convert with [`TextIndex`]
//! (cheap: ASCII texts need no table at all).
//!
//! This crate is serde only, with no I/O, so every other crate can depend on it.

mod actor;
pub mod calendar;
pub mod countries;
mod event;
pub mod geo;
mod index;
mod layers;

pub use actor::{Actor, ActorKind};
pub use event::{DatePrecision, Event, LocationPrecision, Modality};
pub use index::TextIndex;
pub use layers::{
    Count, CountKind, Entity, EntityKind, LocalKind, Place, PlaceKind, PlaceParent, Quote,
    QuoteKind, Removed, RemovedKind, Sentence, Speaker, Time, TimeType,
};

use serde::{Deserialize, Serialize};

/// A character range `[start, end)` in code points into [`Doc::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character (inclusive), in code points.
    pub start: usize,
    /// One past the last character, in code points.
    pub end: usize,
}

impl Span {
    /// A range from `start` to `end` (code points).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the range covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two ranges share at least one character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The annotation layers a stage can require or provide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Sentence boundaries.
    Sentences,
    /// Time expressions with TIMEX3 values.
    Times,
    /// Place mentions resolved to the gazetteer.
    Places,
    /// People, organisations, armed groups, nationalities.
    Entities,
    /// Casualty and other counts.
    Counts,
    /// Direct and indirect quotes with speakers.
    Quotes,
    /// ACLED-shaped event records.
    Events,
}

impl Layer {
    /// Lower-case name, as used in JSON and error messages.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Sentences => "sentences",
            Layer::Times => "times",
            Layer::Places => "places",
            Layer::Entities => "entities",
            Layer::Counts => "counts",
            Layer::Quotes => "quotes",
            Layer::Events => "events",
        }
    }
}

/// Which stage (and which version of it) wrote a layer: the provenance of every annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRun {
    /// Stage name, e.g. `times`.
    pub stage: String,
    /// Stage version; bump it when its output changes.
    pub version: String,
}

/// One document: metadata, cleaned text and its annotation layers.
///
/// Field names follow ACLED / the DESIGN.md output contract. Metadata the source does not
/// give is `None` (serialised as `null`), never a guess.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Stable identifier (given by the input, or derived from its path / content hash).
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`. Relative dates resolve against it.
    pub published: Option<String>,
    /// The site or outlet that published this copy.
    pub publisher: Option<String>,
    /// The outlet the article was originally published by, when it is a reprint.
    pub syndicated_from: Option<String>,
    /// ISO 639-1 language code, when detected or given.
    pub language: Option<String>,
    /// Source URL (canonical when the page names one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Author line, when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Where the document came from (file path, `path:line` for JSON lines, WARC record id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The cleaned text every offset points into.
    pub text: String,
    /// The document's main country (ISO2), computed once by the `entities` stage from the
    /// places and the country names and nationality words of the text; `None` when the
    /// text names none. Actors the text ties to no country take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Lines the cleaner took out of the text, with their kind.
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// Sentence boundaries (internal layer; serialised for debugging and `docs show`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<Sentence>>,
    /// Time expressions.
    #[serde(default)]
    pub times: Option<Vec<Time>>,
    /// Places.
    #[serde(default)]
    pub places: Option<Vec<Place>>,
    /// People, organisations, groups.
    #[serde(default)]
    pub entities: Option<Vec<Entity>>,
    /// Quotes and attributions.
    #[serde(default)]
    pub quotes: Option<Vec<Quote>>,
    /// Counts (killed, wounded, amounts…).
    #[serde(default)]
    pub counts: Option<Vec<Count>>,
    /// Event records.
    #[serde(default)]
    pub events: Option<Vec<Event>>,
    /// Which stages ran, in order, with their versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRun>,
}

impl Doc {
    /// A document with only an id and text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Doc {
            id: id.into(),
            text: text.into(),
            ..Doc::default()
        }
    }

    /// Builder helper: set the publication date (`YYYY-MM-DD`).
    pub fn with_published(mut self, published: impl Into<String>) -> Self {
        self.published = Some(published.into());
        self
    }

    /// True when the stage that makes `layer` has run on this document.
    pub fn has_layer(&self, layer: Layer) -> bool {
        match layer {
            Layer::Sentences => self.sentences.is_some(),
            Layer::Times => self.times.is_some(),
            Layer::Places => self.places.is_some(),
            Layer::Entities => self.entities.is_some(),
            Layer::Counts => self.counts.is_some(),
            Layer::Quotes => self.quotes.is_some(),
            Layer::Events => self.events.is_some(),
        }
    }

    /// An index for converting between byte and character offsets of [`Doc::text`].
    pub fn index(&self) -> TextIndex {
        TextIndex::new(&self.text)
    }

    /// The text of a character range (empty when out of bounds).
    pub fn span_text(&self, span: Span) -> &str {
        let idx = self.index();
        let (a, b) = (idx.byte(span.start), idx.byte(span.end));
        self.text.get(a..b).unwrap_or("")
    }

    /// Every range of every layer, with its layer name: used by invariant checks.
    pub fn all_spans(&self) -> Vec<(&'static str, Span)> {
        let mut out = Vec::new();
        fn push<T>(
            out: &mut Vec<(&'static str, Span)>,
            name: &'static str,
            layer: &Option<Vec<T>>,
            f: impl Fn(&T) -> Span,
        ) {
            if let Some(items) = layer {
                out.extend(items.iter().map(|i| (name, f(i))));
            }
        }
        push(&mut out, "sentences", &self.sentences, |s| s.span());
        push(&mut out, "times", &self.times, |s| s.span());
        push(&mut out, "places", &self.places, |s| s.span());
        push(&mut out, "entities", &self.entities, |s| s.span());
        push(&mut out, "quotes", &self.quotes, |s| s.span());
        push(&mut out, "counts", &self.counts, |s| s.span());
        if let Some(events) = &self.events {
            for e in events {
                out.extend(e.evidence.iter().map(|s| ("events", *s)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_text_uses_character_offsets() {
        let doc = Doc::new("d", "“Hi,” he said.");
        assert_eq!(doc.span_text(Span::new(1, 3)), "Hi");
        assert_eq!(doc.span_text(Span::new(6, 8)), "he");
        assert_eq!(doc.span_text(Span::new(20, 99)), "");
    }

    #[test]
    fn unknown_layers_serialise_as_null_and_empty_as_empty() {
        let mut doc = Doc::new("d", "x");
        doc.times = Some(vec![]);
        let v = serde_json::to_value(&doc).expect("serialise");
        assert_eq!(v["times"], serde_json::json!([]));
        assert_eq!(v["places"], serde_json::Value::Null);
        assert_eq!(v["published"], serde_json::Value::Null);
        assert!(doc.has_layer(Layer::Times));
        assert!(!doc.has_layer(Layer::Places));
    }

    #[test]
    fn doc_round_trips_through_json() {
        let mut doc = Doc::new("d", "Twenty people were killed.").with_published("2020-01-02");
        doc.counts = Some(vec![Count {
            start: 0,
            end: 6,
            text: "Twenty".into(),
            kind: CountKind::Kill,
            low: Some(20),
            high: Some(20),
            object: Some("people".into()),
            vague: false,
        }]);
        let s = serde_json::to_string(&doc).expect("serialise");
        let back: Doc = serde_json::from_str(&s).expect("parse");
        assert_eq!(back, doc);
    }
}
