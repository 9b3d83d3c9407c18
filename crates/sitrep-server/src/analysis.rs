//! Aggregates behind the trend, summary and places endpoints.
//!
//! The unit counted is the *incident* (reports of one incident reconciled across outlets,
//! with the incident's figure), as DESIGN.md wants; a store that keeps no incidents is
//! counted by event report, and the answers say which (`"unit"`). The count field is
//! named `events` either way. An unknown death toll is never counted as 0: fatalities
//! are summed over the units that give a figure and those without one are counted apart
//! (`unknown_fatalities`).
//!
//! Aggregates are memoised per filter in [`Cache`], which is emptied whenever the
//! database changes (SQLite's `PRAGMA data_version`, see `Store::data_version`), so
//! repeated dashboard loads do not scan the events table again. On PostgreSQL, which has
//! no such counter, nothing is reused.

use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sitrep_store::{EventFilter, Store, StoreError};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// Width of a trend bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// ISO weeks, labelled by their Monday (`2024-03-04`).
    Week,
    /// Calendar months (`2024-03`).
    Month,
}

impl Bucket {
    /// Parses `week` / `month`.
    pub fn parse(s: Option<&str>) -> Result<Self, ApiError> {
        match s.unwrap_or("month") {
            "week" => Ok(Bucket::Week),
            "month" => Ok(Bucket::Month),
            other => Err(ApiError::bad(
                format!("`bucket` must be week or month, got `{other}`"),
                "bucket=week or bucket=month",
            )),
        }
    }

    /// The bucket label of a `YYYY-MM-DD…` date.
    pub fn label(self, date: &str) -> Option<String> {
        let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
        Some(match self {
            Bucket::Month => format!("{:04}-{:02}", day.year(), day.month()),
            Bucket::Week => {
                let monday =
                    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
                monday.format("%Y-%m-%d").to_string()
            }
        })
    }
}

/// Counts for one period (or one group).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Tally {
    /// Events counted.
    pub events: usize,
    /// Sum of the fatalities of the events that give a figure.
    pub fatalities: u64,
    /// Events whose death toll is unknown (not counted as 0).
    pub unknown_fatalities: usize,
}

impl Tally {
    fn add(&mut self, f: Option<u64>) {
        self.events += 1;
        match f {
            Some(f) => self.fatalities = self.fatalities.saturating_add(f),
            None => self.unknown_fatalities += 1,
        }
    }
}

/// One trend point.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrendPoint {
    /// Bucket label.
    pub period: String,
    /// Its counts.
    #[serde(flatten)]
    pub tally: Tally,
}

/// Events of one place.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceTally {
    /// ISO2 country code.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Named location.
    pub location: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Its counts.
    #[serde(flatten)]
    pub tally: Tally,
}

/// Everything the trend, summary and places endpoints answer, for one filter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Aggregate {
    /// What is counted (`events` until incidents land).
    pub unit: &'static str,
    /// Bucket of `trend`.
    pub bucket: Bucket,
    /// Totals.
    pub total: Tally,
    /// Events without a usable date (not in `trend`).
    pub undated: usize,
    /// Earliest and latest event date.
    pub first: Option<String>,
    /// Latest event date.
    pub last: Option<String>,
    /// Counts per period, oldest first, with empty periods left out.
    pub trend: Vec<TrendPoint>,
    /// Counts per event type.
    pub by_type: BTreeMap<String, Tally>,
    /// Counts per place (country, admin1, location), most events first.
    pub places: Vec<PlaceTally>,
}

