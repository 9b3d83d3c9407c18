//! The incident's place, read from the `places` layer only: the sentence's places (local
//! ones, which the places stage found with the place that contains them, in place of that
//! container), reference points ("near …", "north of …") set aside, coordinated places
//! ("in Bamyan and Badakhshan") grouped, and containment of places.

use super::*;

pub(super) use crate::places::local::specificity as kind_rank;
use crate::places::local::{countryside_admin1, names_a_quarter, overlaps, surroundings};

/// How precise an event's coordinates are. A local place below the gazetteer (kind
/// `local`, or any place without a GeoNames id) carries the coordinates of the division
/// that contains it (Maiwand gets Kandahar's), so its precision is that division's, not a
/// point at the place.
pub(super) fn coordinate_precision(p: &Place) -> LocationPrecision {
    if matches!(p.kind, PlaceKind::Place | PlaceKind::Local) && p.geonameid.is_none() {
        if p.admin2.is_some() {
            LocationPrecision::Admin2
        } else {
            LocationPrecision::Admin1
        }
    } else {
        precision_of(p.kind)
    }
}

pub(super) fn precision_of(k: PlaceKind) -> LocationPrecision {
    match k {
        PlaceKind::Place | PlaceKind::Local => LocationPrecision::Place,
        PlaceKind::Admin2 => LocationPrecision::Admin2,
        PlaceKind::Admin1 => LocationPrecision::Admin1,
        PlaceKind::Region => LocationPrecision::Region,
        PlaceKind::Country => LocationPrecision::Country,
    }
}

