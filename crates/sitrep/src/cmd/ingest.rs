//! `sitrep ingest`: read files into a database, extracting as it goes.
//!
//! Data flow: `expand_paths` → files in parallel (rayon, `--jobs` threads); within a file,
//! items are read in chunks of [`CHUNK`] and extracted in parallel, so one huge CSV or
//! WARC also uses every core. Before extraction each worker asks the database (its own
//! read-only WAL connection) whether the document is already stored with the same
//! content hash and with layers made by this pipeline's stage versions; if so it is
//! *unchanged* and not extracted again, which is what makes a re-run after a crash cheap.
//! Same content stored by older (or other) stage versions is extracted again and its
//! layers and events replaced (*re-extracted*), so upgrading sitrep and re-running
//! `ingest` on the same inputs brings the database up to date. Results go through a bounded channel (memory stays flat:
//! nothing is collected per corpus) to the one writer, the main thread, which stores
//! them in batches of `--batch-size` documents, one transaction each: a killed process
//! loses at most the batch in flight, and a re-run resumes by skipping what is stored.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_ingest::{DocIter, IngestError, InputFormat, ReadOptions};
use sitrep_model::{Doc, StageRun};
use sitrep_nlp::Pipeline;
use sitrep_store::{PreparedDoc, SqliteStore, Store, UpsertSummary};
use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::time::Instant;

/// Items read from one file before they are extracted in parallel.
const CHUNK: usize = 64;

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
    /// SQLite database to write (created if missing; WAL files `FILE-wal`, `FILE-shm`
    /// sit next to it).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
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
    /// Never show the progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// What a worker hands the writer.
enum Msg {
    Doc(Box<PreparedDoc>),
    Unchanged,
    Skipped,
    Failed(String),
    FileDone(u64),
}

