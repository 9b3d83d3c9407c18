//! `sitrep extract`: read files, run the pipeline, print the documents.
//!
//! Inputs are files, directories (read recursively, sorted) or `-` for stdin. Each input
//! is read by `sitrep-ingest` (format from `--input-format` or detected), cleaned (unless
//! `--no-clean`), and run through the default pipeline. Files are read and documents
//! extracted in parallel by `sitrep_driver::run_ordered`, a few chunks at a time; each
//! document is written and flushed as soon as those before it are, then let go, so
//! memory does not grow with the input and output keeps input order (runs are
//! deterministic). JSON lines on stdin are streamed line by line. A bad file or record is
//! reported on stderr with its location and the run goes on; the exit code is 1 when
//! anything failed.
//!
//! Output: `jsonl` (default) is one JSON object per line in the DESIGN.md contract; `json`
//! is one pretty-printed JSON array, streamed element by element; `pretty` is a terminal view (`crate::view`, shared with `docs show`): the metadata, the
//! text with its marks (times, places, entities, counts) bracketed and labelled, the quotes,
//! the events and the lines the cleaner removed. Colour only when stdout is a terminal.

use crate::view::{self, Layout, ViewOptions};
use anyhow::Context;
use sitrep_driver::{Source, Step};
use sitrep_ingest::{IngestError, InputFormat, ReadOptions};
use sitrep_model::Doc;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// One pretty-printed JSON array of documents.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A readable terminal view with the text and its marks.
    Pretty,
}

/// Arguments of `sitrep extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read (`-` for stdin).
    #[arg(required = true, value_name = "FILE|DIR|-")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutFormat,
    /// Input format: auto, text, html, jsonl, feed (RSS/Atom), warc, telegram or csv.
    #[arg(long, default_value = "auto", value_parser = parse_input_format)]
    pub input_format: InputFormat,
    /// Publication date for every document (overrides what the input says): YYYY-MM-DD.
    #[arg(long, value_parser = parse_day)]
    pub published: Option<String>,
    /// Keep the text exactly as given (no line cleaner), e.g. for pre-cleaned corpora.
    #[arg(long)]
    pub no_clean: bool,
    /// Refuse files (and JSON lines) larger than this many bytes.
    #[arg(long, default_value_t = sitrep_ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Shape of the `events` records: ACLED's fields, or PLOVER's (mapped from the same records).
    #[arg(long, value_enum, default_value = "acled")]
    pub events: EventShape,
    /// JSON output keeps only these top-level fields, e.g. `id,title,published,url,events`
    /// for a batch job that keeps the events (a tenth of the bytes: no layers); all by
    /// default.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,…")]
    pub fields: Vec<String>,
    /// Worker threads for reading and extraction [default: all cores]. Under a scheduler
    /// that runs one process per core (Spark task slots), give 1.
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

/// Shapes of event records in the output.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventShape {
    /// ACLED's columns (sitrep's standard record).
    Acled,
    /// PLOVER records (actor, recipient, eventType, mode, dead, injured…).
    Plover,
}

/// The document as JSON, with its events in the requested shape, cut to `fields` when
/// any are given.
fn doc_json(doc: &Doc, shape: EventShape, fields: &[String]) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(doc)?;
    if let (false, Some(obj)) = (fields.is_empty(), v.as_object_mut()) {
        obj.retain(|k, _| fields.iter().any(|f| f == k));
    }
    if shape == EventShape::Plover {
        if let (Some(events), Some(obj)) = (&doc.events, v.as_object_mut()) {
            let mapped = events
                .iter()
                .map(sitrep_nlp::events::plover::to_plover)
                .collect();
            obj.insert("events".into(), serde_json::Value::Array(mapped));
        }
    }
    Ok(v)
}

