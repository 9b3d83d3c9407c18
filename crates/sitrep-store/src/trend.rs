//! Trend questions over incidents: how many, where, compared with when.
//!
//! Counts are of **incidents**, never of reports, and an unknown toll is never a zero:
//! `fatalities` sums the known tolls and `unknown_toll` counts the incidents without one.
//! Every row also says how many of its incidents rest on a single report, since those
//! are the least certain.
//!
//! - [`trend`]: incidents, fatalities and injured per week or month, per group (country,
//!   admin1, type or actor); periods without incidents appear as zero rows.
//! - [`compare`]: the change per group between a baseline period and a comparison period,
//!   labelled the way ACLED's trend tools do ([`label`]), with a low-baseline warning.

use crate::reconcile::{date_of_day, day_number, Incident};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Time bucket of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Weeks starting on Monday, labelled with the Monday's date.
    Week,
    /// Calendar months, labelled `YYYY-MM`.
    Month,
}

impl Period {
    /// Parses `week` or `month`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "week" | "weekly" => Some(Period::Week),
            "month" | "monthly" => Some(Period::Month),
            _ => None,
        }
    }

    /// The label of the period containing `date`.
    pub fn label(self, date: &str) -> Option<String> {
        match self {
            Period::Month => date.get(..7).map(str::to_string),
            Period::Week => {
                let d = day_number(date)?;
                // 1970-01-01 was a Thursday: Monday-based weekday = (d + 3) mod 7.
                Some(date_of_day(d - (d + 3).rem_euclid(7)))
            }
        }
    }

    /// Every period label from the one containing `from` to the one containing `to`.
    pub fn labels(self, from: &str, to: &str) -> Vec<String> {
        let mut out = Vec::new();
        match self {
            Period::Month => {
                let parse = |s: &str| -> Option<(i32, i32)> {
                    Some((s.get(..4)?.parse().ok()?, s.get(5..7)?.parse().ok()?))
                };
                let (Some((mut y, mut m)), Some(end)) = (parse(from), parse(to)) else {
                    return out;
                };
                while (y, m) <= end {
                    out.push(format!("{y:04}-{m:02}"));
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                }
            }
            Period::Week => {
                let (Some(a), Some(b)) = (self.label(from), self.label(to)) else {
                    return out;
                };
                let (Some(mut d), Some(e)) = (day_number(&a), day_number(&b)) else {
                    return out;
                };
                while d <= e {
                    out.push(date_of_day(d));
                    d += 7;
                }
            }
        }
        out
    }
}

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One group for everything.
    All,
    /// ISO2 country.
    Country,
    /// Country and province (`SY/Idlib`).
    Admin1,
    /// Event type.
    Type,
    /// Each actor (actor1 and actor2: an incident counts once under each side).
    Actor,
}

impl GroupBy {
    /// Parses `all`, `country`, `admin1` (or `province`), `type`, `actor`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "all" | "none" => Some(GroupBy::All),
            "country" => Some(GroupBy::Country),
            "admin1" | "province" => Some(GroupBy::Admin1),
            "type" | "event_type" => Some(GroupBy::Type),
            "actor" => Some(GroupBy::Actor),
            _ => None,
        }
    }

    /// The groups an incident belongs to.
    pub fn keys(self, i: &Incident) -> Vec<String> {
        let unknown = || "(unknown)".to_string();
        match self {
            GroupBy::All => vec!["all".into()],
            GroupBy::Country => vec![i.country.clone().unwrap_or_else(unknown)],
            GroupBy::Admin1 => vec![format!(
                "{}/{}",
                i.country.as_deref().unwrap_or("??"),
                i.admin1.as_deref().unwrap_or("(unknown)")
            )],
            GroupBy::Type => vec![i.event_type.clone()],
            GroupBy::Actor => {
                let mut v: Vec<String> = [&i.actor1, &i.actor2]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect();
                v.dedup();
                if v.is_empty() {
                    v.push(unknown());
                }
                v
            }
        }
    }
}

/// Totals over a set of incidents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Incidents.
    pub incidents: usize,
    /// Sum of the known death tolls.
    pub fatalities: u64,
    /// Sum of the known injured figures.
    pub injured: u64,
    /// Incidents whose death toll is unknown (not counted as 0 above).
    pub unknown_toll: usize,
    /// Incidents resting on a single report.
    pub single_report: usize,
}

