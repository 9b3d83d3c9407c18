//! Number phrases: numerals, number words, vague quantities, ranges and bounds.
//!
//! Reads "28", "4,000", "230000" (FA-KES strips commas), "1.5 million", "twenty-eight",
//! "Ninety two", "two hundred and fifty", "a dozen", "dozens", "tens of thousands",
//! "scores", ranges ("16 to 20", "4,000-5,000", "between 16 and 20", "two or three") and
//! bounds ("at least", "more than", "up to", "nearly"). Values follow ACLED's conservative
//! rules from `EVENTS-GUIDE.md`: "dozens" → 12, "tens" → 10, "scores" → 20, "hundreds"
//! → 100, "thousands" → 1000 (all `vague`), the low end of a range, the stated figure of
//! "at least N" with an open upper bound.

use super::tokens::{Tok, Token};

/// A parsed number phrase over tokens `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumPhrase {
    /// First token (a bound word such as "at" of "at least", or the number itself).
    pub first: usize,
    /// Last token of the number (or of the range's upper end).
    pub last: usize,
    /// Conservative figure; `None` when only an upper bound is known.
    pub low: Option<u64>,
    /// Upper figure; `None` when open ("at least 16", "dozens").
    pub high: Option<u64>,
    /// Vague quantity word ("dozens", "hundreds", "scores").
    pub vague: bool,
}

/// How a bound word changes the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// "at least N": low N, open high.
    Min,
    /// "fewer than N": high N, unknown low.
    Max,
    /// "about N", "up to N": N both ways.
    Approx,
}

/// Bound phrases, longest first.
const BOUNDS: &[(&[&str], Bound)] = &[
    (&["no", "fewer", "than"], Bound::Min),
    (&["no", "less", "than"], Bound::Min),
    (&["not", "less", "than"], Bound::Min),
    (&["not", "fewer", "than"], Bound::Min),
    (&["in", "excess", "of"], Bound::Min),
    (&["a", "minimum", "of"], Bound::Min),
    (&["no", "more", "than"], Bound::Max),
    (&["a", "maximum", "of"], Bound::Max),
    (&["as", "many", "as"], Bound::Approx),
    (&["at", "least"], Bound::Min),
    (&["more", "than"], Bound::Min),
    (&["well", "over"], Bound::Min),
    (&["upwards", "of"], Bound::Min),
    (&["less", "than"], Bound::Max),
    (&["fewer", "than"], Bound::Max),
    (&["at", "most"], Bound::Max),
    (&["up", "to"], Bound::Approx),
    (&["close", "to"], Bound::Approx),
    (&["an", "estimated"], Bound::Approx),
    (&["over"], Bound::Min),
    (&["nearly"], Bound::Approx),
    (&["almost"], Bound::Approx),
    (&["about"], Bound::Approx),
    (&["around"], Bound::Approx),
    (&["approximately"], Bound::Approx),
    (&["roughly"], Bound::Approx),
    (&["some"], Bound::Approx),
    (&["estimated"], Bound::Approx),
];

/// Value of a units / teens / tens word.
pub fn word_value(w: &str) -> Option<u64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// Vague plural quantity words and their conservative value.
fn vague_plural(w: &str) -> Option<u64> {
    Some(match w {
        "dozens" => 12,
        "tens" => 10,
        "scores" => 20,
        "hundreds" => 100,
        "thousands" => 1_000,
        "millions" => 1_000_000,
        _ => return None,
    })
}

/// Value of one word that is a whole number word, including "twenty-eight".
fn single_word_number(w: &str) -> Option<u64> {
    if let Some(v) = word_value(w) {
        return Some(v);
    }
    let (a, b) = w.split_once(['-', '‐', '‑'])?;
    let (t, u) = (word_value(a)?, word_value(b)?);
    (t >= 20 && t % 10 == 0 && (1..=9).contains(&u)).then_some(t + u)
}

fn parse_numeral(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    clean.parse::<f64>().ok()
}

