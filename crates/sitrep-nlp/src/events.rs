//! The `events` stage: ACLED-shaped event records from the earlier layers.
//!
//! Why rules: the guide (`EVENTS-GUIDE.md`) is a set of coding rules, and analysts need
//! to see why each record exists. Per sentence we find the most specific trigger
//! ([`lexicon`]), then attach what the other stages found in that sentence: the date
//! (`times`, else the weekday/"overnight" words, else the publication date with week
//! precision), the place (`places`: the most specific one; coordinated places split the
//! record and its toll evenly), the actors (lexicon + `entities`, the agent before the
//! victim), the tolls (`counts`, conservative), and the modality (party sources or
//! "claimed to have" → `claimed`). Background (> 30 days old, history, running totals),
//! irrealis (threats, plans, denials) and country-wide roll-ups are dropped. Records of
//! one incident told twice are merged, keeping the most precise values; every record
//! keeps its evidence sentences.

pub mod lexicon;
pub mod local;
pub mod plover;
pub mod score;
#[cfg(test)]
mod tests;

use crate::stage::{Stage, StageError};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use lexicon::{lexicons, ActorKind, Cue, Hit, Lexicons, Sub};
use local::LocalKind;
use sitrep_model::{
    CountKind, DatePrecision, Doc, EntityKind, Event, Layer, LocationPrecision, Modality, Place,
    PlaceKind, Span, TextIndex, TimeType,
};

/// The `events` stage.
#[derive(Debug, Default, Clone)]
pub struct Events;

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    fn version(&self) -> &'static str {
        "1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Times,
            Layer::Places,
            Layer::Entities,
            Layer::Counts,
            Layer::Quotes,
        ]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let lex = lexicons().ok_or_else(|| StageError::Failed {
            stage: "events",
            doc: doc.id.clone(),
            message: "the event lexicons failed to compile\nhelp: this is a bug in sitrep; please report it".into(),
        })?;
        let events = extract(doc, lex);
        doc.events = Some(events);
        Ok(())
    }
}

/// A place mention with byte offsets.
#[derive(Debug, Clone)]
struct BPlace<'a> {
    start: usize,
    end: usize,
    place: &'a Place,
    /// A local place ([`local`]) and the name of the place that contains it.
    local: Option<(LocalKind, &'a str)>,
    /// The place stands for its surroundings ("east of Damascus" → Rif Dimashq).
    around: bool,
}

/// An actor mention with byte offsets, resolved later against the event's country.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    kind: ActorKind,
    /// ISO country (state forces) or ACLED group name; empty = the event's country.
    who: String,
}

impl Mention {
    fn armed(&self) -> bool {
        self.kind != ActorKind::Civilians
    }
    /// An actor that names no group: "gunmen", "rebels", "a sniper".
    fn generic(&self) -> bool {
        matches!(self.kind, ActorKind::Unidentified | ActorKind::Rebels)
            || self.who.starts_with("Unidentified Armed Group")
            || self.who.starts_with("Rebel Groups")
    }
    fn name(&self, country: Option<&str>) -> Option<String> {
        let cname = |iso: &str| lexicon::country_name(iso).map(str::to_string);
        let here = || country.and_then(cname);
        Some(match self.kind {
            ActorKind::Group => self.who.clone(),
            ActorKind::Military => {
                let c = if self.who.is_empty() {
                    here()?
                } else {
                    cname(&self.who)?
                };
                format!("Military Forces of {c}")
            }
            ActorKind::Police => {
                let c = if self.who.is_empty() {
                    here()?
                } else {
                    cname(&self.who)?
                };
                format!("Police Forces of {c}")
            }
            ActorKind::Rebels => format!("Rebel Groups ({})", here()?),
            ActorKind::Unidentified => format!("Unidentified Armed Group ({})", here()?),
            ActorKind::Civilians => format!("Civilians ({})", here()?),
        })
    }
}

/// A toll figure and whether it is vague ("dozens").
#[derive(Debug, Clone, Copy, PartialEq)]
struct Toll {
    value: Option<u64>,
    vague: bool,
    update: bool,
    /// Added up from figures the sentence gives for parts ("30 soldiers and 39 rebels").
    summed: bool,
}

/// One candidate record (before merging).
#[derive(Debug, Clone)]
struct Cand {
    sub: Sub,
    /// The trigger came from the generic "attack"/"killed" words.
    weak_type: bool,
    date: Option<NaiveDate>,
    precision: DatePrecision,
    date_explicit: bool,
    place: Option<Place>,
    place_explicit: bool,
    /// For a local place: the name of the place that contains it.
    parent: Option<String>,
    /// One of the incidents an earlier total in the article adds up.
    part: bool,
    split: bool,
    country: Option<String>,
    actor1: Option<String>,
    actor1_default: bool,
    actor2: Option<String>,
    fatalities: Option<Toll>,
    injured: Option<Toll>,
    kw: Option<Toll>,
    no_casualties: bool,
    claim: bool,
    party: bool,
    neutral: bool,
    rollup: bool,
    evidence: Vec<Span>,
    sent: usize,
}

fn parse_date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

fn kind_rank(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Place => 4,
        PlaceKind::Admin2 => 3,
        PlaceKind::Admin1 => 2,
        PlaceKind::Region => 1,
        PlaceKind::Country => 0,
    }
}

/// How precise an event's coordinates are. A local place below the gazetteer (no
/// GeoNames id) carries the coordinates of the division that contains it (Maiwand gets
/// Kandahar's), so its precision is that division's, not a point at the place.
fn coordinate_precision(p: &Place) -> LocationPrecision {
    if p.kind == PlaceKind::Place && p.geonameid.is_none() {
        if p.admin2.is_some() {
            LocationPrecision::Admin2
        } else {
            LocationPrecision::Admin1
        }
    } else {
        precision_of(p.kind)
    }
}

fn precision_of(k: PlaceKind) -> LocationPrecision {
    match k {
        PlaceKind::Place => LocationPrecision::Place,
        PlaceKind::Admin2 => LocationPrecision::Admin2,
        PlaceKind::Admin1 => LocationPrecision::Admin1,
        PlaceKind::Region => LocationPrecision::Region,
        PlaceKind::Country => LocationPrecision::Country,
    }
}

