//! The built-in actor dictionary (`data/actors.tsv`) and its two matchers.
//!
//! The TSV is compiled into the binary (`include_str!`), parsed once (`OnceLock`) into two
//! leftmost-longest Aho-Corasick automata: one ASCII-case-insensitive for ordinary names
//! ("Syrian army", "Free Syrian Army", "gunmen") and one case-sensitive for acronyms that
//! are also English words ("IS", "WHO", "UN"). Country names and nationality adjectives
//! come from the one country table (`sitrep_model::countries`); every nationality × FORCE
//! pair becomes one more pattern ("Russian warplanes" → a state force of Russia), so
//! "<nationality> <force>" needs no rule code. Each actor row becomes a structured
//! [`Actor`]; its ACLED name is derived, never written in the table. The file's header
//! documents the columns.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_model::countries::countries;
use sitrep_model::{Actor, ActorKind, EntityKind};
use std::sync::OnceLock;

/// The dictionary source, compiled in.
pub const ACTORS_TSV: &str = include_str!("../../data/actors.tsv");

/// What a dictionary row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A country name (used to find the document's country).
    Country,
    /// A nationality adjective (document country; country of a following generic actor).
    Demonym,
    /// An actor or organisation that becomes an entity.
    Actor(EntityKind),
}

/// One pattern's meaning.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What the row is.
    pub role: Role,
    /// The side it names (GROUP and NORP rows, and governments); its `country` is the
    /// row's country, `None` = the document's.
    pub actor: Option<Actor>,
    /// The organisation's name (ORG rows that are not governments).
    pub name: Option<String>,
    /// ISO2 of the state force / the named country.
    pub country: Option<String>,
    /// An unnamed actor ("militants") that a named group or demonym before it absorbs.
    pub generic: bool,
    /// Built from a nationality and a FORCE noun ("Russian warplanes").
    pub force: bool,
    /// The surface starts with a capital, so the text must too ("Chad", not "chad").
    pub capital: bool,
    /// The surface is a proper name (has a capital): "al-Qaedas" may carry a stripped
    /// possessive "s".
    pub proper: bool,
    /// Weight of `country` when finding the document's country: country names 2,
    /// nationality words and ground forces 1, foreign air power ("Russian warplanes",
    /// "US-led strikes") 0 — air forces are the usual foreign participants.
    pub weight: u8,
}

/// The parsed dictionary and its automata.
pub struct Dictionary {
    /// Case-insensitive automaton.
    pub ci: AhoCorasick,
    /// Entries of `ci`'s patterns, by pattern id.
    pub ci_entries: Vec<Entry>,
    /// Case-sensitive automaton.
    pub cs: AhoCorasick,
    /// Entries of `cs`'s patterns.
    pub cs_entries: Vec<Entry>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("ci_patterns", &self.ci_entries.len())
            .field("cs_patterns", &self.cs_entries.len())
            .finish()
    }
}

struct Force {
    surface: String,
    kind: ActorKind,
    alone: bool,
}

