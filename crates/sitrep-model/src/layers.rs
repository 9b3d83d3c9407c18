//! The annotation layer types: one struct per layer of the DESIGN.md output contract.
//!
//! Every annotation carries `start`/`end` character offsets into `Doc::text` and the
//! `text` it covers, so every value points at the words it came from. Values the text
//! does not give are `None` (JSON `null`), never a guessed default.

use crate::{Actor, Span};
use serde::{Deserialize, Serialize};

macro_rules! spanned {
    ($($t:ty),*) => {$(
        impl $t {
            /// The character range of this annotation.
            pub fn span(&self) -> Span {
                Span::new(self.start, self.end)
            }
        }
    )*};
}
spanned!(Sentence, Time, Place, Entity, Quote, Count);

/// What kind of line the cleaner removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemovedKind {
    /// "Join our Telegram channel", "Subscribe to …".
    Promo,
    /// Image caption, usually with a photo credit.
    Caption,
    /// A standalone date line.
    Dateline,
    /// "By Jane Smith".
    Byline,
    /// "originally published by X", "(Reuters)".
    Syndication,
    /// "Read more:", "Related:" links.
    Related,
    /// The headline repeated as the first line of the body.
    Title,
}

/// A line removed from the text by the cleaner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// Why it was removed.
    pub kind: RemovedKind,
    /// The removed text, verbatim.
    pub text: String,
}

/// A sentence boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    /// A calendar date or period (2020-09-25, 2019-H1, 2020-09).
    Date,
    /// A time of day (2020-09-25T20:00, 2020-09-24TNI).
    Time,
    /// A length of time (P1W, P2M, PT48H).
    Duration,
    /// A recurring time (XXXX-WXX-5 for "every Friday").
    Set,
}

/// A time expression normalised against the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Time {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value, e.g. `2020-09-25`, `2019-H1`, `P2M`, `PRESENT_REF`.
    pub value: String,
}

/// What a place mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level division (province, governorate, state).
    Admin1,
    /// A second-level division (district).
    Admin2,
    /// A populated place or other point.
    Place,
    /// A part of a country ("southern Afghanistan").
    Region,
    /// A place the gazetteer lacks (a neighbourhood, village, hill or camp), found by how
    /// the text names it ("the Hamidiyeh neighbourhood of Homs"): `local` says what kind,
    /// `parent` the resolved place it lies in. It has no GeoNames id; its country,
    /// divisions and coordinates are the parent's, so they are only as precise as that.
    Local,
}

/// What kind of local place (a `places` record of kind `local`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocalKind {
    /// A part of a city (neighbourhood, quarter, district of a city, square, street):
    /// several quarters of one city named together are one incident place.
    Quarter,
    /// A settlement or site of its own (village, town, hill, camp): each is its own
    /// incident place.
    Settlement,
}

/// The resolved place a local place lies in: another record of the `places` layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceParent {
    /// First character of the parent's mention.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The parent's name (its record's `name`).
    pub name: String,
    /// True when the text writes the containment ("X neighbourhood of Homs", "the
    /// villages of X and Y in Latakia", "X near Y"); false when the parent is inferred
    /// from the sentence, the same name elsewhere in the article, or the article's place.
    pub stated: bool,
}

/// A place mention resolved to the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words.
    pub text: String,
    /// Gazetteer name of the resolved entry.
    pub name: String,
    /// GeoNames id, when the entry has one.
    pub geonameid: Option<u64>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level division, GeoNames English name.
    pub admin1: Option<String>,
    /// Second-level division name.
    pub admin2: Option<String>,
    /// Latitude (WGS84).
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    pub lon: Option<f64>,
    /// What kind of place.
    pub kind: PlaceKind,
    /// For `kind = region`: the part of the country (`north`, `south`, `east`, `west`,
    /// `northeast`, …, `central`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// GeoNames' own name of the entry ("Nād ‘Alī"), when it differs from `name` (the
    /// common English ASCII name, as conflict data writes it: "Nad Ali").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_name: Option<String>,
    /// The name stands for the country's government, not for the place (metonymy:
    /// "Washington will assess", "Moscow said"): never an event location.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub government: bool,
    /// For `kind = local`: quarter or settlement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalKind>,
    /// For `kind = local`: the place it lies in, whose country, divisions and coordinates
    /// it takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<PlaceParent>,
}

/// Entity kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (ministry, agency, outlet, NGO).
    Org,
    /// An armed group or state force (actor in events).
    Group,
    /// A nationality or demonym used as a group ("Syrians", "Afghan").
    Norp,
}

/// A person, organisation or group mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words.
    pub text: String,
    /// What it is.
    pub kind: EntityKind,
    /// Canonical name (fullest name in the document for people; ACLED's actor name for
    /// groups, e.g. `Military Forces of Syria`).
    pub canonical: Option<String>,
    /// For sides in events (GROUP and NORP): the structured actor `canonical` is derived
    /// from (kind, country, group name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
}

/// Direct quotation or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech or attribution ("said that …", "…, officials said").
    Indirect,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Resolved name (fullest in the document), or the group ("officials").
    pub name: String,
    /// Start of the mention the attribution rests on.
    pub start: usize,
    /// End of that mention.
    pub end: usize,
    /// Role or title given in the text ("the U.S. envoy for Afghanistan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A quote and its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// First character of the quoted content.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The quoted content.
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Option<String>,
    /// The speaker, or `None` when the text does not say.
    pub speaker: Option<Speaker>,
}

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CountKind {
    /// Deaths.
    Kill,
    /// Injuries.
    Wound,
    /// "killed or wounded" with one figure.
    KillOrWound,
    /// Kidnapped, abducted, taken hostage.
    Kidnap,
    /// Arrested, detained.
    Arrest,
    /// Displaced, fled.
    Displace,
    /// Any other amount (troops, money, people).
    Amount,
}

/// A number of something, with the words it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// First character of the number phrase.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The number phrase ("at least 28", "dozens").
    pub text: String,
    /// What is counted.
    pub kind: CountKind,
    /// Lower bound (the conservative figure); `None` when unknown.
    pub low: Option<u64>,
    /// Upper bound; `None` when open ("more than 20").
    pub high: Option<u64>,
    /// The thing counted ("Afghan policemen").
    pub object: Option<String>,
    /// True for vague quantities ("dozens", "hundreds").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
}
