//! The geoparser's word lists, from `data/places-words.tsv` (compiled in with
//! `include_str!`; its header documents the columns and each list).
//!
//! They are parsed once per process, when the `places` stage is built
//! ([`super::Places::new`] calls [`Words::get`]), into hash sets so each look-up is one probe.

use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_model::LocalKind;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/places-words.tsv");

/// The word lists (lower case).
#[derive(Debug, Default)]
pub struct Words {
    /// Lower-case words allowed inside a multi-word name.
    pub connector: FxHashSet<&'static str>,
    /// Capitalised words that are never a place on their own.
    pub stop: FxHashSet<&'static str>,
    /// Multi-word names that are not places in news (normalised keys).
    pub stop_phrase: FxHashSet<&'static str>,
    /// Prepositions that put a place after them.
    pub locative: FxHashSet<&'static str>,
    /// Titles before a person's name.
    pub title: FxHashSet<&'static str>,
    /// Words that may follow a place name without making it part of a longer name.
    pub follower: FxHashSet<&'static str>,
    /// Heads of organisation names.
    pub org_head: FxHashSet<&'static str>,
    /// Direction adjective -> part of the country.
    pub direction: FxHashMap<&'static str, &'static str>,
    /// Verbs whose subject, when a capital, stands for its government.
    pub government: FxHashSet<&'static str>,
    /// Auxiliaries and adverbs allowed between that subject and its verb.
    pub aux: FxHashSet<&'static str>,
    /// Words after a place name that make it part of another name ("West Nile virus").
    pub name_head: FxHashSet<&'static str>,
    /// Nouns after a name that make it a local place of kind quarter ([`super::local`]).
    pub quarter_after: FxHashSet<&'static str>,
    /// Nouns after a name that make it a local place of kind settlement.
    pub settlement_after: FxHashSet<&'static str>,
    /// Nouns before "of" + names -> the kind of local place they name.
    pub before_of: FxHashMap<&'static str, LocalKind>,
    /// Plural nouns that introduce a comma-less list with "including".
    pub list_noun: FxHashSet<&'static str>,
    /// First words of Arabic and Kurdish toponyms -> true when one also starts a name on
    /// its own (false: it only splits a comma-less run of names).
    pub toponym_head: FxHashMap<&'static str, bool>,
    /// Lower-case articles inside Arabic names.
    pub particle: FxHashSet<&'static str>,
    /// Words that bind the next one into a name ("Abu Dhahir").
    pub kunya: FxHashSet<&'static str>,
    /// Capitalised words that do not start or continue a local place's name.
    pub local_stop: FxHashSet<&'static str>,
    /// Capitalised nouns after a name that make it a physical feature ("Swat Valley").
    pub feature_after: FxHashSet<&'static str>,
    /// Capitalised nouns before a name that make it a physical feature ("Lake Erie").
    pub feature_before: FxHashSet<&'static str>,
    /// Capitalised nouns after a name that make it a street's ("Hertford Road").
    pub street: FxHashSet<&'static str>,
    /// Common given names: the people stage's list ([`crate::people::lexicon::GIVEN_NAMES`]).
    pub given: FxHashSet<&'static str>,
}

/// Why the word lists could not be read (only if the built-in file is malformed).
#[derive(Debug, Clone, thiserror::Error)]
#[error("crates/sitrep-nlp/data/places-words.tsv line {line}: {what}\nhelp: fix the file (its header documents the columns) and rebuild sitrep")]
pub struct WordsError {
    /// One-based line number.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

impl Words {
    /// The built-in lists, parsed once per process.
    pub fn get() -> Result<&'static Words, WordsError> {
        static W: OnceLock<Result<Words, WordsError>> = OnceLock::new();
        W.get_or_init(|| Words::parse(DATA))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The built-in lists; empty lists if the file is malformed ([`Words::get`], called when
    /// the stage is built, reports that error first).
    pub(crate) fn builtin() -> &'static Words {
        static EMPTY: OnceLock<Words> = OnceLock::new();
        Words::get().unwrap_or_else(|_| EMPTY.get_or_init(Words::default))
    }

