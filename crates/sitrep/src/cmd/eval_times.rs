//! `sitrep eval times`: score the `times` stage against TimeML (`.tml`) files or the
//! seed's gold JSON.
//!
//! TimeML is the TempEval-3 format, so any TimeML corpus can be used. Figures follow
//! TempEval-3: strict span F1 (same start and end), relaxed span F1 (overlap, one to
//! one) and value F1 (a relaxed match with the gold TIMEX3 value; precision over every
//! predicted expression, recall over every gold one). `--seed` scores a `*.gold.json`
//! whose `times` list gives `{text, value}` pairs, matched by text. The scoring lives in
//! `sitrep_eval::times`; this command prints.

use anyhow::bail;
use sitrep_eval::times::{eval_seed, eval_tml, pipeline, score_lines};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep eval times`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep eval times --tml eval/times/dev\n  sitrep eval times --seed ../shared/eval/seed/khalilzad-2020-09-27.gold.json"
)]
pub struct Args {
    /// TimeML files, or directories searched for `*.tml`.
    #[arg(long, num_args = 1..)]
    pub tml: Vec<PathBuf>,
    /// A seed gold file (`*.gold.json` with a `times` list); its text is the `.txt`
    /// beside it.
    #[arg(long)]
    pub seed: Vec<PathBuf>,
    /// Print every miss, spurious expression and wrong value.
    #[arg(long)]
    pub errors: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.tml.is_empty() && args.seed.is_empty() {
        bail!("nothing to score\nhelp: pass --tml FILES_OR_DIRS and/or --seed FILE.gold.json");
    }
    let pipeline = pipeline()?;
    if !args.tml.is_empty() {
        let r = eval_tml(&pipeline, &args.tml, args.errors)?;
        r.errors.iter().for_each(|l| println!("{l}"));
        println!("{}", r.header());
        score_lines("tml", &r.scores, true)
            .iter()
            .for_each(|l| println!("{l}"));
    }
    for seed in &args.seed {
        let r = eval_seed(&pipeline, seed, args.errors)?;
        r.errors.iter().for_each(|l| println!("{l}"));
        println!("{}", r.header());
        score_lines("seed", &r.scores, false)
            .iter()
            .for_each(|l| println!("{l}"));
    }
    Ok(ExitCode::SUCCESS)
}
