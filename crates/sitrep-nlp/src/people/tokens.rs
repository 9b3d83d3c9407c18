//! A small word tokenizer shared by the `people` and `quotes` stages.
//!
//! Tokens are byte ranges of words: letters and digits joined by inner apostrophes,
//! hyphens and dots ("al-Assad", "Khalilzad’s", "4.5"), plus dotted acronyms ("U.S.").
//! Punctuation and white space are not tokens; callers look at the gaps between tokens.
//! Written out by hand (it runs on every word of every document).

use regex::Regex;
use std::borrow::Cow;
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

/// The token pattern. [`tokenize`] implements it by hand (a regex scan was the stage's
/// hottest spot); the tests check the two agree on arbitrary text.
#[cfg(test)]
const WORD_PATTERN: &str = r"(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*";

/// `\p{L}` (Unicode general category Letter).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buf = [0u8; 4];
    cached(&RE, r"\A\p{L}\z").is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// `[\p{L}\p{N}]` (Rust's `is_numeric` is exactly general category Number).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_numeric() || is_letter(c)
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// End of the run of word characters starting at `i`.
fn word_run(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    // ASCII bytes decide themselves; only non-ASCII ones need the character.
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b >= 0x80 {
            match char_at(text, i).filter(|c| is_word_char(*c)) {
                Some(c) => i += c.len_utf8(),
                None => break,
            }
        } else {
            break;
        }
    }
    i
}

/// All word tokens of `text`, in order: the leftmost-first matches of
/// `(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*`, written out.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        // ASCII punctuation and spaces: one byte, no character decoding.
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        // A dotted acronym, two letter-dot pairs or more ("U.S.", "e.g."), comes first.
        let mut j = i;
        let mut pairs = 0;
        while let Some(d) = char_at(text, j).filter(|d| is_letter(*d)) {
            if text.as_bytes().get(j + d.len_utf8()) != Some(&b'.') {
                break;
            }
            j += d.len_utf8() + 1;
            pairs += 1;
        }
        if pairs < 2 {
            // Letters and digits, joined by single inner apostrophes, hyphens and dots.
            j = word_run(text, i);
            while let Some(sep) = char_at(text, j).filter(|s| matches!(s, '\'' | '’' | '-' | '.'))
            {
                let k = j + sep.len_utf8();
                if !char_at(text, k).is_some_and(is_word_char) {
                    break;
                }
                j = word_run(text, k);
            }
        }
        out.push(Tok { start: i, end: j });
        i = j;
    }
    out
}

/// Lower-cased word without a possessive `'s` / `’s` ending.
pub fn norm(word: &str) -> String {
    norm_ref(word).into_owned()
}

/// [`norm`], borrowing the word when it is already lower-case ASCII (most words are).
pub fn norm_ref(word: &str) -> Cow<'_, str> {
    let w = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    lower(w)
}

/// Lower case, borrowed when `s` already is lower-case ASCII (no allocation per word).
pub fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
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

    fn by_regex(t: &str) -> Vec<Tok> {
        let re = Regex::new(WORD_PATTERN).expect("pattern compiles");
        re.find_iter(t)
            .map(|m| Tok {
                start: m.start(),
                end: m.end(),
            })
            .collect()
    }

    #[test]
    fn hand_tokenizer_matches_the_pattern_on_tricky_text() {
        for t in [
            "U.S.-led forces, e.g. in Idlib.",
            "A.B. a.b.c. x.y 4.5.6 Ж.Д. al-Assad’s 'quoted' --x-- 12-year-old",
            "Ⅻ² é. ا َ ب ªb. O'Neill’s ’s '",
        ] {
            assert_eq!(tokenize(t), by_regex(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn hand_tokenizer_matches_the_pattern(
            t in "[a-zA-Z0-9 .'’\\-éЖاَبªⅫ²,]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize(&t), by_regex(&t));
        }
    }
}
