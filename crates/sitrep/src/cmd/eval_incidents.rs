//! `sitrep eval incidents`: score reconciliation (which reports are one incident) against
//! hand-made incident labels over gold event records. The figures (gold records,
//! baseline, extracted records) are defined and computed in `sitrep_eval::incidents`;
//! this command prints them.

use sitrep_eval::incidents::{evaluate, Options};
use std::path::PathBuf;
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

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let report = evaluate(&Options {
        gold: args.gold,
        labels: args.labels,
        extract: !args.no_extract,
        verbose: args.verbose,
    })?;
    for e in &report.errors {
        println!("{e}");
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.json())?);
    } else {
        for l in report.lines() {
            println!("{l}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
