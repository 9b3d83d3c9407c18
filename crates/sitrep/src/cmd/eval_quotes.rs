//! `sitrep eval quotes`: scores the `quotes` stage on a gold file and prints overlap and
//! exact P/R/F1 and speaker accuracy, or on a PolNeAR directory (brat attributions, read
//! directly) and prints direct P/R/F1, indirect P/R/F1 and speaker accuracy. The scoring
//! lives in `sitrep_eval::quotes` and `sitrep_eval::quotes::polnear`; the gold formats
//! are documented in `eval/quotes/README.md`.

use sitrep_eval::quotes::polnear::{self, BenchFigures};
use sitrep_eval::quotes::{self as eval, Figures};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  sitrep eval quotes                                  # eval/quotes/dev.jsonl
  sitrep eval quotes ../shared/eval/seed/khalilzad-2020-09-27.gold.json
  sitrep eval quotes /work/data/polnear/data/dev      # PolNeAR split (text/ + attributions/)")]
pub struct Args {
    /// Gold: JSON lines (`eval/quotes/dev.jsonl`), a seed `*.gold.json`, or a PolNeAR
    /// directory (a split with `text/` and `attributions/`, or `.txt` beside `.ann`).
    #[arg(default_value = "eval/quotes/dev.jsonl")]
    pub gold: Vec<PathBuf>,
    /// Print every miss, false alarm and wrong speaker.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the figures as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = eval::pipeline()?;
    let mut fig = Figures::default();
    let mut bench = BenchFigures::default();
    let (mut any_gold, mut any_bench) = (false, false);
    for path in &args.gold {
        let errors = if path.is_dir() {
            any_bench = true;
            polnear::evaluate_dir(&pipeline, path, &mut bench)?
        } else {
            any_gold = true;
            eval::evaluate_gold(&pipeline, path, &mut fig)?
        };
        if args.verbose {
            for (id, lines) in errors {
                println!("{id}");
                lines.iter().for_each(|l| println!("{l}"));
            }
        }
    }
    if args.json {
        let v = serde_json::json!({
            "gold": any_gold.then_some(&fig),
            "polnear": any_bench.then_some(&bench),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    if any_gold {
        println!("quotes: {} passages", fig.docs);
        println!("{}", fig.overlap.line("overlap"));
        println!("{}", fig.exact.line("exact"));
        println!("{}", fig.speaker.line("speaker accuracy"));
        println!("{}", fig.kind.line("kind agreement"));
    }
    if any_bench {
        println!(
            "quotes (PolNeAR brat): {} documents, {} non-speech attributions left out",
            bench.docs, bench.left_out
        );
        println!("{}", bench.direct.line("direct"));
        println!("{}", bench.indirect.line("indirect"));
        println!("{}", bench.speaker.line("speaker accuracy"));
    }
    Ok(ExitCode::SUCCESS)
}
