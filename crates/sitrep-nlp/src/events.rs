//! The `events` stage: ACLED-shaped event records from the earlier layers.
//!
//! Why rules: the guide (`EVENTS-GUIDE.md`) is a set of coding rules, and analysts need
//! to see why each record exists. The stage is two passes over modules that each state
//! one part of the guide:
//!
//! - **per sentence** (`extract`): the most specific trigger (`trigger`, word lists in
//!   [`lexicon`]), then what the other stages found in that sentence: the date (`date`:
//!   `times`, else weekday/"overnight" words, else the publication date with week
//!   precision), the place (`place`: the most specific one; coordinated places split
//!   the record and its toll evenly), the sides (`actors`: the `entities` layer's
//!   structured actors, agent before victim, named for the event's country), the ACLED
//!   type that needs the sides (`taxonomy`), the tolls (`toll`: `counts`,
//!   conservative) and the modality (party sources or "claimed to have" → `claimed`).
//!   Each sentence gives at most one `candidate`.
//! - **per document** (`toll`, `merge`): totals the article adds up from parts are
//!   dropped, remainders kept within one incident family, one incident told twice is
//!   merged keeping the most precise values, and each record keeps its evidence.
//!
//! Background (> 30 days old, history, running totals), irrealis (threats, plans,
//! denials) and country-wide roll-ups are dropped.

mod actors;
mod candidate;
mod date;
pub mod lexicon;
mod merge;
mod place;
pub mod plover;
mod taxonomy;
#[cfg(test)]
mod tests;
mod toll;
mod trigger;

use crate::places::local::lower_window;
use crate::stage::{Stage, StageError};
use actors::*;
use candidate::*;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use date::*;
use lexicon::{lexicons, Cue, Hit, Lexicons, Role, Sub, Words};
use merge::*;
use place::*;
use sitrep_model::{
    Actor, ActorKind, CountKind, DatePrecision, Doc, Event, Layer, LocalKind, LocationPrecision,
    Modality, Place, PlaceKind, Span, TextIndex, TimeType,
};
use taxonomy::*;
use toll::*;
use trigger::*;

/// The `events` stage.
#[derive(Debug, Default, Clone)]
pub struct Events;

