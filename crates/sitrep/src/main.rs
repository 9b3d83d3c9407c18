//! The `sitrep` command: parse arguments, call the libraries, print.
//!
//! Every behaviour lives in a library crate (`sitrep-ingest`, `sitrep-nlp`,
//! `sitrep-store`) so it can be tested without the CLI; each subcommand is one module
//! under `cmd/` with its `Args` and a `run` function. Errors print their whole chain.

mod cmd;
mod view;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// mimalloc: the pipeline allocates many small vectors and strings per sentence; with it
// `sitrep extract` runs about a fifth faster than with the system allocator (see the
// pipeline benchmark, which uses the same allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn conflict news into event data you can trust: who attacked whom, when, where, how
/// many were killed, and who said so — every value pointing at the words it came from.
#[derive(Parser, Debug)]
#[command(name = "sitrep", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  sitrep extract examples/helmand-checkpoints.txt --format pretty\n  sitrep ingest ./articles --db news.db\n  sitrep events --db news.db --country AF --since 2020-01-01 --format csv"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract times, places, quotes, counts and events from articles and print them.
    Extract(cmd::extract::Args),
    /// Score an extractor on gold data (precision / recall / F1).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Read articles into a database (SQLite), extracting as it goes.
    Ingest(cmd::ingest::Args),
    /// Query events in a database; print a table or export CSV / JSON lines / Parquet.
    Events(cmd::events::Args),
    /// List and show documents in a database, with their marks.
    Docs(cmd::docs::Args),
    /// List and export incidents (reports of one event across outlets, reconciled).
    Incidents(cmd::incidents::Args),
    /// Recompute every incident from scratch (deterministic, same ids).
    Reconcile(cmd::incidents::ReconcileArgs),
    /// Incidents, deaths and injured per week or month, by country, province, type or actor.
    Trend(cmd::trend::TrendArgs),
    /// Change between two periods per country, province, type or actor (ACLED labels).
    Compare(cmd::trend::CompareArgs),
    /// One self-contained HTML report (timeline, provinces, map, top incidents, trend).
    Report(cmd::report::Args),
    /// Import an ACLED or UCDP GED CSV to compare against (`compare --source`).
    Import(cmd::import::Args),
    /// Serve the HTTP API and the dashboard (map, timeline, articles) over a database.
    Serve(cmd::serve::Args),
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Main-content extraction from HTML pages (ScrapingHub benchmark token P/R/F1).
    Extraction(cmd::eval_extraction::Args),
    /// Time expressions against TimeML (.tml) files or the seed's gold.
    Times(cmd::eval_times::Args),
    /// Toponyms against TR-News-style XML (span F1, GeoNames accuracy, within 161 km).
    Places(cmd::eval_places::Args),
    /// Event records against gold JSON lines (matched on country, date ± 1 day and admin1).
    Events(cmd::eval_events::Args),
    /// Reconciliation against incident labels: pairwise P/R/F1 and B³, with a baseline.
    Incidents(cmd::eval_incidents::Args),
    /// Quote spans and speakers against a quotes gold file.
    Quotes(cmd::eval_quotes::Args),
}

/// Restores the default SIGPIPE action so `sitrep … | head` ends quietly, like other
/// Unix tools, instead of panicking on a closed pipe.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default at start-up, before any
    // threads exist, has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    sitrep_driver::memory::return_memory_promptly();
    quiet_broken_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval { what } => match what {
            EvalCommand::Extraction(a) => cmd::eval_extraction::run(a),
            EvalCommand::Times(a) => cmd::eval_times::run(a),
            EvalCommand::Places(a) => cmd::eval_places::run(a),
            EvalCommand::Events(a) => cmd::eval_events::run(a),
            EvalCommand::Incidents(a) => cmd::eval_incidents::run(a),
            EvalCommand::Quotes(a) => cmd::eval_quotes::run(a),
        },
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Docs(a) => cmd::docs::run(a),
        Command::Incidents(a) => cmd::incidents::run(a),
        Command::Reconcile(a) => cmd::incidents::run_reconcile(a),
        Command::Trend(a) => cmd::trend::run_trend(a),
        Command::Compare(a) => cmd::trend::run_compare(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
