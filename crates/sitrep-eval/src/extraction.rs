//! Main-content extraction from HTML pages scored: the library behind
//! `sitrep eval extraction`.
//!
//! Uses the ScrapingHub article-extraction benchmark's layout and measure: `--truth` is a
//! JSON object mapping page id → `{"articleBody": …}`, pages are `<pages>/html/<id>.html.gz`
//! (or `<pages>/<id>.html[.gz]`). Both texts are lower-cased and split on whitespace; the
//! overlap of the two token multisets gives per-page precision, recall and F1, averaged
//! over pages (the benchmark's convention). The extraction is the one `sitrep extract`
//! runs (HTML reader + line cleaner, or without the cleaner with `--no-clean`), on one
//! thread, so the pages/s printed is a one-core figure.

use crate::score::Prf;
use anyhow::Context;
use sitrep_ingest::{InputFormat, ReadOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Lower-cased whitespace tokens with their counts.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in text.split_whitespace() {
        *m.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// Token-level counts of one predicted text against its gold text.
pub fn token_prf(pred: &str, gold: &str) -> Prf {
    let (p, g) = (bag(pred), bag(gold));
    let tp: usize = p
        .iter()
        .map(|(t, n)| (*n).min(g.get(t).copied().unwrap_or(0)))
        .sum();
    let np: usize = p.values().sum();
    let ng: usize = g.values().sum();
    Prf {
        tp,
        fp: np - tp,
        fn_: ng - tp,
    }
}

fn page_path(dir: &Path, id: &str) -> Option<PathBuf> {
    [
        dir.join("html").join(format!("{id}.html.gz")),
        dir.join("html").join(format!("{id}.html")),
        dir.join(format!("{id}.html.gz")),
        dir.join(format!("{id}.html")),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// The figures of one run.
#[derive(Debug, Clone)]
pub struct Report {
    /// Per page: id and token counts.
    pub rows: Vec<(String, Prf)>,
    /// Ids with no page file.
    pub missing: usize,
    /// Pages the reader failed on (scored as empty).
    pub failed: usize,
    /// The reader's errors, one line each.
    pub warnings: Vec<String>,
    /// Whether the line cleaner ran.
    pub clean: bool,
    /// Time spent reading and cleaning (one thread).
    pub elapsed: Duration,
}

impl Report {
    /// The report; with `verbose`, one line per page first (worst first).
    pub fn lines(&self, verbose: bool) -> Vec<String> {
        let mut out = Vec::new();
        let n = self.rows.len() as f64;
        let mean = |f: fn(&Prf) -> f64| self.rows.iter().map(|(_, p)| f(p)).sum::<f64>() / n;
        let (p, r, f) = (mean(Prf::precision), mean(Prf::recall), mean(Prf::f1));
        if verbose {
            let mut rows: Vec<&(String, Prf)> = self.rows.iter().collect();
            rows.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()));
            for (id, prf) in rows {
                out.push(prf.line(&id[..id.len().min(16)]));
            }
            out.push(String::new());
        }
        let mut micro = Prf::default();
        self.rows.iter().for_each(|(_, x)| micro.add(*x));
        out.push(format!(
            "pages {}  (missing {}, failed {})  cleaner {}",
            self.rows.len(),
            self.missing,
            self.failed,
            if self.clean { "on" } else { "off" }
        ));
        out.push(format!(
            "mean per page                P {p:.3}  R {r:.3}  F1 {f:.3}"
        ));
        out.push(micro.line("all tokens (micro)"));
        out.push(format!(
            "speed                        {:.0} pages/s on one thread ({:.2} s wall time; one-core CPU figure: cargo bench -p sitrep-ingest --bench html)",
            n / self.elapsed.as_secs_f64().max(1e-9),
            self.elapsed.as_secs_f64()
        ));
        out
    }
}

/// Reads every page named in the ground truth `truth` from `pages` (as `sitrep extract`
/// does, with or without the line cleaner) and scores its text.
pub fn evaluate(pages: &Path, truth: &Path, clean: bool) -> anyhow::Result<Report> {
    let raw = std::fs::read_to_string(truth).with_context(|| {
        format!(
            "reading the ground truth {}\nhelp: check the path",
            truth.display()
        )
    })?;
    let truth_map: HashMap<String, serde_json::Value> =
        serde_json::from_str(&raw).with_context(|| {
            format!(
                "{}: not a JSON object of id -> {{\"articleBody\": ...}}",
                truth.display()
            )
        })?;
    let mut ids: Vec<&String> = truth_map.keys().collect();
    ids.sort();
    let opts = ReadOptions {
        format: InputFormat::Html,
        clean,
        ..ReadOptions::default()
    };
    let mut report = Report {
        rows: Vec::new(),
        missing: 0,
        failed: 0,
        warnings: Vec::new(),
        clean,
        elapsed: Duration::ZERO,
    };
    for id in ids {
        let gold = truth_map[id]
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let Some(path) = page_path(pages, id) else {
            report.missing += 1;
            continue;
        };
        let t0 = Instant::now();
        let doc = sitrep_ingest::read_path(&path, &opts).next();
        report.elapsed += t0.elapsed();
        let pred = match doc {
            Some(Ok(d)) => d.text,
            Some(Err(e)) => {
                report.failed += 1;
                report.warnings.push(e.to_string());
                String::new()
            }
            None => String::new(),
        };
        report.rows.push((id.clone(), token_prf(&pred, gold)));
    }
    anyhow::ensure!(
        !report.rows.is_empty(),
        "no pages found for the ids in {} under {}\nhelp: --pages should hold html/<id>.html.gz",
        truth.display(),
        pages.display()
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_overlap_is_a_multiset() {
        let p = token_prf("the the cat sat", "The cat sat on the mat");
        assert_eq!((p.tp, p.fp, p.fn_), (4, 0, 2));
        let p = token_prf("", "a b");
        assert_eq!((p.tp, p.fp, p.fn_), (0, 0, 2));
        assert_eq!(p.f1(), 0.0);
    }
}
