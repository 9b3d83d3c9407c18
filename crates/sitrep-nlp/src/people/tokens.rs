//! A small word tokenizer shared by the `people` and `quotes` stages.
//!
//! Tokens are byte ranges of words: letters and digits joined by inner apostrophes,
//! hyphens and dots ("al-Assad", "Khalilzad’s", "4.5"), plus dotted acronyms ("U.S.").
//! Punctuation and white space are not tokens; callers look at the gaps between tokens.
//! One compiled regex, built once.

use regex::Regex;
use std::sync::OnceLock;

/// A word as a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Tok {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A regex compiled once; `None` only if the pattern is invalid (a bug the unit tests
/// catch), in which case callers find nothing rather than panic.
pub fn cached(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

fn word_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    cached(
        &RE,
        r"(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*",
    )
}

/// All word tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let Some(re) = word_re() else {
        return Vec::new();
    };
    re.find_iter(text)
        .map(|m| Tok {
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// Lower-cased word without a possessive `'s` / `’s` ending.
pub fn norm(word: &str) -> String {
    let w = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    w.to_lowercase()
}

/// Byte length of a possessive ending (`'s`, `’s`) on `word`, or 0.
pub fn possessive_len(word: &str) -> usize {
    if word.ends_with("’s") {
        "’s".len()
    } else if word.ends_with("'s") {
        2
    } else {
        0
    }
}

/// True when the word starts with an upper-case letter.
pub fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_acronyms() {
        let t = "U.S. envoy al-Assad’s 4,000 troops.";
        let words: Vec<&str> = tokenize(t).iter().map(|k| k.text(t)).collect();
        assert_eq!(words, ["U.S.", "envoy", "al-Assad’s", "4", "000", "troops"]);
        assert_eq!(norm("Khalilzad’s"), "khalilzad");
        assert_eq!(possessive_len("Khalilzad's"), 2);
    }
}
