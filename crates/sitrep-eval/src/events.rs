//! Event records scored against gold, as `EVENTS-GUIDE.md` defines it, and the gold
//! files read: the library behind `sitrep eval events` (and the gold side of
//! `sitrep eval incidents`).
//!
//! A system record matches a gold record of the same article when the country is the
//! same, the dates are at most one day apart, and `admin1` is the same or missing on
//! either side. Pairs are matched greedily, best agreement first. From the matches come
//! event precision / recall / F1, then agreement over matched pairs on fatalities,
//! admin1, event type, sub-event type, date and actor1.
//!
//! Two gold shapes ([`load_gold`]): JSON lines with the article text on each line
//! (`events-dev.jsonl`: the text is already clean, so it goes straight to the stages), or
//! one `NAME.gold.json` with the article in `NAME.txt` beside it (the seed; read and
//! cleaned like any input).

use crate::score::{Agreement, Prf};
use anyhow::Context;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::{Doc, Event};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// A gold event record (the fields the scoring reads; the rest is ignored).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GoldEvent {
    /// ISO date.
    pub event_date: Option<String>,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Acting side.
    pub actor1: Option<String>,
    /// Side acted upon.
    pub actor2: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Most specific place.
    pub location: Option<String>,
    /// Deaths.
    pub fatalities: Option<u64>,
    /// Injured.
    pub injured: Option<u64>,
    /// Killed or wounded.
    pub killed_or_wounded: Option<u64>,
    /// `reported` / `claimed`.
    pub modality: Option<String>,
    /// Evidence sentences.
    pub evidence: Vec<String>,
}

impl From<&Event> for GoldEvent {
    /// A system record in the gold's shape (evidence left out: it is spans, not text).
    fn from(e: &Event) -> Self {
        GoldEvent {
            event_date: e.event_date.clone(),
            event_type: e.event_type.clone(),
            sub_event_type: e.sub_event_type.clone(),
            actor1: e.actor1.clone(),
            actor2: e.actor2.clone(),
            country: e.country.clone(),
            admin1: e.admin1.clone(),
            location: e.location.clone(),
            fatalities: e.fatalities,
            injured: e.injured,
            killed_or_wounded: e.killed_or_wounded,
            modality: Some(modality_name(e).to_string()),
            evidence: Vec::new(),
        }
    }
}

impl GoldEvent {
    /// One line: `DATE TYPE / SUB-TYPE | ACTOR1 -> ACTOR2 | CC ADMIN1 LOCATION | F n I n`
    /// (`-` where a field is empty); the `--verbose` view of system and gold records.
    pub fn summary(&self) -> String {
        format!(
            "{} {} / {} | {} -> {} | {} {} {} | F {:?} I {:?}",
            self.event_date.as_deref().unwrap_or("-"),
            self.event_type,
            self.sub_event_type,
            self.actor1.as_deref().unwrap_or("-"),
            self.actor2.as_deref().unwrap_or("-"),
            self.country.as_deref().unwrap_or("-"),
            self.admin1.as_deref().unwrap_or("-"),
            self.location.as_deref().unwrap_or("-"),
            self.fatalities,
            self.injured,
        )
    }
}

/// Event-level P/R/F1 and the agreement rates over matched pairs.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct EventScores {
    /// Matched records.
    pub events: Prf,
    /// `fatalities` exactly equal (both empty counts as equal).
    pub fatalities: Agreement,
    /// `admin1` equal.
    pub admin1: Agreement,
    /// `event_type` equal.
    pub event_type: Agreement,
    /// `sub_event_type` equal.
    pub sub_event_type: Agreement,
    /// `event_date` equal.
    pub event_date: Agreement,
    /// `actor1` names the same organisation.
    pub actor1: Agreement,
    /// `modality` equal (extra, not in the guide's list).
    pub modality: Agreement,
}

impl EventScores {
    /// Adds another article's scores.
    pub fn add(&mut self, o: &EventScores) {
        self.events.add(o.events);
        for (a, b) in [
            (&mut self.fatalities, o.fatalities),
            (&mut self.admin1, o.admin1),
            (&mut self.event_type, o.event_type),
            (&mut self.sub_event_type, o.sub_event_type),
            (&mut self.event_date, o.event_date),
            (&mut self.actor1, o.actor1),
            (&mut self.modality, o.modality),
        ] {
            a.agree += b.agree;
            a.total += b.total;
        }
    }

