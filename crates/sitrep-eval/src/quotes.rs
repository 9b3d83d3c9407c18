//! Scoring quotes against gold: the library behind `sitrep eval quotes`.
//!
//! Gold formats (documented in `eval/quotes/README.md`):
//! - JSON lines, one passage a line: `{"id", "published", "text", "quotes": [{"kind":
//!   "direct"|"indirect", "speaker": "Zalmay Khalilzad"|null, "text": "exact span"}]}`
//!   (`contains` may replace `text` when only part of the span is pinned down);
//! - the seed's `*.gold.json` (key `quotes` with `contains`), its text in the `.txt`
//!   beside it.
//!
//! Figures: overlap P/R/F1 (a prediction matches a gold quote when their spans overlap,
//! or when the gold `contains` text lies inside the prediction), exact P/R/F1 (same
//! span; only gold quotes with `text`), and speaker accuracy over overlap-matched pairs
//! (names equal after lower-casing and dropping articles, possessives and punctuation;
//! `null` equals `null`). PolNeAR, read from its brat files, is scored in [`polnear`].

pub mod polnear;

use crate::score::{Agreement, Prf};
use anyhow::Context;
use serde::Deserialize;
use sitrep_model::{Doc, Quote, Span};
use std::path::Path;

/// An error reading a gold file; the message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct GoldError(pub String);

/// One gold quote.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// `direct` or `indirect`.
    pub kind: String,
    /// Resolved speaker name, or null.
    pub speaker: Option<String>,
    /// The exact span text.
    #[serde(default)]
    pub text: Option<String>,
    /// Text the predicted span must contain (when `text` is absent).
    #[serde(default)]
    pub contains: Option<String>,
}

/// One gold passage.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Identifier.
    pub id: String,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// The text (JSON lines format).
    #[serde(default)]
    pub text: Option<String>,
    /// Seed format: the text file beside the gold file.
    #[serde(default)]
    pub file: Option<String>,
    /// Gold quotes.
    pub quotes: Vec<GoldQuote>,
}

/// The figures.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Figures {
    /// Overlap matching.
    pub overlap: Prf,
    /// Exact matching.
    pub exact: Prf,
    /// Speaker names over overlap-matched pairs.
    pub speaker: Agreement,
    /// Kind (direct/indirect) over overlap-matched pairs.
    pub kind: Agreement,
    /// Passages scored.
    pub docs: usize,
}

/// Lower-case, no articles, no punctuation, single spaces.
pub fn normalise_speaker(s: &str) -> String {
    let lowered = s.to_lowercase().replace("’s", "").replace("'s", "");
    let cleaned: String = lowered
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "a" | "an"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Character span of `needle` in `text` (first occurrence).
fn find_chars(text: &str, needle: &str) -> Option<Span> {
    let b = text.find(needle)?;
    let start = text[..b].chars().count();
    Some(Span::new(start, start + needle.chars().count()))
}

/// One gold quote located in the text.
struct Located<'a> {
    gold: &'a GoldQuote,
    span: Option<Span>,
    contains: Option<Span>,
}