fn lower_window(text: &str, from: usize, to: usize) -> std::borrow::Cow<'_, str> {
    let mut a = from.min(text.len());
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = to.min(text.len());
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    let w = text.get(a..b).unwrap_or("");
    // Most windows are already lower-case: borrow them.
    if w.bytes().any(|c| c.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(w.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// True when `word` occurs as a whole word in `hay` (both lower-case).
fn has_word(hay: &str, word: &str) -> bool {
    // The windows searched are short: find the first byte with memchr and compare,
    // rather than build a substring searcher for every call.
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let Some((&first, _)) = w.split_first() else {
        return false;
    };
    let mut from = 0;
    while from + w.len() <= h.len() {
        let Some(p) = memchr::memchr(first, &h[from..=h.len() - w.len()]) else {
            return false;
        };
        let i = from + p;
        if &h[i..i + w.len()] == w {
            // A match of a whole UTF-8 string starts and ends on character boundaries.
            let before = hay[..i].chars().next_back();
            let after = hay[i + w.len()..].chars().next();
            if !before.is_some_and(|c| c.is_alphanumeric())
                && !after.is_some_and(|c| c.is_alphanumeric())
            {
                return true;
            }
        }
        from = i + 1;
    }
    false
}

/// Most recent `wd` on or before `pub_date`.
fn last_weekday(pub_date: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (pub_date.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    pub_date - Duration::days(i64::from(back))
}

/// Weekday names (from `sitrep_model::calendar`) with their chrono weekday.
fn weekdays() -> impl Iterator<Item = (&'static str, Weekday)> {
    sitrep_model::calendar::WEEKDAY_NAMES
        .iter()
        .zip(0u8..)
        .filter_map(|(w, i)| Weekday::try_from(i).ok().map(|d| (*w, d)))
}

/// Victim-slot words: an actor right after one of these is acted upon.
const VICTIM_WORDS: &[&str] = &[
    "killing",
    "killed",
    "kill",
    "kills",
    "against",
    "targeting",
    "targeted",
    "on",
    "injuring",
    "wounding",
    "of",
    "among",
    "including",
    "neutralized",
    "with",
    "hit",
    "from",
];

fn extract(doc: &Doc, lex: &Lexicons) -> Vec<Event> {
    let text = doc.text.as_str();
    let idx = TextIndex::new(text);
    let pub_date = doc.published.as_deref().and_then(parse_date);
    let Some(sentences) = doc.sentences.as_ref() else {
        return Vec::new();
    };
    let sents: Vec<(usize, usize, Span)> = sentences
        .iter()
        .map(|s| (idx.byte(s.start), idx.byte(s.end), s.span()))
        .collect();

    // Layers in bytes.
    let times: Vec<(usize, usize, &sitrep_model::Time)> = doc
        .times
        .iter()
        .flatten()
        .map(|t| (idx.byte(t.start), idx.byte(t.end), t))
        .collect();
    let all_places: Vec<BPlace> = doc
        .places
        .iter()
        .flatten()
        .map(|p| BPlace {
            start: idx.byte(p.start),
            end: idx.byte(p.end),
            place: p,
            local: None,
            around: false,
        })
        .collect();
    // Trust places only in the countries the article names (or, when it names none, the
    // country most of its places are in): a lone "Date" resolved to Japan in a Syria
    // story is a gazetteer false friend, not the incident's place.
    // Every resolved name, trusted or not, is not a local place.
    let known: Vec<(usize, usize)> = all_places.iter().map(|p| (p.start, p.end)).collect();
    let mut trusted: Vec<String> = all_places
        .iter()
        .filter(|p| matches!(p.place.kind, PlaceKind::Country | PlaceKind::Region))
        .filter_map(|p| p.place.country.clone())
        .collect();
    trusted.extend(main_country(&all_places));
    let places: Vec<BPlace> = all_places
        .into_iter()
        .filter(|p| {
            p.place
                .country
                .as_ref()
                .is_some_and(|c| trusted.contains(c))
        })
        .collect();
    // A foreign capital named without "in"/"at" is its government or a dateline
    // ("brokered by Moscow and Washington", "WASHINGTON (Sputnik) -"), not a place
    // where something happened.
    // The home country: the one the sentences that report incidents name most (a
    // foreign capital is often named more, in captions and datelines).
    let sent_triggers: Vec<Vec<Hit<Sub>>> = sents
        .iter()
        .map(|&(a, b, _)| lex.triggers.find(text, a, b))
        .collect();
    let reports: Vec<(usize, usize, Span)> = sents
        .iter()
        .zip(&sent_triggers)
        .filter(|(_, t)| !t.is_empty())
        .map(|(s, _)| *s)
        .collect();
    let home = {
        let in_reports: Vec<BPlace> = places
            .iter()
            .filter(|p| reports.iter().any(|&(a, b, _)| p.start >= a && p.end <= b))
            .cloned()
            .collect();
        main_country(&in_reports).or_else(|| main_country(&places))
    };
    let places: Vec<BPlace> = places
        .into_iter()
        .filter(|p| {
            matches!(p.place.kind, PlaceKind::Country | PlaceKind::Region)
                || home.is_none()
                || p.place.country == home
                || locative_before(text, p.start)
        })
        .collect();
    let counts: Vec<(usize, usize, &sitrep_model::Count)> = doc
        .counts
        .iter()
        .flatten()
        .map(|c| (idx.byte(c.start), idx.byte(c.end), c))
        .collect();

    // Document-level context: the main place and country, and its sources.
    let main_place = places
        .iter()
        .find(|p| p.place.kind != PlaceKind::Country && p.place.country.is_some())
        .map(|p| p.place.clone());
    let main_country = home.clone().or_else(|| main_country(&places));
    let doc_sources = lex.sources.find(text, 0, text.len());
    let doc_party = doc_sources.iter().any(|h| h.value);
    let doc_neutral = doc_sources.iter().any(|h| !h.value);

    // Actors and local places of the sentences that report incidents, found once.
    let sent_mentions: Vec<Vec<Mention>> = sents
        .iter()
        .zip(&sent_triggers)
        .map(|(&(a, b, _), t)| {
            if t.is_empty() {
                Vec::new()
            } else {
                actor_mentions(doc, &idx, lex, a, b)
            }
        })
        .collect();
    let sent_locals: Vec<Vec<local::Local>> = sents
        .iter()
        .zip(&sent_triggers)
        .zip(&sent_mentions)
        .map(|((&(a, b, _), t), m)| {
            if t.is_empty() {
                return Vec::new();
            }
            let blocked: Vec<(usize, usize)> = known
                .iter()
                .copied()
                .filter(|k| k.0 >= a && k.1 <= b)
                .chain(m.iter().map(|m| (m.start, m.end)))
                .collect();
            local::find(text, a, b, &blocked)
        })
        .collect();
    let doc_parents = local_parents(text, &sents, &sent_locals, &places);
    // Resolved names by local key: a name the places stage missed in one sentence (a
    // comma-less "the city of Qamishli Hasaka") but resolved elsewhere.
    let mut doc_names: std::collections::HashMap<String, Place> = std::collections::HashMap::new();
    for p in places.iter().filter(|p| p.place.kind == PlaceKind::Place) {
        doc_names
            .entry(local::key(&p.place.text))
            .or_insert_with(|| p.place.clone());
    }

    let mut cands: Vec<Cand> = Vec::new();
    let mut last_place: Option<(usize, Place)> = None;
    for (si, &(a, b, span)) in sents.iter().enumerate() {
        // Image captions never produce records: a caption is the text up to a photo
        // credit in brackets ("… June 18 2016 (TRT World and Agencies)"), or a sentence
        // followed by one.
        let next_credit = sents.get(si + 1).is_some_and(|n| {
            text.get(n.0..n.1).is_some_and(|t| t.starts_with('('))
                && credit_end(text, n.0, n.1).is_some()
        });
        if next_credit && credit_end(text, a, b).is_none() {
            continue;
        }
        let a = credit_end(text, a, b).unwrap_or(a);
        let s_places: Vec<&BPlace> = places
            .iter()
            .filter(|p| p.start >= a && p.end <= b)
            .collect();
        let s_counts: Vec<&(usize, usize, &sitrep_model::Count)> =
            counts.iter().filter(|c| c.0 >= a && c.1 <= b).collect();
        // `a` may now be past a photo credit: its triggers and actors are not the news.
        let mut triggers: Vec<Hit<Sub>> = sent_triggers[si]
            .iter()
            .filter(|t| t.start >= a)
            .copied()
            .collect();
        if triggers.is_empty() && s_counts.is_empty() {
            // Nothing to code here: only remember the place for later sentences.
            if let Some(p) = place_group(text, &s_places).first() {
                last_place = Some((si, p.place.clone()));
            }
            continue;
        }
        let low = lower_window(text, a, b);
        let cues = lex.cues.find(text, a, b);
        let history = cues
            .iter()
            .any(|c| c.value == Cue::History && !benign_since(text, c, pub_date, &times, a, b));
        // Triggers, minus those under a modal/negation or a "backed by".
        triggers.retain(|t| {
            !cues.iter().any(|c| {
                (c.value == Cue::Irrealis && c.end <= t.start && t.start - c.end <= 60)
                    || (c.value == Cue::Backing && c.end <= t.start && t.start - c.end <= 30)
            })
        });
        let mut mentions: Vec<Mention> = sent_mentions[si]
            .iter()
            .filter(|m| m.start >= a)
            .cloned()
            .collect();
        mentions.retain(|m| !triggers.iter().any(|t| t.start < m.start && m.end < t.end));
        let best = pick_trigger(text, &triggers, &mentions);

        // The sentence's places, with the local ones the gazetteer lacks.
        let context = last_place
            .as_ref()
            .filter(|(i, _)| si - i <= 3)
            .map(|(_, p)| p.clone())
            .or_else(|| main_place.clone());
        let sp = if best.is_some() {
            sentence_places(
                text,
                (a, b),
                &s_places,
                &mentions,
                &sent_locals[si],
                &DocPlaces {
                    parents: &doc_parents,
                    names: &doc_names,
                    home: home.as_deref(),
                },
                context.as_ref(),
            )
        } else {
            SentencePlaces::default()
        };
        let sp_refs: Vec<BPlace> = sp.views();
        let s_places: Vec<&BPlace> = if best.is_some() {
            sp_refs.iter().collect()
        } else {
            s_places
        };

        // The most specific place in this sentence (for later sentences to inherit).
        let group = place_group(text, &s_places);
        if let Some(p) = group.first().filter(|p| p.local.is_none()) {
            last_place = Some((si, p.place.clone()));
        }

        let Some(trig) = best else {
            // Orphan tolls: attach to the record of the previous sentence.
            if !history {
                let update = cues.iter().any(|c| c.value == Cue::Update);
                attach_orphans(&mut cands, si, span, &s_counts, update);
            }
            continue;
        };
        if history {
            continue;
        }

        // Date.
        let (date, precision, date_explicit, background) =
            sentence_date(text, &low, pub_date, &times, a, b, trig.start, &cues);
        if background {
            continue;
        }

        // Place(s).
        let parents: Vec<Option<String>> = group
            .iter()
            .map(|p| p.local.map(|(_, n)| n.to_string()))
            .collect();
        let (places_for, place_explicit) = if !group.is_empty() {
            (group.iter().map(|p| p.place.clone()).collect(), true)
        } else {
            // The sentence names no place, so `last_place` is as it was for `context`.
            let inherited = context.clone();
            let country_here = s_places
                .iter()
                .find(|p| p.place.kind == PlaceKind::Country)
                .map(|p| p.place.clone());
            match (inherited, country_here) {
                // "an attack in Syria": not the foreign city of the sentence before.
                (Some(p), Some(c)) if p.country != c.country && c.country == home => {
                    (vec![c], true)
                }
                (Some(p), _) => (vec![p], false),
                (None, Some(c)) => (vec![c], true),
                (None, None) => (vec![], false),
            }
        };
        let has_count = s_counts.iter().any(|c| {
            matches!(
                c.2.kind,
                CountKind::Kill | CountKind::Wound | CountKind::KillOrWound
            )
        });
        let specific_place = place_explicit
            && places_for
                .iter()
                .any(|p: &Place| p.kind != PlaceKind::Country);
        if !(specific_place || has_count || date_explicit) {
            continue;
        }
        let country = places_for
            .first()
            .and_then(|p| p.country.clone())
            .or_else(|| main_country.clone())
            .or_else(|| {
                mentions
                    .iter()
                    .find(|m| m.kind == ActorKind::Military && !m.who.is_empty())
                    .map(|m| m.who.clone())
            });

        // Actors.
        let (actor1, actor1_default, actor2) =
            pick_actors(text, &mentions, trig, country.as_deref(), a);
        let sub = resolve_sub(trig.value, &mentions, &actor1, &actor2);

        // Tolls.
        let update = cues.iter().any(|c| c.value == Cue::Update);
        let fatalities = toll(text, &s_counts, CountKind::Kill, update);
        let injured = toll(text, &s_counts, CountKind::Wound, update);
        let kw = toll(text, &s_counts, CountKind::KillOrWound, update);

        let srcs = lex.sources.find(text, a, b);
        let base = Cand {
            sub,
            weak_type: matches!(trig.value, Sub::GenericAttack | Sub::Kill),
            date,
            precision,
            date_explicit,
            place: None,
            place_explicit,
            parent: None,
            part: false,
            split: places_for.len() > 1,
            country,
            actor1,
            actor1_default,
            actor2,
            fatalities,
            injured,
            kw,
            no_casualties: cues.iter().any(|c| c.value == Cue::NoCasualties),
            claim: cues.iter().any(|c| c.value == Cue::Claim),
            party: srcs.iter().any(|h| h.value),
            neutral: srcs.iter().any(|h| !h.value),
            rollup: cues.iter().any(|c| c.value == Cue::RollUp),
            evidence: vec![span],
            sent: si,
        };
        // Places in other provinces named in the same sentence are other incidents (one
        // incident is not in two provinces): one record each, without the toll, which
        // belongs to the main place.
        // Local places (villages, sites) listed in the same sentence are other incidents
        // too ("shelled al-Foaa town in Idleb, the villages of X and Y in Latakia …").
        let mut others: Vec<(Place, Option<String>)> = Vec::new();
        if place_explicit {
            for p in &s_places {
                if reference_point(text, p)
                    || group.iter().any(|g| g.start == p.start && g.end == p.end)
                {
                    continue;
                }
                if let Some((_, parent)) = p.local {
                    if !others.iter().any(|(q, _)| q.name == p.place.name) {
                        others.push((p.place.clone(), Some(parent.to_string())));
                    }
                    continue;
                }
                let a1 = p.place.admin1.as_ref();
                if p.place.kind == PlaceKind::Country
                    || a1.is_none()
                    || places_for.iter().any(|q: &Place| q.admin1.as_ref() == a1)
                    || others.iter().any(|(q, _)| q.admin1.as_ref() == a1)
                {
                    continue;
                }
                others.push((p.place.clone(), None));
            }
        }
        for (p, parent) in others {
            let mut c = base.clone();
            c.country = p.country.clone().or(c.country);
            c.place = Some(p);
            c.parent = parent;
            c.split = true;
            c.fatalities = None;
            c.injured = None;
            c.kw = None;
            c.no_casualties = false;
            cands.push(c);
        }
        if places_for.is_empty() {
            cands.push(base);
        } else {
            let k = places_for.len() as u64;
            for (i, p) in places_for.into_iter().enumerate() {
                let mut c = base.clone();
                if let Some(cc) = p.country.clone() {
                    c.country = Some(cc);
                }
                c.place = Some(p);
                c.parent = parents.get(i).cloned().flatten();
                let share = |t: Option<Toll>| {
                    t.map(|t| Toll {
                        value: t.value.map(|v| v / k + if i == 0 { v % k } else { 0 }),
                        ..t
                    })
                };
                c.fatalities = share(base.fatalities);
                c.injured = share(base.injured);
                c.kw = share(base.kw);
                cands.push(c);
            }
        }
    }

    // A total that the article then breaks down into its incidents ("16 killed in air
    // strikes on Monday" … "10 in Atareb" … "six others in the east of the city") is a
    // roll-up, not a record of its own: code the incidents.
    let cands = drop_summed_totals(cands);

    // Merge the same incident told twice.
    let mut recs: Vec<Cand> = Vec::new();
    for c in cands {
        if let Some(r) = recs.iter_mut().find(|r| compatible(r, &c)) {
            merge(r, c);
        } else {
            recs.push(c);
        }
    }
    // Country-wide roll-ups are not records when the incidents are coded.
    let has_plain = recs.iter().any(|r| !r.rollup);
    recs.retain(|r| !(r.rollup && has_plain));

    recs.into_iter()
        .map(|r| finish(r, text, &idx, doc_party, doc_neutral))
        .collect()
}

/// True when a locative preposition comes right before byte `s` ("in Washington",
/// "at the Nusaybin crossing", "near the town of …").
fn locative_before(text: &str, s: usize) -> bool {
    let before = lower_window(text, s.saturating_sub(24), s);
    let mut words = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .skip_while(|w| matches!(*w, "the" | "city" | "town" | "of" | "capital" | "village"));
    words.next().is_some_and(|w| {
        matches!(
            w,
            "in" | "at" | "near" | "outside" | "into" | "across" | "inside" | "around"
        )
    })
}

/// One place of a sentence: byte range, the place, and for a local place its kind and
/// the name of the place that contains it.
type SentencePlace = (usize, usize, Place, Option<(LocalKind, String)>);

/// A sentence's places, owned: the resolved ones (adjusted for "the Damascus
/// countryside") and the local ones, with the containers of local places removed.
#[derive(Debug, Default)]
struct SentencePlaces {
    items: Vec<SentencePlace>,
    /// Start bytes of the places that stand for their surroundings.
    around: Vec<usize>,
}

impl SentencePlaces {
    fn views(&self) -> Vec<BPlace<'_>> {
        self.items
            .iter()
            .map(|(s, e, p, l)| BPlace {
                start: *s,
                end: *e,
                place: p,
                local: l.as_ref().map(|(k, n)| (*k, n.as_str())),
                around: self.around.contains(s),
            })
            .collect()
    }
}

/// The words before or after a place that make it mean the place's surroundings ("the
/// eastern suburbs of Damascus", "rural Damascus", "Damascus countryside").
fn surroundings(text: &str, s: usize, e: usize) -> bool {
    let before = lower_window(text, s.saturating_sub(32), s);
    // "162 kilometres north of the capital Damascus" is a reference point.
    if ["km", "kilomet", "miles"]
        .iter()
        .any(|w| before.contains(w))
    {
        return false;
    }
    let after = lower_window(text, e, e + 16);
    let next = after.split_whitespace().next().unwrap_or("");
    matches!(
        next.trim_matches(|c: char| !c.is_alphanumeric()),
        "countryside" | "suburbs" | "outskirts" | "province" | "governorate"
    ) || [
        "suburbs of",
        "outskirts of",
        "countryside of",
        "rural",
        "east of",
        "west of",
        "north of",
        "south of",
        "around",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// True when the word after byte `e` names a part of a city ("… neighbourhood").
fn next_word_is_quarter(text: &str, e: usize) -> bool {
    let after = lower_window(text, e, e + 16);
    matches!(
        after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric()),
        "neighbourhood" | "neighborhood" | "neighbourhoods" | "neighborhoods" | "quarter"
    )
}

/// Local places named with their province somewhere in the article ("the city of Al
/// Quriyah southeast of Deir Ezzor"), by [`local::key`], with that province's place: a
/// later bare mention of the same name is in the same province.
fn local_parents(
    text: &str,
    sents: &[(usize, usize, Span)],
    sent_locals: &[Vec<local::Local>],
    places: &[BPlace],
) -> std::collections::HashMap<String, Place> {
    let mut out = std::collections::HashMap::new();
    for (&(a, b, _), locals) in sents.iter().zip(sent_locals) {
        if locals.is_empty() {
            continue;
        }
        let here: Vec<&BPlace> = places
            .iter()
            .filter(|p| p.start >= a && p.end <= b)
            .collect();
        if here.is_empty() {
            continue;
        }
        let resolved: Vec<local::Resolved> = here
            .iter()
            .map(|p| local::Resolved {
                start: p.start,
                end: p.end,
                place: p.place,
            })
            .collect();
        for l in locals {
            if let Some(i) = local::parent_of(text, l.start, l.end, &resolved) {
                out.entry(local::key(&l.name))
                    .or_insert_with(|| resolved[i].place.clone());
            }
        }
    }
    out
}

/// What the whole article says about places, for reading one sentence's local places.
struct DocPlaces<'a> {
    /// Local names with the province they were named with ([`local_parents`]).
    parents: &'a std::collections::HashMap<String, Place>,
    /// Resolved places by [`local::key`] of their text.
    names: &'a std::collections::HashMap<String, Place>,
    /// The article's home country.
    home: Option<&'a str>,
}

fn sentence_places(
    text: &str,
    (a, b): (usize, usize),
    s_places: &[&BPlace],
    mentions: &[Mention],
    cached: &[local::Local],
    doc: &DocPlaces,
    context: Option<&Place>,
) -> SentencePlaces {
    let mut items: Vec<SentencePlace> = Vec::new();
    let mut around = Vec::new();
    for p in s_places {
        let mut place = p.place.clone();
        if let (Some(c), Some(a1)) = (place.country.as_deref(), place.admin1.as_deref()) {
            if let Some(other) = local::countryside_admin1(c, a1) {
                if surroundings(text, p.start, p.end) {
                    place.admin1 = Some(other.to_string());
                    place.admin2 = None;
                    place.kind = PlaceKind::Admin1;
                    place.name = other.to_string();
                    around.push(p.start);
                }
            }
        }
        // "Shahba neighbourhood": a town's name used for a quarter of a city.
        if place.kind == PlaceKind::Place && next_word_is_quarter(text, p.end) {
            continue;
        }
        // "Damascus's ally Russia", "Damascuss government": the state, not the city.
        let after = lower_window(text, p.end, p.end + 24);
        let government = after
            .trim_start_matches(['\'', '’'])
            .strip_prefix("s ")
            .is_some_and(|rest| {
                let w = rest.split_whitespace().next().unwrap_or("");
                matches!(
                    w,
                    "ally" | "allies" | "government" | "regime" | "backer" | "backers" | "forces"
                )
            });
        if government {
            continue;
        }
        items.push((p.start, p.end, place, None));
    }
    let blocked: Vec<(usize, usize)> = mentions
        .iter()
        .map(|m| (m.start, m.end))
        .chain(items.iter().map(|i| (i.0, i.1)))
        .collect();
    let mut locals: Vec<local::Local> = cached
        .iter()
        .filter(|l| l.start >= a && l.end <= b)
        .filter(|l| {
            !blocked
                .iter()
                .any(|r| local::overlaps(*r, (l.start, l.end)))
        })
        .cloned()
        .collect();
    local::drop_containers(text, &mut locals);
    if locals.is_empty() {
        return SentencePlaces { items, around };
    }
    let mut containers = vec![false; items.len()];
    let mut found = Vec::new();
    {
        let resolved: Vec<local::Resolved> = items
            .iter()
            .map(|(s, e, p, _)| local::Resolved {
                start: *s,
                end: *e,
                place: p,
            })
            .collect();
        for l in &locals {
            // "the nearby Turkish town of Nusaybin": a place abroad.
            let abroad = s_places.iter().any(|p| {
                p.place.kind == PlaceKind::Country
                    && p.end <= l.start
                    && l.start - p.end <= 20
                    && doc
                        .home
                        .is_some_and(|h| p.place.country.as_deref() != Some(h))
            });
            if abroad {
                continue;
            }
            // A name resolved elsewhere in the article ("Qamishli Hasaka" → Qamishli).
            let first = l.name.split_whitespace().next().unwrap_or("");
            if let Some(p) = doc
                .names
                .get(&local::key(&l.name))
                .or_else(|| doc.names.get(&local::key(first)))
            {
                found.push((l.start, l.end, p.clone(), None));
                continue;
            }
            let parent = match local::parent_of(text, l.start, l.end, &resolved) {
                Some(i) => {
                    containers[i] = true;
                    Some(resolved[i].place)
                }
                None => doc.parents.get(&local::key(&l.name)).or(context),
            };
            let Some(parent) = parent.filter(|p| p.country.is_some()) else {
                continue;
            };
            let mut place = local::to_place(l, parent);
            // "the eastern suburbs of Zamalka and Arbeen" of Damascus are in Rif Dimashq.
            let near = lower_window(text, l.start.saturating_sub(40), l.end + 40);
            if ["suburb", "outskirts", "countryside", "rural"]
                .iter()
                .any(|w| near.contains(w))
            {
                if let (Some(c), Some(a1)) = (place.country.as_deref(), place.admin1.as_deref()) {
                    if let Some(other) = local::countryside_admin1(c, a1) {
                        place.admin1 = Some(other.to_string());
                        place.admin2 = None;
                    }
                }
            }
            found.push((l.start, l.end, place, Some((l.kind, parent.name.clone()))));
        }
    }
    let mut out: Vec<_> = items
        .into_iter()
        .zip(containers)
        .filter(|(_, c)| !c)
        .map(|(i, _)| i)
        .collect();
    out.extend(found);
    out.sort_by_key(|i| i.0);
    SentencePlaces { items: out, around }
}

/// Drop candidates whose exact death toll is the sum of two or more tolls given later in
/// the article for other places or sentences; a total that only part of which is named
/// for places inside its own keeps the remainder (EVENTS-GUIDE: "the named incident with
/// its figure, and the remainder as a record at the wider place").
fn drop_summed_totals(cands: Vec<Cand>) -> Vec<Cand> {
    let exact = |c: &Cand| c.fatalities.filter(|t| !t.update).and_then(|t| t.value);
    let mut drop = vec![false; cands.len()];
    let mut part = vec![false; cands.len()];
    let mut rest: Vec<Option<u64>> = vec![None; cands.len()];
    for (i, c) in cands.iter().enumerate() {
        let Some(total) = exact(c).filter(|v| *v > 1) else {
            continue;
        };
        let parts: Vec<(usize, u64)> = cands
            .iter()
            .enumerate()
            .filter(|(_, d)| d.sent > c.sent)
            .filter_map(|(j, d)| exact(d).map(|v| (j, v)))
            .filter(|(_, v)| *v < total)
            .take(8)
            .collect();
        // Any subset of two or more parts that adds up to the total.
        let n = parts.len();
        let found = (1u32..(1 << n)).find(|mask| {
            mask.count_ones() >= 2
                && parts
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << k) != 0)
                    .map(|(_, (_, v))| *v)
                    .sum::<u64>()
                    == total
        });
        if let Some(mask) = found {
            drop[i] = true;
            for (k, (j, _)) in parts.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    part[*j] = true;
                }
            }
            continue;
        }
        // "700 executed in two weeks, 300 of them in Ghraneij": the named incidents
        // inside the total's place keep their figures and the total keeps the remainder.
        if c.fatalities.is_some_and(|t| t.vague) {
            continue;
        }
        let inside: Vec<(usize, u64)> = parts
            .iter()
            .copied()
            .filter(|(j, _)| within(c, &cands[*j]))
            // A figure close to the total is the same dead counted again ("at least 70
            // killed" … "30 soldiers and 39 rebels"), not a part of them.
            .filter(|(_, v)| !same_dead(total, *v))
            .collect();
        let sum: u64 = inside.iter().map(|(_, v)| v).sum();
        if !inside.is_empty() && sum < total {
            rest[i] = Some(total - sum);
            for (j, _) in inside {
                part[j] = true;
            }
        }
    }
    cands
        .into_iter()
        .zip(drop.into_iter().zip(part).zip(rest))
        .filter(|(_, ((d, _), _))| !d)
        .map(|(mut c, ((_, p), r))| {
            c.part = p;
            if let (Some(v), Some(t)) = (r, c.fatalities.as_mut()) {
                t.value = Some(v);
                c.part = true;
            }
            c
        })
        .collect()
}

