//! `sitrep eval extraction`: scores main-content extraction from HTML pages.
//!
//! Uses the ScrapingHub article-extraction benchmark's layout and measure: `--truth` is a
//! JSON object mapping page id → `{"articleBody": …}`, pages are `<pages>/html/<id>.html.gz`
//! (or `<pages>/<id>.html[.gz]`). Both texts are lower-cased and split on whitespace; the
//! overlap of the two token multisets gives per-page precision, recall and F1, averaged
//! over pages (the benchmark's convention). The extraction is the one `sitrep extract`
//! runs (HTML reader + line cleaner, or without the cleaner with `--no-clean`), on one
//! thread, so the pages/s printed is a one-core figure.

use anyhow::Context;
use sitrep_ingest::{InputFormat, ReadOptions};
use sitrep_nlp::score::Prf;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `sitrep eval extraction`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder with the pages (`html/<id>.html.gz` under it, or `<id>.html[.gz]` in it).
    #[arg(long)]
    pub pages: PathBuf,
    /// Ground truth: JSON object id → {"articleBody": "..."}.
    #[arg(long)]
    pub truth: PathBuf,
    /// Score the extractor's text before the line cleaner runs.
    #[arg(long)]
    pub no_clean: bool,
    /// Print one line per page (worst first).
    #[arg(long, short)]
    pub verbose: bool,
}

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

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let raw = std::fs::read_to_string(&args.truth)
        .with_context(|| format!("reading the ground truth {}", args.truth.display()))?;
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_str(&raw).with_context(|| {
            format!(
                "{}: not a JSON object of id -> {{\"articleBody\": ...}}",
                args.truth.display()
            )
        })?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let opts = ReadOptions {
        format: InputFormat::Html,
        clean: !args.no_clean,
        ..ReadOptions::default()
    };
    let mut rows: Vec<(String, Prf)> = Vec::new();
    let mut missing = 0usize;
    let mut failed = 0usize;
    let mut elapsed = std::time::Duration::ZERO;
    for id in ids {
        let gold = truth[id]
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let Some(path) = page_path(&args.pages, id) else {
            missing += 1;
            continue;
        };
        let t0 = Instant::now();
        let doc = sitrep_ingest::read_path(&path, &opts).next();
        elapsed += t0.elapsed();
        let pred = match doc {
            Some(Ok(d)) => d.text,
            Some(Err(e)) => {
                failed += 1;
                eprintln!("warning: {e}");
                String::new()
            }
            None => String::new(),
        };
        rows.push((id.clone(), token_prf(&pred, gold)));
    }
    anyhow::ensure!(
        !rows.is_empty(),
        "no pages found for the ids in {} under {}\nhelp: --pages should hold html/<id>.html.gz",
        args.truth.display(),
        args.pages.display()
    );
    let n = rows.len() as f64;
    let mean = |f: fn(&Prf) -> f64| rows.iter().map(|(_, p)| f(p)).sum::<f64>() / n;
    let (p, r, f) = (mean(Prf::precision), mean(Prf::recall), mean(Prf::f1));
    if args.verbose {
        rows.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()));
        for (id, prf) in &rows {
            println!("{}", prf.line(&id[..id.len().min(16)]));
        }
        println!();
    }
    let mut micro = Prf::default();
    rows.iter().for_each(|(_, x)| micro.add(*x));
    println!(
        "pages {}  (missing {missing}, failed {failed})  cleaner {}",
        rows.len(),
        if args.no_clean { "off" } else { "on" }
    );
    println!("mean per page                P {p:.3}  R {r:.3}  F1 {f:.3}");
    println!("{}", micro.line("all tokens (micro)"));
    println!(
        "speed                        {:.0} pages/s on one thread ({:.2} s wall time; one-core CPU figure: cargo bench -p sitrep-ingest --bench html)",
        n / elapsed.as_secs_f64().max(1e-9),
        elapsed.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
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