/// A cardinal starting at token `i`: (value, last token, vague, is_numeral).
fn cardinal(toks: &[Token], i: usize) -> Option<(u64, usize, bool)> {
    let t = toks.get(i)?;
    let w = |k: usize| toks.get(k).map_or("", |t| &*t.lower);
    match t.kind {
        Tok::Num => {
            let v = parse_numeral(&t.lower)?;
            if let Some(m) = multiplier(w(i + 1)) {
                let total = v * m as f64;
                return (total.is_finite() && total < 1e15).then_some((total as u64, i + 1, false));
            }
            if v.fract() != 0.0 || v >= 1e15 {
                return None;
            }
            Some((v as u64, i, false))
        }
        Tok::Word => {
            let lw = &*t.lower;
            // "a dozen", "a hundred", "an estimated" is handled as a bound.
            // "half a million", "a quarter of a million"
            if lw == "half" && w(i + 1) == "a" && w(i + 2) == "dozen" {
                return Some((6, i + 2, false));
            }
            if lw == "half" && w(i + 1) == "a" {
                return multiplier(w(i + 2))
                    .filter(|m| *m >= 1000)
                    .map(|m| (m / 2, i + 2, false));
            }
            if lw == "a" && w(i + 1) == "quarter" && w(i + 2) == "of" && w(i + 3) == "a" {
                return multiplier(w(i + 4))
                    .filter(|m| *m >= 1000)
                    .map(|m| (m / 4, i + 4, false));
            }
            if lw == "a" || lw == "an" {
                let next = w(i + 1);
                if next == "dozen" {
                    return Some((12, i + 1, false));
                }
                if let Some(m) = multiplier(next) {
                    return Some((m, i + 1, false));
                }
                return None;
            }
            if lw == "several" || lw == "few" {
                let next = w(i + 1);
                if next == "dozen" {
                    return Some((12, i + 1, true));
                }
                return multiplier(next).map(|m| (m, i + 1, true));
            }
            if let Some(v) = vague_plural(lw) {
                // "tens of thousands", "hundreds of thousands".
                if w(i + 1) == "of" {
                    if let Some(m) = vague_plural(w(i + 2)) {
                        if m >= 1000 && m > v {
                            return Some((v * m, i + 2, true));
                        }
                    }
                }
                return Some((v, i, true));
            }
            // Number words: "two hundred and fifty", "twenty eight", "ninety-two".
            let mut total: u64 = 0;
            let mut current: u64 = 0;
            let mut last = None;
            let mut k = i;
            let mut seen_mult = false;
            loop {
                let word = w(k);
                if toks.get(k).is_none_or(|t| t.kind != Tok::Word) {
                    break;
                }
                if let Some(v) = single_word_number(word) {
                    // "twenty eight": a unit may follow a ten; otherwise a new number starts.
                    let after_ten = current.is_multiple_of(10) && current % 100 >= 20 && v < 10;
                    if !current.is_multiple_of(100) && !after_ten {
                        break;
                    }
                    current = current.saturating_add(v);
                    last = Some(k);
                } else if word == "dozen" && last.is_some() {
                    current = current.max(1).saturating_mul(12);
                    last = Some(k);
                } else if let Some(m) = multiplier(word) {
                    if last.is_none() {
                        break;
                    }
                    seen_mult = true;
                    if m == 100 {
                        current = current.max(1).saturating_mul(100);
                    } else {
                        total = total.saturating_add(current.max(1).saturating_mul(m));
                        current = 0;
                    }
                    last = Some(k);
                } else if word == "and"
                    && seen_mult
                    && toks
                        .get(k + 1)
                        .is_some_and(|t| single_word_number(&t.lower).is_some())
                {
                    // "two hundred and fifty"
                } else {
                    break;
                }
                k += 1;
            }
            let value = total.saturating_add(current);
            // Nothing real is counted in the trillions: "one hundred hundred …" is noise.
            last.filter(|_| value <= 1_000_000_000_000)
                .map(|l| (value, l, false))
        }
        _ => None,
    }
}

fn match_bound(toks: &[Token], i: usize) -> Option<(Bound, usize)> {
    for (words, b) in BOUNDS {
        if words
            .iter()
            .enumerate()
            .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.is(w)))
        {
            return Some((*b, words.len()));
        }
    }
    None
}

fn is_range_dash(t: &Token) -> bool {
    matches!(&*t.lower, "-" | "–" | "—" | "‐" | "‑")
}

