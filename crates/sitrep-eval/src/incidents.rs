//! Reconciliation scored (the library behind `sitrep eval incidents`): which reports are one incident, against
//! hand-made incident labels over gold event records.
//!
//! The labels (`eval/incidents/fakes-dev.jsonl`) group gold records of the FA-KES dev
//! articles (`events-dev.jsonl`, `events-dev2.jsonl`) that report one incident; records
//! they do not list are incidents of their own. Records are named `ARTICLE#N` (the N-th
//! record of the article, from 0). See `eval/incidents/README.md` for how they were made.
//!
//! Three figures, each with pairwise precision / recall / F1 over pairs of records from
//! different articles (records of one article are never merged) and B³:
//!
//! - **gold records**: the reconciler run on the gold records themselves (what it does
//!   with correct extractions);
//! - **baseline**: records are one incident when country, admin1, date and event type
//!   are equal, and nothing else is compared;
//! - **extracted**: sitrep's own pipeline run on the articles, its records matched to gold
//!   records as `sitrep eval events` matches them, the reconciler run on all extracted
//!   records; pairs are scored over the matched ones (the realistic case).

use crate::events::{load_gold, score_article, GoldArticle};
use crate::score::{f1, ratio};
use anyhow::Context;
use serde::Serialize;
use sitrep_model::{Doc, Event};
use sitrep_store::reconcile::{self, SITREP_DATASET};
use sitrep_store::EventRow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Pairwise and B³ figures of one clustering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ClusterScores {
    /// Records scored.
    pub records: usize,
    /// Cross-article pairs the system put together that the labels also do.
    pub tp: usize,
    /// Cross-article pairs the system put together that the labels keep apart.
    pub fp: usize,
    /// Cross-article pairs the labels put together that the system keeps apart.
    pub fn_: usize,
    /// Pairwise precision.
    pub precision: f64,
    /// Pairwise recall.
    pub recall: f64,
    /// Pairwise F1.
    pub f1: f64,
    /// B³ precision.
    pub b3_precision: f64,
    /// B³ recall.
    pub b3_recall: f64,
    /// B³ F1.
    pub b3_f1: f64,
}

/// Scores a clustering: item `i` is in article `article[i]`, system cluster `sys[i]` and
/// gold cluster `gold[i]`.
pub fn score_clusters(article: &[&str], sys: &[usize], gold: &[usize]) -> ClusterScores {
    let n = article.len();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for i in 0..n {
        for j in i + 1..n {
            if article[i] == article[j] {
                continue;
            }
            match (sys[i] == sys[j], gold[i] == gold[j]) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let (mut s, mut g, mut both) = (0usize, 0usize, 0usize);
        for j in 0..n {
            let in_s = sys[i] == sys[j];
            let in_g = gold[i] == gold[j];
            s += usize::from(in_s);
            g += usize::from(in_g);
            both += usize::from(in_s && in_g);
        }
        bp += ratio(both, s);
        br += ratio(both, g);
    }
    let (bp, br) = if n == 0 {
        (1.0, 1.0)
    } else {
        (bp / n as f64, br / n as f64)
    };
    let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    ClusterScores {
        records: n,
        tp,
        fp,
        fn_,
        precision: p,
        recall: r,
        f1: f1(p, r),
        b3_precision: bp,
        b3_recall: br,
        b3_f1: f1(bp, br),
    }
}

/// One gold article with its records as sitrep events (evidence sentences as notes).
struct Article {
    gold: GoldArticle,
    records: Vec<(Event, String)>,
}

/// The gold records of `a` as sitrep events: evidence sentences become the notes, a
/// missing modality is `reported`.
fn as_events(path: &Path, a: GoldArticle) -> anyhow::Result<Article> {
    let mut records = Vec::new();
    for (k, (g, e)) in a.events.iter().zip(&a.records).enumerate() {
        let notes = g.evidence.join(" ");
        let mut e = e.clone();
        e["evidence"] = serde_json::json!([]);
        if e["modality"].is_null() {
            e["modality"] = serde_json::json!("reported");
        }
        let ev: Event = serde_json::from_value(e).with_context(|| {
            format!(
                "{}: article {}, record {k}: not an event record\nhelp: see EVENTS-GUIDE.md for the fields",
                path.display(),
                a.doc.id
            )
        })?;
        records.push((ev, notes));
    }
    Ok(Article { gold: a, records })
}

/// Reads the labels: record name (`ARTICLE#N`) → incident name.
pub fn load_labels(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let name = path.display().to_string();
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("{name}: cannot read\nhelp: check the path"))?;
    let mut out = HashMap::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        #[derive(serde::Deserialize)]
        struct Label {
            incident: String,
            records: Vec<String>,
        }
        let l: Label = serde_json::from_str(line).with_context(|| {
            format!("{name}:{}: not a label\nhelp: expected {{\"incident\": NAME, \"records\": [\"ARTICLE#N\", ...]}}", i + 1)
        })?;
        let mut seen = std::collections::BTreeSet::new();
        for r in &l.records {
            let art = r.split('#').next().unwrap_or(r);
            if !seen.insert(art) {
                anyhow::bail!("{name}:{}: incident {} lists two records of article {art}\nhelp: an article's records are distinct incidents (EVENTS-GUIDE.md: one record per incident); keep the one that matches", i + 1, l.incident);
            }
        }
        for r in l.records {
            if let Some(prev) = out.insert(r.clone(), l.incident.clone()) {
                anyhow::bail!("{name}:{}: record {r} is in two incidents ({prev} and {})\nhelp: a record belongs to one incident", i + 1, l.incident);
            }
        }
    }
    Ok(out)
}

