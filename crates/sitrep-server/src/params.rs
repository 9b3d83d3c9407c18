//! Query-string parsing with the CLI's filter names and meanings.
//!
//! The API takes the filters of `sitrep events` (`country`, `admin1`, `since`, `until`,
//! `type`, `actor`, `min_fatalities`, `query`, `doc`) and turns them into the store's one
//! [`EventFilter`], so a filter means the same thing in the CLI, the API and the
//! dashboard. Parsing is strict: an unknown parameter, a date that is not `YYYY-MM-DD`,
//! a negative number or a page size over [`MAX_LIMIT`] is a 400 that names the
//! parameter, never a silently ignored typo.

use crate::error::ApiError;
use sitrep_store::{EventCursor, EventFilter};
use std::collections::BTreeMap;

/// Default page size.
pub const DEFAULT_LIMIT: usize = 100;
/// Largest page size accepted.
pub const MAX_LIMIT: usize = 1000;
/// Longest accepted value of any parameter (characters).
const MAX_VALUE: usize = 500;

/// The event-filter parameter names (same as the CLI's flags, `-` → `_`).
pub const FILTER_KEYS: &[&str] = &[
    "country",
    "admin1",
    "since",
    "until",
    "type",
    "actor",
    "min_fatalities",
    "query",
    "doc",
];

/// Parsed query-string parameters: each key at most once.
#[derive(Debug, Default, Clone)]
pub struct Params(BTreeMap<String, String>);

impl Params {
    /// Parses a raw query string, accepting only `allowed` keys.
    pub fn parse(raw: Option<&str>, allowed: &[&[&str]]) -> Result<Self, ApiError> {
        let mut map = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if !allowed.iter().any(|set| set.contains(&k.as_ref())) {
                let known: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
                return Err(ApiError::bad(
                    format!("unknown parameter `{k}`"),
                    format!("this endpoint takes: {}", known.join(", ")),
                ));
            }
            if v.chars().count() > MAX_VALUE {
                return Err(ApiError::bad(
                    format!("parameter `{k}` is longer than {MAX_VALUE} characters"),
                    "shorten it",
                ));
            }
            if map.insert(k.to_string(), v.trim().to_string()).is_some() {
                return Err(ApiError::bad(
                    format!("parameter `{k}` given twice"),
                    "give each parameter once",
                ));
            }
        }
        // An empty value means "not set" (what an HTML form sends for an empty field).
        map.retain(|_, v| !v.is_empty());
        Ok(Params(map))
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// A canonical string of the parameters (sorted), for cache keys.
    pub fn canonical(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.0 {
            s.append_pair(k, v);
        }
        s.finish()
    }

    /// A date parameter, checked to be `YYYY-MM-DD`.
    pub fn date(&self, key: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        if valid_date(v) {
            Ok(Some(v.to_string()))
        } else {
            Err(ApiError::bad(
                format!("`{key}` must be a date YYYY-MM-DD, got `{v}`"),
                "for example since=2024-01-01",
            ))
        }
    }

    /// A non-negative integer parameter.
    pub fn uint(&self, key: &str) -> Result<Option<u64>, ApiError> {
        self.get(key)
            .map(|v| {
                v.parse::<u64>().map_err(|_| {
                    ApiError::bad(
                        format!("`{key}` must be a whole number ≥ 0, got `{v}`"),
                        format!("for example {key}=5"),
                    )
                })
            })
            .transpose()
    }

    /// The page size: `limit`, default [`DEFAULT_LIMIT`], at most [`MAX_LIMIT`].
    pub fn limit(&self) -> Result<usize, ApiError> {
        match self.uint("limit")? {
            None => Ok(DEFAULT_LIMIT),
            Some(0) => Err(ApiError::bad("`limit` must be at least 1", "limit=100")),
            Some(n) if n > MAX_LIMIT as u64 => Err(ApiError::bad(
                format!("`limit` {n} is over the maximum page size {MAX_LIMIT}"),
                "page through results with the `next_cursor` of each answer, or export with /api/events.csv",
            )),
            Some(n) => Ok(n as usize),
        }
    }

    /// The event filter (without a limit).
    pub fn event_filter(&self) -> Result<EventFilter, ApiError> {
        let since = self.date("since")?;
        let until = self.date("until")?;
        if let (Some(s), Some(u)) = (&since, &until) {
            if s > u {
                return Err(ApiError::bad(
                    format!("`since` {s} is after `until` {u}"),
                    "swap the two dates",
                ));
            }
        }
        Ok(EventFilter {
            country: self.get("country").map(str::to_string),
            admin1: self.get("admin1").map(str::to_string),
            since,
            until,
            event_type: self.get("type").map(str::to_string),
            actor: self.get("actor").map(str::to_string),
            min_fatalities: self.uint("min_fatalities")?,
            query: self.get("query").map(str::to_string),
            doc_id: self.get("doc").map(str::to_string),
            ..EventFilter::default()
        })
    }

