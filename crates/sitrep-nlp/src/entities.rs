//! The `entities` stage: armed groups, state forces, civilians, protesters and the
//! organisations that report on them, with ACLED-style canonical actor names.
//!
//! Events need to know who acted and who was acted upon, named the way analysts already
//! use ("Military Forces of Syria", "Police Forces of Afghanistan", "Civilians (Syria)",
//! "Rebel Groups (Syria)", "Islamic State"). A statistical NER model would find names but
//! not map "regime warplanes" or "gunmen" to those actors, so this stage is a dictionary
//! (`data/actors.tsv`, see [`dictionary`]) plus three rules:
//!
//! - **Word boundaries and case.** Matches must start and end at word boundaries (a
//!   hyphen joins words: "rebel-held" is not "rebel"); a surface written with a capital
//!   must be capitalised in the text ("Chad", not "chad"); acronyms that are also words
//!   ("IS", "WHO") match case-sensitively. FA-KES strips apostrophes, so a capitalised name
//!   may carry a trailing "s" ("al-Qaedas", "Syrias").
//! - **Absorption.** A named group or a nationality directly followed by a generic actor
//!   is one entity: "Taliban militants" → Taliban, "Afghan militants" → Unidentified Armed
//!   Group (Afghanistan), "Syrian civilians" → Civilians (Syria).
//! - **Document country.** Unnamed actors take the document's main country: the country
//!   most mentioned in the `places` layer plus the country names and nationality words this
//!   stage sees, ties to the first mentioned. `{C}` in a canonical name is filled with it
//!   ("of {C}" takes "the United States" forms). When no country is known, "X ({C})"
//!   becomes "X" and "… of {C}" gives no canonical name (`None`), never a guess.
//!
//! Kinds: GROUP = armed actor (state or not), NORP = civilians/protesters, ORG =
//! organisations and governments (sources such as the Syrian Observatory for Human
//! Rights are ORG, not actors). The `people` stage appends PERSON/ORG entities later;
//! this stage keeps any PERSON entities already present and sorts the layer by start.

pub mod dictionary;

use crate::stage::{Stage, StageError};
use dictionary::{dictionary, Dictionary, Entry, Role};
use sitrep_model::{Actor, ActorKind, Doc, Entity, EntityKind, Layer, TextIndex};
use std::collections::HashMap;

/// The `entities` stage.
#[derive(Debug, Default, Clone)]
pub struct Entities;

impl Entities {
    /// Builds the stage, loading the actor and country tables now.
    pub fn new() -> Result<Self, crate::PipelineError> {
        dictionary().map_err(|message| crate::PipelineError::Build {
            stage: "entities",
            message,
        })?;
        Ok(Entities)
    }
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    /// 2: structured actors (`Entity::actor`), the document's country (`Doc::country`),
    /// country names from the one country table, UCDP armed groups.
    /// 3: "US-led air strikes", "US-led forces" name the US-led Coalition.
    fn version(&self) -> &'static str {
        "3"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Places]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let dict = dictionary().map_err(|message| StageError::Failed {
            stage: "entities",
            doc: doc.id.clone(),
            message,
        })?;
        let place_countries: Vec<String> = doc
            .places
            .iter()
            .flatten()
            // A local place's country is its parent's: not another mention of it.
            .filter(|p| p.kind != sitrep_model::PlaceKind::Local)
            .filter_map(|p| p.country.clone())
            .collect();
        let (found, country) = find(dict, &doc.text, &place_countries);
        doc.country = country;
        let idx = TextIndex::new(&doc.text);
        let mut out: Vec<Entity> = doc
            .entities
            .take()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        out.extend(found.into_iter().map(|f| Entity {
            start: idx.char(f.start),
            end: idx.char(f.end),
            text: doc.text[f.start..f.end].to_string(),
            kind: f.kind,
            canonical: f.canonical,
            actor: f.actor,
        }));
        out.sort_by_key(|e| (e.start, e.end));
        doc.entities = Some(out);
        Ok(())
    }
}

/// One entity found, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: EntityKind,
    /// Canonical ACLED-style name.
    pub canonical: Option<String>,
    /// The structured side (GROUP, NORP, governments).
    pub actor: Option<Actor>,
}

struct Hit<'d> {
    start: usize,
    end: usize,
    entry: &'d Entry,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Checks boundaries and case; returns the (possibly "s"-extended) end.
