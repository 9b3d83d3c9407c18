//! `sitrep extract`: read files, run the pipeline, print one JSON object per document.

use anyhow::Context;
use sitrep_ingest::ReadOptions;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
    let opts = ReadOptions::default();
    let files = sitrep_ingest::expand_paths(&args.paths)?;
    let mut failed = 0usize;
    for f in files {
        for item in sitrep_ingest::read_path(&f, &opts) {
            match item {
                Ok(mut doc) => {
                    pipeline.run(&mut doc)?;
                    println!("{}", serde_json::to_string(&doc)?);
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("error: {e}");
                }
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
