//! The per-document pass: candidates that tell the same incident again are merged (most
//! precise date, place and figure), orphan sentences attach to their incident, and each
//! merged candidate becomes an ACLED-shaped `Event`.

use super::*;

/// Orphan tolls (a sentence with figures and no trigger of its own) attach to the record
/// of the previous sentence; true when they did.
#[allow(clippy::too_many_arguments)]
pub(super) fn attach_orphans(
    text: &str,
    cands: &mut [Cand],
    si: usize,
    span: Span,
    s_counts: &[&(usize, usize, &sitrep_model::Count)],
    update: bool,
    busy: &[bool],
    places: &[&Place],
    dated: bool,
) -> bool {
    let Some(prev) = cands.last_mut() else {
        return false;
    };
    if prev.split || si <= prev.sent {
        return false;
    }
    // "… intensified aerial bombardment on Idlib. The campaign is clearly aimed at X. At
    // least 72 civilians have been killed in the bombing on Idlib": sentences that report
    // nothing (no trigger, no figure) between the incident and its toll do not cut them
    // apart, for up to two sentences, as long as the toll names no other place and no
    // date of its own.
    let between = prev.sent + 1..si;
    let adjacent = between.is_empty();
    let quiet = between.len() <= 2 && busy.get(between).is_some_and(|b| b.iter().all(|x| !x));
    if !(adjacent || quiet && same_place(prev, places) && !dated) {
        return false;
    }
    fill_tolls(text, prev, span, s_counts, update)
}

/// True when every place in `places` is the record's place or in its province.
pub(super) fn same_place(c: &Cand, places: &[&Place]) -> bool {
    places.iter().all(|p| {
        c.place
            .as_ref()
            .is_some_and(|q| q.name == p.name || (q.admin1.is_some() && q.admin1 == p.admin1))
    })
}

/// An orphan toll that found no earlier record: its sentence, figures and places.
pub(super) type LeadToll<'a> = (
    usize,
    Span,
    Vec<&'a (usize, usize, &'a sitrep_model::Count)>,
    Vec<Place>,
);

/// "At least 17 people were killed in a triple bombing in central Damascus. A car bomb
/// went off near a police station in al-Midan …": a toll told just before the sentence
/// that reports its incident (with no toll of its own, in the same place) is that
/// incident's toll.
pub(super) fn attach_lead_toll(text: &str, cands: &mut [Cand], si: usize, lead: &LeadToll) {
    let (li, span, counts, places) = lead;
    if li + 1 != si {
        return;
    }
    let mine: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].sent == si).collect();
    let [only] = mine.as_slice() else {
        return;
    };
    let c = &mut cands[*only];
    let places: Vec<&Place> = places.iter().collect();
    if c.split || c.fatalities.is_some() || c.no_casualties || !same_place(c, &places) {
        return;
    }
    fill_tolls(text, c, *span, counts, false);
}

/// Puts the figures of `s_counts` into the empty toll slots of `c`; true when one was.
fn fill_tolls(
    text: &str,
    c: &mut Cand,
    span: Span,
    s_counts: &[&(usize, usize, &sitrep_model::Count)],
    update: bool,
) -> bool {
    // "This was later updated to 82": the new figure replaces the toll.
    if update {
        if let Some(k) = s_counts
            .iter()
            .find(|k| matches!(k.2.kind, CountKind::Kill | CountKind::Amount))
        {
            if k.2.low.is_some() {
                c.fatalities = Some(Toll::plain(k.2.low, k.2.vague, true));
                c.evidence.push(span);
                return true;
            }
        }
    }
    let mut used = false;
    for k in s_counts.iter().filter(|k| !among_the_dead(text, k.0, k.1)) {
        let t = Toll::plain(k.2.low, k.2.vague, false);
        let slot = match k.2.kind {
            CountKind::Kill => &mut c.fatalities,
            CountKind::Wound => &mut c.injured,
            _ => continue,
        };
        if slot.is_none() && t.value.is_some() {
            *slot = Some(t);
            used = true;
        }
    }
    if used {
        c.evidence.push(span);
    }
    used
}

pub(super) fn compatible(r: &Cand, c: &Cand) -> bool {
    // Two body sentences with different exact tolls are two incidents ("ten killed when
    // a bus was hit … eight killed on the road"); the headline and lead may differ from
    // the body and still be the same incident.
    let exact = |t: Option<Toll>| t.filter(|t| !t.vague && !t.update).and_then(|t| t.value);
    if let (Some(x), Some(y)) = (exact(r.fatalities), exact(c.fatalities)) {
        // Different figures for different weapons are different incidents anywhere.
        let other_weapon = r.sub != c.sub && !(r.weak_type || c.weak_type);
        // "… killed another six" somewhere it names: more dead than the figure told
        // before, in another incident ("three more died" of their wounds, with no
        // place of its own, adds to the same one).
        let elsewhere = c.place_explicit
            && match (&r.place, &c.place) {
                (Some(p), Some(q)) => p.name != q.name,
                _ => false,
            };
        let more = elsewhere && c.fatalities.is_some_and(|t| t.another);
        if x != y && (r.sent >= 2 || other_weapon || r.part || c.part || more) {
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
                let (kp, kq) = (
                    crate::places::local::key(&p.name),
                    crate::places::local::key(&q.name),
                );
                kp.starts_with(&kq) || kq.starts_with(&kp)
            };
            if p.name == q.name || (r.parent.is_some() || c.parent.is_some()) && prefix() {
                return true;
            }
            if r.split || c.split {
                return false;
            }
            if !r.place_explicit || !c.place_explicit {
                // A city and its countryside ("Damascus", "near Damascus": Rif Dimashq)
                // are one area for a place that was only inherited.
                let countryside = |x: &Place, y: &Place| {
                    x.country
                        .as_deref()
                        .zip(x.admin1.as_deref())
                        .and_then(|(c, a)| crate::places::local::countryside_admin1(c, a))
                        .is_some_and(|a| y.admin1.as_deref() == Some(a))
                };
                return p.admin1.is_none()
                    || q.admin1.is_none()
                    || p.admin1 == q.admin1
                    || countryside(p, q)
                    || countryside(q, p);
            }
            // Both named: a wider one contains the narrower one.
            contains(p, q, &c.parent) || contains(q, p, &r.parent)
        }
        _ => true,
    }
}