/// Scans the events matching `filter` once and aggregates them.
/// What the aggregate counts of one incident (or one event report).
struct Unit {
    event_type: String,
    event_date: Option<String>,
    fatalities: Option<u64>,
    country: Option<String>,
    admin1: Option<String>,
    location: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

pub fn aggregate(
    store: &dyn Store,
    filter: &EventFilter,
    bucket: Bucket,
) -> Result<Aggregate, ApiError> {
    let mut total = Tally::default();
    let mut undated = 0;
    let mut trend: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Tally> = BTreeMap::new();
    type PlaceKey = (Option<String>, Option<String>, Option<String>);
    let mut places: HashMap<PlaceKey, PlaceTally> = HashMap::new();
    let (mut first, mut last): (Option<String>, Option<String>) = (None, None);
    let mut visit = |e: Unit| {
        total.add(e.fatalities);
        by_type
            .entry(e.event_type.clone())
            .or_default()
            .add(e.fatalities);
        match e.event_date.as_deref().and_then(|d| bucket.label(d)) {
            Some(label) => trend.entry(label).or_default().add(e.fatalities),
            None => undated += 1,
        }
        if let Some(d) = e.event_date.as_deref().and_then(|d| d.get(..10)) {
            if first.as_deref().is_none_or(|f| d < f) {
                first = Some(d.to_string());
            }
            if last.as_deref().is_none_or(|l| d > l) {
                last = Some(d.to_string());
            }
        }
        let key = (e.country.clone(), e.admin1.clone(), e.location.clone());
        places
            .entry(key)
            .or_insert_with(|| PlaceTally {
                country: e.country,
                admin1: e.admin1,
                location: e.location,
                latitude: e.latitude,
                longitude: e.longitude,
                tally: Tally::default(),
            })
            .tally
            .add(e.fatalities);
        Ok(())
    };
    // Incidents when the store reconciles (every stored event belongs to one), so a
    // bombing reported by eight outlets counts once with its incident's figure; event
    // reports otherwise.
    let counted = store.for_each_incident(filter, &mut |i| {
        visit(Unit {
            event_type: i.event_type,
            event_date: i.event_date,
            fatalities: i.fatalities,
            country: i.country,
            admin1: i.admin1,
            location: i.location,
            latitude: i.latitude,
            longitude: i.longitude,
        })
    });
    let unit = match counted {
        Ok(_) => "incidents",
        Err(StoreError::Unsupported { .. }) => {
            store
                .for_each_event(filter, &mut |r| {
                    let e = r.event;
                    visit(Unit {
                        event_type: e.event_type,
                        event_date: e.event_date,
                        fatalities: e.fatalities,
                        country: e.country,
                        admin1: e.admin1,
                        location: e.location,
                        latitude: e.latitude,
                        longitude: e.longitude,
                    })
                })
                .map_err(|e| ApiError::from_store(e, filter.query.is_some()))?;
            "events"
        }
        Err(e) => return Err(ApiError::from_store(e, filter.query.is_some())),
    };
    let mut places: Vec<PlaceTally> = places.into_values().collect();
    places.sort_by(|a, b| {
        b.tally.events.cmp(&a.tally.events).then_with(|| {
            (&a.country, &a.admin1, &a.location).cmp(&(&b.country, &b.admin1, &b.location))
        })
    });
    Ok(Aggregate {
        unit,
        bucket,
        total,
        undated,
        first,
        last,
        trend: trend
            .into_iter()
            .map(|(period, tally)| TrendPoint { period, tally })
            .collect(),
        by_type,
        places,
    })
}

/// Most aggregates kept; the cache is emptied when it is full.
const CACHE_ENTRIES: usize = 512;

/// Memoised answers (aggregates, pages of events), valid while the database does not
/// change.
pub struct Cache<V> {
    watch: Mutex<Option<Box<dyn Store + Send>>>,
    entries: Mutex<(i64, HashMap<String, Arc<V>>)>,
}

impl<V> Cache<V> {
    /// A cache whose entries are dropped whenever `watch`'s database changes.
    pub fn new(watch: Box<dyn Store + Send>) -> Self {
        Cache {
            watch: Mutex::new(Some(watch)),
            entries: Mutex::new((i64::MIN, HashMap::new())),
        }
    }

    /// The store's change counter for commits made by other connections.
    fn generation(&self) -> i64 {
        let guard = self.watch.lock();
        guard
            .ok()
            .and_then(|g| g.as_ref().and_then(|s| s.data_version()))
            // Unknown: never reuse an entry.
            .unwrap_or(i64::MAX)
    }

    /// The cached value for `key`, if the database has not changed since.
    pub fn get(&self, key: &str) -> Option<Arc<V>> {
        let generation = self.generation();
        let mut e = self.entries.lock().ok()?;
        if e.0 != generation || generation == i64::MAX {
            e.0 = generation;
            e.1.clear();
            return None;
        }
        e.1.get(key).cloned()
    }

    /// Stores a value computed at the current generation.
    pub fn put(&self, key: String, value: Arc<V>) {
        let generation = self.generation();
        if let Ok(mut e) = self.entries.lock() {
            if e.0 != generation {
                e.0 = generation;
                e.1.clear();
            }
            if e.1.len() >= CACHE_ENTRIES {
                e.1.clear();
            }
            e.1.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_label_weeks_by_monday_and_months() {
        assert_eq!(
            Bucket::Week.label("2024-03-07").as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            Bucket::Week.label("2024-03-04").as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            Bucket::Month.label("2024-03-07T10:00").as_deref(),
            Some("2024-03")
        );
        assert_eq!(Bucket::Month.label("2024"), None);
        assert!(Bucket::parse(Some("year")).is_err());
    }

    #[test]
    fn unknown_tolls_are_counted_apart_not_as_zero() {
        let mut t = Tally::default();
        t.add(Some(3));
        t.add(None);
        assert_eq!(
            t,
            Tally {
                events: 2,
                fatalities: 3,
                unknown_fatalities: 1
            }
        );
    }
}