/// A stored-row view of a record, as the reconciler reads rows.
fn row(doc: &Doc, seq: usize, event: Event, notes: String) -> EventRow {
    EventRow {
        id: 0,
        event_id: reconcile::event_id(&doc.id, seq),
        incident_id: None,
        dataset: SITREP_DATASET.to_string(),
        doc_id: doc.id.clone(),
        seq,
        event,
        notes: (!notes.is_empty()).then_some(notes),
        publisher: doc.publisher.clone(),
        url: None,
        published: doc.published.clone(),
        title: doc.title.clone(),
    }
}

/// Numbers the distinct labels (record name → incident, or the record itself).
fn gold_ids(names: &[String], labels: &HashMap<String, String>) -> Vec<usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    names
        .iter()
        .map(|n| {
            let key = labels.get(n).map_or(n.as_str(), String::as_str);
            let next = ids.len();
            *ids.entry(key).or_insert(next)
        })
        .collect()
}

/// What the baseline compares: country, admin1, day, event type.
type BaselineKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a str);

/// The baseline: one incident per (country, admin1, date, event type).
fn baseline(rows: &[EventRow]) -> Vec<usize> {
    let mut ids: HashMap<BaselineKey<'_>, usize> = HashMap::new();
    rows.iter()
        .map(|r| {
            let e = &r.event;
            let key = (
                e.country.as_deref(),
                e.admin1.as_deref(),
                e.event_date.as_deref().map(|d| d.get(..10).unwrap_or(d)),
                e.event_type.as_str(),
            );
            let next = ids.len();
            *ids.entry(key).or_insert(next)
        })
        .collect()
}

fn line(label: &str, s: &ClusterScores) -> String {
    format!(
        "{label:<14} records {:>4}  pairs tp {:>3} fp {:>3} fn {:>3}  P {:.3} R {:.3} F1 {:.3}  B³ P {:.3} R {:.3} F1 {:.3}",
        s.records, s.tp, s.fp, s.fn_, s.precision, s.recall, s.f1, s.b3_precision, s.b3_recall, s.b3_f1
    )
}

/// What to run: the gold files, the labels, whether to run the pipeline too.
#[derive(Debug, Clone)]
pub struct Options {
    /// Gold event files (JSON lines).
    pub gold: Vec<PathBuf>,
    /// Incident labels (JSON lines `{"incident", "records": ["ARTICLE#N", ...]}`).
    pub labels: PathBuf,
    /// Also run the pipeline and score the reconciler on the extracted records.
    pub extract: bool,
    /// Collect the pairs the reconciler got wrong on the gold records.
    pub verbose: bool,
}

/// The figures on the system's own records.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Extracted {
    /// Pairs over the system records matched to gold.
    pub scores: ClusterScores,
    /// The baseline on the same records.
    pub baseline: ClusterScores,
    /// System records.
    pub system_records: usize,
    /// System records matched to a gold record.
    pub matched: usize,
    /// Gold records.
    pub gold_records: usize,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone)]
