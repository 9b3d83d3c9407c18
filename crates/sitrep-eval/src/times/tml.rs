//! TimeML (`.tml`, the TempEval-3 format) reading and TempEval-3 style scoring.
//!
//! So that any TimeML corpus can score the `times` stage: [`parse`] reads the document
//! creation time (`<DCT>`), the text inside `<TEXT>` with its `<TIMEX3>` marks (other
//! tags such as `<EVENT>` and `<SIGNAL>` are dropped), and [`score`] compares predicted
//! expressions with the gold ones: strict span (same start and end), relaxed span (any
//! overlap, one-to-one) and value (a relaxed match with the same TIMEX3 value; precision
//! and recall over all predicted and gold expressions, as TempEval-3 defines value F1).

use crate::score::Prf;
use crate::xml::decode_entities;

/// One gold `<TIMEX3>` with character offsets into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The marked words.
    pub text: String,
    /// TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`).
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct TmlDoc {
    /// Document creation time (`YYYY-MM-DD...`), when given.
    pub dct: Option<String>,
    /// The text of `<TEXT>`, tags removed and entities decoded.
    pub text: String,
    /// The gold time expressions, in order.
    pub timexes: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest[..i].ends_with(|c: char| c.is_whitespace());
        let after = rest[i + name.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            let v = after[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let inner = &v[1..];
                let end = inner.find(q)?;
                return Some(decode_entities(&inner[..end]));
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Parses one TimeML document. Errors say what is wrong; the caller adds the file name.
pub fn parse(src: &str) -> Result<TmlDoc, String> {
    let dct = src.find("<DCT>").and_then(|i| {
        let rest = &src[i..];
        let end = rest.find("</DCT>").unwrap_or(rest.len());
        let block = &rest[..end];
        let t = block.find("<TIMEX3")?;
        let close = block[t..].find('>')?;
        attr(&block[t..t + close], "value")
    });
    let body_start = src
        .find("<TEXT>")
        .ok_or("no <TEXT> element\nhelp: a TimeML file needs its text inside <TEXT>...</TEXT>")?
        + "<TEXT>".len();
    let body_end = src[body_start..]
        .find("</TEXT>")
        .map(|i| body_start + i)
        .ok_or("<TEXT> is not closed\nhelp: add </TEXT> after the text")?;
    let body = &src[body_start..body_end];
    let mut text = String::new();
    let mut nchars = 0usize;
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let chunk = decode_entities(&rest[..lt]);
        nchars += chunk.chars().count();
        text.push_str(&chunk);
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let gt = rest
            .find('>')
            .ok_or("a tag is not closed with '>'\nhelp: check the file is well-formed XML")?;
        let tag = &rest[1..gt];
        if tag.starts_with("TIMEX3") {
            if open.is_some() {
                return Err("nested <TIMEX3>\nhelp: TIMEX3 elements cannot nest".into());
            }
            let kind = attr(tag, "type").unwrap_or_default();
            let value = attr(tag, "value").unwrap_or_default();
            if tag.ends_with('/') {
                // An empty (non-consuming) TIMEX3: nothing to find in the text.
            } else {
                open = Some((nchars, kind, value));
            }
        } else if tag.starts_with("/TIMEX3") {
            let (start, kind, value) = open
                .take()
                .ok_or("</TIMEX3> without an opening tag\nhelp: check the file is well-formed")?;
            let t: String = text.chars().skip(start).collect();
            timexes.push(GoldTimex {
                start,
                end: nchars,
                text: t,
                kind,
                value,
            });
        }
        rest = &rest[gt + 1..];
    }
    if open.is_some() {
        return Err("<TIMEX3> not closed\nhelp: add </TIMEX3>".into());
    }
    Ok(TmlDoc { dct, text, timexes })
}

/// A predicted expression: character range, type and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// Scores of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Exact span matches.
    pub strict: Prf,
    /// Overlapping span matches (one-to-one).
    pub relaxed: Prf,
    /// Relaxed matches with the right value.
    pub value: Prf,
    /// Relaxed matches with the right type.
    pub kind: Prf,
}

impl Scores {
    /// Adds another document's scores.
    pub fn add(&mut self, o: Scores) {
        self.strict.add(o.strict);
        self.relaxed.add(o.relaxed);
        self.value.add(o.value);
        self.kind.add(o.kind);
    }
}

/// The pairs (gold index, predicted index) matched by overlap, exact spans first.
pub fn align(gold: &[GoldTimex], pred: &[Predicted]) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    let mut gold_done = vec![false; gold.len()];
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = pred
            .iter()
            .enumerate()
            .position(|(pi, p)| !used[pi] && p.start == g.start && p.end == g.end)
        {
            used[pi] = true;
            gold_done[gi] = true;
            pairs.push((gi, pi));
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if gold_done[gi] {
            continue;
        }
        let best = pred
            .iter()
            .enumerate()
            .filter(|(pi, p)| !used[*pi] && p.start < g.end && g.start < p.end)
            .max_by_key(|(_, p)| p.end.min(g.end) - p.start.max(g.start));
        if let Some((pi, _)) = best {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Scores predictions against gold (TempEval-3: strict, relaxed, value, type).
pub fn score(gold: &[GoldTimex], pred: &[Predicted]) -> Scores {
    let pairs = align(gold, pred);
    let prf = |tp: usize| Prf {
        tp,
        fp: pred.len() - tp,
        fn_: gold.len() - tp,
    };
    let strict = pairs
        .iter()
        .filter(|(g, p)| gold[*g].start == pred[*p].start && gold[*g].end == pred[*p].end)
        .count();
    let value = pairs
        .iter()
        .filter(|(g, p)| gold[*g].value == pred[*p].value)
        .count();
    let kind = pairs
        .iter()
        .filter(|(g, p)| gold[*g].kind == pred[*p].kind)
        .count();
    Scores {
        strict: prf(strict),
        relaxed: prf(pairs.len()),
        value: prf(value),
        kind: prf(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dct_text_and_marks() {
        let src = r#"<?xml version="1.0"?><TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-09-27" functionInDocument="CREATION_TIME">September 27, 2020</TIMEX3></DCT>
<TEXT>Rebels &amp; troops <EVENT eid="e1">clashed</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2020-09-25">Friday</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse(src).expect("parses");
        assert_eq!(d.dct.as_deref(), Some("2020-09-27"));
        assert_eq!(d.text, "Rebels & troops clashed on Friday.");
        assert_eq!(d.timexes.len(), 1);
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start..t.end], "Friday");
        assert_eq!(t.value, "2020-09-25");
        assert_eq!(t.kind, "DATE");
    }

    #[test]
    fn missing_text_is_an_error_with_help() {
        let e = parse("<TimeML></TimeML>").expect_err("no TEXT");
        assert!(e.contains("help:"));
    }

    #[test]
    fn scoring_counts_strict_relaxed_and_value() {
        let g = |s, e, v: &str| GoldTimex {
            start: s,
            end: e,
            text: String::new(),
            kind: "DATE".into(),
            value: v.into(),
        };
        let p = |s, e, v: &str| Predicted {
            start: s,
            end: e,
            kind: "DATE".into(),
            value: v.into(),
        };
        let gold = vec![g(0, 5, "2020"), g(10, 20, "2020-09"), g(30, 35, "P1W")];
        let pred = vec![p(0, 5, "2020"), p(12, 20, "2020-09"), p(40, 45, "X")];
        let s = score(&gold, &pred);
        assert_eq!((s.strict.tp, s.strict.fp, s.strict.fn_), (1, 2, 2));
        assert_eq!((s.relaxed.tp, s.relaxed.fp, s.relaxed.fn_), (2, 1, 1));
        assert_eq!(s.value.tp, 2);
    }
}
