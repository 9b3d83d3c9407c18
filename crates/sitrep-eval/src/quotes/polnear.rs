//! PolNeAR (the Political News Attribution Relations corpus) read straight from its brat
//! files, and scored the way issue #14 defines: the library behind `sitrep eval quotes DIR`.
//!
//! Layout: a split directory (`data/train`, `data/dev`) holds `text/NAME.txt` and
//! `attributions/NAME_ANNOTATOR.ann`; a flat directory with `NAME.txt` beside
//! `NAME*.ann` works too. A text annotated by several annotators is scored once, with
//! the first annotation file in name order. The publication date is the `YYYY-MM-DD`
//! in the file name (`nyt_2016-10-02_…`), which is how PolNeAR names its files.
//!
//! Each brat event `Attribution:Tn Content:Tn Cue:Tn Source:Tn` is one attribution; spans
//! may be discontinuous (`Content 10 20;30 40`). Scoring (issue #14):
//! - a content with a quotation mark in it (curly, straight, guillemets, or the `` / ''
//!   pairs of NYT and newswire text) is **direct**; any other content whose cue is
//!   a speech cue (`data/quotes/speech-cues.txt`) is **indirect**; the rest (belief,
//!   perception, evidence: "thinks", "shows") is left out, and a prediction overlapping
//!   only such an attribution is neither right nor wrong;
//! - a prediction matches a gold attribution of its own kind when the spans overlap
//!   (one to one, most shared characters first); a further prediction overlapping an
//!   attribution that is already matched is a fragment of it (a quote split by its cue)
//!   and is not counted; other predictions are false alarms;
//! - the speaker of a matched pair is right when the predicted speaker mention overlaps
//!   the gold source, or the predicted name or mention shares a content word with it
//!   (pronouns and function words do not count); no source and no speaker also agree.
//!
//! PolNeAR annotates more than sitrep's quote layer promises: attributions of facts to
//! documents and polls ("the poll found"), beliefs, and sources that are pronouns. The
//! first two are outside the speech classes above; pronoun sources are scored through
//! the mention overlap.

use crate::score::{Agreement, Prf};
use sitrep_model::{Quote, QuoteKind, Span};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::GoldError;
use anyhow::Context;
use sitrep_model::Doc;

/// The speech-cue list, one word form a line (see the file's header).
const SPEECH_CUES: &str = include_str!("../../data/quotes/speech-cues.txt");

fn speech_cues() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        SPEECH_CUES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// How the scoring classes one gold attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Content with quotation marks.
    Direct,
    /// Speech-cued content without marks.
    Indirect,
    /// Not speech: left out of the figures.
    Other,
}

/// One gold attribution.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Content spans (characters), in text order.
    pub content: Vec<Span>,
    /// Source spans (characters), empty when the annotator gave none.
    pub source: Vec<Span>,
    /// The source's words.
    pub source_text: String,
    /// The cue's words.
    pub cue: String,
    /// Its class under the scoring.
    pub class: Class,
}

impl Attribution {
    fn overlaps(&self, s: &Span) -> bool {
        self.content.iter().any(|c| c.overlaps(s))
    }
    fn shared(&self, s: &Span) -> usize {
        self.content
            .iter()
            .map(|c| {
                if c.overlaps(s) {
                    c.end.min(s.end) - c.start.max(s.start)
                } else {
                    0
                }
            })
            .sum()
    }
}

/// One PolNeAR document.
#[derive(Debug, Clone)]
pub struct PolDoc {
    /// File stem of the text.
    pub id: String,
    /// The text.
    pub text: String,
    /// Publication date from the file name, when it has one.
    pub published: Option<String>,
    /// Gold attributions.
    pub attributions: Vec<Attribution>,
}

/// The figures.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct BenchFigures {
    /// Direct quotes (content with quotation marks).
    pub direct: Prf,
    /// Indirect speech (other speech-cued content).
    pub indirect: Prf,
    /// Speaker right over matched pairs.
    pub speaker: Agreement,
    /// Documents scored.
    pub docs: usize,
    /// Gold attributions left out (not speech-cued).
    pub left_out: usize,
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

fn classify(content_text: &str, cue: &str) -> Class {
    // Newswire and NYT text write quotation marks as `` and '' (two characters).
    if content_text.chars().any(is_quote_mark)
        || content_text.contains("''")
        || content_text.contains("``")
    {
        return Class::Direct;
    }
    let cue_l = cue.to_lowercase();
    if cue_l.trim().trim_end_matches(':').is_empty() && cue_l.contains(':') {
        return Class::Indirect;
    }
    let set = speech_cues();
    if cue_l
        .split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && set.contains(w))
    {
        Class::Indirect
    } else {
        Class::Other
    }
}