/// True when `d` happened inside the place of the wider record `c` on the same day:
/// a village or neighbourhood of its city, a town of its province or region.
fn within(c: &Cand, d: &Cand) -> bool {
    let (Some(p), Some(q)) = (&c.place, &d.place) else {
        return false;
    };
    if c.country != d.country || p.name == q.name {
        return false;
    }
    if let (Some(x), Some(y)) = (c.date, d.date) {
        let lim = if c.date_explicit && d.date_explicit {
            1
        } else {
            7
        };
        if (x - y).num_days().abs() > lim {
            return false;
        }
    }
    // The same kind of violence, or the same victims: children killed by an air strike
    // are not part of a toll of fighters killed in battle.
    let same_kind = family(c.sub) == family(d.sub) || c.weak_type || d.weak_type;
    let same_victims = c.actor2.is_none() || d.actor2.is_none() || c.actor2 == d.actor2;
    if !same_kind && !same_victims {
        return false;
    }
    contains(p, q, &d.parent)
}

/// True when place `x` contains place `y`: a region or province of the same first-level
/// division (or of none), or the city a local place `y` was named with (`y_parent`:
/// "Aleppo" in a headline, "al-Midan neighbourhood" in the body).
fn contains(x: &Place, y: &Place, y_parent: &Option<String>) -> bool {
    y_parent.as_deref() == Some(x.name.as_str())
        || kind_rank(x.kind) <= 2
            && kind_rank(x.kind) < kind_rank(y.kind)
            && (x.admin1.is_none() || x.admin1 == y.admin1)
}