impl Tally {
    /// Adds one incident.
    pub fn add(&mut self, i: &Incident) {
        self.incidents += 1;
        match i.fatalities {
            Some(f) => self.fatalities += f,
            None => self.unknown_toll += 1,
        }
        self.injured += i.injured.unwrap_or(0);
        if i.n_reports <= 1 {
            self.single_report += 1;
        }
    }
}

/// One row of a trend table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendRow {
    /// Period label.
    pub period: String,
    /// Group key.
    pub group: String,
    /// The totals.
    #[serde(flatten)]
    pub tally: Tally,
}

/// Incidents per period and group. Periods run from `from` (or the earliest incident)
/// to `to` (or the latest); every group gets a row for every period, zero when empty.
/// Incidents without a date are left out (they belong to no period).
pub fn trend(
    incidents: &[Incident],
    period: Period,
    by: GroupBy,
    from: Option<&str>,
    to: Option<&str>,
) -> Vec<TrendRow> {
    let mut cells: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut groups: BTreeSet<String> = BTreeSet::new();
    let (mut lo, mut hi): (Option<String>, Option<String>) = (None, None);
    for i in incidents {
        let Some(date) = i.event_date.as_deref() else {
            continue;
        };
        let Some(p) = period.label(date) else {
            continue;
        };
        if lo.as_deref().is_none_or(|l| date < l) {
            lo = Some(date.to_string());
        }
        if hi.as_deref().is_none_or(|h| date > h) {
            hi = Some(date.to_string());
        }
        for g in by.keys(i) {
            groups.insert(g.clone());
            cells.entry((p.clone(), g)).or_default().add(i);
        }
    }
    let (Some(from), Some(to)) = (
        from.map(str::to_string).or(lo),
        to.map(str::to_string).or(hi),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in period.labels(&from, &to) {
        for g in &groups {
            out.push(TrendRow {
                period: p.clone(),
                group: g.clone(),
                tally: cells
                    .get(&(p.clone(), g.clone()))
                    .copied()
                    .unwrap_or_default(),
            });
        }
    }
    out
}

/// A date range given as `FROM..TO`, each `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both ends
/// inclusive (`2019-01..2019-06` is January to June 2019).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// First day or period.
    pub from: String,
    /// Last day or period.
    pub to: String,
}

impl Range {
    /// Parses `FROM..TO` (or a single `YYYY` / `YYYY-MM` for that whole period).
    pub fn parse(s: &str) -> Option<Self> {
        let (a, b) = s.split_once("..").unwrap_or((s, s));
        let ok = |x: &str| {
            matches!(x.len(), 4 | 7 | 10)
                && x.chars().all(|c| c.is_ascii_digit() || c == '-')
                && x.chars().next().is_some_and(|c| c.is_ascii_digit())
        };
        (ok(a) && ok(b) && a <= b).then(|| Range {
            from: a.to_string(),
            to: b.to_string(),
        })
    }

    /// True when `date` (ISO) falls in the range.
    pub fn contains(&self, date: &str) -> bool {
        date >= self.from.as_str()
            && date
                .get(..self.to.len())
                .is_some_and(|d| d <= self.to.as_str())
    }
}

/// ACLED's trend label for a percentage change.
pub fn label(change_pct: Option<f64>) -> &'static str {
    match change_pct {
        None => "new (no baseline)",
        Some(c) if c > 25.0 => "large increase",
        Some(c) if c > 10.0 => "moderate increase",
        Some(c) if c >= -25.0 => "limited change",
        Some(_) => "large decrease",
    }
}

/// Below this many baseline incidents a percentage change is flagged as unreliable.
pub const LOW_BASELINE: usize = 10;

/// One row of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    /// Group key.
    pub group: String,
    /// Totals in the baseline period (`--period`).
    pub base: Tally,
    /// Totals in the comparison period (`--vs`).
    pub vs: Tally,
    /// Change in incidents, percent of the baseline (`None` with no baseline).
    pub change_pct: Option<f64>,
    /// ACLED's label for the change.
    pub label: &'static str,
    /// The baseline has fewer than [`LOW_BASELINE`] incidents.
    pub low_baseline: bool,
}