/// Parses a number phrase starting at token `i`, or `None`.
pub fn parse_phrase(toks: &[Token], i: usize) -> Option<NumPhrase> {
    // "between 16 and 20"
    if toks.get(i).is_some_and(|t| t.is("between")) {
        let (lo, e1, v1) = cardinal(toks, i + 1)?;
        if toks.get(e1 + 1).is_some_and(|t| t.is("and")) {
            if let Some((hi, e2, v2)) = cardinal(toks, e1 + 2) {
                if hi > lo {
                    return Some(NumPhrase {
                        first: i,
                        last: e2,
                        low: Some(lo),
                        high: Some(hi),
                        vague: v1 || v2,
                    });
                }
            }
        }
        return None;
    }
    let (bound, skip) = match match_bound(toks, i) {
        Some((b, n)) => (Some(b), n),
        None => (None, 0),
    };
    let (value, mut last, vague) = cardinal(toks, i + skip)?;
    let mut low = Some(value);
    let mut high = if vague { None } else { Some(value) };
    // Ranges: "16 to 20", "4,000-5,000", "two or three".
    if let Some(sep) = toks.get(last + 1) {
        let from_before = i > 0 && toks[i - 1].is("from");
        let dash = is_range_dash(sep)
            && sep.start == toks[last].end
            && toks.get(last + 2).is_some_and(|t| t.start == sep.end);
        let word_sep = (sep.is("to") && !from_before) || sep.is("or");
        if !vague && (dash || word_sep) {
            if let Some((hi, e2, v2)) = cardinal(toks, last + 2) {
                if !v2 && hi > value && (dash || sep.is("or") || hi <= value.saturating_mul(10)) {
                    high = Some(hi);
                    last = e2;
                }
            }
        }
    }
    match bound {
        Some(Bound::Min) => high = None,
        Some(Bound::Max) => {
            high = low.or(high);
            low = None;
        }
        Some(Bound::Approx) | None => {}
    }
    Some(NumPhrase {
        first: i,
        last,
        low,
        high,
        vague,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn p(text: &str) -> Option<(Option<u64>, Option<u64>, bool, String)> {
        let toks = tokenize(text);
        let ph = parse_phrase(&toks, 0)?;
        Some((
            ph.low,
            ph.high,
            ph.vague,
            text[toks[ph.first].start..toks[ph.last].end].to_string(),
        ))
    }

    #[test]
    fn numerals() {
        assert_eq!(
            p("28 policemen"),
            Some((Some(28), Some(28), false, "28".into()))
        );
        assert_eq!(p("8,500 troops").map(|x| x.0), Some(Some(8500)));
        assert_eq!(p("230000 people").map(|x| x.0), Some(Some(230_000)));
        assert_eq!(
            p("1.5 million refugees").map(|x| x.0),
            Some(Some(1_500_000))
        );
        assert_eq!(p("1.5 percent"), None);
    }

    #[test]
    fn words() {
        assert_eq!(p("twenty-eight men").map(|x| x.0), Some(Some(28)));
        assert_eq!(p("Ninety-two civilians").map(|x| x.0), Some(Some(92)));
        assert_eq!(p("twenty eight men").map(|x| x.0), Some(Some(28)));
        assert_eq!(p("two hundred and fifty men").map(|x| x.0), Some(Some(250)));
        assert_eq!(p("three thousand men").map(|x| x.0), Some(Some(3000)));
        assert_eq!(
            p("a dozen men"),
            Some((Some(12), Some(12), false, "a dozen".into()))
        );
        assert_eq!(p("two dozen men").map(|x| x.0), Some(Some(24)));
        assert_eq!(p("one two").map(|x| x.3), Some("one".into()));
        assert_eq!(p("twenty-three-year"), None);
        let many = "one ".to_string() + &"hundred ".repeat(30);
        assert_eq!(p(&many), None);
    }

    #[test]
    fn vague_words() {
        assert_eq!(
            p("dozens of"),
            Some((Some(12), None, true, "dozens".into()))
        );
        assert_eq!(
            p("tens of others"),
            Some((Some(10), None, true, "tens".into()))
        );
        assert_eq!(p("scores more").map(|x| x.0), Some(Some(20)));
        assert_eq!(p("hundreds of people").map(|x| x.0), Some(Some(100)));
        assert_eq!(
            p("tens of thousands of people"),
            Some((Some(10_000), None, true, "tens of thousands".into()))
        );
        assert_eq!(
            p("several hundred people").map(|x| (x.0, x.2)),
            Some((Some(100), true))
        );
    }

    #[test]
    fn ranges_and_bounds() {
        assert_eq!(
            p("4,000-5,000 troops"),
            Some((Some(4000), Some(5000), false, "4,000-5,000".into()))
        );
        assert_eq!(
            p("16 to 20 people").map(|x| (x.0, x.1)),
            Some((Some(16), Some(20)))
        );
        assert_eq!(
            p("two or three people").map(|x| (x.0, x.1)),
            Some((Some(2), Some(3)))
        );
        assert_eq!(
            p("between 16 and 20 people").map(|x| (x.0, x.1)),
            Some((Some(16), Some(20)))
        );
        assert_eq!(
            p("at least 16 people"),
            Some((Some(16), None, false, "at least 16".into()))
        );
        assert_eq!(
            p("more than 20").map(|x| (x.0, x.1)),
            Some((Some(20), None))
        );
        assert_eq!(
            p("fewer than 10").map(|x| (x.0, x.1)),
            Some((None, Some(10)))
        );
        assert_eq!(
            p("nearly 100").map(|x| (x.0, x.1)),
            Some((Some(100), Some(100)))
        );
        assert_eq!(
            p("at least a dozen").map(|x| (x.0, x.1)),
            Some((Some(12), None))
        );
        assert_eq!(p("at least"), None);
        assert_eq!(p("half a million").map(|x| x.0), Some(Some(500_000)));
        assert_eq!(p("half a dozen").map(|x| x.0), Some(Some(6)));
        assert_eq!(
            p("a quarter of a million").map(|x| x.0),
            Some(Some(250_000))
        );
        assert_eq!(p("4 - 5"), Some((Some(4), Some(4), false, "4".into())));
    }
}