/// End (byte) of a bracketed photo credit in `[a, b)`, e.g. "(AFP)", "(TRT World and
/// Agencies)", "(Reuters/File Photo)".
fn credit_end(text: &str, a: usize, b: usize) -> Option<usize> {
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

/// The country most places in the document are in.
fn main_country(places: &[BPlace]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in places {
        if let Some(c) = &p.place.country {
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c.clone(), 1)),
            }
        }
    }
    // Stable: the first-seen country wins ties.
    let mut best: Option<(String, usize)> = None;
    for (c, n) in counts {
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((c, n));
        }
    }
    best.map(|(c, _)| c)
}

/// "since dawn", "since Wednesday afternoon": not a running total.
fn benign_since(
    text: &str,
    cue: &Hit<Cue>,
    pub_date: Option<NaiveDate>,
    times: &[(usize, usize, &sitrep_model::Time)],
    a: usize,
    b: usize,
) -> bool {
    if !text
        .get(cue.start..cue.end)
        .is_some_and(|s| s.eq_ignore_ascii_case("since"))
    {
        return false;
    }
    let rest = lower_window(text, cue.end, (cue.end + 24).min(b));
    let next = rest.split_whitespace().next().unwrap_or("");
    if matches!(
        next,
        "dawn" | "morning" | "early" | "this" | "yesterday" | "last" | "midnight" | "noon"
    ) || weekdays().any(|(w, _)| next == w)
    {
        return true;
    }
    // A dated "since" within three days of publication.
    times
        .iter()
        .filter(|t| t.0 >= cue.end && t.0 <= cue.end + 4 && t.1 <= b && t.0 >= a)
        .any(|t| match (parse_date(&t.2.value), pub_date) {
            (Some(d), Some(p)) => (p - d).num_days() <= 3 && d <= p,
            _ => false,
        })
}

