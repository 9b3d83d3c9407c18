//! `sitrep eval incidents`: score reconciliation (which reports are one incident) against
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

use anyhow::Context;
use serde::Serialize;
use sitrep_model::{Doc, Event};
use sitrep_nlp::events::score::{score_article, GoldEvent};
use sitrep_store::reconcile::{self, SITREP_DATASET};
use sitrep_store::EventRow;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example:\n  sitrep eval incidents --gold ../shared/eval/events-dev.jsonl \
--gold ../shared/eval/events-dev2.jsonl --labels eval/incidents/fakes-dev.jsonl\n\n\
Pairwise figures count pairs of records from different articles; B³ averages over records."
)]
pub struct Args {
    /// Gold event files (JSON lines: `id`, `published`, `text`, `events`); repeat the flag.
    #[arg(long, required = true)]
    pub gold: Vec<PathBuf>,
    /// Incident labels: JSON lines `{"incident", "records": ["ARTICLE#N", ...]}`.
    #[arg(long)]
    pub labels: PathBuf,
    /// Skip the extracted run (no pipeline; gold records and baseline only).
    #[arg(long)]
    pub no_extract: bool,
    /// Print the pairs the reconciler got wrong (gold-record run).
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

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

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
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
    doc: Doc,
    gold: Vec<GoldEvent>,
    records: Vec<(Event, String)>,
}

fn load_gold(path: &Path) -> anyhow::Result<Vec<Article>> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path)
        .with_context(|| format!("{name}: cannot open\nhelp: check the path"))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            format!("{name}:{}: not a gold article\nhelp: each line needs \"id\", \"published\", \"text\" and \"events\"", i + 1)
        };
        let v: serde_json::Value = serde_json::from_str(&line).with_context(bad)?;
        let id = v["id"].as_str().with_context(bad)?.to_string();
        let text = v["text"].as_str().with_context(bad)?.to_string();
        let mut doc = Doc::new(id.clone(), text);
        doc.published = v["published"].as_str().map(str::to_string);
        doc.title = v["title"].as_str().map(str::to_string);
        let events = v["events"].as_array().cloned().unwrap_or_default();
        let mut gold = Vec::new();
        let mut records = Vec::new();
        for (k, e) in events.into_iter().enumerate() {
            let g: GoldEvent = serde_json::from_value(e.clone())
                .with_context(|| format!("{name}: article {id}, record {k}: unreadable"))?;
            let notes = g.evidence.join(" ");
            let mut e = e;
            e["evidence"] = serde_json::json!([]);
            if e["modality"].is_null() {
                e["modality"] = serde_json::json!("reported");
            }
            let ev: Event = serde_json::from_value(e).with_context(|| {
                format!("{name}: article {id}, record {k}: not an event record\nhelp: see EVENTS-GUIDE.md for the fields")
            })?;
            gold.push(g);
            records.push((ev, notes));
        }
        out.push(Article { doc, gold, records });
    }
    Ok(out)
}

/// Reads the labels: record name (`ARTICLE#N`) → incident name.
fn load_labels(path: &Path) -> anyhow::Result<HashMap<String, String>> {
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

fn print(label: &str, s: &ClusterScores) {
    println!(
        "{label:<14} records {:>4}  pairs tp {:>3} fp {:>3} fn {:>3}  P {:.3} R {:.3} F1 {:.3}  B³ P {:.3} R {:.3} F1 {:.3}",
        s.records, s.tp, s.fp, s.fn_, s.precision, s.recall, s.f1, s.b3_precision, s.b3_recall, s.b3_f1
    );
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let labels = load_labels(&args.labels)?;
    let mut articles = Vec::new();
    for g in &args.gold {
        articles.extend(load_gold(g)?);
    }
    // Every labelled record must exist: a typo would silently score as a singleton.
    let mut names = Vec::new();
    let mut rows = Vec::new();
    for a in &articles {
        for (k, (e, notes)) in a.records.iter().enumerate() {
            names.push(format!("{}#{k}", a.doc.id));
            rows.push(row(&a.doc, k, e.clone(), notes.clone()));
        }
    }
    for r in labels.keys() {
        if !names.contains(r) {
            anyhow::bail!(
                "{}: record {r} is not in the gold files\nhelp: pass every --gold file the labels refer to",
                args.labels.display()
            );
        }
    }
    let gold = gold_ids(&names, &labels);
    let article: Vec<&str> = rows.iter().map(|r| r.doc_id.as_str()).collect();
    let on_gold = score_clusters(&article, &reconcile::cluster(&rows), &gold);
    let base = score_clusters(&article, &baseline(&rows), &gold);
    if args.verbose {
        let sys = reconcile::cluster(&rows);
        for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                if article[i] != article[j] && (sys[i] == sys[j]) != (gold[i] == gold[j]) {
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
                    println!(
                        "{kind} {} ~ {} score {}\n    {}\n    {}",
                        names[i],
                        names[j],
                        score.map_or("none (hard no-match)".into(), |s| format!("{s:.2}")),
                        show(&rows[i]),
                        show(&rows[j])
                    );
                }
            }
        }
    }
    let mut extracted = None;
    if !args.no_extract {
        let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
        let mut sys_rows = Vec::new();
        let mut sys_gold: Vec<Option<String>> = Vec::new();
        let mut gold_events = 0usize;
        for a in &articles {
            let mut doc = a.doc.clone();
            pipeline
                .run(&mut doc)
                .with_context(|| format!("running the pipeline on {}", doc.id))?;
            let sys = doc.events.clone().unwrap_or_default();
            let (_, matched) = score_article(&sys, &a.gold);
            gold_events += a.gold.len();
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
        let g = gold_ids(&kept_names, &labels);
        let art: Vec<&str> = keep.iter().map(|&i| sys_rows[i].doc_id.as_str()).collect();
        let s: Vec<usize> = keep.iter().map(|&i| clusters[i]).collect();
        let base_all = baseline(&sys_rows);
        let b: Vec<usize> = keep.iter().map(|&i| base_all[i]).collect();
        extracted = Some((
            score_clusters(&art, &s, &g),
            score_clusters(&art, &b, &g),
            sys_rows.len(),
            keep.len(),
            gold_events,
        ));
    }
    if args.json {
        let mut v = serde_json::json!({"gold_records": on_gold, "baseline": base});
        if let Some((s, b, n, m, g)) = &extracted {
            v["extracted"] = serde_json::json!({
                "scores": s, "baseline": b, "system_records": n, "matched": m, "gold_records": g
            });
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "incident labels: {} ({} labelled records in {} incidents); {} gold records in {} articles",
            args.labels.display(),
            labels.len(),
            labels.values().collect::<std::collections::BTreeSet<_>>().len(),
            rows.len(),
            articles.len()
        );
        print("gold records", &on_gold);
        print("  baseline", &base);
        if let Some((s, b, n, m, g)) = &extracted {
            println!("extracted: {n} system records, {m} matched to the {g} gold records (pairs scored over the matched)");
            print("extracted", s);
            print("  baseline", b);
        }
    }
    Ok(ExitCode::SUCCESS)
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
