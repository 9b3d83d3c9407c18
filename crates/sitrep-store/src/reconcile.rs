//! Reconciliation: reports of one incident across outlets become one incident.
//!
//! GDELT counts reports, not incidents; ACLED reconciles by hand. This module does it
//! automatically and explainably, as pure functions over stored event rows
//! ([`EventRow`]), so every backend (SQLite, PostgreSQL) runs the same code:
//!
//! - [`event_id`]: a stable id for a stored event (hash of document id and position);
//! - [`pair_score`]: how alike two reports are, or `None` for a hard no-match;
//! - [`Clusterer`]: greedy, deterministic clustering in canonical order (event date,
//!   publication date, document, position). It starts empty for a recompute from
//!   scratch, or is seeded with stored incidents ([`Clusterer::seed_features`]) so new reports
//!   attach to existing incidents during ingest;
//! - [`build_incident`]: an incident's figures from its reports by one documented
//!   function ([`figures`]).
//!
//! **Candidates** share a country and a dataset (imported ACLED / UCDP rows are already
//! incidents and are never merged) and have dates within a window that widens with
//! imprecise dates: day ±1, week ±7, month ±31 (the wider of the two reports' windows:
//! two reports dated to the day agree on the day, give or take a night).
//! **Hard no-matches**: the same document (an article's events already describe distinct
//! incidents); different provinces when both are located below country level;
//! incompatible event types; places farther apart than both precisions allow.
//! **Score**: sub-type, actors, place name and hierarchy, toll compatibility (a rising
//! toll is compatible), evidence-text similarity, date distance; a report joins the
//! best-scoring incident at or above [`THRESHOLD`] (score against an incident = best
//! score against any of its reports, provided none of them is a hard no-match).
//!
//! The **incident id** is `I` + the event id of its first report in canonical order, so a
//! recompute from scratch gives the same ids.

use crate::{EventRow, ReconcileSummary};
use serde::{Deserialize, Serialize};
use sitrep_model::{DatePrecision, LocationPrecision, Modality};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;

/// Minimum score for a report to join an incident.
pub const THRESHOLD: f64 = 1.0;

/// The dataset of events extracted by sitrep itself (imports carry `acled` or `ged`).
pub const SITREP_DATASET: &str = "sitrep";

/// A stable id for the event at position `seq` of document `doc_id`.
pub fn event_id(doc_id: &str, seq: usize) -> String {
    let mut h = twox_hash::XxHash64::with_seed(0x5174_7265_7065_7631);
    h.write(doc_id.as_bytes());
    h.write(&[0]);
    h.write(&(seq as u64).to_le_bytes());
    format!("E{:016x}", h.finish())
}