impl Events {
    /// Builds the stage, loading its word lists (`data/event-*.tsv`) now.
    pub fn new() -> Result<Self, crate::PipelineError> {
        lexicons().map_err(|message| crate::PipelineError::Build {
            stage: "events",
            message,
        })?;
        Ok(Events)
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    /// 2: sides from the entities layer's structured actors; remainders within one
    /// incident family.
    /// 3: local places read from the `places` layer (kind `local`), no finder of its own.
    /// 4: places that stand for a state, datelines, references back, listed roll-ups,
    /// holders and air strikes by states, toll parts and wholes (issue 12, second pass).
    /// 5: figures joined only by an "and" right before them; a lower restatement of the
    /// toll in a run-on sentence is the conservative figure; a toll after up to two
    /// sentences of comment attaches, one told just before its incident too; tolls over
    /// the past days are news; the suicide bombers named count; a superseded toll is
    /// not the figure; a sentence that tells an incident again names who did it
    /// (issue 12, third pass).
    /// 6: the publication date written out in a lead after a headline told twice is a
    /// dateline, not the incident's date, and the lead under it is news; an attacker
    /// told again by name fills one that was unknown (default or unidentified), but not
    /// with the side acted upon; an unidentified attacker is the named group the sentence
    /// makes the subject of a verb of attack; a sentence that only tells the incident
    /// again does not cut it from a later toll; "killed another six" somewhere named is
    /// more dead in another incident, not a part of the total told before; the kind of
    /// violence told more precisely brings its own default attacker; places joined by "as
    /// well as" share a toll; a risen toll that later reports add up to is dropped like
    /// any total; who reports ("a source at the Police Command") is no side; "twin" or
    /// "triple" suicide blasts count their bombers; an inherited city and a place in its
    /// countryside are one area; a force named before a facility ("a police station")
    /// holds the place and is not the attacker (issue 12, fourth pass).
    fn version(&self) -> &'static str {
        "6"
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
        let lex = lexicons().map_err(|message| StageError::Failed {
            stage: "events",
            doc: doc.id.clone(),
            message,
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
    /// A local place (a `places` record of kind `local`) and the name of its parent.
    local: Option<(LocalKind, &'a str)>,
    /// The place stands for its surroundings ("east of Damascus" → Rif Dimashq).
    around: bool,
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
    // Local places (kind `local`, the places stage's) are read per sentence, after the
    // sentence's resolved places: they are not evidence for the article's country.
    let local_places: Vec<BPlace> = doc
        .places
        .iter()
        .flatten()
        .filter(|p| p.kind == PlaceKind::Local)
        .map(|p| BPlace {
            start: idx.byte(p.start),
            end: idx.byte(p.end),
            place: p,
            local: p
                .local
                .zip(p.parent.as_ref())
                .map(|(k, parent)| (k, parent.name.as_str())),
            around: false,
        })
        .collect();
    let actor_spans: Vec<(usize, usize)> = doc
        .entities
        .iter()
        .flatten()
        .filter(|e| e.actor.is_some() && e.end > e.start)
        .map(|e| (idx.byte(e.start), idx.byte(e.end)))
        .collect();
    let all_places: Vec<BPlace> = doc
        .places
        .iter()
        .flatten()
        .filter(|p| p.kind != PlaceKind::Local)
        .map(|p| BPlace {
            start: idx.byte(p.start),
            end: idx.byte(p.end),
            place: p,
            local: None,
            around: false,
        })
        // "Somali troops", "Afghan police": a nationality inside an actor's name, not a
        // place.
        .filter(|p| !actor_spans.iter().any(|&(s, e)| s <= p.start && p.end <= e))
        // "US-led strikes", "its ally Damascus": the state, not a place.
        .filter(|p| !stands_for_state(text, &lex.words, p.place, p.start, p.end))
        .filter(|p| !dateline(text, p.start, p.end))
        .collect();
    // Trust places only in the countries the article names (or, when it names none, the
    // country most of its places are in): a lone "Date" resolved to Japan in a Syria
    // story is a gazetteer false friend, not the incident's place.
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
    // The article's place, for incidents that name none: in its home country ("a report
    // issued in New York" is not where a Syrian incident happened).
    let at_home = |p: &Place| home.is_none() || p.country == home;
    let named = |p: &&BPlace| p.place.kind != PlaceKind::Country && p.place.country.is_some();
    let main_place = places
        .iter()
        .filter(named)
        .find(|p| at_home(p.place))
        .or_else(|| places.iter().find(named))
        .map(|p| p.place.clone());
    let main_country = home
        .clone()
        .or_else(|| main_country(&places))
        .or_else(|| doc.country.clone());
    let doc_sources = lex.sources.find(text, 0, text.len());
    let doc_party = doc_sources.iter().any(|h| h.value);
    let doc_neutral = doc_sources.iter().any(|h| !h.value);

    // Actors of the sentences that report incidents, found once.
    let sent_mentions: Vec<Vec<Mention>> = sents
        .iter()
        .zip(&sent_triggers)
        .map(|(&(a, b, _), t)| {
            if t.is_empty() {
                Vec::new()
            } else {
                actor_mentions(doc, &idx, (a, b), lex)
            }
        })
        .collect();

    // The one air force the article says struck, if only one: the default agent of its
    // other air strikes ("Russian warplanes hit Idlib … Strikes on Maarat al-Numan killed
    // four"). With two ("Syrian and Russian jets") the default stays the country's own.
    // Likewise the one side the article says shelled is the agent of its other,
    // unattributed shelling ("Government artillery pounded Douma … the shelling killed
    // 12").
    let sole_agent = |sub: Sub, fit: &dyn Fn(&Mention) -> bool| {
        let mut seen: Vec<&Actor> = Vec::new();
        for (ms, ts) in sent_mentions.iter().zip(&sent_triggers) {
            if !ts.iter().any(|t| t.value == sub) {
                continue;
            }
            for m in ms {
                if fit(m) && !m.holder && !in_victim_slot(text, m) && !seen.contains(&&m.actor) {
                    seen.push(&m.actor);
                }
            }
        }
        match seen.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    };
    let air_force = sole_agent(Sub::AirStrike, &|m: &Mention| m.flies());
    let gunners = sole_agent(Sub::Shelling, &|m: &Mention| m.agent());

    // Sentences that report something: a trigger or a figure.
    let mut busy: Vec<bool> = sents
        .iter()
        .zip(&sent_triggers)
        .map(|(&(a, b, _), t)| !t.is_empty() || counts.iter().any(|c| c.0 >= a && c.1 <= b))
        .collect();
    let mut cands: Vec<Cand> = Vec::new();
    // An orphan toll that found no earlier record, for the next sentence's.
    let mut lead_toll: Option<LeadToll> = None;
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
        // "an initial death toll of 47. This was later updated to 82": the superseded
        // figure is not the toll.
        let s_counts: Vec<&(usize, usize, &sitrep_model::Count)> = s_counts
            .into_iter()
            .filter(|c| {
                !cues
                    .iter()
                    .any(|q| q.value == Cue::Superseded && q.end <= c.0 && c.0 - q.end <= 80)
            })
            .collect();
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
                &local_places,
                home.as_deref(),
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
                let s_named: Vec<&Place> = s_places.iter().map(|p| p.place).collect();
                let dated = times
                    .iter()
                    .any(|t| t.0 >= a && t.1 <= b && t.2.kind == TimeType::Date);
                let attached = attach_orphans(
                    text, &mut cands, si, span, &s_counts, update, &busy, &s_named, dated,
                );
                let kills = s_counts.iter().any(|c| c.2.kind == CountKind::Kill);
                if !attached && kills && !update {
                    lead_toll = Some((
                        si,
                        span,
                        s_counts.clone(),
                        s_named.into_iter().cloned().collect(),
                    ));
                }
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
        // "The government blamed Saturdays attack on terrorists", "the UN condemned the
        // air strike": a definite trigger noun that brings no toll, place or date of its
        // own refers back to an incident already told; told again, it adds no record.
        if !has_count
            && !specific_place
            && (!date_explicit || refers_back(text, &lex.words, trig.start) == Some(true))
            && !cands.is_empty()
            && refers_back(text, &lex.words, trig.start).is_some()
        {
            give_doer(&mut cands, si, named_doer(text, &mentions));
            // Told again, it reports nothing new: no cut between an incident and its toll.
            busy[si] = false;
            continue;
        }
        // "The UN condemned the strike on Idlib", "Washington blames Damascus for the
        // attack in Idlib": talk about who did it or how others answered, with no toll of
        // its own, tells an incident again.
        let reference = cues
            .iter()
            .any(|c| c.value == Cue::Reference && c.end <= trig.start);
        if reference && !has_count && !cands.is_empty() {
            give_doer(&mut cands, si, named_doer(text, &mentions));
            busy[si] = false;
            continue;
        }
        // The lead under the dateline is the day's news even when it names no place.
        let under_dateline = pub_date.is_some_and(|pd| {
            times
                .iter()
                .any(|t| t.0 >= a && t.1 <= b && is_dateline(text, t, pd))
        });
        if !(specific_place || has_count || date_explicit || under_dateline) {
            continue;
        }
        let country = places_for
            .first()
            .and_then(|p| p.country.clone())
            .or_else(|| main_country.clone())
            .or_else(|| {
                mentions
                    .iter()
                    .find(|m| m.actor.kind == ActorKind::StateForce)
                    .and_then(|m| m.actor.country.clone())
            });

        // Actors.
        let (actor1, actor1_default, actor2) = pick_actors(
            text,
            &mentions,
            trig,
            country.as_deref(),
            a,
            (air_force.as_ref(), gunners.as_ref()),
            &lex.words,
        );
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
        if let Some(lead) = &lead_toll {
            attach_lead_toll(text, &mut cands, si, lead);
        }
    }

    // A total that the article then breaks down into its incidents ("16 killed in air
    // strikes on Monday" … "10 in Atareb" … "six others in the east of the city") is a
    // roll-up, not a record of its own: code the incidents.
    let cands = drop_summed_totals(cands);
    let cands = drop_listed_rollups(cands);

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
