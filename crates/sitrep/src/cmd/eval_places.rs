//! `sitrep eval places`: scores the geoparser against toponym gold in the TR-News or the
//! GeoVirus XML format, end to end from raw text, under three conventions (with
//! demonyms, without, exactly the `places` layer). The figures are defined and computed
//! in `sitrep_eval::places`; this command prints them. `--errors` lists what went wrong.

use sitrep_eval::places::evaluate_file;
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
        let r = evaluate_file(&places, path)?;
        r.lines(path).iter().for_each(|l| println!("{l}"));
        worst_f1 = worst_f1.min(r.main().spans.f1());
        if args.errors {
            r.error_lines().iter().for_each(|l| println!("{l}"));
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
