//! `sitrep events`: query the events in a database; print a table or export them.
//!
//! Filters combine with AND. `--format csv` uses ACLED's column names (see
//! `sitrep_store::export` for the mapping) so existing ACLED tooling reads it; `jsonl`
//! has the same keys; `parquet` writes a Snappy-compressed file (needs `--output`
//! unless stdout is redirected). Exports stream row by row. Every event carries its
//! stable `event_id` and the `incident_id` it was reconciled into (`sitrep incidents`).

use super::filter::FilterArgs;
use anyhow::Context;
use sitrep_store::export::{CsvExporter, JsonlExporter, ParquetExporter};
use sitrep_store::{EventFilter, EventRow};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep events`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep events --db news.db --country SY --since 2017-01-01 \
--min-fatalities 5\n  sitrep events --country Syria --type \"Air/drone strike\" --format csv > \
strikes.csv\n  sitrep events --query 'chemical Idlib' --format parquet -o events.parquet\n  \
sitrep events --fts --query 'chemical AND (Idlib OR Hama)'"
)]
pub struct Args {
    /// Database to read: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Filters (the same flags as `sitrep incidents`, `trend` and `compare`).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only events of this document id.
    #[arg(long)]
    pub doc: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output: table, csv (ACLED columns), jsonl, parquet.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

fn cut(s: Option<&str>, w: usize) -> String {
    let s = s.unwrap_or("");
    if s.chars().count() <= w {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn table(rows: &[EventRow], out: &mut dyn Write) -> std::io::Result<()> {
    let head = [
        "event_date",
        "country",
        "admin1",
        "location",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "fatalities",
        "doc_id",
        "incident_id",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let e = &r.event;
            vec![
                cut(e.event_date.as_deref(), 10),
                cut(e.country.as_deref(), 7),
                cut(e.admin1.as_deref(), 16),
                cut(e.location.as_deref(), 18),
                cut(Some(&e.event_type), 26),
                cut(Some(&e.sub_event_type), 24),
                cut(e.actor1.as_deref(), 24),
                cut(e.actor2.as_deref(), 24),
                e.fatalities.map_or(String::new(), |f| f.to_string()),
                cut(Some(&r.doc_id), 24),
                r.incident_id.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].chars().count())
                .chain([head[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, c: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = c
            .iter()
            .zip(&widths)
            .map(|(s, w)| format!("{s:<w$}"))
            .collect();
        writeln!(out, "{}", parts.join("  ").trim_end())
    };
    line(out, &head.map(String::from))?;
    for c in &cells {
        line(out, c)?;
    }
    Ok(())
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = sitrep_store::open(&args.db, true)?;
    if args.format == "parquet" && args.output.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("Parquet is binary; not writing it to a terminal\nhelp: add --output events.parquet (or redirect stdout)");
    }
    let filter = EventFilter {
        doc_id: args.doc,
        limit: args.limit,
        ..args.filter.filter()
    };
    let mut out: Box<dyn Write + Send> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    };
    let n = match args.format.as_str() {
        "table" => {
            let rows = store.query_events(&filter)?;
            table(&rows, &mut out)?;
            rows.len()
        }
        "csv" => {
            let mut x = CsvExporter::new(&mut out)?;
            let n = store.for_each_event(&filter, &mut |r| x.write(&r))?;
            x.finish()?;
            n
        }
        "jsonl" => {
            let mut x = JsonlExporter::new(&mut out);
            let n = store.for_each_event(&filter, &mut |r| x.write(&r))?;
            x.finish()?;
            n
        }
        "parquet" => {
            let mut x = ParquetExporter::new(&mut out)?;
            let n = store.for_each_event(&filter, &mut |r| x.write(&r))?;
            x.finish()?;
            n
        }
        other => {
            anyhow::bail!("unknown --format `{other}`\nhelp: use table, csv, jsonl or parquet")
        }
    };
    out.flush()?;
    if let Some(p) = &args.output {
        eprintln!("{n} events written to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
