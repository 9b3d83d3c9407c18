//! The event lexicons: trigger words for ACLED's sub-event types and the cue phrases for sources (modality), history and statistics.
//!
//! Everything is compiled once into aho-corasick automata (`OnceLock`), matched
//! ASCII-case-insensitively on whole words. Wire copy is mostly ASCII, and the FA-KES
//! corpus has its commas and apostrophes stripped, so patterns avoid punctuation.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

/// The ACLED sub-event types sitrep codes (plus two internal ones resolved later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sub {
    /// Explosions/Remote violence: Chemical weapon.
    Chemical,
    /// Explosions/Remote violence: Suicide bomb.
    SuicideBomb,
    /// Explosions/Remote violence: Grenade.
    Grenade,
    /// Explosions/Remote violence: Remote explosive/landmine/IED.
    Ied,
    /// Explosions/Remote violence: Air/drone strike.
    AirStrike,
    /// Explosions/Remote violence: Shelling/artillery/missile attack.
    Shelling,
    /// Battles: territory changed hands (resolved to government / non-state by actor1).
    Territory,
    /// Battles: Government regains territory.
    GovRegains,
    /// Battles: Non-state actor overtakes territory.
    NonStateOvertakes,
    /// Battles: Armed clash.
    ArmedClash,
    /// Violence against civilians: Attack.
    CivAttack,
    /// Violence against civilians: Abduction/forced disappearance.
    Abduction,
    /// Protests: Peaceful protest.
    Protest,
    /// Riots: Violent demonstration.
    Riot,
    /// Strategic developments: Arrests.
    Arrests,
    /// "attack(s)" without a weapon: armed clash or attack on civilians, by the victim.
    GenericAttack,
    /// "killed" with an armed agent and no other trigger: resolved like `GenericAttack`.
    Kill,
    /// "bombing" with no weapon named: an air strike when a state (or coalition) did it,
    /// else a remote explosive (resolved by actor1).
    Bombing,
}

impl Sub {
    /// ACLED event type.
    pub fn event_type(self) -> &'static str {
        match self {
            Sub::Chemical
            | Sub::SuicideBomb
            | Sub::Grenade
            | Sub::Ied
            | Sub::AirStrike
            | Sub::Shelling
            | Sub::Bombing => "Explosions/Remote violence",
            Sub::Territory
            | Sub::GovRegains
            | Sub::NonStateOvertakes
            | Sub::ArmedClash
            | Sub::GenericAttack
            | Sub::Kill => "Battles",
            Sub::CivAttack | Sub::Abduction => "Violence against civilians",
            Sub::Protest => "Protests",
            Sub::Riot => "Riots",
            Sub::Arrests => "Strategic developments",
        }
    }

    /// ACLED sub-event type.
    pub fn sub_event_type(self) -> &'static str {
        match self {
            Sub::Chemical => "Chemical weapon",
            Sub::SuicideBomb => "Suicide bomb",
            Sub::Grenade => "Grenade",
            Sub::Ied | Sub::Bombing => "Remote explosive/landmine/IED",
            Sub::AirStrike => "Air/drone strike",
            Sub::Shelling => "Shelling/artillery/missile attack",
            Sub::GovRegains => "Government regains territory",
            Sub::Territory | Sub::NonStateOvertakes => "Non-state actor overtakes territory",
            Sub::ArmedClash | Sub::GenericAttack | Sub::Kill => "Armed clash",
            Sub::CivAttack => "Attack",
            Sub::Abduction => "Abduction/forced disappearance",
            Sub::Protest => "Peaceful protest",
            Sub::Riot => "Violent demonstration",
            Sub::Arrests => "Arrests",
        }
    }

    /// How specific the trigger is: the highest wins in a sentence.
    pub fn priority(self) -> u8 {
        match self {
            Sub::Chemical => 12,
            Sub::SuicideBomb => 11,
            Sub::Grenade => 10,
            Sub::Ied => 9,
            Sub::AirStrike | Sub::Bombing => 8,
            Sub::Shelling => 7,
            Sub::Territory | Sub::GovRegains | Sub::NonStateOvertakes => 6,
            Sub::CivAttack | Sub::Abduction => 5,
            Sub::ArmedClash => 4,
            Sub::Protest | Sub::Riot | Sub::Arrests => 3,
            Sub::GenericAttack => 2,
            Sub::Kill => 1,
        }
    }

    /// Back from an ACLED sub-event type name (for tests and PLOVER mapping).
    pub fn from_name(name: &str) -> Option<Sub> {
        Some(match name {
            "Chemical weapon" => Sub::Chemical,
            "Suicide bomb" => Sub::SuicideBomb,
            "Grenade" => Sub::Grenade,
            "Remote explosive/landmine/IED" => Sub::Ied,
            "Air/drone strike" => Sub::AirStrike,
            "Shelling/artillery/missile attack" => Sub::Shelling,
            "Government regains territory" => Sub::GovRegains,
            "Non-state actor overtakes territory" => Sub::NonStateOvertakes,
            "Armed clash" => Sub::ArmedClash,
            "Attack" => Sub::CivAttack,
            "Abduction/forced disappearance" => Sub::Abduction,
            "Peaceful protest" => Sub::Protest,
            "Violent demonstration" => Sub::Riot,
            "Arrests" => Sub::Arrests,
            _ => return None,
        })
    }
}

