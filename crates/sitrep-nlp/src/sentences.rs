//! Sentence splitting tuned for news copy.
//!
//! Rules, not a model: a sentence ends at `.`, `!` or `?` (plus any closing quotes or
//! brackets) followed by white space and a plausible sentence start, and always at a line
//! break (paragraphs). Abbreviations common in wire copy ("U.S.", "Sept.", "Dr.", "Gen.",
//! single initials) do not end a sentence unless a line break follows. `srx` and
//! `unicode-segmentation` both split "U.S. envoy" here, so we guard it ourselves.
//! Every other stage reads this layer, so it must be fast: one pass over the bytes.

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer, Sentence, TextIndex};

/// Words that end with a period but rarely end a sentence (compared lower-case, without
/// the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "vs", "etc", "no", "inc", "ltd", "co", "corp", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx", "est", "dept", "univ",
    "mt", "ft", "pres", "brig", "cmdr", "supt", "insp", "lieut",
];

/// Builds the `sentences` layer.
#[derive(Debug, Default, Clone)]
pub struct Sentences;

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let idx = TextIndex::new(&doc.text);
        let spans = split_bytes(&doc.text)
            .into_iter()
            .map(|(a, b)| Sentence {
                start: idx.char(a),
                end: idx.char(b),
            })
            .collect();
        doc.sentences = Some(spans);
        Ok(())
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»')
}

fn is_starter(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '-' | '—')
}

/// True when the word ending just before byte `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "J.", "U.S", "U.N".
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if word.contains('.') && letters.iter().all(|c| c.is_alphabetic()) && letters.len() <= 4 {
        return true;
    }
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Splits `text` into sentence byte ranges, trimmed of surrounding white space.
pub fn split_bytes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    let push = |out: &mut Vec<(usize, usize)>, a: usize, b: usize| {
        let s = &text[a..b];
        let trimmed = s.trim_end();
        if !trimmed.is_empty() {
            out.push((a, a + trimmed.len()));
        }
    };
    while let Some((i, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            if let Some(a) = start.take() {
                push(&mut out, a, i);
            }
            continue;
        }
        if start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            start = Some(i);
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow repeated terminators and closing quotes/brackets.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if matches!(d, '.' | '!' | '?') || is_closer(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // Must be followed by white space (or end of text).
            let rest = &text[end..];
            let Some(next_ws) = rest.chars().next() else {
                if let Some(a) = start.take() {
                    push(&mut out, a, end);
                }
                continue;
            };
            if !next_ws.is_whitespace() {
                continue;
            }
            let after = rest.trim_start_matches([' ', '\t', '\u{a0}']);
            let newline_follows = after.starts_with(['\n', '\r']);
            let next_char = after.chars().next();
            let boundary = newline_follows
                || match next_char {
                    None => true,
                    Some(n) => is_starter(n) && !(c == '.' && is_abbreviation(text, i)),
                };
            if boundary {
                if let Some(a) = start.take() {
                    push(&mut out, a, end);
                }
            }
        }
    }
    if let Some(a) = start {
        push(&mut out, a, text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_stage;

    fn split(t: &str) -> Vec<&str> {
        split_bytes(t).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn guards_abbreviations_and_initials() {
        let t = "The U.S. envoy met Gen. Miller on Sept. 25. He left. J. Smith said so.";
        assert_eq!(
            split(t),
            vec![
                "The U.S. envoy met Gen. Miller on Sept. 25.",
                "He left.",
                "J. Smith said so."
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_the_sentence() {
        let t = "“We will win,” he said. “Never.” Then silence.";
        assert_eq!(
            split(t),
            vec!["“We will win,” he said.", "“Never.”", "Then silence."]
        );
    }

    #[test]
    fn lines_are_boundaries() {
        let t = "Headline without stop\n\nBody one. Body two";
        assert_eq!(
            split(t),
            vec!["Headline without stop", "Body one.", "Body two"]
        );
    }

    #[test]
    fn decimals_and_lower_case_continuations_do_not_split() {
        let t = "It rose 2.5 percent. the end";
        assert_eq!(split(t), vec!["It rose 2.5 percent. the end"]);
    }

    #[test]
    fn stage_invariants_hold() {
        check_stage(
            &Sentences,
            &[],
            "“Hi,” said Dr. Ann. Then — nothing…\nNew line é.",
        );
    }
}