/// Actor mentions in `[a, b)`: the lexicon's, then `entities` GROUP mentions it missed.
fn actor_mentions(doc: &Doc, idx: &TextIndex, lex: &Lexicons, a: usize, b: usize) -> Vec<Mention> {
    let text = doc.text.as_str();
    let mut out: Vec<Mention> = lex
        .actors
        .find(text, a, b)
        .into_iter()
        .map(|h| Mention {
            start: h.start,
            end: h.end,
            kind: h.value.kind,
            who: h.value.who.to_string(),
        })
        .collect();
    for e in doc.entities.iter().flatten() {
        if e.kind != EntityKind::Group {
            continue;
        }
        let (s, t) = (idx.byte(e.start), idx.byte(e.end));
        if s < a || t > b || out.iter().any(|m| m.start < t && s < m.end) {
            continue;
        }
        let Some(name) = e.canonical.clone() else {
            continue;
        };
        let (kind, who) = classify_actor_name(&name);
        out.push(Mention {
            start: s,
            end: t,
            kind,
            who,
        });
    }
    out.sort_by_key(|m| m.start);
    out
}

fn classify_actor_name(name: &str) -> (ActorKind, String) {
    let iso = lexicon::country_of_actor(name).map(str::to_string);
    if name.starts_with("Military Forces of") {
        if let Some(c) = iso {
            return (ActorKind::Military, c);
        }
    }
    if name.starts_with("Police Forces of") {
        if let Some(c) = iso {
            return (ActorKind::Police, c);
        }
    }
    if name.starts_with("Civilians") {
        return (ActorKind::Civilians, String::new());
    }
    (ActorKind::Group, name.to_string())
}

/// The sentence's trigger: the most specific; "killed" only with an armed agent before it.
fn pick_trigger(text: &str, triggers: &[Hit<Sub>], mentions: &[Mention]) -> Option<Hit<Sub>> {
    let mut best: Option<Hit<Sub>> = None;
    for t in triggers {
        if t.value == Sub::Kill || t.value == Sub::GenericAttack {
            let agent = mentions
                .iter()
                .any(|m| m.armed() && m.end <= t.start && !in_victim_slot(text, m));
            if !agent && t.value == Sub::Kill {
                continue;
            }
        }
        if best.is_none_or(|b| t.value.priority() > b.value.priority()) {
            best = Some(*t);
        }
    }
    best
}

fn in_victim_slot(text: &str, m: &Mention) -> bool {
    let before = lower_window(text, m.start.saturating_sub(40), m.start);
    // The nearest word before the mention, skipping numbers and quantity fillers
    // ("killing a total of 28 Afghan policemen": the word is "of").
    const FILLERS: &[&str] = &[
        "a",
        "an",
        "the",
        "total",
        "least",
        "at",
        "more",
        "than",
        "some",
        "about",
        "number",
        "unspecified",
        "unknown",
        "several",
        "dozens",
        "dozen",
        "scores",
        "hundreds",
        "other",
        "others",
        "afghan",
        "syrian",
        "iraqi",
        "pro-government",
        "government",
        "its",
        "their",
    ];
    // The subject of a passive casualty verb is a victim ("11 police officers were
    // killed when Taliban fighters attacked", "20 ISIL terrorists were killed", the
    // headline "100 ISIL Terrorists Killed in Homs").
    let passive = passive_subject(text.get(m.end..).unwrap_or(""));
    let mut words = before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .rev();
    let marker = words
        .by_ref()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()) && !FILLERS.contains(w));
    passive
        || marker.is_some_and(|w| {
            // "killed five fighters from the group" is a victim; "a sniper from the
            // group shot …" is the agent.
            VICTIM_WORDS.contains(&w)
                && (w != "from"
                    || words.any(|v| {
                        v.starts_with("kill") || v.starts_with("wound") || v.starts_with("injur")
                    }))
        })
}

/// True when `after` (the text after a mention) makes the mention the subject of a
/// passive casualty verb: up to two head nouns ("terrorists", "security forces"), then
/// "were"/"was"/"had been" + participle, or the bare participle followed by a
/// preposition ("… Killed in Homs"). Reads at most six words, without allocating.
fn passive_subject(after: &str) -> bool {
    let mut words = [""; 6];
    let mut n = 0;
    for w in after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(6)
    {
        words[n] = w;
        n += 1;
    }
    let words = &words[..n];
    let is = |w: &str, set: &[&str]| set.iter().any(|s| w.eq_ignore_ascii_case(s));
    for skip in 0usize..=2 {
        if let Some(noun) = skip.checked_sub(1).and_then(|k| words.get(k)) {
            let low_ed = noun.len() > 2
                && noun.is_char_boundary(noun.len() - 2)
                && noun[noun.len() - 2..].eq_ignore_ascii_case("ed");
            if low_ed
                || is(noun, &["and", "or", "who", "which", "that", "have", "has"])
                || noun.chars().all(|c| c.is_ascii_digit())
            {
                return false;
            }
        }
        let rest = words.get(skip..).unwrap_or(&[]);
        let at = |k: usize| rest.get(k).copied().unwrap_or("");
        if is(at(0), &["were", "was"]) && is(at(1), PASSIVE_CASUALTY)
            || is(at(0), &["had", "have", "has"])
                && at(1).eq_ignore_ascii_case("been")
                && is(at(2), PASSIVE_CASUALTY)
            || is(at(0), PASSIVE_CASUALTY)
                && is(at(1), &["in", "by", "as", "after", "during", "near"])
        {
            return true;
        }
    }
    false
}

