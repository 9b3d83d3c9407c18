//! `sitrep incidents`: list and export reconciled incidents; `sitrep reconcile`: rebuild
//! them from scratch.
//!
//! An incident is every stored report of one real-world event across outlets (see
//! `sitrep_store::reconcile` for the matching and the one function that derives its
//! figures). `--format table` prints one line per incident with its sources; `jsonl` and
//! `geojson` carry the whole record with every report; `csv` and `parquet` are flat.

use super::filter::FilterArgs;
use anyhow::Context;
use sitrep_store::incident_export::IncidentWriter;
use sitrep_store::{EventFilter, Incident, Store};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep incidents`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep incidents --db news.db --country SY --since 2017-01-01\n  \
sitrep incidents --min-fatalities 10 --format csv > incidents.csv\n  sitrep incidents \
--format geojson -o incidents.geojson\n\nFigures: `fatalities` is the most conservative \
credible reported toll that no later, higher report overtook (ACLED's rule); \
`fatalities_low`/`fatalities_high` are the lowest and highest reported figures (UCDP); \
`claimed_fatalities` is a party's own claim, kept apart; `disputed` marks reports that \
disagree beyond a rising toll. An unknown toll is empty, never 0."
)]
pub struct Args {
    /// Database: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Filters (the same flags as `sitrep events`; `--query` matches any report's article).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only incidents from this dataset: sitrep (extracted), acled or ged (imported).
    #[arg(long)]
    pub source: Option<String>,
    /// Only incidents with a report from this document id.
    #[arg(long)]
    pub doc: Option<String>,
    /// At most this many incidents.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output: table, csv, jsonl, parquet, geojson.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Cuts `s` to `w` characters, ending with an ellipsis when cut.
pub(crate) fn cut(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn num(v: Option<u64>) -> String {
    v.map_or_else(|| "?".into(), |x| x.to_string())
}

/// Prints incidents as an aligned table.
pub fn table(rows: &[Incident], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<18} {:<10} {:<3} {:<16} {:<18} {:<24} {:>6} {:>9} {:>3}  sources",
        "incident_id",
        "date",
        "cc",
        "admin1",
        "location",
        "sub_event_type",
        "dead",
        "low-high",
        "n"
    )?;
    for i in rows {
        let mut srcs: Vec<&str> = i
            .reports
            .iter()
            .filter_map(|r| r.publisher.as_deref())
            .collect();
        srcs.dedup();
        let dead = format!("{}{}", num(i.fatalities), if i.disputed { "*" } else { "" });
        let range = format!("{}-{}", num(i.fatalities_low), num(i.fatalities_high));
        let claimed = i
            .claimed_fatalities
            .map_or(String::new(), |c| format!(" (claimed {c})"));
        writeln!(
            out,
            "{:<18} {:<10} {:<3} {:<16} {:<18} {:<24} {:>6} {:>9} {:>3}  {}{}",
            i.incident_id,
            i.event_date.as_deref().unwrap_or(""),
            i.country.as_deref().unwrap_or(""),
            cut(i.admin1.as_deref().unwrap_or(""), 16),
            cut(i.location.as_deref().unwrap_or(""), 18),
            cut(&i.sub_event_type, 24),
            dead,
            range,
            i.n_reports,
            cut(&srcs.join(", "), 60),
            claimed,
        )?;
    }
    Ok(())
}

/// Runs `sitrep incidents`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = sitrep_store::open(&args.db, true)?;
    let filter = EventFilter {
        dataset: args.source.clone(),
        doc_id: args.doc.clone(),
        limit: args.limit,
        ..args.filter.filter()
    };
    let mut out: Box<dyn Write + Send> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    };
    let n = if args.format == "table" {
        let rows = store.query_incidents(&filter)?;
        table(&rows, &mut out)?;
        let single = rows.iter().filter(|i| i.n_reports <= 1).count();
        let reports: usize = rows.iter().map(|i| i.n_reports).sum();
        writeln!(
            out,
            "{} incidents from {} reports; {} rest on a single report; * = reports disagree",
            rows.len(),
            reports,
            single
        )?;
        rows.len()
    } else {
        if !["csv", "jsonl", "parquet", "geojson"].contains(&args.format.as_str()) {
            anyhow::bail!(
                "unknown --format `{}`\nhelp: use table, csv, jsonl, parquet or geojson",
                args.format
            );
        }
        if args.format == "parquet" && args.output.is_none() && std::io::stdout().is_terminal() {
            anyhow::bail!("Parquet is binary; not writing it to a terminal\nhelp: add --output incidents.parquet (or redirect stdout)");
        }
        let mut w = IncidentWriter::new(&args.format, &mut out)?;
        let n = store.for_each_incident(&filter, &mut |i| w.write(&i))?;
        w.finish()?;
        n
    };
    out.flush()?;
    if let Some(p) = &args.output {
        eprintln!("{n} incidents written to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `sitrep reconcile`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "`sitrep ingest` already attaches new reports to stored incidents as it \
goes; `reconcile` recomputes every incident from scratch (after an upgrade of the \
matching rules, say). It is deterministic: the same reports give the same incidents and \
the same incident ids.\n\nExample:\n  sitrep reconcile --db news.db"
)]
pub struct ReconcileArgs {
    /// Database: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
}

/// Runs `sitrep reconcile`.
pub fn run_reconcile(args: ReconcileArgs) -> anyhow::Result<ExitCode> {
    let mut store = sitrep_store::open(&args.db, false)?;
    let started = std::time::Instant::now();
    let s = store.reconcile_all()?;
    println!(
        "{} reports reconciled into {} incidents in {:.1}s ({})",
        s.reports,
        s.incidents,
        started.elapsed().as_secs_f64(),
        args.db
    );
    Ok(ExitCode::SUCCESS)
}