/// Parses one brat `.ann` file against its text.
pub fn parse_ann(text: &str, ann: &str, file: &Path) -> Result<Vec<Attribution>, GoldError> {
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: &Span| -> String {
        chars[s.start.min(chars.len())..s.end.min(chars.len())]
            .iter()
            .collect()
    };
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = Default::default();
    let mut out = Vec::new();
    let mut events = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        // Ids are `T12`, `E3`…; other lines continue a multi-line span text.
        let numbered = |p: char| {
            id.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if numbered('T') {
            let mut parts = body.splitn(2, ' ');
            let _label = parts.next();
            let offs = parts.next().unwrap_or("");
            let mut v = Vec::new();
            for piece in offs.split(';') {
                let mut ab = piece.split_whitespace().map(str::parse::<usize>);
                match (ab.next(), ab.next()) {
                    (Some(Ok(a)), Some(Ok(b))) if a <= b && b <= chars.len() => {
                        v.push(Span::new(a, b))
                    }
                    _ => {
                        return Err(GoldError(format!(
                            "{}:{}: bad brat offsets `{offs}` (text has {} characters)\nhelp: pass the PolNeAR split directory whose text/ matches its attributions/",
                            file.display(),
                            n + 1,
                            chars.len()
                        )))
                    }
                }
            }
            spans.insert(id, v);
        } else if numbered('E') {
            events.push(body);
        }
    }
    for body in events {
        let (mut content, mut source, mut cue) = (Vec::new(), Vec::new(), Vec::new());
        for arg in body.split_whitespace() {
            let Some((role, t)) = arg.split_once(':') else {
                continue;
            };
            let Some(s) = spans.get(t) else { continue };
            if role.starts_with("Content") {
                content.extend(s.iter().copied());
            } else if role.starts_with("Source") {
                source.extend(s.iter().copied());
            } else if role.starts_with("Cue") {
                cue.extend(s.iter().copied());
            }
        }
        if content.is_empty() {
            continue;
        }
        content.sort_by_key(|s| s.start);
        let content_text: String = content.iter().map(slice).collect::<Vec<_>>().join(" ");
        let cue_text: String = cue.iter().map(slice).collect::<Vec<_>>().join(" ");
        let source_text: String = source.iter().map(slice).collect::<Vec<_>>().join(" ");
        out.push(Attribution {
            class: classify(&content_text, &cue_text),
            content,
            source,
            source_text,
            cue: cue_text,
        });
    }
    Ok(out)
}

/// The `YYYY-MM-DD` in a PolNeAR file name.
fn date_in_name(name: &str) -> Option<String> {
    name.split('_').find_map(|p| {
        let b = p.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        ok.then(|| p.to_string())
    })
}

fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, GoldError> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        GoldError(format!(
            "cannot read directory {}: {e}\nhelp: pass a PolNeAR split such as data/dev (with text/ and attributions/)",
            dir.display()
        ))
    })?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    Ok(v)
}

/// Reads every annotated text of a PolNeAR split (or flat brat directory).
pub fn read_dir(dir: &Path) -> Result<Vec<PolDoc>, GoldError> {
    let (text_dir, ann_dir) = if dir.join("attributions").is_dir() {
        (dir.join("text"), dir.join("attributions"))
    } else {
        (dir.to_path_buf(), dir.to_path_buf())
    };
    let texts = list(&text_dir, "txt")?;
    let anns = list(&ann_dir, "ann")?;
    if anns.is_empty() {
        return Err(GoldError(format!(
            "no .ann files in {}\nhelp: pass a PolNeAR split such as data/dev (with text/ and attributions/)",
            ann_dir.display()
        )));
    }
    let mut out = Vec::new();
    for t in texts {
        let stem = t
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        // NAME.ann or NAME_ANNOTATOR.ann; the first in name order.
        let ann = anns.iter().find(|a| {
            a.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                s == stem
                    || s.strip_prefix(stem.as_str())
                        .is_some_and(|r| r.starts_with('_') && !r[1..].contains('_'))
            })
        });
        let Some(ann) = ann else { continue };
        let text = std::fs::read_to_string(&t).map_err(|e| {
            GoldError(format!(
                "cannot read {}: {e}\nhelp: check the file",
                t.display()
            ))
        })?;
        let raw = std::fs::read_to_string(ann).map_err(|e| {
            GoldError(format!(
                "cannot read {}: {e}\nhelp: check the file",
                ann.display()
            ))
        })?;
        let attributions = parse_ann(&text, &raw, ann)?;
        out.push(PolDoc {
            published: date_in_name(&stem),
            id: stem,
            text,
            attributions,
        });
    }
    if out.is_empty() {
        return Err(GoldError(format!(
            "no text in {} has an annotation file\nhelp: texts are NAME.txt, annotations NAME_ANNOTATOR.ann",
            dir.display()
        )));
    }
    Ok(out)
}

