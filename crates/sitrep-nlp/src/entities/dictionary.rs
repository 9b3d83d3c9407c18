//! The built-in actor dictionary (`data/actors.tsv`) and its two matchers.
//!
//! The TSV is compiled into the binary (`include_str!`), parsed once (`OnceLock`) into two
//! leftmost-longest Aho-Corasick automata: one ASCII-case-insensitive for ordinary names
//! ("Syrian army", "Free Syrian Army", "gunmen") and one case-sensitive for acronyms that
//! are also English words ("IS", "WHO", "UN"). Every DEMONYM × FORCE pair becomes one more
//! pattern ("Russian warplanes" → Military Forces of Russia), so "<nationality> <force>"
//! needs no rule code. The file's header documents the columns.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_model::EntityKind;
use std::collections::HashMap;
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
    /// Canonical name, possibly with `{C}` for the country.
    pub canonical: String,
    /// ISO2 of the state force / the named country.
    pub country: Option<String>,
    /// An unnamed actor ("militants") that a named group or demonym before it absorbs.
    pub generic: bool,
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

/// A country's names.
#[derive(Debug, Clone)]
pub struct CountryName {
    /// ACLED country name ("Syria").
    pub name: String,
    /// Form after "of" ("the United States").
    pub of_form: String,
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
    /// ISO2 → names.
    pub countries: HashMap<String, CountryName>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("ci_patterns", &self.ci_entries.len())
            .field("cs_patterns", &self.cs_entries.len())
            .field("countries", &self.countries.len())
            .finish()
    }
}

struct Force {
    surface: String,
    template: String,
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

/// Parses `src` (the TSV format of `data/actors.tsv`). Errors name the line.
pub fn parse(src: &str) -> Result<Dictionary, String> {
    let mut ci_pats: Vec<String> = Vec::new();
    let mut ci_entries = Vec::new();
    let mut cs_pats: Vec<String> = Vec::new();
    let mut cs_entries = Vec::new();
    let mut countries: HashMap<String, CountryName> = HashMap::new();
    let mut demonyms: Vec<(String, String, bool)> = Vec::new();
    let mut forces: Vec<Force> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(format!(
                "data/actors.tsv line {}: expected 4 or 5 tab-separated columns, found {}\nhelp: columns are surface, kind, canonical, country, flags",
                n + 1,
                cols.len()
            ));
        }
        let (surface, kind, canonical, country) = (cols[0], cols[1], cols[2], cols[3]);
        let flags: Vec<&str> = cols.get(4).map_or(vec![], |f| f.split(',').collect());
        let cs = flags.contains(&"cs");
        let generic = flags.contains(&"generic");
        let country = (country != "-").then(|| country.to_string());
        let role = match kind {
            "COUNTRY" => Role::Country,
            "DEMONYM" => Role::Demonym,
            "GROUP" => Role::Actor(EntityKind::Group),
            "ORG" => Role::Actor(EntityKind::Org),
            "NORP" => Role::Actor(EntityKind::Norp),
            "FORCE" => {
                forces.push(Force {
                    surface: surface.to_string(),
                    template: canonical.to_string(),
                    alone: flags.contains(&"alone"),
                });
                continue;
            }
            other => {
                return Err(format!(
                    "data/actors.tsv line {}: unknown kind `{other}`\nhelp: use GROUP, ORG, NORP, COUNTRY, DEMONYM or FORCE",
                    n + 1
                ))
            }
        };
        if role == Role::Country {
            let Some(iso) = country.clone() else {
                return Err(format!(
                    "data/actors.tsv line {}: a COUNTRY row needs an ISO2 code\nhelp: put the code in the 4th column",
                    n + 1
                ));
            };
            let of_form = flags
                .iter()
                .find_map(|f| f.strip_prefix("of="))
                .unwrap_or(canonical)
                .to_string();
            countries.entry(iso).or_insert(CountryName {
                name: canonical.to_string(),
                of_form,
            });
        }
        if role == Role::Demonym {
            if let Some(iso) = &country {
                demonyms.push((surface.to_string(), iso.clone(), cs));
            }
        }
        let entry = Entry {
            role,
            canonical: canonical.to_string(),
            country,
            generic,
            capital: starts_upper(surface),
            proper: surface.chars().any(char::is_uppercase),
            weight: if role == Role::Country { 2 } else { 1 },
        };
        if cs {
            cs_pats.push(surface.to_string());
            cs_entries.push(entry);
        } else {
            ci_pats.push(surface.to_string());
            ci_entries.push(entry);
        }
    }
    // "<demonym> <force>" and lone forces.
    for f in &forces {
        let kind = if f.template.starts_with("Government") {
            EntityKind::Org
        } else {
            EntityKind::Group
        };
        for (d, iso, cs) in &demonyms {
            let entry = Entry {
                role: Role::Actor(kind),
                canonical: f.template.clone(),
                country: Some(iso.clone()),
                generic: false,
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
                cs_pats.push(format!("{d} {cap}"));
                cs_entries.push(entry.clone());
                cs_pats.push(pat);
                cs_entries.push(entry);
            } else {
                ci_pats.push(pat);
                ci_entries.push(entry);
            }
        }
        if f.alone {
            ci_pats.push(f.surface.clone());
            ci_entries.push(Entry {
                role: Role::Actor(kind),
                canonical: f.template.clone(),
                country: None,
                generic: false,
                capital: false,
                proper: false,
                weight: 0,
            });
        }
    }
    let build = |pats: &[String], ci: bool| {
        AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
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
        countries,
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
        assert_eq!(d.countries["US"].of_form, "the United States");
        assert_eq!(d.countries["SY"].name, "Syria");
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
            if let Some(kind) = seen.insert(key, cols[1]) {
                // A name that is both a country and its adjective ("Myanmar") is fine.
                let pair = [kind, cols[1]];
                assert!(
                    pair.contains(&"COUNTRY") && pair.contains(&"DEMONYM"),
                    "duplicate surface {:?}: the second row never matches",
                    cols[0]
                );
            }
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