/// Reads one file with the reader for its format. Until `sitrep_ingest::detect`
/// dispatches to the WARC / feed / Telegram / CSV readers itself, route them here.
fn read_file(
    path: &Path,
    opts: &ReadOptions,
    csv_map: Option<&sitrep_ingest::csv::CsvMap>,
) -> DocIter {
    // An explicit column mapping goes to the CSV reader; everything else is routed by
    // sitrep-ingest's format detection.
    let is_csv = opts.format == InputFormat::Csv
        || (opts.format == InputFormat::Auto
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    match csv_map {
        Some(map) if is_csv => sitrep_ingest::csv::read_path_with(path, opts, Some(map)),
        _ => sitrep_ingest::read_path(path, opts),
    }
}

thread_local! {
    /// Each worker's read-only connection, for content-hash lookups.
    static READER: RefCell<Option<SqliteStore>> = const { RefCell::new(None) };
}

/// True when `doc` is stored with content hash `hash` and layers made by `stages` already.
fn already_stored(db: &Path, doc: &Doc, hash: &str, stages: &[StageRun]) -> bool {
    READER.with(|r| {
        let mut r = r.borrow_mut();
        if r.is_none() {
            *r = SqliteStore::open_read_only(db).ok();
        }
        r.as_ref()
            .and_then(|s| s.stored_version(&doc.id).ok().flatten())
            .is_some_and(|v| v.is_current(hash, stages))
    })
}

fn work(
    item: Result<Doc, IngestError>,
    db: &Path,
    pipeline: &Pipeline,
    stages: &[StageRun],
) -> Msg {
    match item {
        Ok(mut doc) => {
            // The hash of the document as read (before stages add anything), so a re-run
            // recognises it before spending time on extraction.
            let hash = sitrep_store::content_hash(&doc);
            if already_stored(db, &doc, &hash, stages) {
                return Msg::Unchanged;
            }
            match pipeline.run(&mut doc) {
                Ok(()) => Msg::Doc(Box::new(PreparedDoc {
                    simhash: sitrep_store::simhash(&doc.text),
                    content_hash: hash,
                    doc,
                })),
                Err(e) => Msg::Failed(format!("{}: {e}", doc.source.as_deref().unwrap_or(&doc.id))),
            }
        }
        Err(IngestError::Empty { .. }) => Msg::Skipped,
        Err(e) => Msg::Failed(e.to_string()),
    }
}

fn read_and_extract(
    file: &Path,
    opts: &ReadOptions,
    csv_map: Option<&sitrep_ingest::csv::CsvMap>,
    db: &Path,
    pipeline: &Pipeline,
    stages: &[StageRun],
    tx: &SyncSender<Msg>,
) {
    let mut items = read_file(file, opts, csv_map);
    loop {
        let chunk: Vec<_> = items.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let out: Vec<Msg> = chunk
            .into_par_iter()
            .map(|item| work(item, db, pipeline, stages))
            .collect();
        for m in out {
            if tx.send(m).is_err() {
                return; // the writer stopped
            }
        }
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let _ = tx.send(Msg::FileDone(size));
}

/// Totals of one run.
#[derive(Default)]
struct Totals {
    read: usize,
    stored: UpsertSummary,
    unchanged_early: usize,
    skipped: usize,
    failed: usize,
    /// Failure messages kept for the summary (the first [`MAX_KEPT_ERRORS`]), so memory
    /// does not grow with a corpus full of bad items.
    failures: Vec<String>,
}

/// Failure messages kept for grouping reasons in the summary.
const MAX_KEPT_ERRORS: usize = 10_000;

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
    let opts = ReadOptions {
        format,
        max_bytes: args.max_bytes,
        clean: !args.no_clean,
        published: args.published.clone(),
    };
    let files = sitrep_ingest::expand_paths(&args.paths)?;
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let mut store = SqliteStore::open(&args.db)
        .with_context(|| format!("opening database {}", args.db.display()))?;
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
    let stages = pipeline.stage_runs();
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("starting worker threads")?;

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
    let (tx, rx) = sync_channel::<Msg>(jobs * CHUNK * 2);
    let db = args.db.clone();
    let mut totals = Totals::default();
    let batch_size = args.batch_size.max(1);
    let write_result = std::thread::scope(|scope| -> anyhow::Result<()> {
        let (files, opts, csv_map, pipeline, stages, db) =
            (&files, &opts, csv_map.as_ref(), &pipeline, &stages, &db);
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each(|f| {
                    read_and_extract(f, opts, csv_map, db, pipeline, stages, &tx);
                });
            });
            drop(tx);
        });
        let mut batch: Vec<PreparedDoc> = Vec::with_capacity(batch_size);
        let mut flush = |batch: &mut Vec<PreparedDoc>, totals: &mut Totals| -> anyhow::Result<()> {
            if batch.is_empty() {
                return Ok(());
            }
            let s = store.upsert_prepared(batch)?;
            totals.stored.add(&s);
            batch.clear();
            Ok(())
        };
        let mut printed = 0usize;
        for m in rx.iter() {
            match m {
                Msg::Doc(d) => {
                    totals.read += 1;
                    batch.push(*d);
                    if batch.len() >= batch_size {
                        flush(&mut batch, &mut totals)?;
                    }
                }
                Msg::Unchanged => {
                    totals.read += 1;
                    totals.unchanged_early += 1;
                }
                Msg::Skipped => totals.skipped += 1,
                Msg::Failed(e) => {
                    if printed < MAX_PRINTED_ERRORS {
                        pb.suspend(|| eprintln!("error: {e}"));
                        printed += 1;
                    }
                    totals.failed += 1;
                    if totals.failures.len() < MAX_KEPT_ERRORS {
                        totals.failures.push(e);
                    }
                }
                Msg::FileDone(n) => pb.inc(n),
            }
            if totals.read % 256 == 0 {
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                pb.set_message(format!(
                    "{} docs ({:.0}/s), {} failed",
                    totals.read,
                    totals.read as f64 / secs,
                    totals.failed
                ));
            }
        }
        flush(&mut batch, &mut totals)
    });
    pb.finish_and_clear();
    write_result.with_context(|| format!("writing to {}", args.db.display()))?;

    let secs = started.elapsed().as_secs_f64();
    let s = &totals.stored;
    println!(
        "{} documents read from {} files in {:.1}s ({:.0} docs/s) into {}",
        totals.read,
        files.len(),
        secs,
        totals.read as f64 / secs.max(1e-3),
        args.db.display()
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
        let mut reasons: Vec<(String, usize)> = Vec::new();
        for f in &totals.failures {
            // "location: reason: detail" -> "reason"
            let first = f.lines().next().unwrap_or(f);
            let after = first.split_once(": ").map_or(first, |(_, r)| r);
            let reason = after.split(':').next().unwrap_or(after).trim().to_string();
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((reason, 1)),
            }
        }
        reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
        for (r, n) in reasons.iter().take(10) {
            println!("    {n} × {r}");
        }
        if totals.failed > MAX_PRINTED_ERRORS {
            eprintln!(
                "({} more errors not printed)",
                totals.failed - MAX_PRINTED_ERRORS
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