/// Participles that make the subject of "were …" a victim.
const PASSIVE_CASUALTY: &[&str] = &[
    "killed",
    "wounded",
    "injured",
    "shot",
    "abducted",
    "kidnapped",
    "ambushed",
    "targeted",
    "executed",
    "attacked",
    "hurt",
];

/// actor1 (agent), whether it is a default, and actor2 (victim).
fn pick_actors(
    text: &str,
    mentions: &[Mention],
    trig: Hit<Sub>,
    country: Option<&str>,
    a: usize,
) -> (Option<String>, bool, Option<String>) {
    // "…, according to police": the source of the report, not a party to it.
    let is_source = |m: &Mention| {
        lower_window(text, m.start.saturating_sub(14), m.start)
            .trim_end()
            .ends_with("according to")
    };
    let agents: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.armed() && !in_victim_slot(text, m) && !is_source(m))
        .collect();
    let by_agent = agents.iter().find(|m| {
        let before = lower_window(text, m.start.saturating_sub(16).max(a), m.start);
        has_word(&before, "by")
    });
    let mut agent = by_agent.or(agents.first()).copied();
    // "a sniper from al-Nusra Front", "gunmen of the Islamic State": the named group
    // the generic role belongs to.
    if let Some(g) = agent.filter(|m| m.generic()) {
        agent = agents
            .iter()
            .find(|n| {
                n.kind == ActorKind::Group && !n.generic() && n.start >= g.end && {
                    let gap = lower_window(text, g.end, n.start);
                    matches!(
                        gap.trim(),
                        "from" | "of" | "of the" | "from the" | "belonging to"
                    )
                }
            })
            .copied()
            .or(Some(g));
    }
    // "al-Qaeda's Syrian affiliate al-Nusra Front": the affiliate acted.
    if let Some(g) = agent.filter(|m| m.kind == ActorKind::Group) {
        if let Some(n) = agents.iter().find(|n| {
            n.kind == ActorKind::Group && n.start >= g.end && n.start - g.end <= 32 && {
                let gap = lower_window(text, g.end, n.start);
                ["affiliate", "branch", "wing", "offshoot"]
                    .iter()
                    .any(|w| has_word(&gap, w))
            }
        }) {
            agent = Some(*n);
        }
    }
    let mut actor1 = agent.and_then(|m| m.name(country));
    let mut default = false;
    if actor1.is_none() {
        default = true;
        let c = country.and_then(lexicon::country_name);
        actor1 = c.map(|c| match trig.value {
            Sub::AirStrike | Sub::Chemical | Sub::GovRegains => format!("Military Forces of {c}"),
            Sub::Protest => format!("Protesters ({c})"),
            Sub::Riot => format!("Rioters ({c})"),
            _ => format!("Unidentified Armed Group ({c})"),
        });
    }
    let victim_armed = mentions
        .iter()
        .filter(|m| m.armed() && in_victim_slot(text, m))
        .filter_map(|m| m.name(country))
        .find(|n| Some(n) != actor1.as_ref());
    let civilians = mentions
        .iter()
        .find(|m| m.kind == ActorKind::Civilians)
        .and_then(|m| m.name(country));
    let other = mentions
        .iter()
        .filter(|m| m.armed())
        .filter_map(|m| m.name(country))
        .find(|n| Some(n) != actor1.as_ref());
    let actor2 = victim_armed.or(civilians).or(other);
    (actor1, default, actor2)
}

fn resolve_sub(
    sub: Sub,
    mentions: &[Mention],
    actor1: &Option<String>,
    actor2: &Option<String>,
) -> Sub {
    let state = actor1
        .as_deref()
        .is_some_and(|n| n.starts_with("Military Forces") || n.starts_with("Police Forces"));
    let civ = actor2
        .as_deref()
        .is_some_and(|n| n.starts_with("Civilians"));
    let _ = mentions;
    let armed_group = !state
        && actor1
            .as_deref()
            .is_some_and(|n| !n.starts_with("Unidentified") && !n.starts_with("Civilians"));
    match sub {
        Sub::GovRegains if armed_group => Sub::NonStateOvertakes,
        Sub::Territory => {
            if state {
                Sub::GovRegains
            } else {
                Sub::NonStateOvertakes
            }
        }
        Sub::GenericAttack | Sub::Kill => {
            if civ {
                Sub::CivAttack
            } else {
                Sub::ArmedClash
            }
        }
        s => s,
    }
}

/// Places given as reference points ("near Deir al-Zor", "162 km north of the capital
/// Damascus", "east of the town of Rabia") are not where the incident happened.
fn reference_point(text: &str, p: &BPlace) -> bool {
    if p.around {
        // "rebel areas east of Damascus", read as the countryside, is the place itself.
        return false;
    }
    let before = lower_window(text, p.start.saturating_sub(30), p.start);
    // The goal of a move ("advance to Raqqa") and where attackers fired from
    // ("terrorists positioned in X fired on Y") are not the incident's place.
    let last = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .find(|w| !matches!(*w, "the" | "city" | "town" | "of"));
    if matches!(last, Some("to" | "towards" | "toward" | "from" | "between"))
        || ["positioned in", "stationed in", "based in", "deployed in"]
            .iter()
            .any(|w| before.contains(w))
    {
        return true;
    }
    ["near", "outside", "kilometers", "kilometres", "km", "miles"]
        .iter()
        .any(|w| has_word(&before, w))
        || ["north of", "south of", "east of", "west of"]
            .iter()
            .any(|w| before.contains(w))
}

/// The places of this sentence's incident: the most specific mention and the places
/// coordinated with it ("in Bamyan and Badakhshan provinces").
fn place_group<'a>(text: &str, s_places: &[&'a BPlace<'a>]) -> Vec<&'a BPlace<'a>> {
    let cands: Vec<(usize, &BPlace)> = s_places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.place.kind != PlaceKind::Country)
        .map(|(i, p)| (i, *p))
        .collect();
    if cands.is_empty() {
        return Vec::new();
    }
    let reference = |p: &BPlace| reference_point(text, p);
    let score = |p: &BPlace| {
        (
            u8::from(!reference(p)),
            kind_rank(p.place.kind),
            u8::from(p.local.is_some()),
        )
    };
    let mut best = cands[0];
    for c in &cands[1..] {
        if score(c.1) > score(best.1) {
            best = *c;
        }
    }
    let coordinated = |x: &BPlace, y: &BPlace| {
        let gap = lower_window(text, x.end, y.start);
        if gap.len() > 40 {
            return false;
        }
        let rest: Vec<&str> = gap
            .split(|c: char| c.is_whitespace() || c == ',' || c == '&')
            .filter(|w| !w.is_empty())
            .collect();
        rest.iter().all(|w| {
            matches!(
                *w,
                "and"
                    | "or"
                    | "the"
                    | "in"
                    | "province"
                    | "provinces"
                    | "town"
                    | "towns"
                    | "village"
                    | "villages"
                    | "neighbourhood"
                    | "neighborhood"
                    | "neighbourhoods"
                    | "neighborhoods"
                    | "district"
                    | "districts"
                    | "city"
                    | "area"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "central"
                    | "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "northeastern"
                    | "northwestern"
                    | "southeastern"
                    | "southwestern"
            )
        }) && rest.iter().any(|w| *w == "and" || *w == "or")
            // "the city of Qamishli Hasaka" (commas stripped): a place and its province.
            || rest.is_empty()
                && (x.place.admin1 != y.place.admin1 || (x.local.is_some() && y.local.is_some()))
    };
    let pos = cands.iter().position(|c| c.0 == best.0).unwrap_or(0);
    let mut group = vec![best.1];
    let mut i = pos;
    while i > 0 && coordinated(cands[i - 1].1, cands[i].1) {
        group.insert(0, cands[i - 1].1);
        i -= 1;
    }
    let mut j = pos;
    while j + 1 < cands.len() && coordinated(cands[j].1, cands[j + 1].1) {
        group.push(cands[j + 1].1);
        j += 1;
    }
    // One entry per distinct place.
    let mut seen: Vec<&str> = Vec::new();
    group.retain(|p| {
        if seen.contains(&p.place.name.as_str()) {
            false
        } else {
            seen.push(p.place.name.as_str());
            true
        }
    });
    group
}