const NOT_CONTENT: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "he", "she",
    "they", "it", "his", "her", "their", "its", "we", "i", "you", "our", "my", "your", "him",
    "them", "us", "me", "who", "that", "this", "these", "those", "one", "s", "some", "many",
    "other", "others", "said", "says", "mr", "mrs", "ms", "dr",
];

fn content_words(s: &str) -> HashSet<String> {
    s.to_lowercase()
        .replace(['’', '\''], " ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !NOT_CONTENT.contains(w))
        .map(str::to_string)
        .collect()
}

fn speaker_right(text_chars: &[char], gold: &Attribution, pred: &Quote) -> bool {
    let Some(sp) = &pred.speaker else {
        return gold.source.is_empty();
    };
    if gold.source.is_empty() {
        return false;
    }
    let mention = Span::new(sp.start, sp.end);
    if !mention.is_empty() && gold.source.iter().any(|s| s.overlaps(&mention)) {
        return true;
    }
    let want = content_words(&gold.source_text);
    let mention_text: String = text_chars
        [sp.start.min(text_chars.len())..sp.end.min(text_chars.len())]
        .iter()
        .collect();
    let got: HashSet<String> = content_words(&sp.name)
        .into_iter()
        .chain(content_words(&mention_text))
        .collect();
    !want.is_disjoint(&got)
}

/// Scores one document, adding to `fig`; returns report lines for `--verbose`.
pub fn score_doc(doc: &PolDoc, pred: &[Quote], fig: &mut BenchFigures) -> Vec<String> {
    let chars: Vec<char> = doc.text.chars().collect();
    let show = |spans: &[Span]| -> String {
        let s: String = spans
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ");
        let t: String = s.chars().take(80).collect();
        if t.len() < s.len() {
            format!("{t}…")
        } else {
            t
        }
    };
    let mut lines = Vec::new();
    let mut gold_used = vec![false; doc.attributions.len()];
    let mut pred_used = vec![false; pred.len()];
    fig.left_out += doc
        .attributions
        .iter()
        .filter(|a| a.class == Class::Other)
        .count();
    // All candidate pairs of the same kind, most shared characters first.
    let mut pairs = Vec::new();
    for (gi, g) in doc.attributions.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let same = matches!(
                (g.class, p.kind),
                (Class::Direct, QuoteKind::Direct) | (Class::Indirect, QuoteKind::Indirect)
            );
            let shared = g.shared(&p.span());
            if same && shared > 0 {
                pairs.push((shared, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, gi, pi) in pairs {
        if gold_used[gi] || pred_used[pi] {
            continue;
        }
        gold_used[gi] = true;
        pred_used[pi] = true;
        let g = &doc.attributions[gi];
        let p = &pred[pi];
        match g.class {
            Class::Direct => fig.direct.tp += 1,
            _ => fig.indirect.tp += 1,
        }
        let right = speaker_right(&chars, g, p);
        fig.speaker.record(right);
        if !right {
            lines.push(format!(
                "  speaker  {:?}: got {:?}, want {:?}",
                show(&g.content),
                p.speaker.as_ref().map(|s| s.name.as_str()),
                g.source_text
            ));
        }
    }
    for (gi, g) in doc.attributions.iter().enumerate() {
        if gold_used[gi] || g.class == Class::Other {
            continue;
        }
        match g.class {
            Class::Direct => fig.direct.fn_ += 1,
            _ => fig.indirect.fn_ += 1,
        }
        lines.push(format!(
            "  missed   {:?} ({:?}, cue {:?}, source {:?})",
            show(&g.content),
            g.class,
            g.cue,
            g.source_text
        ));
    }
    for (pi, p) in pred.iter().enumerate() {
        if pred_used[pi] {
            continue;
        }
        let s = p.span();
        let fragment = doc
            .attributions
            .iter()
            .enumerate()
            .any(|(gi, g)| g.overlaps(&s) && (gold_used[gi] || g.class == Class::Other));
        if fragment {
            continue;
        }
        match p.kind {
            QuoteKind::Direct => fig.direct.fp += 1,
            QuoteKind::Indirect => fig.indirect.fp += 1,
        }
        lines.push(format!(
            "  extra    {:?} ({:?}, speaker {:?})",
            show(&[s]),
            p.kind,
            p.speaker.as_ref().map(|s| s.name.as_str())
        ));
    }
    fig.docs += 1;
    lines
}

/// Runs `pipeline` on every document of the PolNeAR split `dir` and adds its figures to
/// `fig`; returns, per document with any, its id and its error lines.
pub fn evaluate_dir(
    pipeline: &sitrep_nlp::Pipeline,
    dir: &Path,
    fig: &mut BenchFigures,
) -> anyhow::Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for d in &read_dir(dir)? {
        let mut doc = Doc::new(d.id.clone(), d.text.clone());
        doc.published = d.published.clone();
        pipeline
            .run(&mut doc)
            .with_context(|| format!("{}: document `{}`", dir.display(), d.id))?;
        let pred = doc.quotes.unwrap_or_default();
        let lines = score_doc(d, &pred, fig);
        if !lines.is_empty() {
            out.push((d.id.clone(), lines));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Speaker;

    const TEXT: &str =
        "Ann Lee said the plan “will fail” soon. Polls show gains. The mayor thinks so.";

    fn ann() -> String {
        [
            "T1\tSource 0 7\tAnn Lee",
            "T2\tCue 8 12\tsaid",
            "T3\tContent 13 37\tthe plan “will fail” soon",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            "T4\tSource 39 44\tPolls",
            "T5\tCue 45 49\tshow",
            "T6\tContent 50 55\tgains",
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
            "T7\tSource 57 66\tThe mayor",
            "T8\tCue 67 73\tthinks",
            "T9\tContent 74 76\tso",
            "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
        ]
        .join("\n")
    }

    fn q(a: usize, b: usize, kind: QuoteKind, speaker: Option<(&str, usize, usize)>) -> Quote {
        Quote {
            start: a,
            end: b,
            text: TEXT.chars().skip(a).take(b - a).collect(),
            kind,
            cue: None,
            speaker: speaker.map(|(n, s, e)| Speaker {
                name: n.into(),
                start: s,
                end: e,
                description: None,
            }),
        }
    }

    #[test]
    fn brat_events_are_classed_by_marks_and_cues() {
        let a = parse_ann(TEXT, &ann(), Path::new("x.ann")).expect("parses");
        let classes: Vec<Class> = a.iter().map(|a| a.class).collect();
        assert_eq!(classes, vec![Class::Direct, Class::Other, Class::Other]);
        assert_eq!(a[0].source_text, "Ann Lee");
        assert_eq!(
            date_in_name("nyt_2016-10-02_a-curious"),
            Some("2016-10-02".into())
        );
        assert_eq!(classify("he would go", "told reporters"), Class::Indirect);
        assert_eq!(classify("he would go", ":"), Class::Indirect);
    }

    #[test]
    fn overlap_matching_fragments_and_speakers() {
        let doc = PolDoc {
            id: "x".into(),
            text: TEXT.into(),
            published: None,
            attributions: parse_ann(TEXT, &ann(), Path::new("x.ann")).expect("parses"),
        };
        let mut fig = BenchFigures::default();
        let pred = vec![
            // the quoted fragment, speaker by name elsewhere in the text
            q(23, 32, QuoteKind::Direct, Some(("Ann Lee", 90, 93))),
            // an indirect clause over the same attribution: a fragment, not counted
            q(13, 37, QuoteKind::Indirect, None),
            // on a non-speech attribution: left out
            q(50, 55, QuoteKind::Indirect, None),
        ];
        score_doc(&doc, &pred, &mut fig);
        assert_eq!((fig.direct.tp, fig.direct.fp, fig.direct.fn_), (1, 0, 0));
        assert_eq!((fig.indirect.tp, fig.indirect.fp), (0, 0));
        assert_eq!((fig.speaker.agree, fig.left_out), (1, 2));
        let mut fig = BenchFigures::default();
        let lines = score_doc(
            &doc,
            &[q(57, 66, QuoteKind::Direct, Some(("Lee", 0, 3)))],
            &mut fig,
        );
        assert_eq!((fig.direct.tp, fig.direct.fp, fig.direct.fn_), (0, 1, 1));
        assert!(lines.iter().any(|l| l.contains("missed")));
    }
}