    /// The report lines.
    pub fn lines(&self) -> Vec<String> {
        vec![
            self.events.line("events"),
            self.fatalities.line("fatalities exact"),
            self.admin1.line("admin1"),
            self.event_type.line("event type"),
            self.sub_event_type.line("sub-event type"),
            self.event_date.line("event date"),
            self.actor1.line("actor1"),
            self.modality.line("modality"),
        ]
    }
}

fn date(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|v| v.get(..10))
        .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
}

/// Normalised organisation name for actor comparison.
pub fn same_actor(a: Option<&str>, b: Option<&str>) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .replace("the ", "")
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    match (a, b) {
        (Some(x), Some(y)) => norm(x) == norm(y),
        (None, None) => true,
        _ => false,
    }
}

/// True when the two records may be the same incident (the guide's match rule).
pub fn can_match(s: &Event, g: &GoldEvent) -> bool {
    if s.country != g.country {
        return false;
    }
    match (date(&s.event_date), date(&g.event_date)) {
        (Some(x), Some(y)) if (x - y).num_days().abs() <= 1 => {}
        _ => return false,
    }
    match (&s.admin1, &g.admin1) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn modality_name(e: &Event) -> &'static str {
    match e.modality {
        sitrep_model::Modality::Reported => "reported",
        sitrep_model::Modality::Claimed => "claimed",
    }
}

fn agreements(s: &Event, g: &GoldEvent) -> [bool; 7] {
    [
        s.fatalities == g.fatalities,
        s.admin1 == g.admin1,
        s.event_type == g.event_type,
        s.sub_event_type == g.sub_event_type,
        s.event_date == g.event_date,
        same_actor(s.actor1.as_deref(), g.actor1.as_deref()),
        g.modality.as_deref() == Some(modality_name(s)),
    ]
}