fn parse_input_format(s: &str) -> Result<InputFormat, String> {
    InputFormat::parse(s).ok_or_else(|| {
        format!(
            "unknown input format `{s}`; use auto, text, html, jsonl, feed, warc, telegram or csv"
        )
    })
}

fn parse_day(s: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("`{s}` is not a date: use YYYY-MM-DD, e.g. 2020-09-27"))
}

/// Work units extracted at once per worker thread (output keeps input order).
const CHUNK_PER_JOB: usize = 32;

/// Standard input as a source: JSON lines are streamed line by line (so `extract` is a
/// filter, e.g. under Spark's `rdd.pipe`); other formats are read whole first.
fn stdin_source(opts: &ReadOptions) -> Source {
    let name = std::path::Path::new("<stdin>");
    let items = if opts.format == InputFormat::Jsonl {
        sitrep_ingest::jsonl::from_reader(name, Box::new(std::io::stdin()), opts)
    } else {
        match read_stdin(opts.max_bytes) {
            Ok(bytes) => sitrep_ingest::read_bytes("<stdin>", bytes, opts),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    };
    Source::Items {
        name: "<stdin>".into(),
        items,
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
    let opts = ReadOptions {
        format: args.input_format,
        max_bytes: args.max_bytes,
        clean: !args.no_clean,
        published: args.published.clone(),
        ..ReadOptions::default()
    };
    let mut failed = 0usize;
    let mut sources = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            sources.push(stdin_source(&opts));
            continue;
        }
        let (s, errors) = sitrep_driver::sources_from_paths(std::slice::from_ref(p));
        sources.extend(s);
        for e in errors {
            failed += 1;
            eprintln!("error: {e}");
        }
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("starting worker threads")?;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first = true;
    if args.format == OutFormat::Json {
        writeln!(out, "[")?;
    }
    let mut ok = 0usize;
    let (format, shape, fields) = (args.format, args.events, &args.fields);
    // Each document is extracted and rendered on a worker, then written and let go.
    let work = |item: Result<Doc, IngestError>| -> Result<String, String> {
        let mut doc = item.map_err(|e| e.to_string())?;
        pipeline.run(&mut doc).map_err(|e| e.to_string())?;
        let rendered = match format {
            OutFormat::Jsonl => {
                doc_json(&doc, shape, fields).and_then(|v| Ok(serde_json::to_string(&v)?))
            }
            OutFormat::Json => {
                doc_json(&doc, shape, fields).and_then(|v| Ok(serde_json::to_string_pretty(&v)?))
            }
            OutFormat::Pretty => Ok(view::document(
                &doc,
                &[],
                ViewOptions {
                    layout: Layout::Nested,
                    list_marks: false,
                    color,
                },
            )),
        };
        rendered.map_err(|e| format!("{}: {e}", doc.id))
    };
    sitrep_driver::run_ordered(
        sources,
        &opts,
        &pool,
        jobs * CHUNK_PER_JOB,
        &work,
        &mut |step| -> anyhow::Result<()> {
            let Step::Item(item) = step else {
                return Ok(());
            };
            match item {
                Ok(text) => {
                    ok += 1;
                    match format {
                        OutFormat::Jsonl => writeln!(out, "{text}")?,
                        OutFormat::Json => {
                            if !first {
                                writeln!(out, ",")?;
                            }
                            write!(out, "{text}")?;
                        }
                        OutFormat::Pretty => write!(out, "{text}")?,
                    }
                    first = false;
                    // Flushed per document: a reader downstream sees each one at once.
                    out.flush()?;
                }
                Err(e) => {
                    failed += 1;
                    out.flush()?;
                    eprintln!("error: {e}");
                }
            }
            Ok(())
        },
    )?;
    if args.format == OutFormat::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("{ok} document(s) extracted, {failed} failed");
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn read_stdin(max: u64) -> Result<Vec<u8>, IngestError> {
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|source| IngestError::Io {
            path: "<stdin>".into(),
            source,
        })?;
    Ok(buf)
}