#[allow(clippy::too_many_arguments)]
fn sentence_date(
    text: &str,
    low: &str,
    pub_date: Option<NaiveDate>,
    times: &[(usize, usize, &sitrep_model::Time)],
    a: usize,
    b: usize,
    trig_at: usize,
    cues: &[Hit<Cue>],
) -> (Option<NaiveDate>, DatePrecision, bool, bool) {
    let Some(pd) = pub_date else {
        // An undated document: a day written out in full in the sentence ("on March
        // 12, 2021") still dates the event; relative ones cannot be resolved.
        let day = times
            .iter()
            .filter(|t| t.0 >= a && t.1 <= b && t.2.kind == TimeType::Date)
            .filter(|t| !report_date(text, t.0))
            .filter_map(|t| parse_date(&t.2.value).map(|d| (t.0.abs_diff(trig_at), d)))
            .min_by_key(|(dist, _)| *dist);
        return match day {
            Some((_, d)) => (Some(d), DatePrecision::Day, true, false),
            None => (None, DatePrecision::Week, false, false),
        };
    };
    let in_sent: Vec<&(usize, usize, &sitrep_model::Time)> = times
        .iter()
        .filter(|t| t.0 >= a && t.1 <= b)
        // "…, the White Helmets reported on Thursday": the day of the report.
        .filter(|t| !report_date(text, t.0))
        // A dateline at the top of the text is the publication date, not the incident's.
        .filter(|t| !(t.0 < 60 && parse_date(&t.2.value) == Some(pd)))
        .filter(|t| matches!(t.2.kind, TimeType::Date | TimeType::Time))
        .collect();
    let _ = text;
    let mut day: Option<(usize, NaiveDate)> = None;
    let mut background = false;
    let mut month_recent = false;
    for t in &in_sent {
        let v = t.2.value.as_str();
        let dist = t.0.abs_diff(trig_at);
        if let Some(d) = parse_date(v) {
            if d > pd {
                continue;
            }
            if day.is_none_or(|(bd, _)| dist < bd) {
                day = Some((dist, d));
            }
        } else if v.len() == 7 && v.as_bytes().get(4) == Some(&b'-') {
            if let Ok(first) = NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d") {
                let next = first + Duration::days(32);
                let last = NaiveDate::from_ymd_opt(next.year(), next.month(), 1)
                    .map(|n| n - Duration::days(1))
                    .unwrap_or(first);
                if first > pd {
                    continue;
                }
                if (pd - last).num_days() > 30 {
                    background = true;
                } else {
                    month_recent = true;
                }
            }
        } else if v.len() == 4 {
            if let Ok(y) = v.parse::<i32>() {
                if y < pd.year() {
                    background = true;
                }
            }
        }
    }
    if let Some((_, d)) = day {
        if (pd - d).num_days() > 30 {
            return (None, DatePrecision::Day, true, true);
        }
        return (Some(d), DatePrecision::Day, true, false);
    }
    if background {
        return (None, DatePrecision::Day, false, true);
    }
    // Fallbacks for what the times layer may not resolve.
    let overnight = cues.iter().any(|c| c.value == Cue::Overnight);
    for (w, wd) in weekdays() {
        if !low.contains(w) {
            continue;
        }
        // "Sundays bombardment": FA-KES-style copy has its apostrophes stripped.
        // Only weekdays that are neither a report's day ("said on Thursday") nor part
        // of a dateline ("Wednesday 5 April 2017", "Sun Feb 21 2016").
        let reported = low
            .match_indices(w)
            .all(|(i, _)| report_date(text, a + i) || dateline_weekday(low, i + w.len()));
        if (has_word(low, w) || has_word(low, &format!("{w}s"))) && !reported {
            let d = last_weekday(pd, wd);
            return (Some(d), DatePrecision::Day, true, false);
        }
    }
    if has_word(low, "yesterday") {
        return (
            Some(pd - Duration::days(1)),
            DatePrecision::Day,
            true,
            false,
        );
    }
    if overnight {
        return (
            Some(pd - Duration::days(1)),
            DatePrecision::Day,
            true,
            false,
        );
    }
    if has_word(low, "today") || low.contains("this morning") {
        return (Some(pd), DatePrecision::Day, true, false);
    }
    if month_recent {
        return (Some(pd), DatePrecision::Month, false, false);
    }
    (Some(pd), DatePrecision::Week, false, false)
}

/// True when the weekday ending at byte `end` of `low` starts a dateline: a day number
/// or a month name follows.
fn dateline_weekday(low: &str, end: usize) -> bool {
    let rest = low.get(end..).unwrap_or("").trim_start();
    let next = rest.split_whitespace().next().unwrap_or("");
    next.chars().next().is_some_and(|c| c.is_ascii_digit())
        || sitrep_model::calendar::month_number(next).is_some()
}

/// True when the date at byte `at` is the day something was said or reported ("said on
/// Thursday", "reported on Monday"), not the day of the incident.
fn report_date(text: &str, at: usize) -> bool {
    let window = lower_window(text, at.saturating_sub(24), at);
    // Only this sentence: "… medics said. On Saturday …" is not a report date.
    let before = window.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
    let mut words = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    let mut w = words.next();
    if w == Some("on") {
        w = words.next();
    }
    w.is_some_and(|w| {
        matches!(
            w,
            "said"
                | "reported"
                | "announced"
                | "stated"
                | "added"
                | "confirmed"
                | "says"
                | "declared"
                | "told"
        )
    })
}

/// The toll of one kind in a sentence: the first figure, plus figures added with "and"
/// ("nine children and 14 others"), not those given as a subset ("including four").
fn toll(
    text: &str,
    counts: &[&(usize, usize, &sitrep_model::Count)],
    kind: CountKind,
    update: bool,
) -> Option<Toll> {
    let mut total: Option<Toll> = None;
    let mut counted_end: Option<usize> = None;
    for (ci, c) in counts.iter().enumerate() {
        // "killed a commander as well as five of his guards": the second figure, read
        // as a plain amount, is part of the same toll.
        let joined = total.is_some() && c.2.kind == CountKind::Amount && {
            let before = lower_window(text, c.0.saturating_sub(14), c.0);
            before.ends_with("as well as ") || before.ends_with("along with ")
        };
        if c.2.kind != kind && !joined {
            continue;
        }
        let last_end = counted_end.replace(c.1);
        match &mut total {
            None => {
                // "30 regime soldiers and 39 rebel fighters had been killed": the first
                // figure, read as a plain amount, shares the verb of the second.
                let shared = ci
                    .checked_sub(1)
                    .and_then(|p| counts.get(p))
                    .filter(|p| p.2.kind == CountKind::Amount && p.1 <= c.0)
                    .filter(|p| {
                        let gap = lower_window(text, p.1, c.0);
                        gap.len() <= 40
                            && gap.ends_with(" and ")
                            && !gap.chars().any(|ch| ch.is_ascii_digit())
                            && !gap.contains(" of ")
                    })
                    .and_then(|p| p.2.low);
                total = Some(Toll {
                    value: match (shared, c.2.low) {
                        (Some(x), Some(y)) => Some(x + y),
                        (_, v) => v,
                    },
                    vague: c.2.vague,
                    update,
                    summed: shared.is_some(),
                })
            }
            Some(t) => {
                let before = lower_window(text, c.0.saturating_sub(24), c.0);
                // "Two medics were among at least 31 people killed": the later figure
                // is the whole toll.
                let whole = ["were among", "was among", "are among", "among the"]
                    .iter()
                    .any(|w| before.contains(w))
                    && before
                        .rsplit("among")
                        .next()
                        .is_some_and(|tail| !tail.chars().any(|c| c.is_ascii_digit()));
                if whole {
                    if let Some(v) = c.2.low {
                        t.value = Some(v);
                        t.vague = c.2.vague;
                    }
                    continue;
                }
                let subset = ["including", "among", "of them", "of whom", "them"]
                    .iter()
                    .any(|w| before.contains(w));
                // The joining word must link this figure to the last one counted:
                // "killed three civilians" in a lead does not add to the same figure
                // in a headline run into it.
                let near = last_end.is_some_and(|e| c.0.saturating_sub(e) <= 60);
                let added = near
                    && (before.trim_end().ends_with(" and")
                        || before.contains(" and ")
                        || before.contains("as well as")
                        || before.contains("along with"));
                if added && !subset {
                    if let (Some(x), Some(y)) = (t.value, c.2.low) {
                        t.value = Some(x + y);
                        t.summed = true;
                    }
                }
            }
        }
    }
    total
}