/// Scores one article; returns the scores and the matched (system, gold) index pairs.
pub fn score_article(sys: &[Event], gold: &[GoldEvent]) -> (EventScores, Vec<(usize, usize)>) {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, s) in sys.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            if can_match(s, g) {
                let n = agreements(s, g).iter().filter(|x| **x).count();
                pairs.push((n, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_s, mut used_g) = (vec![false; sys.len()], vec![false; gold.len()]);
    let mut matched = Vec::new();
    for (_, i, j) in pairs {
        if !used_s[i] && !used_g[j] {
            used_s[i] = true;
            used_g[j] = true;
            matched.push((i, j));
        }
    }
    let mut sc = EventScores {
        events: Prf {
            tp: matched.len(),
            fp: sys.len() - matched.len(),
            fn_: gold.len() - matched.len(),
        },
        ..EventScores::default()
    };
    for &(i, j) in &matched {
        let a = agreements(&sys[i], &gold[j]);
        sc.fatalities.record(a[0]);
        sc.admin1.record(a[1]);
        sc.event_type.record(a[2]);
        sc.sub_event_type.record(a[3]);
        sc.event_date.record(a[4]);
        sc.actor1.record(a[5]);
        sc.modality.record(a[6]);
    }
    matched.sort();
    (sc, matched)
}

/// One gold article: the document (text, id, publication date, title), its gold records
/// and the same records as written in the file (for readers that need every field).
#[derive(Debug, Clone)]
pub struct GoldArticle {
    /// The article, ready for the stages.
    pub doc: Doc,
    /// The gold records, as the scoring reads them.
    pub events: Vec<GoldEvent>,
    /// The gold records as JSON, in the same order.
    pub records: Vec<serde_json::Value>,
}

/// A gold line or file before its records are read.
#[derive(Deserialize)]
struct RawArticle {
    id: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    events: Vec<serde_json::Value>,
}

impl RawArticle {
    /// The records read as [`GoldEvent`]s; `at` names the file (and line) for errors.
    fn into_gold(self, doc: Doc, at: &str) -> anyhow::Result<GoldArticle> {
        let events = self
            .events
            .iter()
            .enumerate()
            .map(|(k, e)| {
                GoldEvent::deserialize(e).with_context(|| {
                    format!(
                        "{at}: article {}, record {k}: unreadable\nhelp: see EVENTS-GUIDE.md for the fields",
                        self.id
                    )
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(GoldArticle {
            doc,
            events,
            records: self.events,
        })
    }
}

/// Reads gold event files: JSON lines (`id`, `published`, `title`, `text`, `events`), or a
/// `NAME.gold.json` object with the article in `NAME.txt` beside it (read and cleaned
/// like any input).
pub fn load_gold(path: &Path) -> anyhow::Result<Vec<GoldArticle>> {
    let name = path.to_string_lossy().to_string();
    if name.ends_with(".gold.json") {
        let raw = std::fs::read_to_string(path)
            .with_context(|| format!("{name}: cannot read\nhelp: check the path"))?;
        let g: RawArticle = serde_json::from_str(&raw).with_context(|| {
            format!("{name}: not a gold JSON object\nhelp: expected {{\"id\", \"published\", \"events\": [...]}}")
        })?;
        let txt = PathBuf::from(name.trim_end_matches(".gold.json").to_string() + ".txt");
        let opts = sitrep_ingest::ReadOptions {
            published: g.published.clone(),
            ..Default::default()
        };
        let mut doc = sitrep_ingest::read_path(&txt, &opts)
            .next()
            .with_context(|| {
                format!(
                    "{}: no document\nhelp: the article text must sit beside the gold file",
                    txt.display()
                )
            })?
            .with_context(|| format!("{}: cannot read the article", txt.display()))?;
        doc.id = g.id.clone();
        if doc.published.is_none() {
            doc.published = g.published.clone();
        }
        return Ok(vec![g.into_gold(doc, &name)?]);
    }
    let f = std::fs::File::open(path)
        .with_context(|| format!("{name}: cannot open\nhelp: check the path"))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let line = line.with_context(|| format!("{at}: cannot read"))?;
        if line.trim().is_empty() {
            continue;
        }
        let g: RawArticle = serde_json::from_str(&line).with_context(|| {
            format!(
                "{at}: not a gold article\nhelp: each line needs \"id\", \"published\", \"text\" and \"events\""
            )
        })?;
        let text = g.text.clone().with_context(|| {
            format!(
                "{at} (article {}): no \"text\"\nhelp: JSON-lines gold must carry the article text",
                g.id
            )
        })?;
        let mut doc = Doc::new(g.id.clone(), text);
        doc.published = g.published.clone();
        doc.title = g.title.clone();
        out.push(g.into_gold(doc, &at)?);
    }
    Ok(out)
}

/// One article run through the pipeline and scored.
#[derive(Debug, Clone)]
pub struct ArticleScore {
    /// The article with every layer the pipeline wrote.
    pub doc: Doc,
    /// The gold records.
    pub gold: Vec<GoldEvent>,
    /// The system's records (`doc.events`, or none).
    pub system: Vec<Event>,
    /// The article's figures.
    pub scores: EventScores,
    /// Matched (system, gold) index pairs, in order.
    pub matched: Vec<(usize, usize)>,
}

/// Runs `pipeline` on a gold article and scores its event records.
pub fn run_article(
    pipeline: &sitrep_nlp::Pipeline,
    article: GoldArticle,
) -> anyhow::Result<ArticleScore> {
    let GoldArticle {
        mut doc,
        events: gold,
        ..
    } = article;
    pipeline
        .run(&mut doc)
        .with_context(|| format!("running the pipeline on {}", doc.id))?;
    let system = doc.events.clone().unwrap_or_default();
    let (scores, matched) = score_article(&system, &gold);
    Ok(ArticleScore {
        doc,
        gold,
        system,
        scores,
        matched,
    })
}

impl ArticleScore {
    /// The `--verbose` view: a header, then each system record (`=N` when it matched gold
    /// record N) with its evidence, then each gold record (`!` when nothing matched it).
    pub fn verbose_lines(&self) -> Vec<String> {
        let (doc, sc) = (&self.doc, &self.scores);
        let mut out = vec![format!(
            "== {} ({}) tp {} fp {} fn {}",
            doc.id,
            doc.published.as_deref().unwrap_or("?"),
            sc.events.tp,
            sc.events.fp,
            sc.events.fn_
        )];
        for (i, e) in self.system.iter().enumerate() {
            let m = self.matched.iter().find(|(s, _)| *s == i).map(|(_, g)| *g);
            let ev: Vec<&str> = e.evidence.iter().map(|s| doc.span_text(*s)).collect();
            out.push(format!(
                "  SYS{} {} KW {:?} {:?}\n       {:.160}",
                m.map_or("    ".to_string(), |g| format!("={g:<3}")),
                GoldEvent::from(e).summary(),
                e.killed_or_wounded,
                e.modality,
                ev.join(" | ")
            ));
        }
        for (j, g) in self.gold.iter().enumerate() {
            let m = self.matched.iter().any(|(_, gj)| *gj == j);
            out.push(format!(
                "  GOLD{} {}",
                if m { format!("{j:<3}") } else { "!  ".into() },
                g.summary()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Modality;

    fn sys(date: &str, admin1: Option<&str>, f: Option<u64>) -> Event {
        Event {
            event_date: Some(date.into()),
            date_precision: None,
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actor1: Some("Taliban".into()),
            actor2: None,
            country: Some("AF".into()),
            admin1: admin1.map(str::to_string),
            admin2: None,
            location: None,
            latitude: None,
            longitude: None,
            location_precision: None,
            fatalities: f,
            injured: None,
            killed_or_wounded: None,
            modality: Modality::Reported,
            evidence: vec![],
        }
    }

    fn gold(date: &str, admin1: Option<&str>, f: Option<u64>) -> GoldEvent {
        GoldEvent {
            event_date: Some(date.into()),
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actor1: Some("Taliban".into()),
            country: Some("AF".into()),
            admin1: admin1.map(str::to_string),
            fatalities: f,
            modality: Some("reported".into()),
            ..GoldEvent::default()
        }
    }

    #[test]
    fn match_rule_country_date_admin1() {
        assert!(can_match(
            &sys("2020-09-24", None, None),
            &gold("2020-09-23", Some("Bamyan"), None)
        ));
        assert!(!can_match(
            &sys("2020-09-25", None, None),
            &gold("2020-09-23", None, None)
        ));
        assert!(!can_match(
            &sys("2020-09-23", Some("Badakhshan"), None),
            &gold("2020-09-23", Some("Bamyan"), None)
        ));
    }

    #[test]
    fn greedy_prefers_best_agreement() {
        let s = vec![
            sys("2020-09-26", None, None),
            sys("2020-09-26", Some("Bamyan"), None),
        ];
        let g = vec![
            gold("2020-09-26", Some("Bamyan"), None),
            gold("2020-09-26", Some("Badakhshan"), None),
        ];
        let (sc, m) = score_article(&s, &g);
        assert_eq!(sc.events.tp, 2);
        assert_eq!(m, vec![(0, 1), (1, 0)]);
        assert_eq!(sc.admin1.agree, 1);
        let (sc, _) = score_article(&[sys("2020-09-23", None, Some(28))], &g);
        assert_eq!(sc.events.tp, 0);
        assert_eq!(sc.events.fp, 1);
        assert_eq!(sc.events.fn_, 2);
    }

    #[test]
    fn actors_compare_normalised() {
        assert!(same_actor(Some("the Taliban"), Some("Taliban")));
        assert!(!same_actor(Some("Taliban"), None));
    }

    #[test]
    fn gold_lines_are_read_and_bad_ones_named() {
        let dir = std::env::temp_dir().join(format!("sitrep-eval-gold-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let good = dir.join("good.jsonl");
        std::fs::write(
            &good,
            concat!(
                r#"{"id": "a", "published": "2020-09-24", "text": "Gunmen killed two.", "#,
                r#""events": [{"event_type": "Battles", "fatalities": 2, "admin2": "x"}]}"#,
                "\n\n"
            ),
        )
        .expect("write");
        let arts = load_gold(&good).expect("reads");
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].doc.published.as_deref(), Some("2020-09-24"));
        assert_eq!(arts[0].events[0].fatalities, Some(2));
        assert_eq!(arts[0].records[0]["admin2"], "x", "the record as written");
        let bad = dir.join("bad.jsonl");
        std::fs::write(&bad, "{\"id\": \"b\", \"events\": []}\n").expect("write");
        let err = format!("{:#}", load_gold(&bad).expect_err("no text"));
        assert!(
            err.contains("bad.jsonl:1") && err.contains("help:"),
            "{err}"
        );
        let err = format!(
            "{:#}",
            load_gold(&dir.join("none.jsonl")).expect_err("absent")
        );
        assert!(err.contains("none.jsonl: cannot open"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn system_and_gold_records_share_one_summary() {
        let s = sys("2020-09-24", Some("Bamyan"), Some(3));
        let g = GoldEvent::from(&s);
        assert_eq!(g.modality.as_deref(), Some("reported"));
        assert_eq!(
            g.summary(),
            "2020-09-24 Battles / Armed clash | Taliban -> - | AF Bamyan - | F Some(3) I None"
        );
    }
}
