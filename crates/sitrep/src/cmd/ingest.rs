//! `sitrep ingest`: read files into a database, extracting as it goes.
//!
//! This module parses the arguments, shows progress and prints the summary; the work is
//! `sitrep_driver::ingest` (parallel reading and extraction in input order, one writer,
//! batches of `--batch-size` documents per transaction, unchanged documents skipped
//! before extraction, documents stored by older stage versions re-extracted). A path
//! that cannot be listed is reported and the rest is read; a store error stops the run
//! with a message and how much was committed.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_driver::{IngestOptions, Observer, Totals};
use sitrep_ingest::{InputFormat, ReadOptions};
use sitrep_store::Store;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Per-item errors printed in full before the rest are only counted.
const MAX_PRINTED_ERRORS: usize = 100;

/// Arguments of `sitrep ingest`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Formats (by extension, or --input-format): .txt text, .html/.htm HTML, \
.jsonl/.ndjson JSON lines, .rss/.atom/.xml RSS 2.0 or Atom, .warc/.warc.gz WARC \
(CC-NEWS), result.json Telegram Desktop channel export, .csv CSV (FA-KES layout or \
--csv-map).\n\nRe-running is safe: documents already stored with the same content are \
skipped, changed ones are updated, ones whose layers came from older stage versions are \
extracted again, and syndicated copies of an article are linked to \
the first copy (`sitrep docs list --duplicates`).\n\nExamples:\n  sitrep ingest ./articles\n  \
sitrep ingest cc-news.warc.gz feeds/ --db news.db --jobs 2\n  sitrep ingest export.csv \
--csv-map id=guid,title=headline,text=body,published=date,publisher=site"
)]
pub struct Args {
    /// Files or directories to read (directories recursively; hidden files skipped).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Database to write: a SQLite file (created if missing; WAL files `FILE-wal`,
    /// `FILE-shm` sit next to it) or a PostgreSQL URL, `postgres://user@host/db`, which
    /// several ingest processes may write at once.
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Worker threads for reading and extraction [default: all cores].
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Input format: auto, text, html, jsonl, feed, warc, telegram, csv.
    #[arg(long, default_value = "auto")]
    pub input_format: String,
    /// CSV column mapping, `field=column,...` (fields: id, title, text, published,
    /// publisher, url, language) [default: FA-KES / common header names].
    #[arg(long)]
    pub csv_map: Option<String>,
    /// Publication date for every document (`YYYY-MM-DD`), overriding the input's.
    #[arg(long)]
    pub published: Option<String>,
    /// Do not run the line cleaner.
    #[arg(long)]
    pub no_clean: bool,
    /// Refuse files / records larger than this many bytes.
    #[arg(long, default_value_t = sitrep_ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Documents per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch_size: usize,
    /// Extract every document again and replace its layers and events, even when it is
    /// stored unchanged by this version (documents stored by older stage versions are
    /// re-extracted without it).
    #[arg(long)]
    pub reextract: bool,
    /// Never show the progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// Progress bar and error printing for the driver.
struct Cli {
    pb: ProgressBar,
    printed: usize,
    started: Instant,
}

impl<S: ?Sized> Observer<S> for Cli {
    fn failed(&mut self, message: &str) {
        if self.printed < MAX_PRINTED_ERRORS {
            self.pb.suspend(|| eprintln!("error: {message}"));
            self.printed += 1;
        }
    }
    fn file_done(&mut self, bytes: u64) {
        self.pb.inc(bytes);
    }
    fn progress(&mut self, t: &Totals) {
        if t.read.is_multiple_of(256) {
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            self.pb.set_message(format!(
                "{} docs ({:.0}/s), {} failed",
                t.read,
                t.read as f64 / secs,
                t.failed
            ));
        }
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = InputFormat::parse(&args.input_format).with_context(|| {
        format!(
            "unknown --input-format `{}`\nhelp: use auto, text, html, jsonl, feed, warc, telegram or csv",
            args.input_format
        )
    })?;
    let csv_map = args
        .csv_map
        .as_deref()
        .map(sitrep_ingest::csv::CsvMap::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--csv-map: {e}\nhelp: e.g. --csv-map id=unit_id,title=article_title,text=article_content,published=date,publisher=source"))?;
    let opts = IngestOptions {
        read: ReadOptions {
            format,
            max_bytes: args.max_bytes,
            clean: !args.no_clean,
            published: args.published.clone(),
            csv_map,
        },
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1),
        batch_size: args.batch_size.max(1),
        reextract: args.reextract,
    };
    let (sources, path_errors) = sitrep_driver::sources_from_paths(&args.paths);
    for e in &path_errors {
        eprintln!("error: {e}");
    }
    let total_bytes: u64 = sources
        .iter()
        .filter_map(|s| match s {
            sitrep_driver::Source::File { path, .. } => std::fs::metadata(path).ok(),
            sitrep_driver::Source::Items { .. } => None,
        })
        .map(|m| m.len())
        .sum();
    let files = sources.len();
    let mut store = sitrep_store::open(&args.db, false)
        .with_context(|| format!("opening database {}", args.db))?;
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;

    let show = !args.no_progress && std::io::stderr().is_terminal();
    let pb = ProgressBar::with_draw_target(
        Some(total_bytes.max(1)),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut cli = Cli {
        pb,
        printed: 0,
        started,
    };
    let db = args.db.clone();
    let result = sitrep_driver::ingest(
        &mut store,
        || sitrep_store::open_reader(&db),
        &pipeline,
        sources,
        &opts,
        &mut cli,
    );
    cli.pb.finish_and_clear();
    let mut totals = result.with_context(|| format!("writing to {}", args.db))?;
    totals.failed += path_errors.len();
    totals
        .failures
        .extend(path_errors.iter().map(|e| e.to_string()));

    let secs = started.elapsed().as_secs_f64();
    let s = &totals.stored;
    println!(
        "{} documents read from {} files in {:.1}s ({:.0} docs/s) into {}",
        totals.read,
        files,
        secs,
        totals.read as f64 / secs.max(1e-3),
        args.db
    );
    println!(
        "  new {}, updated {}, unchanged {}, duplicates {} (linked to an original)",
        s.inserted,
        s.updated,
        s.unchanged + totals.unchanged_early,
        s.duplicates
    );
    println!(
        "  re-extracted {} (same content, stored by older stage versions)",
        s.reextracted
    );
    println!("  events {}", s.events);
    println!("  skipped {} (no text)", totals.skipped);
    println!("  failed {}", totals.failed);
    if totals.failed > 0 {
        for (r, n) in totals.reasons().iter().take(10) {
            println!("    {n} × {r}");
        }
        if cli.printed < totals.failed - path_errors.len() {
            eprintln!(
                "({} more errors not printed)",
                totals.failed - path_errors.len() - cli.printed
            );
        }
    }
    let stats = store.stats()?;
    println!(
        "database: {} documents ({} duplicates), {} events",
        stats.documents, stats.duplicates, stats.events
    );
    Ok(if totals.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
