//! `sitrep eval quotes`: scores the `quotes` stage on a gold file and prints overlap and
//! exact P/R/F1 and speaker accuracy. The scoring lives in `sitrep_nlp::quotes::eval`;
//! the gold format is documented in `eval/quotes/README.md`.

use anyhow::Context;
use sitrep_model::Doc;
use sitrep_nlp::quotes::eval::{read_gold, score_doc, Figures};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold files: JSON lines (`eval/quotes/dev.jsonl`) or a seed `*.gold.json`.
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
    for path in &args.gold {
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
        println!("{}", serde_json::to_string_pretty(&fig)?);
    } else {
        println!("quotes: {} passages", fig.docs);
        println!("{}", fig.overlap.line("overlap"));
        println!("{}", fig.exact.line("exact"));
        println!("{}", fig.speaker.line("speaker accuracy"));
        println!("{}", fig.kind.line("kind agreement"));
    }
    Ok(ExitCode::SUCCESS)
}