fn attach_orphans(
    cands: &mut [Cand],
    si: usize,
    span: Span,
    s_counts: &[&(usize, usize, &sitrep_model::Count)],
    update: bool,
) {
    let Some(prev) = cands.last_mut() else {
        return;
    };
    if prev.sent + 1 != si || prev.split {
        return;
    }
    let mut used = false;
    // "This was later updated to 82": the new figure replaces the toll.
    if update {
        if let Some(c) = s_counts
            .iter()
            .find(|c| matches!(c.2.kind, CountKind::Kill | CountKind::Amount))
        {
            if c.2.low.is_some() {
                prev.fatalities = Some(Toll {
                    value: c.2.low,
                    vague: c.2.vague,
                    update: true,
                    summed: false,
                });
                prev.evidence.push(span);
                return;
            }
        }
    }
    for c in s_counts {
        let t = Toll {
            value: c.2.low,
            vague: c.2.vague,
            update: false,
            summed: false,
        };
        let slot = match c.2.kind {
            CountKind::Kill => &mut prev.fatalities,
            CountKind::Wound => &mut prev.injured,
            _ => continue,
        };
        if slot.is_none() && t.value.is_some() {
            *slot = Some(t);
            used = true;
        }
    }
    if used {
        prev.evidence.push(span);
    }
}

fn family(s: Sub) -> &'static str {
    if s == Sub::Chemical {
        "chemical"
    } else {
        s.event_type()
    }
}

fn compatible(r: &Cand, c: &Cand) -> bool {
    // Two body sentences with different exact tolls are two incidents ("ten killed when
    // a bus was hit … eight killed on the road"); the headline and lead may differ from
    // the body and still be the same incident.
    let exact = |t: Option<Toll>| t.filter(|t| !t.vague && !t.update).and_then(|t| t.value);
    if let (Some(x), Some(y)) = (exact(r.fatalities), exact(c.fatalities)) {
        // Different figures for different weapons are different incidents anywhere.
        let other_weapon = r.sub != c.sub && !(r.weak_type || c.weak_type);
        if x != y && (r.sent >= 2 || other_weapon || r.part || c.part) {
            return false;
        }
    }
    if family(r.sub) != family(c.sub) && !(r.weak_type || c.weak_type) {
        return false;
    }
    if r.country != c.country {
        return false;
    }
    match (r.date, c.date) {
        (Some(x), Some(y)) => {
            let d = (x - y).num_days().abs();
            // Split by date: two stated days are two incidents.
            let lim = if r.date_explicit && c.date_explicit {
                0
            } else {
                7
            };
            if d > lim {
                return false;
            }
        }
        (None, None) => {}
        _ => return false,
    }
    match (&r.place, &c.place) {
        (Some(p), Some(q)) => {
            // "Qamishli" and "Qamishli Hasaka" (a comma-less "Qamishli, Hasaka").
            let prefix = || {
                let (kp, kq) = (local::key(&p.name), local::key(&q.name));
                kp.starts_with(&kq) || kq.starts_with(&kp)
            };
            if p.name == q.name || (r.parent.is_some() || c.parent.is_some()) && prefix() {
                return true;
            }
            if r.split || c.split {
                return false;
            }
            if !r.place_explicit || !c.place_explicit {
                return p.admin1.is_none() || q.admin1.is_none() || p.admin1 == q.admin1;
            }
            // Both named: a wider one contains the narrower one.
            contains(p, q, &c.parent) || contains(q, p, &r.parent)
        }
        _ => true,
    }
}

/// True when a smaller `figure` is close enough to `total` (at least 70 % of it) to be
/// another count of the same dead rather than a part of them.
fn same_dead(total: u64, figure: u64) -> bool {
    figure * 10 >= total * 7
}

fn better_toll(old: Option<Toll>, new: Option<Toll>) -> Option<Toll> {
    match (old, new) {
        (None, n) => n,
        (o, None) => o,
        (Some(o), Some(n)) => {
            if n.value.is_none() {
                return Some(o);
            }
            if o.value.is_none() {
                return Some(n);
            }
            if n.update && !o.update {
                return Some(n);
            }
            if o.update && !n.update {
                return Some(o);
            }
            if o.vague != n.vague {
                return Some(if o.vague { n } else { o });
            }
            // The first figure the article gives for the incident (headline or lead):
            // later, much smaller figures are usually parts of it; a close, smaller
            // figure is another source's count of the same dead, and ACLED takes the
            // most conservative ("25 killed" … "the Observatory said 21").
            match (o.value, n.value) {
                (Some(x), Some(y)) if !o.vague && !n.summed && y < x && same_dead(x, y) => Some(n),
                _ => Some(o),
            }
        }
    }
}

fn merge(r: &mut Cand, c: Cand) {
    let specific = |s: Sub| matches!(s, Sub::Chemical | Sub::SuicideBomb);
    if (r.weak_type && !c.weak_type) || (specific(c.sub) && !specific(r.sub)) {
        r.sub = c.sub;
        r.weak_type = c.weak_type;
    }
    if !r.date_explicit && c.date_explicit {
        r.date = c.date;
        r.precision = c.precision;
        r.date_explicit = true;
    }
    let more_specific = match (&r.place, &c.place) {
        (None, Some(_)) => true,
        (Some(p), Some(q)) => {
            c.place_explicit
                && (!r.place_explicit
                    || kind_rank(q.kind) > kind_rank(p.kind)
                    || c.parent.as_deref() == Some(p.name.as_str()))
        }
        _ => false,
    };
    if more_specific {
        r.place = c.place.clone();
        r.parent = c.parent.clone();
        r.place_explicit = c.place_explicit;
        r.split = c.split;
    }
    if r.actor1_default && !c.actor1_default && c.actor1.is_some() {
        r.actor1 = c.actor1.clone();
        r.actor1_default = false;
    }
    if r.actor2.is_none() {
        r.actor2 = c.actor2.clone();
    }
    r.fatalities = better_toll(r.fatalities, c.fatalities);
    r.injured = better_toll(r.injured, c.injured);
    r.kw = better_toll(r.kw, c.kw);
    r.no_casualties |= c.no_casualties;
    r.claim |= c.claim;
    r.party |= c.party;
    r.neutral |= c.neutral;
    r.rollup &= c.rollup;
    for e in c.evidence {
        if !r.evidence.contains(&e) {
            r.evidence.push(e);
        }
    }
}

fn finish(r: Cand, text: &str, idx: &TextIndex, doc_party: bool, doc_neutral: bool) -> Event {
    let mut fatalities = r.fatalities.and_then(|t| t.value);
    if fatalities.is_none() && r.no_casualties {
        fatalities = Some(0);
    }
    if r.sub == Sub::SuicideBomb {
        let ev: String = r
            .evidence
            .iter()
            .map(|s| lower_window(text, idx.byte(s.start), idx.byte(s.end)))
            .collect();
        if !ev.contains("including the bomber") && !ev.contains("including the attacker") {
            fatalities = fatalities.map(|f| f + 1);
        }
    }
    let modality = if r.claim || (!r.neutral && (r.party || (doc_party && !doc_neutral))) {
        Modality::Claimed
    } else {
        Modality::Reported
    };
    let mut evidence = r.evidence;
    evidence.sort();
    let (location, admin1, admin2, lat, lon, prec) = match &r.place {
        Some(p) => (
            Some(if p.kind == PlaceKind::Region {
                p.text.clone()
            } else {
                p.name.clone()
            }),
            p.admin1.clone(),
            p.admin2.clone(),
            p.lat,
            p.lon,
            Some(coordinate_precision(p)),
        ),
        None => (None, None, None, None, None, None),
    };
    Event {
        event_date: r.date.map(|d| d.format("%Y-%m-%d").to_string()),
        date_precision: r.date.map(|_| r.precision),
        event_type: r.sub.event_type().to_string(),
        sub_event_type: r.sub.sub_event_type().to_string(),
        actor1: r.actor1,
        actor2: r.actor2,
        country: r.country,
        admin1,
        admin2,
        location,
        latitude: lat,
        longitude: lon,
        location_precision: prec,
        fatalities,
        injured: r.injured.and_then(|t| t.value),
        killed_or_wounded: r.kw.and_then(|t| t.value),
        modality,
        evidence,
    }
}