/// The change per group from `base` to `vs`, largest comparison count first.
pub fn compare(incidents: &[Incident], by: GroupBy, base: &Range, vs: &Range) -> Vec<CompareRow> {
    let mut t: BTreeMap<String, (Tally, Tally)> = BTreeMap::new();
    for i in incidents {
        let Some(d) = i.event_date.as_deref() else {
            continue;
        };
        let (in_b, in_v) = (base.contains(d), vs.contains(d));
        if !in_b && !in_v {
            continue;
        }
        for g in by.keys(i) {
            let e = t.entry(g).or_default();
            if in_b {
                e.0.add(i);
            }
            if in_v {
                e.1.add(i);
            }
        }
    }
    let mut out: Vec<CompareRow> = t
        .into_iter()
        .map(|(group, (b, v))| {
            let change_pct = (b.incidents > 0)
                .then(|| (v.incidents as f64 - b.incidents as f64) * 100.0 / b.incidents as f64);
            CompareRow {
                group,
                base: b,
                vs: v,
                change_pct,
                label: label(change_pct),
                low_baseline: b.incidents < LOW_BASELINE,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.vs.incidents + b.base.incidents)
            .cmp(&(a.vs.incidents + a.base.incidents))
            .then_with(|| a.group.cmp(&b.group))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inc(date: &str, country: &str, fat: Option<u64>, n: usize) -> Incident {
        Incident {
            incident_id: format!("I{date}{country}"),
            country: Some(country.into()),
            admin1: None,
            location: None,
            latitude: None,
            longitude: None,
            location_precision: None,
            event_date: Some(date.into()),
            date_precision: None,
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actor1: None,
            actor2: None,
            fatalities: fat,
            fatalities_low: fat,
            fatalities_high: fat,
            injured: None,
            claimed_fatalities: None,
            disputed: false,
            n_reports: n,
            dataset: "sitrep".into(),
            reports: vec![],
        }
    }

    #[test]
    fn empty_months_are_zero_and_unknown_tolls_apart() {
        let v = [
            inc("2020-01-05", "SY", Some(3), 2),
            inc("2020-03-01", "SY", None, 1),
        ];
        let rows = trend(&v, Period::Month, GroupBy::Country, None, None);
        let got: Vec<(&str, usize, u64, usize, usize)> = rows
            .iter()
            .map(|r| {
                (
                    r.period.as_str(),
                    r.tally.incidents,
                    r.tally.fatalities,
                    r.tally.unknown_toll,
                    r.tally.single_report,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("2020-01", 1, 3, 0, 0),
                ("2020-02", 0, 0, 0, 0),
                ("2020-03", 1, 0, 1, 1)
            ]
        );
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(
            Period::Week.label("2020-01-01").as_deref(),
            Some("2019-12-30")
        );
        assert_eq!(
            Period::Week.label("2020-01-06").as_deref(),
            Some("2020-01-06")
        );
        assert_eq!(Period::Week.labels("2020-01-01", "2020-01-13").len(), 3);
    }

    #[test]
    fn labels_follow_acled_bands() {
        assert_eq!(label(Some(30.0)), "large increase");
        assert_eq!(label(Some(25.0)), "moderate increase");
        assert_eq!(label(Some(10.0)), "limited change");
        assert_eq!(label(Some(-25.0)), "limited change");
        assert_eq!(label(Some(-26.0)), "large decrease");
    }

    #[test]
    fn compare_counts_each_period() {
        let mut v: Vec<Incident> = (1..=10)
            .map(|d| inc(&format!("2019-02-{d:02}"), "SY", Some(1), 1))
            .collect();
        v.extend((1..=14).map(|d| inc(&format!("2020-02-{d:02}"), "SY", Some(1), 1)));
        let base = Range::parse("2019-01..2019-06").expect("range");
        let vs = Range::parse("2020-01..2020-06").expect("range");
        let rows = compare(&v, GroupBy::Country, &base, &vs);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].base.incidents, rows[0].vs.incidents), (10, 14));
        assert_eq!(rows[0].label, "large increase");
        assert!(!rows[0].low_baseline);
        assert!(Range::parse("2019-06..2019-01").is_none());
    }
}