    /// Parses the TSV (`list`, `word`, `value`; `#` comments and the header line skipped).
    pub fn parse(text: &'static str) -> Result<Words, WordsError> {
        let mut w = Words::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("list\t") {
                continue;
            }
            let mut f = line.split('\t');
            let (list, word, value) = (
                f.next().unwrap_or(""),
                f.next().unwrap_or(""),
                f.next().unwrap_or(""),
            );
            let err = |what: String| WordsError { line: n + 1, what };
            if word.is_empty() {
                return Err(err("empty word".into()));
            }
            if word.chars().any(char::is_uppercase) {
                return Err(err(format!("`{word}` is not lower case")));
            }
            let set = match list {
                "connector" => &mut w.connector,
                "stop" => &mut w.stop,
                "stop_phrase" => &mut w.stop_phrase,
                "locative" => &mut w.locative,
                "title" => &mut w.title,
                "follower" => &mut w.follower,
                "org_head" => &mut w.org_head,
                "government" => &mut w.government,
                "aux" => &mut w.aux,
                "name_head" => &mut w.name_head,
                "feature_after" => &mut w.feature_after,
                "feature_before" => &mut w.feature_before,
                "street" => &mut w.street,
                "quarter_after" => &mut w.quarter_after,
                "settlement_after" => &mut w.settlement_after,
                "list_noun" => &mut w.list_noun,
                "particle" => &mut w.particle,
                "kunya" => &mut w.kunya,
                "local_stop" => &mut w.local_stop,
                "before_of" => {
                    let kind = choice(
                        value,
                        &[
                            ("quarter", LocalKind::Quarter),
                            ("settlement", LocalKind::Settlement),
                        ],
                    )
                    .map_err(|m| err(format!("before_of `{word}`: {m}")))?;
                    w.before_of.insert(word, kind);
                    continue;
                }
                "toponym_head" => {
                    let starts = choice(value, &[("", true), ("split", false)])
                        .map_err(|m| err(format!("toponym_head `{word}`: {m}")))?;
                    w.toponym_head.insert(word, starts);
                    continue;
                }
                "direction" => {
                    if value.is_empty() {
                        return Err(err(format!("direction `{word}` has no value")));
                    }
                    w.direction.insert(word, value);
                    continue;
                }
                other => return Err(err(format!("unknown list `{other}`"))),
            };
            set.insert(word);
        }
        w.given = crate::people::lexicon::GIVEN_NAMES
            .iter()
            .copied()
            .collect();
        Ok(w)
    }
}

/// The value of a list whose values are one of a few words (`choices`: word, meaning).
fn choice<T: Copy>(value: &str, choices: &[(&str, T)]) -> Result<T, String> {
    choices
        .iter()
        .find(|(n, _)| *n == value)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<String> = choices.iter().map(|(n, _)| format!("`{n}`")).collect();
            format!("value `{value}` must be one of {}", names.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_load() {
        let w = Words::get().expect("built-in lists parse");
        assert!(w.stop.len() > 500, "{}", w.stop.len());
        assert!(w.connector.contains("ez"));
        assert_eq!(w.direction.get("northern"), Some(&"north"));
        assert!(w.locative.contains("near"));
        assert!(!w.government.is_empty());
        assert_eq!(w.before_of.get("villages"), Some(&LocalKind::Settlement));
        assert_eq!(w.toponym_head.get("sheikh"), Some(&false));
        assert!(w.quarter_after.contains("neighbourhood") && w.particle.contains("al"));
    }

    #[test]
    fn malformed_lines_are_named() {
        let e = Words::parse("stop\tKabul\t\n").expect_err("upper case");
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("places-words.tsv line 1"), "{e}");
        assert!(Words::parse("nonsense\tx\t\n").is_err());
        let e = Words::parse("before_of\tvillages\thamlet\n").expect_err("bad kind");
        assert!(e.to_string().contains("`quarter`"), "{e}");
    }
}
