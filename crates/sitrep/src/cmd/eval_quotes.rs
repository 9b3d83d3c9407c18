//! `sitrep eval quotes` (skeleton: to be replaced by the real implementation).

use std::process::ExitCode;

/// Arguments (none yet).
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