/// Kinds of cue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A modal or negation that makes the trigger not (yet) an incident.
    Irrealis,
    /// History or running statistics.
    History,
    /// A roll-up over the whole country.
    RollUp,
    /// "claimed to have".
    Claim,
    /// An updated toll.
    Update,
    /// Explicitly no casualties.
    NoCasualties,
    /// "backed by": the trigger is support, not the incident.
    Backing,
    /// "overnight" / "last night".
    Overnight,
    /// Talk about an incident's responsibility or response ("blamed", "responsibility
    /// for", "condemning"): with no toll of its own, the incident told again.
    Reference,
    /// A toll the article says was superseded ("an initial death toll of 47", "an
    /// earlier toll … reported 15"): the figures right after it are not the toll.
    Superseded,
}

/// A whole-word lexicon: an automaton plus the value of each pattern.
pub struct Lexicon<T: Copy> {
    ac: AhoCorasick,
    values: Vec<T>,
}

/// One whole-word match: byte range and value.
#[derive(Debug, Clone, Copy)]
pub struct Hit<T: Copy> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The pattern's value.
    pub value: T,
}

impl<T: Copy> Lexicon<T> {
    fn build(entries: Vec<(String, T)>) -> Option<Self> {
        let ac = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|(p, _)| p.as_str()))
            .ok()?;
        Some(Lexicon {
            ac,
            values: entries.into_iter().map(|(_, v)| v).collect(),
        })
    }

    /// Whole-word matches in `text[from..to]` (byte offsets into `text`).
    pub fn find(&self, text: &str, from: usize, to: usize) -> Vec<Hit<T>> {
        let bytes = text.as_bytes();
        let Some(hay) = text.get(from..to) else {
            return Vec::new();
        };
        self.ac
            .find_iter(hay)
            .filter_map(|m| {
                let (s, e) = (from + m.start(), from + m.end());
                let before_ok = s == 0 || !is_word_byte(bytes[s - 1]);
                let after_ok = e >= bytes.len() || !is_word_byte(bytes[e]);
                (before_ok && after_ok).then(|| Hit {
                    start: s,
                    end: e,
                    value: self.values[m.pattern().as_usize()],
                })
            })
            .collect()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80
}

/// Word roles of `data/event-words.tsv` (see its header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A noun after an actor that makes it the holder of a place ("rebel areas").
    Holder,
    /// A word after a place name that makes it stand for the state ("Damascus regime").
    StateAfter,
    /// Words before a place name that make it stand for the state ("its ally Damascus").
    StateBefore,
    /// The second half of a hyphenated adjective made from a place name ("US-led").
    Compound,
    /// A determiner that makes a trigger noun refer back ("the attack").
    Anaphor,
    /// A verb after a named group that makes it the side that acted ("IS fired").
    AttackVerb,
}

impl Role {
    /// The keyword of a role in `data/event-words.tsv`.
    pub fn from_keyword(k: &str) -> Option<Role> {
        Some(match k {
            "holder" => Role::Holder,
            "state_after" => Role::StateAfter,
            "state_before" => Role::StateBefore,
            "compound" => Role::Compound,
            "anaphor" => Role::Anaphor,
            "attack_verb" => Role::AttackVerb,
            _ => return None,
        })
    }
}

/// The word roles, as lower-case phrases.
#[derive(Debug, Default)]
pub struct Words {
    entries: Vec<(String, Role)>,
}

impl Words {
    /// True when `word` (lower-case) has `role`.
    pub fn is(&self, role: Role, word: &str) -> bool {
        self.entries.iter().any(|(w, r)| *r == role && w == word)
    }

    /// True when `before` (lower-case text) ends with a phrase of `role` as whole words.
    pub fn ends(&self, role: Role, before: &str) -> bool {
        let before = before.trim_end();
        self.entries.iter().any(|(w, r)| {
            *r == role
                && before.ends_with(w.as_str())
                && !before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
        })
    }
}

/// All lexicons, built once.
pub struct Lexicons {
    /// Event triggers.
    pub triggers: Lexicon<Sub>,
    /// Source cues: `true` = party, `false` = neutral.
    pub sources: Lexicon<bool>,
    /// Other cue phrases.
    pub cues: Lexicon<Cue>,
    /// Word roles.
    pub words: Words,
}