pub struct Report {
    /// The labels file.
    pub labels_path: PathBuf,
    /// Labelled records.
    pub labelled: usize,
    /// Distinct incidents in the labels.
    pub incidents: usize,
    /// Gold records.
    pub records: usize,
    /// Gold articles.
    pub articles: usize,
    /// The reconciler on the gold records.
    pub on_gold: ClusterScores,
    /// The baseline on the gold records.
    pub baseline: ClusterScores,
    /// The reconciler on extracted records, when asked for.
    pub extracted: Option<Extracted>,
    /// With `verbose`: the wrong pairs of the gold-record run.
    pub errors: Vec<String>,
}

impl Report {
    /// The text report.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![
            format!(
                "incident labels: {} ({} labelled records in {} incidents); {} gold records in {} articles",
                self.labels_path.display(),
                self.labelled,
                self.incidents,
                self.records,
                self.articles
            ),
            line("gold records", &self.on_gold),
            line("  baseline", &self.baseline),
        ];
        if let Some(x) = &self.extracted {
            out.push(format!("extracted: {} system records, {} matched to the {} gold records (pairs scored over the matched)", x.system_records, x.matched, x.gold_records));
            out.push(line("extracted", &x.scores));
            out.push(line("  baseline", &x.baseline));
        }
        out
    }

    /// The figures as JSON.
    pub fn json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({"gold_records": self.on_gold, "baseline": self.baseline});
        if let Some(x) = &self.extracted {
            v["extracted"] = serde_json::json!(x);
        }
        v
    }
}

/// The wrong pairs of a clustering of `rows` (named `names`), with the pair score.
fn wrong_pairs(rows: &[EventRow], names: &[String], sys: &[usize], gold: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..rows.len() {
        for j in i + 1..rows.len() {
            if rows[i].doc_id != rows[j].doc_id && (sys[i] == sys[j]) != (gold[i] == gold[j]) {
                let kind = if sys[i] == sys[j] { "FP" } else { "FN" };
                let score = reconcile::pair_score(
                    &reconcile::Features::of(&rows[i]),
                    &reconcile::Features::of(&rows[j]),
                );
                let show = |r: &EventRow| {
                    let e = &r.event;
                    format!(
                        "{} {} / {} / {} / {:?}",
                        e.event_date.as_deref().unwrap_or("-"),
                        e.sub_event_type,
                        e.actor1.as_deref().unwrap_or("-"),
                        e.location.as_deref().unwrap_or("-"),
                        e.fatalities
                    )
                };
                out.push(format!(
                    "{kind} {} ~ {} score {}\n    {}\n    {}",
                    names[i],
                    names[j],
                    score.map_or("none (hard no-match)".into(), |s| format!("{s:.2}")),
                    show(&rows[i]),
                    show(&rows[j])
                ));
            }
        }
    }
    out
}

/// The reconciler and the baseline on the extracted records of `articles`, pairs scored
/// over the records matched to gold (as `sitrep eval events` matches them).
fn extracted(articles: &[Article], labels: &HashMap<String, String>) -> anyhow::Result<Extracted> {
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
    let mut sys_rows = Vec::new();
    let mut sys_gold: Vec<Option<String>> = Vec::new();
    let mut gold_events = 0usize;
    for a in articles {
        let mut doc = a.gold.doc.clone();
        pipeline
            .run(&mut doc)
            .with_context(|| format!("running the pipeline on {}", doc.id))?;
        let sys = doc.events.clone().unwrap_or_default();
        let (_, matched) = score_article(&sys, &a.gold.events);
        gold_events += a.gold.events.len();
        for (k, e) in sys.into_iter().enumerate() {
            let notes: Vec<&str> = e.evidence.iter().map(|s| doc.span_text(*s)).collect();
            let m = matched.iter().find(|(s, _)| *s == k).map(|(_, g)| *g);
            sys_gold.push(m.map(|g| format!("{}#{g}", doc.id)));
            sys_rows.push(row(&doc, k, e, notes.join(" ")));
        }
    }
    let clusters = reconcile::cluster(&sys_rows);
    let keep: Vec<usize> = (0..sys_rows.len())
        .filter(|&i| sys_gold[i].is_some())
        .collect();
    let kept_names: Vec<String> = keep.iter().filter_map(|&i| sys_gold[i].clone()).collect();
    let g = gold_ids(&kept_names, labels);
    let art: Vec<&str> = keep.iter().map(|&i| sys_rows[i].doc_id.as_str()).collect();
    let s: Vec<usize> = keep.iter().map(|&i| clusters[i]).collect();
    let base_all = baseline(&sys_rows);
    let b: Vec<usize> = keep.iter().map(|&i| base_all[i]).collect();
    Ok(Extracted {
        scores: score_clusters(&art, &s, &g),
        baseline: score_clusters(&art, &b, &g),
        system_records: sys_rows.len(),
        matched: keep.len(),
        gold_records: gold_events,
    })
}