    /// The event cursor (`cursor` = the `next_cursor` of the previous page).
    pub fn event_cursor(&self) -> Result<Option<EventCursor>, ApiError> {
        self.get("cursor").map(decode_cursor).transpose()
    }
}

/// True for a real calendar-shaped date `YYYY-MM-DD` (month 1–12, day 1–31).
pub fn valid_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok());
    let digits = b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    digits
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

/// `next_cursor` text: `<event_date>~<id>`, `~<id>` for an event without a date.
pub fn encode_cursor(c: &EventCursor) -> String {
    format!("{}~{}", c.event_date.as_deref().unwrap_or(""), c.id)
}

/// The `next_cursor` of a page of incidents: `date~incident_id` (the date empty when unknown).
pub fn encode_incident_cursor(c: &sitrep_store::IncidentCursor) -> String {
    format!(
        "{}~{}",
        c.event_date.as_deref().unwrap_or(""),
        c.incident_id
    )
}

/// Parses a cursor made by [`encode_incident_cursor`].
pub fn decode_incident_cursor(s: &str) -> Result<sitrep_store::IncidentCursor, ApiError> {
    let bad = || {
        ApiError::bad(
            format!("malformed cursor `{s}`"),
            "pass back the `next_cursor` value of the previous page unchanged",
        )
    };
    let (date, id) = s.rsplit_once('~').ok_or_else(bad)?;
    if date.len() > 40 || id.is_empty() || id.len() > 64 {
        return Err(bad());
    }
    Ok(sitrep_store::IncidentCursor {
        event_date: (!date.is_empty()).then(|| date.to_string()),
        incident_id: id.to_string(),
    })
}

/// Parses a cursor made by [`encode_cursor`].
pub fn decode_cursor(s: &str) -> Result<EventCursor, ApiError> {
    let bad = || {
        ApiError::bad(
            format!("malformed cursor `{s}`"),
            "pass back the `next_cursor` value of the previous page unchanged",
        )
    };
    let (date, id) = s.rsplit_once('~').ok_or_else(bad)?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    if date.len() > 40 {
        return Err(bad());
    }
    Ok(EventCursor {
        event_date: (!date.is_empty()).then(|| date.to_string()),
        id,
    })
}

/// An offset cursor for listings the store pages by offset (documents, quotes).
pub fn offset_cursor(p: &Params) -> Result<usize, ApiError> {
    match p.get("cursor") {
        None => Ok(0),
        Some(c) => c.parse::<usize>().map_err(|_| {
            ApiError::bad(
                format!("malformed cursor `{c}`"),
                "pass back the `next_cursor` value of the previous page unchanged",
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_like_the_cli() {
        let p = Params::parse(
            Some("country=SY&admin1=Idlib&since=2019-01-01&type=Battles&min_fatalities=3&actor="),
            &[FILTER_KEYS],
        )
        .expect("parse");
        let f = p.event_filter().expect("filter");
        assert_eq!(f.country.as_deref(), Some("SY"));
        assert_eq!(f.admin1.as_deref(), Some("Idlib"));
        assert_eq!(f.event_type.as_deref(), Some("Battles"));
        assert_eq!(f.min_fatalities, Some(3));
        assert_eq!(f.actor, None, "an empty value means unset");
    }

    #[test]
    fn bad_values_are_400s_naming_the_parameter() {
        for q in [
            "since=2019-13-01",
            "since=yesterday",
            "min_fatalities=-1",
            "colour=red",
            "country=SY&country=AF",
            "since=2020-01-02&until=2020-01-01",
        ] {
            let e = Params::parse(Some(q), &[FILTER_KEYS]).and_then(|p| p.event_filter());
            let e = e.expect_err(q);
            assert_eq!(e.status.as_u16(), 400, "{q}");
        }
        let p = Params::parse(Some("limit=100000"), &[&["limit"]]).expect("parse");
        assert_eq!(p.limit().expect_err("too big").status.as_u16(), 400);
    }

    #[test]
    fn cursors_round_trip() {
        for c in [
            EventCursor {
                event_date: Some("2019-04-02".into()),
                id: 42,
            },
            EventCursor {
                event_date: None,
                id: 7,
            },
        ] {
            assert_eq!(decode_cursor(&encode_cursor(&c)).expect("decode"), c);
        }
        assert!(decode_cursor("garbage").is_err());
        assert!(decode_cursor("2019-01-01~x").is_err());
    }
}