/// Scores predictions against gold for one passage, adding to `fig`; returns report lines.
pub fn score_doc(text: &str, gold: &[GoldQuote], pred: &[Quote], fig: &mut Figures) -> Vec<String> {
    let mut lines = Vec::new();
    let located: Vec<Located> = gold
        .iter()
        .map(|g| Located {
            gold: g,
            span: g.text.as_deref().and_then(|t| find_chars(text, t)),
            contains: g.contains.as_deref().and_then(|t| find_chars(text, t)),
        })
        .collect();
    // Exact figures only where every gold quote gives its exact span.
    let exact_scored = gold.iter().all(|g| g.text.is_some());
    let mut used = vec![false; pred.len()];
    let mut exact_used = vec![false; pred.len()];
    for l in &located {
        // Overlap: the unmatched prediction sharing the most characters.
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in pred.iter().enumerate() {
            if used[i] {
                continue;
            }
            let ps = p.span();
            let shared = if let Some(c) = l.contains {
                if ps.contains(&c) {
                    c.len().max(1)
                } else {
                    0
                }
            } else if let Some(s) = l.span {
                if ps.overlaps(&s) {
                    ps.end.min(s.end) - ps.start.max(s.start)
                } else {
                    0
                }
            } else {
                0
            };
            if shared > 0 && best.is_none_or(|(_, b)| shared > b) {
                best = Some((i, shared));
            }
        }
        let label = l
            .gold
            .text
            .as_deref()
            .or(l.gold.contains.as_deref())
            .unwrap_or("");
        match best {
            Some((i, _)) => {
                used[i] = true;
                fig.overlap.tp += 1;
                let p = &pred[i];
                let got = p.speaker.as_ref().map(|s| normalise_speaker(&s.name));
                let want = l.gold.speaker.as_deref().map(normalise_speaker);
                let agree = got == want;
                fig.speaker.record(agree);
                let kind = match p.kind {
                    sitrep_model::QuoteKind::Direct => "direct",
                    sitrep_model::QuoteKind::Indirect => "indirect",
                };
                fig.kind.record(kind == l.gold.kind);
                if !agree {
                    lines.push(format!(
                        "  speaker  {:?}: got {:?}, want {:?}",
                        short(label),
                        p.speaker.as_ref().map(|s| s.name.as_str()),
                        l.gold.speaker
                    ));
                }
            }
            None => {
                fig.overlap.fn_ += 1;
                lines.push(format!("  missed   {:?} ({})", short(label), l.gold.kind));
            }
        }
        if let Some(s) = l.span {
            let hit = pred
                .iter()
                .enumerate()
                .find(|(i, p)| !exact_used[*i] && p.span() == s);
            match hit {
                Some((i, _)) => {
                    exact_used[i] = true;
                    fig.exact.tp += 1;
                }
                None => fig.exact.fn_ += 1,
            }
        }
    }
    for (i, p) in pred.iter().enumerate() {
        if !used[i] {
            fig.overlap.fp += 1;
            lines.push(format!(
                "  extra    {:?} ({:?}, speaker {:?})",
                short(&p.text),
                p.kind,
                p.speaker.as_ref().map(|s| s.name.as_str())
            ));
        }
        if !exact_used[i] && exact_scored {
            fig.exact.fp += 1;
        }
    }
    fig.docs += 1;
    lines
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(70).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Reads gold passages from a JSON-lines file or a seed `*.gold.json`.
pub fn read_gold(path: &Path) -> Result<Vec<(GoldDoc, String)>, GoldError> {
    let raw = std::fs::read_to_string(path).map_err(|e| {
        GoldError(format!(
            "cannot read gold file {}: {e}\nhelp: pass a JSON-lines gold file such as eval/quotes/dev.jsonl",
            path.display()
        ))
    })?;
    let mut out = Vec::new();
    let is_jsonl = path.extension().is_some_and(|e| e == "jsonl");
    if is_jsonl {
        for (n, line) in raw.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let d: GoldDoc = serde_json::from_str(line).map_err(|e| {
                GoldError(format!(
                    "{}:{}: not a gold passage: {e}\nhelp: each line needs id, text and quotes (see eval/quotes/README.md)",
                    path.display(),
                    n + 1
                ))
            })?;
            let text = d.text.clone().ok_or_else(|| {
                GoldError(format!(
                    "{}:{}: passage `{}` has no `text`\nhelp: add the passage text",
                    path.display(),
                    n + 1,
                    d.id
                ))
            })?;
            out.push((d, text));
        }
    } else {
        let d: GoldDoc = serde_json::from_str(&raw).map_err(|e| {
            GoldError(format!(
                "{}: not a gold document: {e}\nhelp: expected an object with `quotes` (seed format) or a .jsonl file",
                path.display()
            ))
        })?;
        let text = match (&d.text, &d.file) {
            (Some(t), _) => t.clone(),
            (None, file) => {
                let dir = path.parent().unwrap_or(Path::new("."));
                let txt = match file {
                    Some(f) => dir.join(Path::new(f).file_name().unwrap_or_default()),
                    None => path.with_extension("").with_extension("txt"),
                };
                std::fs::read_to_string(&txt).map_err(|e| {
                    GoldError(format!(
                        "gold document `{}` ({}): cannot read its text {}: {e}\nhelp: put the .txt beside the .gold.json",
                        d.id,
                        path.display(),
                        txt.display()
                    ))
                })?
            }
        };
        out.push((d, text));
    }
    Ok(out)
}

/// The stages the quote figures need: sentences, places, entities, people, quotes.
pub fn pipeline() -> anyhow::Result<sitrep_nlp::Pipeline> {
    sitrep_nlp::pipeline_of(&["sentences", "places", "entities", "people", "quotes"])
        .context("building the quotes pipeline")
}

/// Runs `pipeline` on each gold passage of `path` and adds its figures to `fig`; returns,
/// per passage with any, its id and its error lines (misses, false alarms, wrong
/// speakers).
pub fn evaluate_gold(
    pipeline: &sitrep_nlp::Pipeline,
    path: &Path,
    fig: &mut Figures,
) -> anyhow::Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for (g, text) in read_gold(path)? {
        let mut doc = Doc::new(g.id.clone(), text.clone());
        doc.published = g.published.clone();
        pipeline
            .run(&mut doc)
            .with_context(|| format!("{}: passage `{}`", path.display(), g.id))?;
        let pred = doc.quotes.unwrap_or_default();
        let lines = score_doc(&text, &g.quotes, &pred, fig);
        if !lines.is_empty() {
            out.push((g.id, lines));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{QuoteKind, Speaker};

    fn q(start: usize, end: usize, text: &str, speaker: Option<&str>) -> Quote {
        Quote {
            start,
            end,
            text: text.into(),
            kind: QuoteKind::Direct,
            cue: None,
            speaker: speaker.map(|s| Speaker {
                name: s.into(),
                start: 0,
                end: 0,
                description: None,
            }),
        }
    }

    #[test]
    fn speaker_names_normalise() {
        assert_eq!(normalise_speaker("The Ministry’s"), "ministry");
        assert_eq!(normalise_speaker("officials"), "officials");
    }

    #[test]
    fn overlap_exact_and_speaker() {
        let text = "“Go now,” he said. Rain fell.";
        let gold = vec![GoldQuote {
            kind: "direct".into(),
            speaker: Some("Ann Lee".into()),
            text: Some("Go now".into()),
            contains: None,
        }];
        let mut fig = Figures::default();
        score_doc(text, &gold, &[q(1, 7, "Go now", Some("Ann Lee"))], &mut fig);
        assert_eq!((fig.overlap.tp, fig.exact.tp, fig.speaker.agree), (1, 1, 1));
        let mut fig = Figures::default();
        let lines = score_doc(
            text,
            &gold,
            &[q(1, 4, "Go ", None), q(19, 23, "Rain", None)],
            &mut fig,
        );
        assert_eq!((fig.overlap.tp, fig.overlap.fp, fig.exact.tp), (1, 1, 0));
        assert_eq!(fig.speaker.agree, 0);
        assert!(lines.iter().any(|l| l.contains("extra")));
    }
}
