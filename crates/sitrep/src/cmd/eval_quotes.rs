//! `sitrep eval quotes`: scores the `quotes` stage on a gold file and prints overlap and
//! exact P/R/F1 and speaker accuracy, or on a PolNeAR directory (brat attributions, read
//! directly) and prints direct P/R/F1, indirect P/R/F1 and speaker accuracy. The scoring
//! lives in `sitrep_nlp::quotes::eval` and `sitrep_nlp::quotes::polnear`; the gold
//! formats are documented in `eval/quotes/README.md`.

use anyhow::Context;
use sitrep_model::Doc;
use sitrep_nlp::quotes::eval::{read_gold, score_doc, Figures};
use sitrep_nlp::quotes::polnear::{self, BenchFigures};
use std::path::{Path, PathBuf};
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
    let pipeline =
        sitrep_nlp::pipeline_of(&["sentences", "places", "entities", "people", "quotes"])?;
    let mut fig = Figures::default();
    let mut bench = BenchFigures::default();
    let (mut any_gold, mut any_bench) = (false, false);
    for path in &args.gold {
        if path.is_dir() {
            any_bench = true;
            run_brat(&pipeline, path, args.verbose, &mut bench)?;
            continue;
        }
        any_gold = true;
        for (g, text) in read_gold(path)? {
            let mut doc = Doc::new(g.id.clone(), text.clone());
            doc.published = g.published.clone();
            pipeline
                .run(&mut doc)
                .with_context(|| format!("{}: passage `{}`", path.display(), g.id))?;
            let pred = doc.quotes.unwrap_or_default();
            let lines = score_doc(&text, &g.quotes, &pred, &mut fig);
            if args.verbose && !lines.is_empty() {
                println!("{}", g.id);
                for l in lines {
                    println!("{l}");
                }
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

fn run_brat(
    pipeline: &sitrep_nlp::Pipeline,
    dir: &Path,
    verbose: bool,
    bench: &mut BenchFigures,
) -> anyhow::Result<()> {
    let docs = polnear::read_dir(dir)?;
    for d in &docs {
        let mut doc = Doc::new(d.id.clone(), d.text.clone());
        doc.published = d.published.clone();
        pipeline
            .run(&mut doc)
            .with_context(|| format!("{}: document `{}`", dir.display(), d.id))?;
        let pred = doc.quotes.unwrap_or_default();
        let lines = polnear::score_doc(d, &pred, bench);
        if verbose && !lines.is_empty() {
            println!("{}", d.id);
            for l in lines {
                println!("{l}");
            }
        }
    }
    Ok(())
}
