//! `sitrep eval places`: scores the geoparser against toponym gold in the TR-News XML
//! format, end to end from raw text.
//!
//! Reports toponym precision/recall/F1 on exact spans (and on overlapping spans),
//! exact GeoNames-id accuracy and accuracy within 161 km over the gold toponyms found,
//! with and without demonyms ("Turkish"), which TR-News counts as toponyms but the
//! `places` layer keeps as evidence only. `--errors` lists what went wrong.

use anyhow::Context;
use sitrep_nlp::places::trnews::{self, EvalOptions};
use sitrep_nlp::places::Places;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold file(s) in the TR-News XML format (e.g. ../shared/eval/geo-dev/TR-News.xml).
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Print every error (missed, spurious, wrong entry).
    #[arg(long)]
    pub errors: bool,
    /// Exit with failure when toponym F1 (demonyms included) is below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let places = Places::new()?;
    let mut articles = Vec::new();
    for path in &args.gold {
        let xml = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read {}\nhelp: pass a TR-News XML file, e.g. ../shared/eval/geo-dev/TR-News.xml",
                path.display()
            )
        })?;
        let mut a = trnews::read(&xml).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        articles.append(&mut a);
    }
    let n_top: usize = articles.iter().map(|a| a.toponyms.len()).sum();
    println!(
        "{} articles, {} gold toponyms (end to end from raw text)",
        articles.len(),
        n_top
    );
    let t0 = std::time::Instant::now();
    let with = trnews::evaluate(&places, &articles, EvalOptions { demonyms: true });
    let secs = t0.elapsed().as_secs_f64();
    let without = trnews::evaluate(&places, &articles, EvalOptions { demonyms: false });
    for (label, r) in [
        ("with demonyms (TR-News)", &with),
        ("place names only", &without),
    ] {
        println!("\n== {label}");
        println!("{}", r.spans.line("toponyms (exact span)"));
        println!("{}", r.overlap.line("toponyms (overlap)"));
        println!("{}", r.exact_id.line("exact GeoNames id"));
        println!("{}", r.within_161.line("within 161 km"));
    }
    println!(
        "\n{:.1} ms for {} articles ({:.0} µs/article)",
        secs * 1e3,
        articles.len(),
        secs * 1e6 / articles.len().max(1) as f64
    );
    if args.errors {
        println!("\n== errors (with demonyms)");
        for (doc, kind, phrase, detail) in &with.errors {
            println!("{doc}\t{kind}\t{phrase}\t{detail}");
        }
    }
    if let Some(min) = args.min_f1 {
        if with.spans.f1() < min {
            eprintln!(
                "toponym F1 {:.3} is below --min-f1 {min}\nhelp: run with --errors to see what was missed",
                with.spans.f1()
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}