fn accept(text: &str, start: usize, end: usize, entry: &Entry) -> Option<usize> {
    if text[..start].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    if entry.capital && !text[start..].starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut after = text[end..].chars();
    match after.next() {
        None => Some(end),
        Some(c) if !is_word_char(c) => Some(end),
        // "al-Qaedas", "Syrias": apostrophes stripped from a possessive.
        Some('s')
            if entry.proper
                && !text[start..end].ends_with('s')
                && !after.next().is_some_and(is_word_char) =>
        {
            Some(end + 1)
        }
        _ => None,
    }
}

fn collect<'d>(
    text: &str,
    ac: &aho_corasick::AhoCorasick,
    entries: &'d [Entry],
    out: &mut Vec<Hit<'d>>,
) {
    for m in ac.find_iter(text) {
        let Some(entry) = entries.get(m.pattern().as_usize()) else {
            continue;
        };
        if let Some(end) = accept(text, m.start(), m.end(), entry) {
            out.push(Hit {
                start: m.start(),
                end,
                entry,
            });
        }
    }
}

/// An entity for `actor`, named ACLED's way with the document's country `main` for a side
/// the text ties to no country. An unnamed side with no country known keeps its bare label
/// ("Civilians"); a state force with none has no name (`None`): sitrep does not guess.
fn found(start: usize, end: usize, kind: EntityKind, actor: Actor, main: Option<&str>) -> Found {
    let canonical = actor
        .acled_name(main)
        .or_else(|| actor.kind.label().map(str::to_string));
    Found {
        start,
        end,
        kind,
        canonical,
        actor: Some(actor),
    }
}