/// The trigger table, compiled in.
pub const TRIGGERS_TSV: &str = include_str!("../../data/event-triggers.tsv");
/// The source cue table, compiled in.
pub const SOURCES_TSV: &str = include_str!("../../data/event-sources.tsv");
/// The cue phrase table, compiled in.
pub const CUES_TSV: &str = include_str!("../../data/event-cues.tsv");
/// The word role table, compiled in.
pub const WORDS_TSV: &str = include_str!("../../data/event-words.tsv");

impl Sub {
    /// The keyword of a sub-event in `data/event-triggers.tsv`.
    pub fn from_keyword(k: &str) -> Option<Sub> {
        Some(match k {
            "chemical" => Sub::Chemical,
            "suicide_bomb" => Sub::SuicideBomb,
            "grenade" => Sub::Grenade,
            "ied" => Sub::Ied,
            "air_strike" => Sub::AirStrike,
            "shelling" => Sub::Shelling,
            "territory" => Sub::Territory,
            "gov_regains" => Sub::GovRegains,
            "non_state_overtakes" => Sub::NonStateOvertakes,
            "armed_clash" => Sub::ArmedClash,
            "civ_attack" => Sub::CivAttack,
            "abduction" => Sub::Abduction,
            "protest" => Sub::Protest,
            "riot" => Sub::Riot,
            "arrests" => Sub::Arrests,
            "generic_attack" => Sub::GenericAttack,
            "kill" => Sub::Kill,
            "bombing" => Sub::Bombing,
            _ => return None,
        })
    }
}

impl Cue {
    /// The keyword of a cue in `data/event-cues.tsv`.
    pub fn from_keyword(k: &str) -> Option<Cue> {
        Some(match k {
            "irrealis" => Cue::Irrealis,
            "history" => Cue::History,
            "roll_up" => Cue::RollUp,
            "claim" => Cue::Claim,
            "update" => Cue::Update,
            "no_casualties" => Cue::NoCasualties,
            "backing" => Cue::Backing,
            "overnight" => Cue::Overnight,
            "reference" => Cue::Reference,
            "superseded" => Cue::Superseded,
            _ => return None,
        })
    }
}

/// Parses a two-column word table (`phrase<TAB>value`, `#` comments); errors name the
/// file and the line.
pub fn parse_table<T>(
    file: &str,
    src: &str,
    value: impl Fn(&str) -> Option<T>,
) -> Result<Vec<(String, T)>, String> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((phrase, v)) = line.split_once('\t') else {
            return Err(format!(
                "{file} line {}: expected two tab-separated columns\nhelp: see the header of {file}",
                n + 1
            ));
        };
        let Some(v) = value(v.trim()) else {
            return Err(format!(
                "{file} line {}: unknown value `{v}`\nhelp: the header of {file} lists the values",
                n + 1
            ));
        };
        out.push((phrase.to_string(), v));
    }
    Ok(out)
}

fn build<T: Copy>(what: &str, r: Option<Lexicon<T>>) -> Result<Lexicon<T>, String> {
    r.ok_or_else(|| format!("data/{what}: cannot build the matcher\nhelp: check for empty phrases"))
}

/// The lexicons, loaded from the data files once (the events stage loads them when it is
/// built, so a bad table fails there, not on the first document).
pub fn lexicons() -> Result<&'static Lexicons, String> {
    static L: OnceLock<Result<Lexicons, String>> = OnceLock::new();
    L.get_or_init(|| {
        let t = parse_table("data/event-triggers.tsv", TRIGGERS_TSV, Sub::from_keyword)?;
        let triggers = build("event-triggers.tsv", Lexicon::build(t))?;
        let s = parse_table("data/event-sources.tsv", SOURCES_TSV, |v| match v {
            "party" => Some(true),
            "neutral" => Some(false),
            _ => None,
        })?;
        let sources = build("event-sources.tsv", Lexicon::build(s))?;
        let c = parse_table("data/event-cues.tsv", CUES_TSV, Cue::from_keyword)?;
        let cues = build("event-cues.tsv", Lexicon::build(c))?;
        let entries = parse_table("data/event-words.tsv", WORDS_TSV, Role::from_keyword)?;
        Ok(Lexicons {
            triggers,
            sources,
            cues,
            words: Words { entries },
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_build_and_match_whole_words() {
        let l = lexicons().expect("lexicons build");
        let t = "Regime airstrikes hit the strikers; shelling followed.";
        let hits = l.triggers.find(t, 0, t.len());
        let subs: Vec<Sub> = hits.iter().map(|h| h.value).collect();
        assert_eq!(subs, vec![Sub::AirStrike, Sub::Shelling]);
    }

    #[test]
    fn bad_tables_name_the_file_and_line() {
        let err = parse_table("data/x.tsv", "# h\nbomb\tnope\n", Sub::from_keyword)
            .expect_err("bad value");
        assert!(
            err.contains("data/x.tsv line 2") && err.contains("help:"),
            "{err}"
        );
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(Sub::from_name("Air/drone strike"), Some(Sub::AirStrike));
        assert_eq!(Sub::Territory.event_type(), "Battles");
    }
}