pub(super) fn merge(r: &mut Cand, c: Cand) {
    let specific = |s: Sub| matches!(s, Sub::Chemical | Sub::SuicideBomb);
    if (r.weak_type && !c.weak_type) || (specific(c.sub) && !specific(r.sub)) {
        // The default attacker was the one the first kind of violence implies; the
        // kind told more precisely implies its own ("a chemical attack": the state).
        if r.actor1_default && c.actor1_default && r.sub != c.sub {
            r.actor1 = c.actor1.clone();
        }
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
    // The attacker told again by name fills one that was unknown: a default, or an
    // unnamed "gunmen"/"terrorists" (the guide: the most precise the article gives).
    // Not the side the record has as acted upon ("… bombing at an Asayish checkpoint").
    let victim = |s: &Option<Side>| {
        s.as_ref()
            .is_some_and(|s| r.actor2.as_ref().is_some_and(|v| v.name == s.name))
    };
    if unknown_attacker(r) && !unknown_attacker(&c) && c.actor1.is_some() && !victim(&c.actor1) {
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

/// True when the record's attacker is not known: only the default the kind of violence
/// implies, or an unidentified armed group.
fn unknown_attacker(c: &Cand) -> bool {
    c.actor1_default
        || c.actor1
            .as_ref()
            .is_none_or(|s| s.actor.kind == ActorKind::Unidentified)
}

/// How many suicide bombers died, for a toll that counts their victims (the guide:
/// attackers who died count): the number the evidence gives them ("three suicide
/// bombers killed at least two people": 3), else one.
pub(super) fn suicide_bombers(ev: &str) -> u64 {
    let named = ["suicide bombers", "suicide attackers"]
        .iter()
        .flat_map(|w| ev.match_indices(w))
        .filter_map(|(i, _)| {
            let word = ev[..i].split_whitespace().next_back()?;
            word.parse::<u64>()
                .ok()
                .or_else(|| crate::counts::numbers::word_value(word))
        });
    // "twin suicide blasts", "a double suicide bombing": one bomber each.
    let paired = ev.match_indices("suicide").filter_map(|(i, _)| {
        match ev[..i].split_whitespace().next_back()? {
            "twin" | "double" => Some(2),
            "triple" => Some(3),
            _ => None,
        }
    });
    named
        .chain(paired)
        .filter(|n| (1..=20).contains(n))
        .max()
        .unwrap_or(1)
}

pub(super) fn finish(
    r: Cand,
    text: &str,
    idx: &TextIndex,
    doc_party: bool,
    doc_neutral: bool,
) -> Event {
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
            fatalities = fatalities.map(|f| f + suicide_bombers(&ev));
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
        actor1: r.actor1.map(|s| s.name),
        actor2: r.actor2.map(|s| s.name),
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

/// Drops the records of a sentence that lists several places ("terrorist attacks in
/// Damascus, Homs and Aleppo") for each place the article then tells an incident of, in
/// later sentences: the list is a roll-up of those incidents (EVENTS-GUIDE: "a roll-up
/// sentence that the article follows with the very incidents it sums up is not a record
/// of its own"). Places of the list the article does not come back to keep their record.
pub(super) fn drop_listed_rollups(cands: Vec<Cand>) -> Vec<Cand> {
    let told_later = |c: &Cand| {
        let Some(p) = &c.place else {
            return false;
        };
        cands.iter().any(|d| {
            let Some(q) = &d.place else {
                return false;
            };
            // A headline's cities stand for their provinces ("… in Damascus, Homs and
            // Aleppo"); in the body a listed place is told again by name or by a place
            // inside it.
            let same_division = p.admin1.is_some() && p.admin1 == q.admin1;
            let inside = q.name == p.name
                || d.parent.as_deref() == Some(p.name.as_str())
                || same_division && c.sent == 0 && kind_rank(q.kind) >= kind_rank(p.kind)
                || same_division && kind_rank(p.kind) < kind_rank(q.kind) && kind_rank(p.kind) <= 3;
            let day = match (c.date, d.date) {
                (Some(x), Some(y)) => (x - y).num_days().abs() <= 1,
                _ => true,
            };
            d.sent > c.sent
                && !d.split
                && d.country == c.country
                && (family(d.sub) == family(c.sub) || c.weak_type || d.weak_type)
                && day
                && inside
        })
    };
    let drop: Vec<bool> = cands.iter().map(|c| c.split && told_later(c)).collect();
    cands
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect()
}