/// "the militants", "the terrorists": a definite generic that names no one new refers to
/// the armed group named last (rebels and fighters are left alone: often a coalition).
fn refers_back(text: &str, start: usize, surface: &str) -> bool {
    let anaphoric = matches!(
        surface.to_ascii_lowercase().as_str(),
        "militants"
            | "insurgents"
            | "jihadists"
            | "terrorists"
            | "extremists"
            | "gunmen"
            | "terrorist group"
            | "militant group"
    );
    anaphoric
        && text[..start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
}

/// Finds entities in `text` (byte offsets) and the document's main country. `place_countries`
/// are the ISO2 codes of the `places` layer, one per mention.
pub fn find(
    dict: &Dictionary,
    text: &str,
    place_countries: &[String],
) -> (Vec<Found>, Option<String>) {
    let mut hits: Vec<Hit> = Vec::new();
    collect(text, &dict.ci, &dict.ci_entries, &mut hits);
    collect(text, &dict.cs, &dict.cs_entries, &mut hits);
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if kept.last().is_some_and(|k| h.start < k.end) {
            continue;
        }
        kept.push(h);
    }
    // The document's main country.
    let mut tally: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut order = 0usize;
    for iso in place_countries {
        let e = tally.entry(iso.as_str()).or_insert((0, order));
        e.0 += 1;
        order += 1;
    }
    for (k, h) in kept.iter().enumerate() {
        // See `Entry::weight`: "Syria" 2, "Syrian army" 1, "Russian warplanes" 0, and
        // "Russian" in "Russian and Syrian strikes" as much as the force it shares.
        let mut weight = h.entry.weight;
        if h.entry.role == Role::Demonym {
            if let Some(n) = kept.get(k + 1) {
                let between = text[h.end..n.start].trim();
                if matches!(between, "and" | "or") && n.entry.role != Role::Demonym {
                    weight = weight.min(n.entry.weight);
                }
            }
        }
        if let Some(iso) = h.entry.country.as_deref().filter(|_| weight > 0) {
            let e = tally.entry(iso).or_insert((0, order));
            e.0 += usize::from(weight);
            order += 1;
        }
    }
    let main = tally
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(iso, _)| *iso);

    let mut out = Vec::new();
    let mut last_named: Option<&Actor> = None;
    let mut i = 0;
    while i < kept.len() {
        let h = &kept[i];
        let next = kept.get(i + 1);
        let adjacent =
            next.filter(|n| n.entry.generic || n.entry.role == Role::Actor(EntityKind::Norp));
        let adjacent = adjacent.filter(|n| text[h.end..n.start].chars().all(char::is_whitespace));
        match h.entry.role {
            Role::Demonym => {
                // "Syrian and Russian forces": the first nationality's forces too.
                if let Some(n) = next {
                    let between = text[h.end..n.start].trim();
                    if n.entry.force && matches!(between, "and" | "or" | "and the") {
                        if let (Role::Actor(kind), Some(a)) = (n.entry.role, &n.entry.actor) {
                            let actor = Actor {
                                country: h.entry.country.clone(),
                                ..a.clone()
                            };
                            out.push(found(h.start, h.end, kind, actor, main));
                            i += 1;
                            continue;
                        }
                    }
                }
                // "Afghan militants", "Syrian civilians"
                if let Some(n) = adjacent {
                    if let (Role::Actor(kind), Some(a)) = (n.entry.role, &n.entry.actor) {
                        let mut actor = a.clone();
                        if actor.group.is_none() {
                            actor.country = h.entry.country.clone();
                        }
                        out.push(found(h.start, n.end, kind, actor, main));
                        i += 2;
                        continue;
                    }
                }
            }
            Role::Country => {}
            Role::Actor(kind) => {
                let named = kind == EntityKind::Group && !h.entry.generic;
                let absorb = adjacent.filter(|n| named && n.entry.generic);
                let end = absorb.map_or(h.end, |n| n.end);
                let Some(actor) = &h.entry.actor else {
                    // An organisation that is not a side (a source, an agency).
                    out.push(Found {
                        start: h.start,
                        end,
                        kind,
                        canonical: h.entry.name.clone(),
                        actor: None,
                    });
                    i += 1;
                    continue;
                };
                let non_state = actor.kind == ActorKind::ArmedGroup
                    && !matches!(actor.group.as_deref(), Some("US-led Coalition" | "NATO"));
                let actor = if non_state {
                    last_named = Some(actor);
                    actor
                } else if h.entry.generic && refers_back(text, h.start, &text[h.start..h.end]) {
                    // "the militants" after "Taliban": the group named last.
                    last_named.unwrap_or(actor)
                } else {
                    actor
                };
                out.push(found(h.start, end, kind, actor.clone(), main));
                if absorb.is_some() {
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    (out, main.map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::Sentences;
    use crate::testing::check_stage;

    fn run(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
        let mut doc = Doc::new("t", text);
        Sentences.run(&mut doc).expect("sentences");
        doc.places = Some(vec![]);
        Entities.run(&mut doc).expect("entities");
        let ents = doc.entities.clone().unwrap_or_default();
        for e in &ents {
            assert_eq!(doc.span_text(e.span()), e.text);
        }
        ents.into_iter()
            .map(|e| (e.text, e.kind, e.canonical))
            .collect()
    }

    fn canon(text: &str) -> Vec<(String, String)> {
        run(text)
            .into_iter()
            .map(|(t, _, c)| (t, c.unwrap_or_default()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn invariants() {
        let places = crate::build_stage("places").expect("places stage");
        check_stage(
            &Entities,
            &[&Sentences, places.as_ref()],
            "“Taliban militants” attacked Afghan police in Kunduz; the Syrian Observatory said.",
        );
    }

    #[test]
    fn state_forces_by_demonym() {
        assert_eq!(
            canon("Russian warplanes and the Syrian army struck Aleppo in Syria."),
            vec![
                pair("Russian warplanes", "Military Forces of Russia"),
                pair("Syrian army", "Military Forces of Syria"),
            ]
        );
        assert_eq!(
            canon("Afghan policemen and Afghan security forces were hit."),
            vec![
                pair("Afghan policemen", "Police Forces of Afghanistan"),
                pair("Afghan security forces", "Military Forces of Afghanistan"),
            ]
        );
        assert_eq!(
            canon("US troops left."),
            vec![pair("US troops", "Military Forces of the United States")]
        );
    }

    #[test]
    fn named_groups_absorb_generic_nouns() {
        assert_eq!(
            canon("Taliban militants and ISIS fighters clashed with al-Nusra terrorists."),
            vec![
                pair("Taliban militants", "Taliban"),
                pair("ISIS fighters", "Islamic State"),
                pair("al-Nusra terrorists", "Al-Nusra Front"),
            ]
        );
        assert_eq!(
            canon("Fighters of Jabhat Fateh al-Sham and the Free Syrian Army (FSA)."),
            vec![
                pair("Fighters", "Unidentified Armed Group"),
                pair("Jabhat Fateh al-Sham", "Al-Nusra Front"),
                pair("Free Syrian Army", "Free Syrian Army"),
                pair("FSA", "Free Syrian Army"),
            ]
        );
    }

    #[test]
    fn unnamed_actors_take_the_document_country() {
        assert_eq!(
            canon("Gunmen killed civilians in Syria. Rebels and regime forces clashed in Syria."),
            vec![
                pair("Gunmen", "Unidentified Armed Group (Syria)"),
                pair("civilians", "Civilians (Syria)"),
                pair("Rebels", "Rebel Groups (Syria)"),
                pair("regime forces", "Military Forces of Syria"),
            ]
        );
        // No country known: "(X)" is dropped, "of X" gives no name.
        assert_eq!(
            run("Troops fired on protesters."),
            vec![
                ("Troops".into(), EntityKind::Group, None),
                (
                    "protesters".into(),
                    EntityKind::Norp,
                    Some("Protesters".into())
                ),
            ]
        );
        assert_eq!(
            canon("Afghan militants attacked. Syrian civilians fled."),
            vec![
                pair("Afghan militants", "Unidentified Armed Group (Afghanistan)"),
                pair("Syrian civilians", "Civilians (Syria)"),
            ]
        );
    }

    #[test]
    fn boundaries_case_and_sources() {
        // "rebel-held" is not "rebel"; "is" is not IS; the Observatory is a source.
        assert_eq!(
            canon("The rebel-held town is quiet, the Syrian Observatory for Human Rights said."),
            vec![pair(
                "Syrian Observatory for Human Rights",
                "Syrian Observatory for Human Rights"
            )]
        );
        assert_eq!(
            canon("The observatory said so."),
            vec![pair("observatory", "Syrian Observatory for Human Rights")]
        );
        let got = run("IS claimed it.");
        assert_eq!(got[0].1, EntityKind::Group);
        assert_eq!(
            canon("al-Qaedas Syrian affiliate"),
            vec![pair("al-Qaedas", "Al Qaeda")]
        );
    }

    #[test]
    fn coordinated_nationalities_share_the_force() {
        assert_eq!(
            canon("Strikes by Syrian and Russian forces and by the regime hit Idlib."),
            vec![
                pair("Syrian", "Military Forces of Syria"),
                pair("Russian forces", "Military Forces of Russia"),
                pair("the regime", "Military Forces of Syria"),
            ]
        );
        // National forces count towards the document country.
        assert_eq!(
            canon("The Syrian army killed five terrorists."),
            vec![
                pair("Syrian army", "Military Forces of Syria"),
                pair("terrorists", "Unidentified Armed Group (Syria)"),
            ]
        );
    }

    #[test]
    fn the_militants_refers_to_the_group_named_last() {
        assert_eq!(
            canon("Taliban fighters attacked Kunduz in Afghanistan. The militants withdrew. Militants also struck Herat."),
            vec![
                pair("Taliban fighters", "Taliban"),
                pair("militants", "Taliban"),
                pair("Militants", "Unidentified Armed Group (Afghanistan)"),
            ]
        );
    }

    #[test]
    fn foreign_air_power_does_not_set_the_country() {
        assert_eq!(
            canon("Russian jets and the regime pounded the town. Syrian troops advanced."),
            vec![
                pair("Russian jets", "Military Forces of Russia"),
                pair("the regime", "Military Forces of Syria"),
                pair("Syrian troops", "Military Forces of Syria"),
            ]
        );
    }

    #[test]
    fn multibyte_offsets() {
        let mut doc = Doc::new("t", "«Ça va» — Hezbollah fighters fired.");
        Sentences.run(&mut doc).expect("sentences");
        doc.places = Some(vec![]);
        Entities.run(&mut doc).expect("entities");
        let e = &doc.entities.as_ref().expect("layer")[0];
        assert_eq!(e.text, "Hezbollah fighters");
        assert_eq!(doc.span_text(e.span()), "Hezbollah fighters");
    }

    #[test]
    fn places_layer_sets_the_country() {
        let mut doc = Doc::new("t", "Militants attacked a checkpoint.");
        Sentences.run(&mut doc).expect("sentences");
        doc.places = Some(vec![sitrep_model::Place {
            start: 0,
            end: 0,
            text: String::new(),
            name: "Kabul".into(),
            geonameid: None,
            country: Some("AF".into()),
            admin1: None,
            admin2: None,
            lat: None,
            lon: None,
            kind: sitrep_model::PlaceKind::Place,
            region: None,
            geonames_name: None,
            government: false,
            local: None,
            parent: None,
        }]);
        Entities.run(&mut doc).expect("entities");
        assert_eq!(
            doc.entities.expect("layer")[0].canonical.as_deref(),
            Some("Unidentified Armed Group (Afghanistan)")
        );
    }

    #[test]
    fn strikes_led_by_the_us_are_the_coalitions() {
        assert_eq!(
            canon("US-led air strikes hit Hajin in Iraq, and US-led airstrikes hit Baghuz."),
            vec![
                pair("US-led air strikes", "US-led Coalition"),
                pair("US-led airstrikes", "US-led Coalition"),
            ]
        );
    }
}
