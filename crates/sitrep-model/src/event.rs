//! ACLED-shaped event records (see `shared/eval/EVENTS-GUIDE.md` for what is correct).
//!
//! Field names are ACLED's so analysts recognise them; unknown values are `None`. Each
//! record keeps `evidence`: the character ranges of the sentences it rests on.

use crate::Span;
use serde::{Deserialize, Serialize};

/// How precisely the event date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// The day is known.
    Day,
    /// Known to the week.
    Week,
    /// Known to the month.
    Month,
}

/// How precisely the event location is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    /// A town, village or neighbourhood.
    Place,
    /// A district.
    Admin2,
    /// A province / governorate.
    Admin1,
    /// A part of a country ("southern Afghanistan").
    Region,
    /// Only the country.
    Country,
}

/// Whether the incident is reported by a neutral source or claimed by a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// The article or a neutral source says it happened.
    Reported,
    /// The only source is a party to the conflict or its official media.
    Claimed,
}

/// One event record in ACLED's shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// ISO date of the incident.
    pub event_date: Option<String>,
    /// How precise `event_date` is.
    pub date_precision: Option<DatePrecision>,
    /// ACLED event type ("Battles", "Explosions/Remote violence", …).
    pub event_type: String,
    /// ACLED sub-event type ("Armed clash", "Air/drone strike", …).
    pub sub_event_type: String,
    /// The side that acted, in ACLED's naming.
    pub actor1: Option<String>,
    /// The side acted upon.
    pub actor2: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// First-level division (GeoNames English name).
    pub admin1: Option<String>,
    /// Second-level division.
    pub admin2: Option<String>,
    /// Most specific place named for the incident.
    pub location: Option<String>,
    /// Latitude of `location`.
    pub latitude: Option<f64>,
    /// Longitude of `location`.
    pub longitude: Option<f64>,
    /// How precise `location` is.
    pub location_precision: Option<LocationPrecision>,
    /// Reported deaths (conservative); `None` when unknown, `Some(0)` only for "no casualties".
    pub fatalities: Option<u64>,
    /// Reported injured.
    pub injured: Option<u64>,
    /// "Killed or wounded" with one figure.
    pub killed_or_wounded: Option<u64>,
    /// Reported or claimed.
    pub modality: Modality,
    /// Character ranges of the sentences this record rests on.
    pub evidence: Vec<Span>,
}