/// Air power and strikes: a foreign state's usual part in someone else's war.
fn is_air(force: &str) -> bool {
    [
        "plane",
        "jet",
        "aircraft",
        "strike",
        "raid",
        "bomber",
        "helicopter",
        "drone",
        "air force",
        "navy",
    ]
    .iter()
    .any(|w| force.contains(w))
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A name with no lower-case letter ("USA", "U.S.", "UK") matches case-sensitively.
fn acronym(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

/// The actor of a GROUP/NORP/FORCE row: a kind keyword, or a named armed group.
fn actor_of(col: &str, country: &Option<String>) -> Actor {
    match ActorKind::from_keyword(col) {
        Some(kind) => Actor {
            kind,
            country: country.clone(),
            group: None,
        },
        None => Actor::group(col),
    }
}

/// Parses `src` (the TSV format of `data/actors.tsv`) and adds the country table's names
/// and nationality adjectives. Errors name the line.
pub fn parse(src: &str) -> Result<Dictionary, String> {
    let mut ci_pats: Vec<String> = Vec::new();
    let mut ci_entries = Vec::new();
    let mut cs_pats: Vec<String> = Vec::new();
    let mut cs_entries = Vec::new();
    let mut push = |surface: &str, cs: bool, entry: Entry| {
        if cs {
            cs_pats.push(surface.to_string());
            cs_entries.push(entry);
        } else {
            ci_pats.push(surface.to_string());
            ci_entries.push(entry);
        }
    };
    // Countries and their adjectives, from the one country table.
    let mut demonyms: Vec<(String, String, bool)> = Vec::new();
    for c in countries() {
        let mut names: Vec<&str> = vec![c.acled.as_str()];
        if c.geonames != c.acled && !c.geonames.contains(',') {
            names.push(c.geonames.as_str());
        }
        names.extend(c.names.iter().map(String::as_str));
        for n in names {
            push(
                n,
                acronym(n),
                Entry {
                    role: Role::Country,
                    actor: None,
                    name: None,
                    country: Some(c.iso2.clone()),
                    generic: false,
                    force: false,
                    capital: starts_upper(n),
                    proper: true,
                    weight: 2,
                },
            );
        }
        for d in &c.demonyms {
            push(
                d,
                acronym(d),
                Entry {
                    role: Role::Demonym,
                    actor: None,
                    name: None,
                    country: Some(c.iso2.clone()),
                    generic: false,
                    force: false,
                    capital: starts_upper(d),
                    proper: true,
                    weight: 1,
                },
            );
            demonyms.push((d.clone(), c.iso2.clone(), acronym(d)));
        }
    }
    let mut forces: Vec<Force> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(format!(
                "data/actors.tsv line {}: expected 4 or 5 tab-separated columns, found {}\nhelp: columns are surface, kind, actor, country, flags",
                n + 1,
                cols.len()
            ));
        }
        let (surface, kind, canonical, country) = (cols[0], cols[1], cols[2], cols[3]);
        let flags: Vec<&str> = cols.get(4).map_or(vec![], |f| f.split(',').collect());
        let cs = flags.contains(&"cs");
        let generic = flags.contains(&"generic");
        let country = (country != "-").then(|| country.to_string());
        let (role, actor, name) = match kind {
            "GROUP" => (
                Role::Actor(EntityKind::Group),
                Some(actor_of(canonical, &country)),
                None,
            ),
            "NORP" => (
                Role::Actor(EntityKind::Norp),
                Some(actor_of(canonical, &country)),
                None,
            ),
            "ORG" if canonical == "government" => (
                Role::Actor(EntityKind::Org),
                Some(actor_of(canonical, &country)),
                None,
            ),
            "ORG" => (
                Role::Actor(EntityKind::Org),
                None,
                Some(canonical.to_string()),
            ),
            "FORCE" => {
                let Some(kind) = ActorKind::from_keyword(canonical) else {
                    return Err(format!(
                        "data/actors.tsv line {}: a FORCE row needs an actor kind keyword, found `{canonical}`\nhelp: use state_force, police or government",
                        n + 1
                    ));
                };
                forces.push(Force {
                    surface: surface.to_string(),
                    kind,
                    alone: flags.contains(&"alone"),
                });
                continue;
            }
            other => {
                return Err(format!(
                    "data/actors.tsv line {}: unknown kind `{other}`\nhelp: use GROUP, ORG, NORP or FORCE (countries live in sitrep-model's countries.tsv)",
                    n + 1
                ))
            }
        };
        let entry = Entry {
            role,
            actor,
            name,
            country,
            generic,
            force: false,
            capital: starts_upper(surface),
            proper: surface.chars().any(char::is_uppercase),
            weight: 1,
        };
        push(surface, cs, entry);
    }
    // "<demonym> <force>" and lone forces.
    for f in &forces {
        let kind = if f.kind == ActorKind::Government {
            EntityKind::Org
        } else {
            EntityKind::Group
        };
        for (d, iso, cs) in &demonyms {
            let entry = Entry {
                role: Role::Actor(kind),
                actor: Some(Actor::new(f.kind).of(iso.clone())),
                name: None,
                country: Some(iso.clone()),
                generic: false,
                force: true,
                capital: starts_upper(d),
                proper: false,
                weight: u8::from(!is_air(&f.surface)),
            };
            let pat = format!("{d} {}", f.surface);
            if *cs {
                // Case-sensitive demonyms ("US") keep the force noun lower-case and
                // capitalised: "US troops", "US Troops".
                let mut cap = f.surface.clone();
                if let Some(first) = cap.get(..1) {
                    cap = first.to_uppercase() + &f.surface[1..];
                }
                push(&format!("{d} {cap}"), true, entry.clone());
                push(&pat, true, entry);
            } else {
                push(&pat, false, entry);
            }
        }
        if f.alone {
            push(
                &f.surface,
                false,
                Entry {
                    role: Role::Actor(kind),
                    actor: Some(Actor::new(f.kind)),
                    name: None,
                    country: None,
                    generic: false,
                    force: false,
                    capital: false,
                    proper: false,
                    weight: 0,
                },
            );
        }
    }
    // A contiguous NFA, not a full DFA: with the UCDP actor list the case-insensitive DFA
    // took 34 MB of heap (a ninth of `sitrep ingest`'s peak, heaptrack), and the entities
    // stage ran no faster with it (pipeline bench: 40.4 against 39.1 ms per 804 articles).
    let build = |pats: &[String], ci: bool| {
        AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(ci)
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .map_err(|e| format!("data/actors.tsv: cannot build the matcher: {e}\nhelp: check for empty surfaces"))
    };
    Ok(Dictionary {
        ci: build(&ci_pats, true)?,
        ci_entries,
        cs: build(&cs_pats, false)?,
        cs_entries,
    })
}

/// The built-in dictionary, parsed once.
pub fn dictionary() -> Result<&'static Dictionary, String> {
    static DICT: OnceLock<Result<Dictionary, String>> = OnceLock::new();
    DICT.get_or_init(|| parse(ACTORS_TSV))
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_dictionary_parses() {
        let d = dictionary().expect("parses");
        assert!(d.ci_entries.len() > 500, "{d:?}");
        let thai = d
            .ci_entries
            .iter()
            .find(|e| e.role == Role::Demonym && e.country.as_deref() == Some("TH"));
        assert!(
            thai.is_some(),
            "nationality adjectives come from the country table"
        );
    }

    #[test]
    fn surfaces_are_unique() {
        let mut seen = std::collections::HashMap::new();
        for line in ACTORS_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!((4..=5).contains(&cols.len()), "bad row {line:?}");
            let cs = cols.get(4).is_some_and(|f| f.split(',').any(|x| x == "cs"));
            let key = (cols[0].to_ascii_lowercase(), cs);
            assert!(
                seen.insert(key, cols[1]).is_none(),
                "duplicate surface {:?}: the second row never matches",
                cols[0]
            );
        }
    }

    #[test]
    fn bad_rows_name_the_line() {
        let err = parse("# c\nTaliban\tGROUP\n").expect_err("short row");
        assert!(err.contains("line 2") && err.contains("help:"), "{err}");
        let err = parse("X\tTHING\tX\t-\n").expect_err("bad kind");
        assert!(err.contains("unknown kind"), "{err}");
    }
}
