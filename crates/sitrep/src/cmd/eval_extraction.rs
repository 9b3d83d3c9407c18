//! `sitrep eval extraction`: scores main-content extraction from HTML pages on the
//! ScrapingHub article-extraction benchmark's layout and measure (token F1 per page,
//! averaged). The reading and scoring live in `sitrep_eval::extraction`; this command
//! prints.

use std::path::PathBuf;
use std::process::ExitCode;

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

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let report = sitrep_eval::extraction::evaluate(&args.pages, &args.truth, !args.no_clean)?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for l in report.lines(args.verbose) {
        println!("{l}");
    }
    Ok(ExitCode::SUCCESS)
}
