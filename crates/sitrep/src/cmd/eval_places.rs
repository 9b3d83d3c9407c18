//! `sitrep eval places`: scores the geoparser against toponym gold in the TR-News or the
//! GeoVirus XML format (told apart by their elements), end to end from raw text.
//!
//! Reports, per gold file, toponym precision/recall/F1 on exact spans (and on overlapping
//! spans), exact GeoNames-id accuracy and accuracy within 161 km over the gold toponyms
//! found, and the end-to-end figure: the share of ALL gold toponyms both found and placed
//! within 161 km. Each is given with demonyms ("Turkish": TR-News counts them as toponyms),
//! without (GeoVirus does not), and for exactly what the `places` layer writes (no
//! demonyms, no names inside organisations' names, no capitals standing for governments).
//! The local places the stage writes (villages the gazetteer lacks, at their parent's
//! point) count as found. For GeoVirus (Wikipedia pages, no GeoNames ids) one more line,
//! "areas named": a country, division or continent is also right when the gold page
//! names that entry, whatever the distance between Wikipedia's and GeoNames' points.
//! `--errors` lists what went wrong.

use anyhow::Context;
use sitrep_nlp::places::geovirus;
use sitrep_nlp::places::trnews::{self, EvalOptions};
use sitrep_nlp::places::Places;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold file(s) in the TR-News or GeoVirus XML format (e.g.
    /// ../shared/eval/geo-dev/TR-News.xml ../shared/eval/geo-dev/GeoVirus.xml); each is
    /// scored on its own.
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Print every error (missed, spurious, wrong entry).
    #[arg(long)]
    pub errors: bool,
    /// Exit with failure when a file's toponym F1 (its own convention: demonyms included
    /// for TR-News, place names only for GeoVirus) is below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let places = Places::new()?;
    let mut worst_f1 = f64::INFINITY;
    for path in &args.gold {
        let xml = std::fs::read_to_string(path).with_context(|| {
            format!(
                "cannot read {}\nhelp: pass a TR-News or GeoVirus XML file, e.g. ../shared/eval/geo-dev/TR-News.xml",
                path.display()
            )
        })?;
        let (format, articles) = if geovirus::looks_like(&xml) {
            ("GeoVirus", geovirus::read(&xml))
        } else {
            ("TR-News", trnews::read(&xml))
        };
        let articles = articles.map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let n_top: usize = articles.iter().map(|a| a.toponyms.len()).sum();
        println!(
            "# {} ({format}): {} articles, {} gold toponyms (end to end from raw text)",
            path.display(),
            articles.len(),
            n_top
        );
        let t0 = std::time::Instant::now();
        let opts = |demonyms, layer| EvalOptions { demonyms, layer };
        let with = trnews::evaluate(&places, &articles, opts(true, false));
        let secs = t0.elapsed().as_secs_f64();
        let without = trnews::evaluate(&places, &articles, opts(false, false));
        let layer = trnews::evaluate(&places, &articles, opts(false, true));
        for (label, r) in [
            ("with demonyms (TR-News convention)", &with),
            ("without demonyms (GeoVirus convention)", &without),
            (
                "the places layer (no demonyms, names inside organisations or governments)",
                &layer,
            ),
        ] {
            println!("\n== {label}");
            println!("{}", r.spans.line("toponyms (exact span)"));
            println!("{}", r.overlap.line("toponyms (overlap)"));
            if r.exact_id.total > 0 {
                println!("{}", r.exact_id.line("exact GeoNames id (found)"));
            }
            println!("{}", r.within_161.line("within 161 km (found)"));
            println!("{}", r.end_to_end_161.line("found & within 161 km (all)"));
            if r.end_to_end_area_named.total > 0 {
                println!(
                    "{}",
                    r.end_to_end_area_named.line("found & right, areas named")
                );
            }
        }
        println!(
            "\n{:.1} ms for {} articles ({:.0} µs/article)\n",
            secs * 1e3,
            articles.len(),
            secs * 1e6 / articles.len().max(1) as f64
        );
        let main = if format == "GeoVirus" {
            &without
        } else {
            &with
        };
        worst_f1 = worst_f1.min(main.spans.f1());
        if args.errors {
            println!("== errors ({format})");
            for (doc, kind, phrase, detail) in &main.errors {
                println!("{doc}\t{kind}\t{phrase}\t{detail}");
            }
            println!();
        }
    }
    if let Some(min) = args.min_f1 {
        if worst_f1 < min {
            eprintln!(
                "toponym F1 {worst_f1:.3} is below --min-f1 {min}\nhelp: run with --errors to see what was missed"
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}