/// Scores the reconciler (and the baseline) on the gold records, and with
/// `opts.extract` on the pipeline's own records.
pub fn evaluate(opts: &Options) -> anyhow::Result<Report> {
    let labels = load_labels(&opts.labels)?;
    let mut articles = Vec::new();
    for g in &opts.gold {
        for a in load_gold(g)? {
            articles.push(as_events(g, a)?);
        }
    }
    // Every labelled record must exist: a typo would silently score as a singleton.
    let mut names = Vec::new();
    let mut rows = Vec::new();
    for a in &articles {
        for (k, (e, notes)) in a.records.iter().enumerate() {
            names.push(format!("{}#{k}", a.gold.doc.id));
            rows.push(row(&a.gold.doc, k, e.clone(), notes.clone()));
        }
    }
    for r in labels.keys() {
        if !names.contains(r) {
            anyhow::bail!(
                "{}: record {r} is not in the gold files\nhelp: pass every --gold file the labels refer to",
                opts.labels.display()
            );
        }
    }
    let gold = gold_ids(&names, &labels);
    let article: Vec<&str> = rows.iter().map(|r| r.doc_id.as_str()).collect();
    let sys = reconcile::cluster(&rows);
    let on_gold = score_clusters(&article, &sys, &gold);
    let base = score_clusters(&article, &baseline(&rows), &gold);
    let errors = if opts.verbose {
        wrong_pairs(&rows, &names, &sys, &gold)
    } else {
        Vec::new()
    };
    let extracted = if opts.extract {
        Some(extracted(&articles, &labels)?)
    } else {
        None
    };
    Ok(Report {
        labels_path: opts.labels.clone(),
        labelled: labels.len(),
        incidents: labels
            .values()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        records: rows.len(),
        articles: articles.len(),
        on_gold,
        baseline: base,
        extracted,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_and_b3_figures() {
        // Articles a, b, c; gold: a0+b0 one incident, c0 alone; system merges all three.
        let art = ["a", "b", "c"];
        let s = score_clusters(&art, &[0, 0, 0], &[0, 0, 1]);
        assert_eq!((s.tp, s.fp, s.fn_), (1, 2, 0));
        assert!((s.precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.recall - 1.0).abs() < 1e-9);
        // B³ precision: a0 2/3, b0 2/3, c0 1/3.
        assert!((s.b3_precision - 5.0 / 9.0).abs() < 1e-9);
        assert!((s.b3_recall - 1.0).abs() < 1e-9);
        // Pairs inside one article are not scored.
        let s = score_clusters(&["a", "a"], &[0, 1], &[0, 0]);
        assert_eq!((s.tp, s.fp, s.fn_), (0, 0, 0));
    }

    #[test]
    fn baseline_keys_on_country_admin1_date_and_type() {
        let mut e: Event = serde_json::from_value(serde_json::json!({
            "event_type": "Battles", "sub_event_type": "Armed clash", "country": "SY",
            "admin1": "Idlib", "event_date": "2017-04-04", "modality": "reported",
            "evidence": []
        }))
        .expect("event");
        let d1 = Doc::new("a", "");
        let d2 = Doc::new("b", "");
        let r1 = row(&d1, 0, e.clone(), String::new());
        let r2 = row(&d2, 0, e.clone(), String::new());
        e.admin1 = Some("Hama".into());
        let r3 = row(&d2, 1, e, String::new());
        let b = baseline(&[r1, r2, r3]);
        assert_eq!(b[0], b[1]);
        assert_ne!(b[0], b[2]);
    }
}