/// The incident id founded by the report with event id `event_id`.
pub fn incident_id_of(event_id: &str) -> String {
    format!("I{}", event_id.trim_start_matches('E'))
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD…`).
pub fn day_number(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date of a day number (inverse of [`day_number`]).
pub fn date_of_day(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Half-width in days of the date window of a report with this precision.
fn window(p: Option<DatePrecision>) -> i64 {
    match p {
        Some(DatePrecision::Day) | None => 1,
        Some(DatePrecision::Week) => 7,
        Some(DatePrecision::Month) => 31,
    }
}

/// How far (km) a location of this precision may be from the true spot.
fn radius_km(p: Option<LocationPrecision>) -> f64 {
    match p {
        Some(LocationPrecision::Place) => 20.0,
        Some(LocationPrecision::Admin2) => 60.0,
        Some(LocationPrecision::Admin1) => 250.0,
        Some(LocationPrecision::Region) => 500.0,
        Some(LocationPrecision::Country) | None => f64::INFINITY,
    }
}

/// Words that say nothing about which incident a sentence reports (sorted: looked up by
/// binary search).
const STOP: &[&str] = &[
    "about",
    "according",
    "after",
    "agency",
    "also",
    "and",
    "are",
    "been",
    "but",
    "could",
    "for",
    "from",
    "had",
    "has",
    "have",
    "her",
    "his",
    "injured",
    "into",
    "its",
    "killed",
    "least",
    "more",
    "news",
    "not",
    "other",
    "over",
    "people",
    "reported",
    "said",
    "says",
    "some",
    "than",
    "that",
    "the",
    "their",
    "them",
    "there",
    "they",
    "this",
    "told",
    "was",
    "were",
    "when",
    "where",
    "which",
    "while",
    "who",
    "will",
    "with",
    "would",
    "wounded",
];

/// Hashed content words of a text, sorted and deduplicated.
fn tokens(text: &str) -> Vec<u64> {
    let mut word = String::new();
    let mut out: Vec<u64> = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 3 || w.bytes().all(|b| b.is_ascii_digit()) {
            // Fewer than 3 bytes is fewer than 3 characters; digits only say nothing.
            continue;
        }
        word.clear();
        if w.is_ascii() {
            word.push_str(w);
            word.make_ascii_lowercase();
        } else {
            if w.chars().count() < 3 {
                continue;
            }
            word.extend(w.chars().flat_map(char::to_lowercase));
        }
        if STOP.binary_search(&word.as_str()).is_ok() {
            continue;
        }
        let mut h = twox_hash::XxHash64::with_seed(7);
        h.write(word.as_bytes());
        out.push(h.finish());
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Overlap coefficient of two sorted sets.
fn overlap(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n as f64 / a.len().min(b.len()) as f64
}

/// A name as the matcher compares it: trimmed, lower-cased, with its 64-bit hash.
/// Equality is the hashes' (two distinct names of one corpus sharing a hash is about as
/// likely as one in 10⁹): comparing a new report with every report of its candidate
/// incidents compares these names many times over.
#[derive(Debug, Clone)]
struct Name {
    key: u64,
    text: String,
}

impl Name {
    fn of(s: &str) -> Self {
        let text = s.trim().to_lowercase();
        Name {
            key: Key::hash(&text).0,
            text,
        }
    }
}

/// A name compared only for equality: the hash of a [`Name`]'s text, without the text.
/// A writer holds the features of some 30,000 stored reports (see [`IncidentCache`]),
/// so the seven such names of each are kept as 8 bytes rather than a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key(u64);

impl Key {
    fn of(s: &str) -> Self {
        Key::hash(&s.trim().to_lowercase())
    }

    /// The key of an already trimmed, lower-cased name.
    fn hash(text: &str) -> Self {
        let mut h = twox_hash::XxHash64::with_seed(0);
        h.write(text.as_bytes());
        Key(h.finish())
    }
}

/// The keys of the two event types one incident may be coded as (see
/// [`types_compatible`]), and of [`SITREP_DATASET`].
static KEYS: std::sync::LazyLock<[Key; 3]> = std::sync::LazyLock::new(|| {
    [
        Key::hash("explosions/remote violence"),
        Key::hash("violence against civilians"),
        Key::hash(SITREP_DATASET),
    ]
});

impl PartialEq for Name {
    fn eq(&self, o: &Name) -> bool {
        self.key == o.key
    }
}

fn norm(s: &Option<String>) -> Option<Name> {
    s.as_deref().filter(|s| !s.trim().is_empty()).map(Name::of)
}

/// [`norm`]'s key alone.
fn norm_key(s: &Option<String>) -> Option<Key> {
    s.as_deref().filter(|s| !s.trim().is_empty()).map(Key::of)
}

/// What the matcher needs of one report, computed once.
#[derive(Debug, Clone)]
pub struct Features {
    /// Event id.
    pub event_id: String,
    doc_id: String,
    /// Hash of `doc_id`: most pairs differ in it, and comparing hashes first spares
    /// comparing ids that share a long prefix.
    doc_key: u64,
    dataset: Key,
    country: Option<Key>,
    day: Option<i64>,
    win: i64,
    published_day: Option<i64>,
    admin1: Option<Key>,
    admin2: Option<Key>,
    location: Option<Key>,
    below_country: bool,
    point: Option<(f64, f64)>,
    radius: f64,
    event_type: Key,
    sub_event_type: Key,
    actor1: Option<Name>,
    actor2: Option<Name>,
    fatalities: Option<u64>,
    claimed: bool,
    words: Vec<u64>,
}

impl Features {
    /// Features of a stored row (its `event_id` must be set).
    pub fn of(r: &EventRow) -> Self {
        let e = &r.event;
        let date = e.event_date.as_deref().or(r.published.as_deref());
        Features {
            event_id: r.event_id.clone(),
            doc_id: r.doc_id.clone(),
            doc_key: {
                let mut h = twox_hash::XxHash64::with_seed(0);
                h.write(r.doc_id.as_bytes());
                h.finish()
            },
            dataset: Key::of(&r.dataset),
            country: norm_key(&e.country),
            day: date.and_then(day_number),
            win: window(e.date_precision),
            published_day: r.published.as_deref().and_then(day_number),
            admin1: norm_key(&e.admin1),
            admin2: norm_key(&e.admin2),
            location: norm_key(&e.location),
            below_country: !matches!(
                e.location_precision,
                Some(LocationPrecision::Country) | None
            ),
            point: e.latitude.zip(e.longitude),
            radius: radius_km(e.location_precision),
            event_type: Key::of(&e.event_type),
            sub_event_type: Key::of(&e.sub_event_type),
            actor1: norm(&e.actor1),
            actor2: norm(&e.actor2),
            fatalities: e.fatalities,
            claimed: e.modality == Modality::Claimed,
            words: tokens(r.notes.as_deref().unwrap_or("")),
        }
    }
}

/// Event types that can describe the same incident. An attack on civilians with a bomb
/// is coded as an explosion by one outlet's wording and as violence against civilians by
/// another's; everything else must agree.
fn types_compatible(a: &Key, b: &Key) -> bool {
    let [explosions, civilians, _] = *KEYS;
    a == b || (*a == explosions && *b == civilians) || (*a == civilians && *b == explosions)
}

/// Two actor names denote the same side: equal, or one contains the other
/// ("Military Forces of Syria" / "Military Forces of Syria (2000-)").
fn same_actor(a: &Name, b: &Name) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.text.len() < b.text.len() {
        (&a.text, &b.text)
    } else {
        (&b.text, &a.text)
    };
    // Different names of one length cannot contain each other.
    short.len() < long.len() && long.contains(short.as_str())
}

/// How alike two reports are; `None` when they cannot be the same incident.
pub fn pair_score(a: &Features, b: &Features) -> Option<f64> {
    hard_gap(a, b).map(|gap| soft_score(a, b, gap))
}

/// Two places can be one incident's: unless both are placed below the country in
/// different provinces (names normalised as [`Features`] holds them).
fn provinces_compatible(
    a_below: bool,
    a_admin1: &Option<Key>,
    b_below: bool,
    b_admin1: &Option<Key>,
) -> bool {
    !(a_below && b_below && a_admin1.is_some() && b_admin1.is_some() && a_admin1 != b_admin1)
}

/// The hard rules: `None` when two reports cannot be the same incident (same document,
/// another dataset or country, dates or places too far apart, incompatible types), else
/// the gap in days between them. Cheap, so the clusterer checks every member of a
/// candidate incident with it before scoring any.
fn hard_gap(a: &Features, b: &Features) -> Option<i64> {
    if (a.doc_key == b.doc_key && a.doc_id == b.doc_id)
        || a.dataset != b.dataset
        || a.country != b.country
    {
        return None;
    }
    if a.dataset != KEYS[2] {
        return None; // imported rows are already incidents
    }
    let gap = match (a.day, b.day) {
        (Some(x), Some(y)) => {
            let gap = (x - y).abs();
            if gap > a.win.max(b.win) {
                return None;
            }
            gap
        }
        _ => return None,
    };
    if !provinces_compatible(a.below_country, &a.admin1, b.below_country, &b.admin1) {
        return None;
    }
    if !types_compatible(&a.event_type, &b.event_type) {
        return None;
    }
    if let (Some(p), Some(q)) = (a.point, b.point) {
        if sitrep_model::geo::haversine_km(p.0, p.1, q.0, q.1) > a.radius + b.radius {
            return None;
        }
    }
    Some(gap)
}

/// Every part of [`soft_score`] but the shared words, which cost the most to compute.
fn score_without_words(a: &Features, b: &Features, gap: i64) -> f64 {
    let mut s = 0.0;
    // Sub-type.
    s += if a.sub_event_type == b.sub_event_type {
        0.6
    } else if a.event_type == b.event_type {
        -0.3
    } else {
        -0.6
    };
    // Actors.
    match (&a.actor1, &b.actor1) {
        (Some(x), Some(y)) if same_actor(x, y) => s += 0.6,
        (Some(x), Some(y)) => {
            // Roles swapped (one outlet names the target first) is weak evidence.
            if b.actor2.as_ref().is_some_and(|b2| same_actor(x, b2))
                || a.actor2.as_ref().is_some_and(|a2| same_actor(y, a2))
            {
                s += 0.1;
            } else {
                s -= 0.5;
            }
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (&a.actor2, &b.actor2) {
        s += if same_actor(x, y) { 0.3 } else { -0.2 };
    }
    // Place names and hierarchy.
    match (&a.location, &b.location) {
        (Some(x), Some(y)) if x == y => s += 1.0,
        (Some(x), Some(y)) => {
            let in_other = |loc: &Key, o: &Features| {
                o.admin1.as_ref() == Some(loc) || o.admin2.as_ref() == Some(loc)
            };
            if in_other(x, b) || in_other(y, a) {
                s += 0.3; // one names the town, the other its district or province
            } else if a.admin2.is_some() && a.admin2 == b.admin2 {
                s -= 0.2;
            } else {
                s -= 0.6;
            }
        }
        _ => {}
    }
    if a.admin1.is_some() && a.admin1 == b.admin1 {
        s += 0.2;
    }
    // Toll compatibility: a later report may raise the toll; a lower later figure or a
    // large gap on the same day is a disagreement, not proof of another incident.
    if let (Some(fa), Some(fb)) = (a.fatalities, b.fatalities) {
        if !a.claimed && !b.claimed {
            if fa == fb {
                s += 0.4;
            } else {
                let (early, late) = match (a.published_day, b.published_day) {
                    (Some(x), Some(y)) if x < y => (fa, fb),
                    (Some(x), Some(y)) if y < x => (fb, fa),
                    _ => (fa.min(fb), fa.max(fb)),
                };
                let ratio = late.max(1) as f64 / early.max(1) as f64;
                if late > early && ratio <= 4.0 {
                    s += 0.2;
                } else if ratio > 4.0 || early > late.saturating_mul(2) {
                    s -= 0.5;
                }
            }
        }
    }
    // Date distance.
    if gap == 0 {
        s += 0.3;
    } else {
        s -= 0.15 * gap as f64 / a.win.max(b.win) as f64;
    }
    s
}

/// Weight of the shared evidence words ([`overlap`], at most 1) in the score.
const WORDS_WEIGHT: f64 = 1.5;

/// The evidence that two reports passing [`hard_gap`] are one incident: sub-type,
/// actors, place names, tolls, date distance ([`score_without_words`]) and the words
/// their evidence shares.
fn soft_score(a: &Features, b: &Features, gap: i64) -> f64 {
    score_without_words(a, b, gap) + WORDS_WEIGHT * overlap(&a.words, &b.words)
}

/// Canonical order of reports: event date, publication date, document, position.
pub fn canonical_cmp(a: &EventRow, b: &EventRow) -> std::cmp::Ordering {
    let da = a.event.event_date.as_deref().or(a.published.as_deref());
    let db = b.event.event_date.as_deref().or(b.published.as_deref());
    (da.is_none(), da, &a.published, &a.doc_id, a.seq).cmp(&(
        db.is_none(),
        db,
        &b.published,
        &b.doc_id,
        b.seq,
    ))
}

/// Greedy deterministic clustering of reports into incidents.
///
/// Feed reports in canonical order ([`canonical_cmp`]); each joins the best incident
/// scoring at least [`THRESHOLD`] or founds a new one.
#[derive(Debug, Default)]
pub struct Clusterer {
    /// Members (feature sets) of each cluster.
    clusters: Vec<Vec<Features>>,
    /// Stored incident id of a seeded cluster.
    seeded_id: Vec<Option<String>>,
    /// (country, dataset) (their [`Name`] hashes) -> per window class ([`WIN_CLASSES`])
    /// -> day -> clusters with a member of that class on that day.
    by_day: HashMap<(u64, u64), [DayIndex; 3]>,
    /// Per cluster, the last look-up ([`Clusterer::best`]) that met it.
    seen: Vec<u64>,
    /// Look-ups so far.
    lookups: u64,
}

/// Day -> clusters with a member on that day.
type DayIndex = BTreeMap<i64, Vec<usize>>;

/// The date windows a report can have ([`window`]): day, week, month.
const WIN_CLASSES: [i64; 3] = [1, 7, 31];

impl Clusterer {
    /// An empty clusterer (recompute from scratch).
    pub fn new() -> Self {
        Self::default()
    }

    fn index(&mut self, c: usize, f: &Features) {
        if let (Some(country), Some(day)) = (&f.country, f.day) {
            let class = WIN_CLASSES.iter().position(|&w| w >= f.win).unwrap_or(2);
            let list = self.by_day.entry((country.0, f.dataset.0)).or_default()[class]
                .entry(day)
                .or_default();
            if list.last() != Some(&c) {
                list.push(c);
            }
        }
    }

    /// Adds a stored incident with its stored id and its members' features; returns its
    /// cluster index.
    pub fn seed_features(&mut self, incident_id: &str, feats: Vec<Features>) -> usize {
        let c = self.clusters.len();
        for f in &feats {
            self.index(c, f);
        }
        self.clusters.push(feats);
        self.seeded_id.push(Some(incident_id.to_string()));
        c
    }

    /// The best cluster for `f` and its score, if any reaches the threshold (ties: the
    /// lowest cluster index, so the order clusters are looked at in does not matter).
    fn best(&mut self, f: &Features) -> Option<(usize, f64)> {
        let (Some(country), Some(day)) = (&f.country, f.day) else {
            return None;
        };
        let classes = self.by_day.get(&(country.0, f.dataset.0))?;
        // A cluster can take `f` only if every member is within the wider of the two
        // windows ([`hard_gap`]); look it up by its members of each window class, each
        // cluster once (it has members on several days): `seen` marks the clusters met
        // in this look-up.
        self.lookups += 1;
        self.seen.resize(self.clusters.len(), 0);
        let mut candidates: Vec<usize> = Vec::new();
        for (days, w) in classes.iter().zip(WIN_CLASSES) {
            let reach = f.win.max(w);
            for &c in days
                .range(day - reach..=day + reach)
                .flat_map(|(_, list)| list.iter())
            {
                if self.seen[c] != self.lookups {
                    self.seen[c] = self.lookups;
                    candidates.push(c);
                }
            }
        }
        let mut best: Option<(usize, f64)> = None;
        let mut gaps: Vec<i64> = Vec::new();
        for c in candidates {
            let members = &self.clusters[c];
            gaps.clear();
            for m in members {
                match hard_gap(f, m) {
                    Some(g) => gaps.push(g),
                    None => break,
                }
            }
            if gaps.len() < members.len() {
                continue;
            }
            // The words add at most WORDS_WEIGHT: a member whose other evidence cannot
            // lift the cluster above the threshold, the best cluster so far or its own
            // best member is not worth the word overlap (the outcome is the same).
            let mut top = f64::NEG_INFINITY;
            for (m, &g) in members.iter().zip(&gaps) {
                let base = score_without_words(f, m, g);
                let bound = base + WORDS_WEIGHT;
                if bound < THRESHOLD
                    || bound <= top
                    || best.is_some_and(|(bc, bs)| bound < bs || (bound == bs && c > bc))
                {
                    continue;
                }
                top = top.max(base + WORDS_WEIGHT * overlap(&f.words, &m.words));
            }
            if top >= THRESHOLD && best.is_none_or(|(bc, bs)| top > bs || (top == bs && c < bc)) {
                best = Some((c, top));
            }
        }
        best
    }

    /// Adds one report; returns its cluster index.
    pub fn add(&mut self, r: &EventRow) -> usize {
        self.add_features(Features::of(r))
    }

    /// Adds one report by its features (computed once by a caller that needs them too);
    /// returns its cluster index.
    pub fn add_features(&mut self, f: Features) -> usize {
        let c = match self.best(&f) {
            Some((c, _)) => c,
            None => {
                self.clusters.push(Vec::new());
                self.seeded_id.push(None);
                self.clusters.len() - 1
            }
        };
        self.index(c, &f);
        self.clusters[c].push(f);
        c
    }

    /// Takes the members' features of cluster `c` (seeded ones first, then the added
    /// ones in the order they were added), leaving it empty.
    pub fn take_members(&mut self, c: usize) -> Vec<Features> {
        self.clusters
            .get_mut(c)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    /// True when no report was added.
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    /// The stored id of a seeded cluster.
    pub fn seeded_id(&self, c: usize) -> Option<&str> {
        self.seeded_id.get(c).and_then(|s| s.as_deref())
    }
}

/// Clusters `rows` from scratch. Returns, for each row (in the given order), the index
/// of its cluster; clusters are numbered in canonical order of their first report.
pub fn cluster(rows: &[EventRow]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| canonical_cmp(&rows[a], &rows[b]));
    let mut cl = Clusterer::new();
    let mut out = vec![0; rows.len()];
    for i in order {
        out[i] = cl.add(&rows[i]);
    }
    out
}

/// One report of an incident as listed in the incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentReport {
    /// Stable event id.
    pub event_id: String,
    /// Source document.
    pub doc_id: String,
    /// Outlet.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// This report's death toll.
    pub fatalities: Option<u64>,
    /// This report's injured.
    pub injured: Option<u64>,
    /// `reported` or `claimed`.
    pub modality: Modality,
    /// True when a later, higher figure overtook this one (a rising toll).
    #[serde(default)]
    pub overtaken: bool,
    /// The evidence sentences.
    pub notes: Option<String>,
}

/// One incident: the reconciled record and every report of it (contract in DESIGN.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id (`I` + the event id of its first report).
    pub incident_id: String,
    /// ISO2 code.
    pub country: Option<String>,
    /// Province.
    pub admin1: Option<String>,
    /// Most specific place named.
    pub location: Option<String>,
    /// Latitude of `location`.
    pub latitude: Option<f64>,
    /// Longitude of `location`.
    pub longitude: Option<f64>,
    /// Precision of `location`.
    pub location_precision: Option<LocationPrecision>,
    /// Date of the incident.
    pub event_date: Option<String>,
    /// Precision of `event_date`.
    pub date_precision: Option<DatePrecision>,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Acting side.
    pub actor1: Option<String>,
    /// Side acted upon.
    pub actor2: Option<String>,
    /// Best (most conservative credible, non-overtaken) reported death toll.
    pub fatalities: Option<u64>,
    /// UCDP's low estimate: the lowest reported figure.
    pub fatalities_low: Option<u64>,
    /// UCDP's high estimate: the highest reported figure.
    pub fatalities_high: Option<u64>,
    /// Injured (same rule as `fatalities`).
    pub injured: Option<u64>,
    /// The highest figure a party claimed (kept apart from reported figures).
    pub claimed_fatalities: Option<u64>,
    /// True when reports disagree beyond a rising toll.
    pub disputed: bool,
    /// Number of reports.
    pub n_reports: usize,
    /// `sitrep`, or the dataset an imported row came from (`acled`, `ged`).
    pub dataset: String,
    /// Every report, in canonical order.
    pub reports: Vec<IncidentReport>,
}

/// An incident's figures (see [`figures`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// Best death toll.
    pub fatalities: Option<u64>,
    /// Low estimate.
    pub fatalities_low: Option<u64>,
    /// High estimate.
    pub fatalities_high: Option<u64>,
    /// Best injured figure.
    pub injured: Option<u64>,
    /// Highest claimed toll.
    pub claimed_fatalities: Option<u64>,
    /// Reports disagree beyond a rising toll.
    pub disputed: bool,
}

/// Marks, for one figure (`get`), the reports a later, higher report overtook: a report
/// published strictly later (it was written knowing more, whoever wrote it) or by the
/// same outlet later the same day or after. Claims never overtake and are never
/// overtaken.
fn overtaken(reports: &[IncidentReport], get: fn(&IncidentReport) -> Option<u64>) -> Vec<bool> {
    reports
        .iter()
        .map(|r| {
            let Some(v) = get(r).filter(|_| r.modality == Modality::Reported) else {
                return false;
            };
            reports.iter().any(|o| {
                o.modality == Modality::Reported
                    && get(o).is_some_and(|w| w > v)
                    && match (&o.published, &r.published) {
                        (Some(po), Some(pr)) => {
                            po > pr
                                || (po == pr
                                    && o.publisher.is_some()
                                    && o.publisher == r.publisher
                                    && o.event_id > r.event_id)
                        }
                        _ => false,
                    }
            })
        })
        .collect()
}

/// The incident's figures from its reports — the one documented function:
///
/// - `fatalities` (ACLED's rule): the most conservative credible figure, i.e. the lowest
///   *reported* (not claimed) toll among the reports no later, higher report has
///   overtaken. A report is overtaken when a report published later (a rising toll),
///   or by the same outlet, gives a higher figure.
/// - `fatalities_low` / `fatalities_high` (UCDP's low and high estimates): the lowest and
///   highest reported figures, overtaken ones included.
/// - `injured`: the same rule as `fatalities`.
/// - `claimed_fatalities`: the highest figure in a party's own claim, kept apart.
/// - `disputed`: the non-overtaken reported figures differ (disagreement beyond a rising
///   toll); every figure and its source stay listed in the reports.
///
/// Unknown stays unknown: no reported figure gives `None`, never 0.
pub fn figures(reports: &mut [IncidentReport]) -> Figures {
    let over = overtaken(reports, |r| r.fatalities);
    for (r, o) in reports.iter_mut().zip(&over) {
        r.overtaken = *o;
    }
    let reported = |r: &&IncidentReport| r.modality == Modality::Reported;
    let live: Vec<u64> = reports
        .iter()
        .filter(reported)
        .filter(|r| !r.overtaken)
        .filter_map(|r| r.fatalities)
        .collect();
    let all: Vec<u64> = reports
        .iter()
        .filter(reported)
        .filter_map(|r| r.fatalities)
        .collect();
    let over_inj = overtaken(reports, |r| r.injured);
    let live_inj: Vec<u64> = reports
        .iter()
        .zip(&over_inj)
        .filter(|(r, o)| r.modality == Modality::Reported && !**o)
        .filter_map(|(r, _)| r.injured)
        .collect();
    let claimed = reports
        .iter()
        .filter(|r| r.modality == Modality::Claimed)
        .filter_map(|r| r.fatalities)
        .max();
    Figures {
        fatalities: live.iter().copied().min(),
        fatalities_low: all.iter().copied().min(),
        fatalities_high: all.iter().copied().max(),
        injured: live_inj.iter().copied().min(),
        claimed_fatalities: claimed,
        disputed: live.iter().min() != live.iter().max(),
    }
}

/// The most frequent value (ties: the first seen), over values that are present.
fn mode<T: PartialEq + Clone>(vals: impl Iterator<Item = Option<T>>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in vals.flatten() {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let mut best: Option<(T, usize)> = None;
    for (v, n) in counts {
        if best.as_ref().is_none_or(|(_, b)| n > *b) {
            best = Some((v, n));
        }
    }
    best.map(|(v, _)| v)
}

fn loc_rank(p: Option<LocationPrecision>) -> u8 {
    match p {
        Some(LocationPrecision::Place) => 0,
        Some(LocationPrecision::Admin2) => 1,
        Some(LocationPrecision::Admin1) => 2,
        Some(LocationPrecision::Region) => 3,
        Some(LocationPrecision::Country) => 4,
        None => 5,
    }
}

fn date_rank(p: Option<DatePrecision>) -> u8 {
    match p {
        Some(DatePrecision::Day) => 0,
        Some(DatePrecision::Week) => 1,
        Some(DatePrecision::Month) => 2,
        None => 3,
    }
}

/// Builds an incident from its member rows (any order; sorted canonically here).
///
/// Descriptive fields: type, sub-type, actors and province are the most frequent among
/// the reports (ties: the earliest report); the place is the most precise one named
/// (ties: most frequent, then earliest); the date is the earliest among the most precise.
pub fn build_incident(members: &[&EventRow]) -> Option<Incident> {
    let mut m: Vec<&EventRow> = members.to_vec();
    m.sort_by(|a, b| canonical_cmp(a, b));
    let first = *m.first()?;
    let mut reports: Vec<IncidentReport> = m
        .iter()
        .map(|r| IncidentReport {
            event_id: r.event_id.clone(),
            doc_id: r.doc_id.clone(),
            publisher: r.publisher.clone(),
            published: r.published.clone(),
            fatalities: r.event.fatalities,
            injured: r.event.injured,
            modality: r.event.modality,
            overtaken: false,
            notes: r.notes.clone(),
        })
        .collect();
    let fig = figures(&mut reports);
    let best_loc = m
        .iter()
        .map(|r| loc_rank(r.event.location_precision))
        .min()
        .unwrap_or(5);
    let loc_rows: Vec<&&EventRow> = m
        .iter()
        .filter(|r| loc_rank(r.event.location_precision) == best_loc)
        .collect();
    let location = mode(loc_rows.iter().map(|r| r.event.location.clone()));
    let loc_row = loc_rows
        .iter()
        .find(|r| r.event.location == location)
        .copied()
        .unwrap_or(&first);
    let best_date = m
        .iter()
        .map(|r| date_rank(r.event.date_precision))
        .min()
        .unwrap_or(3);
    let date_row = m
        .iter()
        .find(|r| date_rank(r.event.date_precision) == best_date)
        .copied()
        .unwrap_or(first);
    let event_type = mode(m.iter().map(|r| Some(r.event.event_type.clone()))).unwrap_or_default();
    let sub_event_type = mode(
        m.iter()
            .filter(|r| r.event.event_type == event_type)
            .map(|r| Some(r.event.sub_event_type.clone())),
    )
    .unwrap_or_default();
    Some(Incident {
        incident_id: incident_id_of(&first.event_id),
        country: mode(m.iter().map(|r| r.event.country.clone())),
        admin1: mode(m.iter().map(|r| r.event.admin1.clone())),
        location,
        latitude: loc_row.event.latitude,
        longitude: loc_row.event.longitude,
        location_precision: loc_row.event.location_precision,
        event_date: date_row
            .event
            .event_date
            .clone()
            .or_else(|| date_row.published.clone()),
        date_precision: date_row.event.date_precision,
        event_type,
        sub_event_type,
        actor1: mode(m.iter().map(|r| r.event.actor1.clone())),
        actor2: mode(m.iter().map(|r| r.event.actor2.clone())),
        fatalities: fig.fatalities,
        fatalities_low: fig.fatalities_low,
        fatalities_high: fig.fatalities_high,
        injured: fig.injured,
        claimed_fatalities: fig.claimed_fatalities,
        disputed: fig.disputed,
        n_reports: m.len(),
        dataset: first.dataset.clone(),
        reports,
    })
}

/// Groups rows into incidents from scratch: [`cluster`] then [`build_incident`].
pub fn reconcile(rows: &[EventRow]) -> Vec<Incident> {
    let ids = cluster(rows);
    let n = ids.iter().copied().max().map_or(0, |m| m + 1);
    let mut groups: Vec<Vec<&EventRow>> = vec![Vec::new(); n];
    for (r, c) in rows.iter().zip(ids) {
        groups[c].push(r);
    }
    groups.iter().filter_map(|g| build_incident(g)).collect()
}

/// The publisher name shown for rows imported from `dataset`.
pub fn dataset_publisher(dataset: &str) -> &str {
    match dataset {
        "acled" => "ACLED",
        "ged" => "UCDP GED",
        other => other,
    }
}

/// The stored row an imported record becomes (position `seq` of pseudo-document
/// `doc_id`), as reconciliation sees it.
pub fn imported_row(
    dataset: &str,
    doc_id: &str,
    seq: usize,
    ie: &crate::ImportedEvent,
) -> EventRow {
    EventRow {
        id: 0,
        event_id: event_id(doc_id, seq),
        incident_id: None,
        dataset: dataset.to_string(),
        doc_id: doc_id.to_string(),
        seq,
        event: ie.event.clone(),
        notes: ie.notes.clone(),
        publisher: ie
            .source
            .clone()
            .or_else(|| Some(dataset_publisher(dataset).to_string())),
        url: None,
        published: ie.event.event_date.clone(),
        title: None,
    }
}

/// An imported record's incident with the dataset's own low / high estimates, when it
/// gives them (UCDP GED does).
pub fn with_estimates(mut inc: Incident, ie: &crate::ImportedEvent) -> Incident {
    if ie.fatalities_low.is_some() {
        inc.fatalities_low = ie.fatalities_low;
    }
    if ie.fatalities_high.is_some() {
        inc.fatalities_high = ie.fatalities_high;
    }
    inc
}

/// Merges overlapping or touching day ranges.
fn merge_ranges(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (lo, hi) in v {
        match out.last_mut() {
            Some(last) if lo <= last.1 + 1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// Which stored reports a backend reads for reconciliation ([`IncidentDb::rows`]).
#[derive(Debug, Clone)]
pub(crate) enum Select<'a> {
    /// Every report of these incidents.
    Incidents(&'a [String]),
    /// Reports not yet in an incident (new since the last reconciliation).
    Pending,
}

/// A stored report as the search for candidate incidents sees it ([`IncidentDb::near`]):
/// the columns of the `events_country_date` index, so the search reads no table row.
#[derive(Debug, Clone)]
pub(crate) struct NearRow {
    /// Its incident.
    pub incident_id: String,
    /// Event date as stored.
    pub event_date: String,
    /// How precisely the date is known.
    pub date_precision: Option<DatePrecision>,
    /// How precisely the place is known.
    pub location_precision: Option<LocationPrecision>,
    /// Province as stored.
    pub admin1: Option<String>,
}

/// The read behind [`IncidentDb::near`] (SQLite's placeholders; PostgreSQL's are
/// substituted): a range of the `events_country_date` index, which holds every column
/// read, so no table row is visited.
pub(crate) const NEAR_SQL: &str = "SELECT incident_id, event_date, date_precision,
        location_precision, admin1
    FROM events
    WHERE country = ?1 AND event_date >= ?2 AND event_date < ?3 AND incident_id IS NOT NULL";

/// What reconciliation needs of a backend, inside one transaction: read reports, write
/// and delete incidents. SQLite and PostgreSQL implement it, so both run
/// [`reconcile_pending`] and [`reconcile_from_scratch`] unchanged.
pub(crate) trait IncidentDb {
    /// The backend's error.
    type Error;
    /// Stored reports matching `sel`.
    fn rows(&mut self, sel: Select<'_>) -> Result<Vec<EventRow>, Self::Error>;
    /// Stored reports in an incident, in `country` (as stored), with an event date on or
    /// after day `from` and before day `until` (ISO days; `until` excluded).
    fn near(&mut self, country: &str, from: &str, until: &str)
        -> Result<Vec<NearRow>, Self::Error>;
    /// Writes (replaces) an incident and points the reports with row ids `attach` at it
    /// (its reports that do not point at it yet).
    fn write(&mut self, i: &Incident, attach: &[i64]) -> Result<(), Self::Error>;
    /// Deletes an incident record (its reports keep their `incident_id` until rewritten).
    fn delete(&mut self, incident_id: &str) -> Result<(), Self::Error>;
    /// Makes the writes so far visible to the reads (a backend may queue writes and send
    /// them together).
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    /// Deletes every incident of dataset `sitrep` and clears its reports' incident ids.
    fn clear(&mut self) -> Result<(), Self::Error>;
}

/// Recomputes every incident from scratch (imported rows, each its own incident, are
/// kept as they are).
pub(crate) fn reconcile_from_scratch<D: IncidentDb>(
    db: &mut D,
) -> Result<ReconcileSummary, D::Error> {
    db.clear()?;
    let all: Vec<EventRow> = db
        .rows(Select::Pending)?
        .into_iter()
        .filter(|r| r.dataset == SITREP_DATASET)
        .collect();
    let incidents = reconcile(&all);
    let ids: HashMap<&str, i64> = all.iter().map(|r| (r.event_id.as_str(), r.id)).collect();
    for i in &incidents {
        let attach: Vec<i64> = i
            .reports
            .iter()
            .filter_map(|r| ids.get(r.event_id.as_str()).copied())
            .collect();
        db.write(i, &attach)?;
    }
    db.flush()?;
    Ok(ReconcileSummary {
        reports: all.len(),
        incidents: incidents.len(),
    })
}

/// The stored reports of incidents `ids`, by incident, in one read.
fn members_of<D: IncidentDb>(
    db: &mut D,
    ids: &[String],
) -> Result<BTreeMap<String, Vec<EventRow>>, D::Error> {
    let mut out: BTreeMap<String, Vec<EventRow>> = BTreeMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for r in db.rows(Select::Incidents(ids))? {
        if let Some(id) = r.incident_id.clone() {
            out.entry(id).or_default().push(r);
        }
    }
    Ok(out)
}

/// The row ids of `members` that do not point at incident `id` yet.
fn to_attach<'r>(members: impl IntoIterator<Item = &'r EventRow>, id: &str) -> Vec<i64> {
    members
        .into_iter()
        .filter(|r| r.incident_id.as_deref() != Some(id))
        .map(|r| r.id)
        .collect()
}

/// Whether a stored report (dated `day`, window `win`, placed below the country or not,
/// in province `admin1`) passes [`pair_score`]'s hard rules of date and province against
/// one of the new reports `new` (sorted by day; `days` are their days): then its
/// incident is a candidate for them.
fn near_candidate(
    new: &[&Features],
    days: &[i64],
    day: i64,
    win: i64,
    below: bool,
    admin1: &Option<Key>,
) -> bool {
    let month = window(Some(DatePrecision::Month));
    let first = days.partition_point(|&d| d < day - month);
    new[first..]
        .iter()
        .zip(&days[first..])
        .take_while(|(_, &d)| d <= day + month)
        .any(|(n, &d)| {
            (d - day).abs() <= n.win.max(win)
                && provinces_compatible(n.below_country, &n.admin1, below, admin1)
        })
}

/// Reports an [`IncidentCache`] holds at most (about 2 KB each): past it, the incidents
/// used longest ago are dropped after a batch.
const CACHE_REPORTS: usize = 30_000;

/// A stored incident held in memory: its reports and their features, in the same order,
/// and the batch that last used it.
#[derive(Debug)]
struct Held {
    rows: Vec<EventRow>,
    feats: Vec<Features>,
    used: u64,
}

/// Stored incidents that a writer keeps in memory from one batch to the next.
///
/// A batch's new reports meet the stored incidents dated near them. Which ones is decided
/// per batch from the `(country, event_date, …)` index alone ([`NEAR_SQL`], cheap); the
/// costly part is reading those incidents' reports and computing their features. When a
/// corpus arrives roughly in date order, consecutive batches meet nearly the same
/// incidents, and most were written by the writer itself in the batch before. The cache
/// keeps them (up to [`CACHE_REPORTS`] reports, the least recently used dropped first),
/// updated as the writer rewrites them, so only the others are read.
///
/// It is only correct while this writer is the only one changing incidents: the store
/// starts a new one when another connection or another kind of write changed the
/// database, and when a batch failed. The incidents of a
/// rewritten document are dropped from it before they are rebuilt.
#[derive(Debug, Default)]
pub(crate) struct IncidentCache {
    /// Held incidents by id.
    held: HashMap<String, Held>,
    /// Reports held.
    reports: usize,
    /// Batches seen (the clock of [`Held::used`]).
    batches: u64,
}

impl IncidentCache {
    /// An empty cache.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Holds incident `id` with its reports and their features. What the incident is
    /// rebuilt from is kept of each report; its title, URL and evidence spans are not
    /// ([`build_incident`] and [`to_attach`] never read them).
    fn insert(&mut self, id: String, mut rows: Vec<EventRow>, feats: Vec<Features>) {
        for r in &mut rows {
            r.title = None;
            r.url = None;
            r.event.evidence = Vec::new();
        }
        self.reports += rows.len();
        let used = self.batches;
        if let Some(old) = self.held.insert(id, Held { rows, feats, used }) {
            self.reports -= old.rows.len();
        }
    }

    /// Stops holding incident `id`; returns what was held.
    fn remove(&mut self, id: &str) -> Option<Held> {
        let h = self.held.remove(id)?;
        self.reports -= h.rows.len();
        Some(h)
    }

    /// Drops the incidents used longest ago until at most [`CACHE_REPORTS`] reports are
    /// held.
    fn shrink(&mut self) {
        if self.reports <= CACHE_REPORTS {
            return;
        }
        let mut by_age: Vec<(u64, usize, String)> = self
            .held
            .iter()
            .map(|(id, h)| (h.used, h.rows.len(), id.clone()))
            .collect();
        by_age.sort_unstable();
        for (_, _, id) in by_age {
            if self.reports <= CACHE_REPORTS {
                break;
            }
            self.remove(&id);
        }
    }
}

/// Attaches reports without an incident (new since the last reconciliation) to stored
/// incidents or founds new ones, and rebuilds the `dirty` incidents whose reports changed
/// (a document was rewritten). Stored incidents dated near the new reports seed the
/// clusterer, so the new reports meet them as they would in a recompute. `cache` holds
/// stored incidents between batches (see [`IncidentCache`]).
pub(crate) fn reconcile_pending<D: IncidentDb>(
    db: &mut D,
    dirty: &[String],
    cache: &mut IncidentCache,
) -> Result<ReconcileSummary, D::Error> {
    let mut sum = ReconcileSummary::default();
    cache.batches += 1;
    let dirty: BTreeSet<&String> = dirty.iter().collect();
    let ids: Vec<String> = dirty.iter().map(|s| s.to_string()).collect();
    for id in &ids {
        // Their rewritten documents' old reports may be held.
        cache.remove(id);
    }
    let by_incident = members_of(db, &ids)?;
    for id in &ids {
        db.delete(id)?;
        let members: Vec<&EventRow> = by_incident
            .get(id)
            .map_or(Vec::new(), |m| m.iter().collect());
        if let Some(inc) = build_incident(&members) {
            // A rebuilt incident may take the id of another held one.
            cache.remove(&inc.incident_id);
            db.write(&inc, &to_attach(members.iter().copied(), &inc.incident_id))?;
            sum.incidents += 1;
        }
    }
    db.flush()?;
    let mut pending = db.rows(Select::Pending)?;
    if pending.is_empty() {
        return Ok(sum);
    }
    sum.reports = pending.len();
    pending.sort_by(canonical_cmp);
    // Seed with the stored incidents a new report could join: those with a report that
    // passes [`pair_score`]'s hard rules of date and province against a new report (dated
    // within the wider of their two windows, and not in another province when both are
    // placed below the country). Each is seeded whole, so its hard no-matches are all
    // checked. Per country, the merged month-wide ranges around the new reports are read
    // from the `(country, event_date, …)` index alone; the rules are applied here.
    let month = window(Some(DatePrecision::Month));
    // Features of the new reports, computed once for the search and the clusterer.
    let feats: Vec<Features> = pending.iter().map(Features::of).collect();
    let mut by_country: BTreeMap<&str, Vec<&Features>> = BTreeMap::new();
    for (r, f) in pending.iter().zip(&feats) {
        if let (Some(c), Some(_)) = (&r.event.country, f.day) {
            by_country.entry(c.as_str()).or_default().push(f);
        }
    }
    let mut candidates: BTreeSet<String> = BTreeSet::new();
    for (country, mut new) in by_country {
        // Every entry has a day (see above).
        new.sort_by_key(|n| n.day);
        // No window is wider than a month, so a month each side holds every candidate.
        let days: Vec<i64> = new.iter().filter_map(|n| n.day).collect();
        let ranges = merge_ranges(days.iter().map(|d| (d - month, d + month)).collect());
        for (lo, hi) in ranges {
            for m in db.near(country, &date_of_day(lo), &date_of_day(hi + 1))? {
                if candidates.contains(&m.incident_id) {
                    continue;
                }
                let Some(day) = day_number(&m.event_date) else {
                    continue;
                };
                let below = !matches!(
                    m.location_precision,
                    Some(LocationPrecision::Country) | None
                );
                if near_candidate(
                    &new,
                    &days,
                    day,
                    window(m.date_precision),
                    below,
                    &norm_key(&m.admin1),
                ) {
                    candidates.insert(m.incident_id);
                }
            }
        }
    }
    // The candidates not held, all their reports in one read.
    let load: Vec<String> = candidates
        .iter()
        .filter(|id| !cache.held.contains_key(*id))
        .cloned()
        .collect();
    for (id, rows) in members_of(db, &load)? {
        let feats = rows.iter().map(Features::of).collect();
        cache.insert(id, rows, feats);
    }
    // The held features move into the clusterer and back (below), uncopied.
    let mut cl = Clusterer::new();
    for id in &candidates {
        if let Some(h) = cache.held.get_mut(id) {
            h.used = cache.batches;
            cl.seed_features(id, std::mem::take(&mut h.feats));
        }
    }
    let mut joined: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, f) in feats.into_iter().enumerate() {
        joined.entry(cl.add_features(f)).or_default().push(i);
    }
    for c in 0..cl.len() {
        if joined.contains_key(&c) {
            continue;
        }
        if let Some(h) = cl.seeded_id(c).and_then(|id| cache.held.get_mut(id)) {
            h.feats = cl.take_members(c);
        }
    }
    let mut pending: Vec<Option<EventRow>> = pending.into_iter().map(Some).collect();
    for (c, new) in joined {
        let old_id = cl.seeded_id(c).map(str::to_string);
        let mut rows = old_id
            .as_deref()
            .and_then(|id| cache.remove(id))
            .map_or(Vec::new(), |h| h.rows);
        rows.extend(new.iter().filter_map(|&i| pending[i].take()));
        let refs: Vec<&EventRow> = rows.iter().collect();
        if let Some(inc) = build_incident(&refs) {
            if let Some(old) = &old_id {
                if *old != inc.incident_id {
                    db.delete(old)?;
                }
            }
            db.write(&inc, &to_attach(&rows, &inc.incident_id))?;
            sum.incidents += 1;
            for r in &mut rows {
                r.incident_id = Some(inc.incident_id.clone());
            }
            let feats = cl.take_members(c);
            cache.insert(inc.incident_id, rows, feats);
        }
    }
    db.flush()?;
    cache.shrink();
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Event;

    fn row(doc: &str, published: &str, fat: Option<u64>, modality: Modality) -> EventRow {
        EventRow {
            id: 0,
            event_id: event_id(doc, 0),
            incident_id: None,
            dataset: SITREP_DATASET.into(),
            doc_id: doc.into(),
            seq: 0,
            event: Event {
                event_date: Some("2020-03-01".into()),
                date_precision: Some(DatePrecision::Day),
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Suicide bomb".into(),
                actor1: Some("Islamic State".into()),
                actor2: Some("Civilians (Iraq)".into()),
                country: Some("IQ".into()),
                admin1: Some("Baghdad".into()),
                admin2: None,
                location: Some("Baghdad".into()),
                latitude: Some(33.34),
                longitude: Some(44.4),
                location_precision: Some(LocationPrecision::Place),
                fatalities: fat,
                injured: None,
                killed_or_wounded: None,
                modality,
                evidence: vec![],
            },
            notes: Some("A suicide bomber blew himself up at a crowded market in Baghdad".into()),
            publisher: Some(format!("{doc}.example")),
            url: None,
            published: Some(published.into()),
            title: None,
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(tokens("The convoy and the CONVOY, 12 km away"), {
            let mut t = tokens("convoy away");
            t.sort_unstable();
            t
        });
    }

    #[test]
    fn days_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2019-12-31", "2024-03-01"] {
            let n = day_number(d).expect("valid date");
            assert_eq!(date_of_day(n), d);
        }
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(day_number("bad"), None);
    }

    #[test]
    fn event_ids_are_stable_and_distinct() {
        assert_eq!(event_id("a", 0), event_id("a", 0));
        assert_ne!(event_id("a", 0), event_id("a", 1));
        assert_ne!(event_id("a", 1), event_id("b", 1));
    }

    #[test]
    fn rising_toll_overtakes_and_claims_stay_apart() {
        let rows = [
            row("a", "2020-03-01", Some(12), Modality::Reported),
            row("b", "2020-03-01", Some(15), Modality::Reported),
            row("c", "2020-03-03", Some(31), Modality::Reported),
            row("d", "2020-03-03", Some(29), Modality::Reported),
            row("e", "2020-03-02", Some(60), Modality::Claimed),
        ];
        let inc = reconcile(&rows);
        assert_eq!(inc.len(), 1, "{inc:#?}");
        let i = &inc[0];
        assert_eq!(i.n_reports, 5);
        assert_eq!(i.fatalities, Some(29));
        assert_eq!(i.fatalities_low, Some(12));
        assert_eq!(i.fatalities_high, Some(31));
        assert_eq!(i.claimed_fatalities, Some(60));
        assert!(i.disputed, "29 and 31 on the same day disagree");
        let over: Vec<bool> = i.reports.iter().map(|r| r.overtaken).collect();
        assert_eq!(over, [true, true, false, false, false]);
    }

    #[test]
    fn unknown_toll_stays_unknown() {
        let rows = [row("a", "2020-03-01", None, Modality::Reported)];
        let i = &reconcile(&rows)[0];
        assert_eq!(i.fatalities, None);
        assert!(!i.disputed);
    }

    #[test]
    fn same_document_and_other_province_never_merge() {
        let mut a = row("a", "2020-03-01", Some(3), Modality::Reported);
        let mut b = row("a", "2020-03-01", Some(3), Modality::Reported);
        b.seq = 1;
        b.event_id = event_id("a", 1);
        assert_eq!(reconcile(&[a.clone(), b]).len(), 2);
        let mut c = row("c", "2020-03-01", Some(3), Modality::Reported);
        c.event.admin1 = Some("Nineveh".into());
        c.event.location = Some("Mosul".into());
        c.event.latitude = Some(36.34);
        c.event.longitude = Some(43.13);
        a.seq = 0;
        assert_eq!(reconcile(&[a, c]).len(), 2);
    }

    #[test]
    fn order_of_input_does_not_change_the_result() {
        let rows = vec![
            row("a", "2020-03-01", Some(12), Modality::Reported),
            row("b", "2020-03-02", Some(20), Modality::Reported),
            row("c", "2020-03-03", Some(31), Modality::Reported),
        ];
        let mut rev = rows.clone();
        rev.reverse();
        assert_eq!(reconcile(&rows), reconcile(&rev));
    }
}