/// True when a locative preposition comes right before byte `s` ("in Washington",
/// "at the Nusaybin crossing", "near the town of …").
pub(super) fn locative_before(text: &str, s: usize) -> bool {
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
/// the name of its parent.
pub(super) type SentencePlace = (usize, usize, Place, Option<(LocalKind, String)>);

/// A sentence's places, owned: the resolved ones (adjusted for "the Damascus
/// countryside") and the local ones, with the containers of local places removed.
#[derive(Debug, Default)]
pub(super) struct SentencePlaces {
    pub(super) items: Vec<SentencePlace>,
    /// Start bytes of the places that stand for their surroundings.
    pub(super) around: Vec<usize>,
}

impl SentencePlaces {
    pub(super) fn views(&self) -> Vec<BPlace<'_>> {
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

/// The sentence's places: its resolved places (adjusted for "the Damascus countryside",
/// without a town's name used for a quarter or a capital's name used for its state) and
/// its local places (`locals`, the document's records of kind `local`), each local place
/// taking the place of the parent it was written with.
pub(super) fn sentence_places(
    text: &str,
    (a, b): (usize, usize),
    s_places: &[&BPlace],
    mentions: &[Mention],
    locals: &[BPlace],
    home: Option<&str>,
) -> SentencePlaces {
    let mut items: Vec<SentencePlace> = Vec::new();
    let mut around = Vec::new();
    for p in s_places {
        let mut place = p.place.clone();
        if let (Some(c), Some(a1)) = (place.country.as_deref(), place.admin1.as_deref()) {
            if let Some(other) = countryside_admin1(c, a1) {
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
        if place.kind == PlaceKind::Place && names_a_quarter(text, p.end) {
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
    // Local places that are not an actor's name nor inside a place kept above.
    let blocked: Vec<(usize, usize)> = mentions
        .iter()
        .map(|m| (m.start, m.end))
        .chain(items.iter().map(|i| (i.0, i.1)))
        .collect();
    let here: Vec<&BPlace> = locals
        .iter()
        .filter(|l| l.start >= a && l.end <= b)
        .filter(|l| !blocked.iter().any(|r| overlaps(*r, (l.start, l.end))))
        .collect();
    if here.is_empty() {
        return SentencePlaces { items, around };
    }
    let mut containers = vec![false; items.len()];
    let mut found = Vec::new();
    for l in here {
        // "the nearby Turkish town of Nusaybin": a place abroad.
        let abroad = s_places.iter().any(|p| {
            p.place.kind == PlaceKind::Country
                && p.end <= l.start
                && l.start - p.end <= 20
                && home.is_some_and(|h| p.place.country.as_deref() != Some(h))
        });
        if abroad {
            continue;
        }
        // The parent named in this sentence gives way to the local place.
        if let Some(parent) = &l.place.parent {
            for (i, it) in items.iter().enumerate() {
                if it.2.start == parent.start && it.2.end == parent.end {
                    containers[i] = true;
                }
            }
        }
        found.push((
            l.start,
            l.end,
            l.place.clone(),
            l.local.map(|(k, n)| (k, n.to_string())),
        ));
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

/// Places given as reference points ("near Deir al-Zor", "162 km north of the capital
/// Damascus", "east of the town of Rabia") are not where the incident happened.
pub(super) fn reference_point(text: &str, p: &BPlace) -> bool {
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
    // Where the attackers are ("terrorists positioned in the villages of X and Y fired
    // on Z", "who fortify in X"): the whole list after the phrase.
    let wider = lower_window(text, p.start.saturating_sub(64), p.start);
    if matches!(last, Some("to" | "towards" | "toward" | "from" | "between"))
        || [
            "positioned in",
            "stationed in",
            "based in",
            "deployed in",
            "fortify in",
            "fortified in",
            "entrenched in",
            "holed up in",
            "located in",
        ]
        .iter()
        .any(|w| wider.contains(w))
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
pub(super) fn place_group<'a>(text: &str, s_places: &[&'a BPlace<'a>]) -> Vec<&'a BPlace<'a>> {
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
        // "in Qalamun as well as in Eastern Ghouta": the same as "and".
        let gap = gap.replace(" as well as ", " and ");
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
            // A region after a place ("Idlib northern Syria") is the wider place, not
            // another one.
            || rest.is_empty()
                && x.place.kind != PlaceKind::Region
                && y.place.kind != PlaceKind::Region
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

/// True when place `x` contains place `y`: a region or province of the same first-level
/// division (or of none), or the city a local place `y` was named with (`y_parent`:
/// "Aleppo" in a headline, "al-Midan neighbourhood" in the body).
pub(super) fn contains(x: &Place, y: &Place, y_parent: &Option<String>) -> bool {
    y_parent.as_deref() == Some(x.name.as_str())
        || kind_rank(x.kind) <= 2
            && kind_rank(x.kind) < kind_rank(y.kind)
            && (x.admin1.is_none() || x.admin1 == y.admin1)
}

/// The country most places in the document are in.
pub(super) fn main_country(places: &[BPlace]) -> Option<String> {
    crate::places::local::main_country(places.iter().map(|p| p.place))
}

/// True when the place name at bytes `[s, e)` stands for a state or its government, not
/// for where something happened: the places layer's metonymy ("Moscow said"), the first
/// half of a hyphenated adjective ("US-led strikes", "Iran-backed militias"), a name
/// followed by "regime" or "government" ("the Damascus regime"), or the object of an
/// alliance, a deal or blame ("its ally Damascus", "a deal with Kabul", "blames on
/// Moscow"). Word lists: `data/event-words.tsv`.
pub(super) fn stands_for_state(text: &str, words: &Words, p: &Place, s: usize, e: usize) -> bool {
    if p.government {
        return true;
    }
    if matches!(p.kind, PlaceKind::Region | PlaceKind::Local) {
        return false;
    }
    let after = lower_window(text, e, (e + 24).min(text.len()));
    if let Some(rest) = after.strip_prefix('-') {
        let w: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        if words.is(Role::Compound, &w) {
            return true;
        }
    }
    // FA-KES strips apostrophes: "Damascuss government" as well as "Damascus government".
    let next = after
        .trim_start_matches(['\'', '’'])
        .trim_start_matches("s ")
        .split_whitespace()
        .next()
        .unwrap_or("");
    if after.starts_with([' ', '\'', '’', 's']) && words.is(Role::StateAfter, next) {
        return true;
    }
    let before = lower_window(text, s.saturating_sub(30), s);
    let before = before.trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    words.ends(Role::StateBefore, before)
}

/// True when the place at bytes `[s, e)` is a wire dateline ("DAMASCUS (Sputnik) -",
/// "KABUL, March 3 (Reuters) -"): the name in capitals followed by the agency in brackets
/// or a dash. The dateline says where the story was filed, not where anything happened.
pub(super) fn dateline(text: &str, s: usize, e: usize) -> bool {
    let name = text.get(s..e).unwrap_or("");
    if name.chars().filter(|c| c.is_alphabetic()).count() < 3
        || name.chars().any(|c| c.is_lowercase())
    {
        return false;
    }
    let after = text.get(e..(e + 40).min(text.len())).unwrap_or("");
    let after = after.trim_start_matches([',', ' ']);
    after.starts_with('(') || after.starts_with("- ") || after.starts_with('—')
}
