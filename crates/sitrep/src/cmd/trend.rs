//! `sitrep trend` and `sitrep compare`: the analyst's questions over incidents (not
//! reports): how many, where, and compared with when.
//!
//! Both read incidents through the shared filters and call `sitrep_store::trend`; both
//! count incidents whose toll is unknown apart (never as 0) and say how many incidents
//! rest on a single report.

use super::filter::FilterArgs;
use anyhow::Context;
use sitrep_store::trend::{self, CompareRow, GroupBy, Period, Range};
use sitrep_store::{EventFilter, Store};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep trend`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Counts incidents (reconciled across outlets), their known deaths and \
injured per period; empty periods show as 0 incidents; incidents with an unknown toll are \
counted in `unknown_toll`, not as 0 deaths; `single` = incidents resting on one \
report.\n\nExamples:\n  sitrep trend --db news.db --country SY --by admin1\n  sitrep \
trend --every week --since 2017-01-01 --until 2017-03-31 --format csv"
)]
pub struct TrendArgs {
    /// Database: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Filters (the same flags as `sitrep events` and `sitrep incidents`).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Period: week (Monday-based) or month.
    #[arg(long, default_value = "month")]
    pub every: String,
    /// Group by: all, country, admin1, type, actor.
    #[arg(long, default_value = "country")]
    pub by: String,
    /// Dataset: sitrep (extracted here), acled or ged (imported).
    #[arg(long, default_value = "sitrep")]
    pub source: String,
    /// Output: table, csv, jsonl.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

fn output(p: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match p {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    })
}

fn group_by(s: &str) -> anyhow::Result<GroupBy> {
    GroupBy::parse(s).with_context(|| {
        format!("unknown --by `{s}`\nhelp: use all, country, admin1, type or actor")
    })
}

/// Runs `sitrep trend`.
pub fn run_trend(args: TrendArgs) -> anyhow::Result<ExitCode> {
    let store = sitrep_store::open(&args.db, true)?;
    let period = Period::parse(&args.every)
        .with_context(|| format!("unknown --every `{}`\nhelp: use week or month", args.every))?;
    let by = group_by(&args.by)?;
    let filter = EventFilter {
        dataset: Some(args.source.clone()),
        ..args.filter.filter()
    };
    let incidents = store.query_incidents(&filter)?;
    let rows = trend::trend(
        &incidents,
        period,
        by,
        args.filter.since.as_deref(),
        args.filter.until.as_deref(),
    );
    let mut out = output(&args.output)?;
    match args.format.as_str() {
        "table" => {
            writeln!(
                out,
                "{:<10} {:<32} {:>9} {:>10} {:>8} {:>12} {:>7}",
                "period", "group", "incidents", "fatalities", "injured", "unknown_toll", "single"
            )?;
            for r in &rows {
                let t = &r.tally;
                writeln!(
                    out,
                    "{:<10} {:<32} {:>9} {:>10} {:>8} {:>12} {:>7}",
                    r.period,
                    r.group,
                    t.incidents,
                    t.fatalities,
                    t.injured,
                    t.unknown_toll,
                    t.single_report
                )?;
            }
            let single: usize = rows.iter().map(|r| r.tally.single_report).sum();
            let total: usize = rows.iter().map(|r| r.tally.incidents).sum();
            writeln!(
                out,
                "{total} incidents counted ({single} rest on a single report); fatalities sum known tolls only"
            )?;
        }
        "jsonl" => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        "csv" => {
            writeln!(
                out,
                "period,group,incidents,fatalities,injured,unknown_toll,single_report"
            )?;
            let mut w = csv::Writer::from_writer(Vec::new());
            for r in &rows {
                let t = &r.tally;
                w.write_record([
                    r.period.clone(),
                    r.group.clone(),
                    t.incidents.to_string(),
                    t.fatalities.to_string(),
                    t.injured.to_string(),
                    t.unknown_toll.to_string(),
                    t.single_report.to_string(),
                ])?;
            }
            out.write_all(&w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
        }
        other => anyhow::bail!("unknown --format `{other}`\nhelp: use table, csv or jsonl"),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `sitrep compare`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "The change is from the baseline (--period) to the comparison (--vs), in \
incidents, labelled as ACLED's trend tools do: large increase (> +25 %), moderate \
increase (+10 to +25 %), limited change (-25 to +10 %), large decrease (< -25 %). A \
baseline under 10 incidents is flagged `low baseline`: its percentages mean \
little.\n\nExamples:\n  sitrep compare --period 2019-01..2019-06 --vs 2020-01..2020-06 \
--by admin1 --country SY\n  sitrep compare --period 2015 --vs 2016 --source sitrep,ged"
)]
pub struct CompareArgs {
    /// Database: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Baseline period, FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD, inclusive).
    #[arg(long)]
    pub period: String,
    /// Comparison period, FROM..TO.
    #[arg(long)]
    pub vs: String,
    /// Filters (the same flags as `sitrep events`).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Group by: all, country, admin1, type, actor.
    #[arg(long, default_value = "country")]
    pub by: String,
    /// Datasets, comma-separated, side by side: sitrep, acled, ged.
    #[arg(long, default_value = "sitrep")]
    pub source: String,
    /// Output: table, csv, jsonl.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// One compare row of one dataset.
#[derive(serde::Serialize)]
struct SourcedRow<'a> {
    dataset: &'a str,
    #[serde(flatten)]
    row: &'a CompareRow,
}

/// Runs `sitrep compare`.
pub fn run_compare(args: CompareArgs) -> anyhow::Result<ExitCode> {
    let store = sitrep_store::open(&args.db, true)?;
    let range = |s: &str, flag: &str| {
        Range::parse(s).with_context(|| {
            format!(
                "{flag} `{s}` is not a period\nhelp: write FROM..TO, e.g. 2019-01..2019-06 or 2019"
            )
        })
    };
    let base = range(&args.period, "--period")?;
    let vs = range(&args.vs, "--vs")?;
    let by = group_by(&args.by)?;
    let sources: Vec<&str> = args
        .source
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut per: Vec<(&str, Vec<CompareRow>)> = Vec::new();
    for s in &sources {
        let filter = EventFilter {
            dataset: Some((*s).to_string()),
            ..args.filter.filter()
        };
        let incidents = store.query_incidents(&filter)?;
        per.push((*s, trend::compare(&incidents, by, &base, &vs)));
    }
    let mut out = output(&args.output)?;
    match args.format.as_str() {
        "jsonl" => {
            for (ds, rows) in &per {
                for r in rows {
                    serde_json::to_writer(
                        &mut out,
                        &SourcedRow {
                            dataset: ds,
                            row: r,
                        },
                    )?;
                    writeln!(out)?;
                }
            }
        }
        "csv" => {
            writeln!(out, "dataset,group,base_incidents,vs_incidents,change_pct,label,low_baseline,base_fatalities,vs_fatalities,base_unknown_toll,vs_unknown_toll,base_single_report,vs_single_report")?;
            for (ds, rows) in &per {
                for r in rows {
                    writeln!(
                        out,
                        "{ds},\"{}\",{},{},{},{},{},{},{},{},{},{},{}",
                        r.group.replace('"', "\"\""),
                        r.base.incidents,
                        r.vs.incidents,
                        r.change_pct.map_or(String::new(), |c| format!("{c:.1}")),
                        r.label,
                        r.low_baseline,
                        r.base.fatalities,
                        r.vs.fatalities,
                        r.base.unknown_toll,
                        r.vs.unknown_toll,
                        r.base.single_report,
                        r.vs.single_report
                    )?;
                }
            }
        }
        "table" => {
            // Side by side: one line per group, one block of columns per dataset.
            let mut groups: Vec<&str> = Vec::new();
            for (_, rows) in &per {
                for r in rows {
                    if !groups.contains(&r.group.as_str()) {
                        groups.push(&r.group);
                    }
                }
            }
            write!(out, "{:<32}", "group")?;
            for (ds, _) in &per {
                write!(
                    out,
                    " | {:<8} {:>6} {:>6} {:>8} {:<18} {:>6}",
                    ds, "base", "vs", "change", "label", "single"
                )?;
            }
            writeln!(out)?;
            for g in groups {
                write!(out, "{g:<32}")?;
                for (_, rows) in &per {
                    match rows.iter().find(|r| r.group == g) {
                        Some(r) => write!(
                            out,
                            " | {:<8} {:>6} {:>6} {:>8} {:<18} {:>6}",
                            if r.low_baseline { "low-base" } else { "" },
                            r.base.incidents,
                            r.vs.incidents,
                            r.change_pct.map_or("n/a".into(), |c| format!("{c:+.0}%")),
                            r.label,
                            r.base.single_report + r.vs.single_report
                        )?,
                        None => write!(
                            out,
                            " | {:<8} {:>6} {:>6} {:>8} {:<18} {:>6}",
                            "", 0, 0, "", "", 0
                        )?,
                    }
                }
                writeln!(out)?;
            }
            writeln!(
                out,
                "counts are incidents; low-base = fewer than {} incidents in the baseline; single = incidents on one report",
                trend::LOW_BASELINE
            )?;
        }
        other => anyhow::bail!("unknown --format `{other}`\nhelp: use table, csv or jsonl"),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
