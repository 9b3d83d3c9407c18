//! `sitrep eval events`: score the `events` stage against gold records, as
//! `EVENTS-GUIDE.md` defines it (match on country, date ± 1 day and admin1; greedy best
//! agreement; event P/R/F1, then agreement rates over matched pairs).
//!
//! Two gold shapes: JSON lines with the article text on each line (`events-dev.jsonl`),
//! or one `NAME.gold.json` with the article in `NAME.txt` beside it (the seed). Reading
//! and scoring live in `sitrep_eval::events`; this command prints.

use anyhow::Context;
use sitrep_eval::events::{load_gold, run_article, EventScores};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep eval events --gold ../shared/eval/events-dev.jsonl\n  sitrep eval events --gold ../shared/eval/seed/khalilzad-2020-09-27.gold.json --verbose\n  sitrep eval events --gold dev.jsonl --dump out.jsonl --events plover"
)]
pub struct Args {
    /// Gold file: JSON lines (`id`, `published`, `text`, `events`) or a `.gold.json`
    /// with its `.txt` beside it.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print each article's system and gold records and the matches.
    #[arg(long, short)]
    pub verbose: bool,
    /// Write the system's records, one article per line, to this file.
    #[arg(long)]
    pub dump: Option<PathBuf>,
    /// Shape of the dumped records: `acled` (default) or `plover`.
    #[arg(long, default_value = "acled", value_parser = ["acled", "plover"])]
    pub events: String,
    /// Print the figures as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let articles = load_gold(&args.gold)?;
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
    let mut total = EventScores::default();
    let mut dump = match &args.dump {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| {
                format!(
                    "{}: cannot create\nhelp: check the folder exists",
                    p.display()
                )
            })?,
        )),
        None => None,
    };
    for article in articles {
        let a = run_article(&pipeline, article)?;
        total.add(&a.scores);
        if args.verbose {
            for l in a.verbose_lines() {
                println!("{l}");
            }
        }
        let (doc, sys) = (&a.doc, &a.system);
        if let Some(w) = dump.as_mut() {
            let recs: Vec<serde_json::Value> = if args.events == "plover" {
                sys.iter()
                    .map(sitrep_nlp::events::plover::to_plover)
                    .collect()
            } else {
                sys.iter()
                    .map(|e| serde_json::to_value(e).unwrap_or_default())
                    .collect()
            };
            let line = serde_json::json!({"id": doc.id, "events": recs});
            writeln!(w, "{line}").context("writing the dump")?;
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&total)?);
    } else {
        println!("{}", args.gold.display());
        for l in total.lines() {
            println!("{l}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
