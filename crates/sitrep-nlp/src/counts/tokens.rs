//! A small word tokenizer for the `counts` stage.
//!
//! Counting needs words, numerals and punctuation with byte offsets, plus whether two
//! tokens touch (no space between them: "4,000-5,000", "F-16", "12-year-old"). Words keep
//! internal hyphens and apostrophes ("twenty-eight", "al-Nusra", "Taliban's"); numerals
//! keep thousands separators and decimals ("4,000", "1.5"); a numeral glued to letters
//! ("1st", "10am", "5km") is `Other` so it is never read as a count. One pass, no regex.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// Letters (with internal hyphens / apostrophes).
    Word,
    /// A numeral: digits, thousands separators, decimals.
    Num,
    /// One punctuation or symbol character.
    Punct,
    /// Anything mixing digits and letters.
    Other,
}

/// One token: byte range, kind and lower-cased text (ASCII lower-casing only; borrowed
/// from the text when it is already lower case, so most tokens allocate nothing).
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: Tok,
    /// Lower-cased text.
    pub lower: Cow<'a, str>,
}

impl Token<'_> {
    /// True when this token is the word `w` (lower case).
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    /// True for a word token.
    pub fn is_word(&self) -> bool {
        self.kind == Tok::Word
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Splits `text` into tokens. White space separates; it is never a token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            // Digits, "," + exactly three digits, "." + digits.
            i += 1;
            loop {
                if i < n && chars[i].1.is_ascii_digit() {
                    i += 1;
                } else if i < n
                    && chars[i].1 == ','
                    && (1..=3).all(|k| chars.get(i + k).is_some_and(|(_, d)| d.is_ascii_digit()))
                    && !chars.get(i + 4).is_some_and(|(_, d)| d.is_ascii_digit())
                {
                    i += 4;
                } else if i < n
                    && chars[i].1 == '.'
                    && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit())
                {
                    i += 1;
                } else {
                    break;
                }
            }
            if i < n && chars[i].1.is_alphabetic() {
                while i < n && (chars[i].1.is_alphanumeric()) {
                    i += 1;
                }
                kind = Tok::Other;
            } else {
                kind = Tok::Num;
            }
        } else if c.is_alphabetic() {
            let mut has_digit = false;
            i += 1;
            loop {
                if i < n && chars[i].1.is_alphabetic() {
                    i += 1;
                } else if i < n && chars[i].1.is_ascii_digit() {
                    has_digit = true;
                    i += 1;
                } else if i + 1 < n
                    && (is_dash(chars[i].1) || is_apostrophe(chars[i].1))
                    && chars[i + 1].1.is_alphabetic()
                {
                    i += 2;
                } else {
                    break;
                }
            }
            kind = if has_digit { Tok::Other } else { Tok::Word };
        } else {
            i += 1;
            kind = Tok::Punct;
        }
        let (a, b) = (byte_at(start), byte_at(i));
        let slice = &text[a..b];
        out.push(Token {
            start: a,
            end: b,
            kind,
            lower: if slice.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(slice.to_ascii_lowercase())
            } else {
                Cow::Borrowed(slice)
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(String, Tok)> {
        tokenize(t)
            .into_iter()
            .map(|k| (t[k.start..k.end].to_string(), k.kind))
            .collect()
    }

    #[test]
    fn numerals_ranges_and_words() {
        let k = kinds("4,000-5,000 troops, twenty-eight al-Nusra 1st 12-year-old 1.5");
        assert_eq!(k[0], ("4,000".into(), Tok::Num));
        assert_eq!(k[1], ("-".into(), Tok::Punct));
        assert_eq!(k[2], ("5,000".into(), Tok::Num));
        assert_eq!(k[3], ("troops".into(), Tok::Word));
        assert_eq!(k[5], ("twenty-eight".into(), Tok::Word));
        assert_eq!(k[6], ("al-Nusra".into(), Tok::Word));
        assert_eq!(k[7], ("1st".into(), Tok::Other));
        assert_eq!(k[8], ("12".into(), Tok::Num));
        assert_eq!(k[10], ("year-old".into(), Tok::Word));
        assert_eq!(k[11], ("1.5".into(), Tok::Num));
    }

    #[test]
    fn comma_not_followed_by_three_digits_is_punctuation() {
        let k = kinds("28, 30 and 1,2345");
        assert_eq!(k[0].0, "28");
        assert_eq!(k[1].0, ",");
        assert_eq!(k[4].0, "1");
    }

    #[test]
    fn multibyte_is_fine() {
        let k = kinds("“Talibs’” — 5 people");
        assert_eq!(k[1], ("Talibs".into(), Tok::Word));
        assert!(k.iter().any(|(s, t)| s == "5" && *t == Tok::Num));
    }
}
