//! `sitrep import acled|ged FILE.csv`: load an existing event dataset into the database,
//! tagged with its source, so sitrep's counts can be put next to ACLED's or UCDP's
//! (`sitrep compare --source sitrep,ged`).
//!
//! Each row becomes one stored event and one incident of its own (the dataset is already
//! reconciled); rows never merge with sitrep's own reports. Re-importing a file of the
//! same name replaces the earlier import. Column mapping:
//!
//! | sitrep | ACLED | UCDP GED |
//! |---|---|---|
//! | event_date, date_precision | `event_date`, `time_precision` (1 day, 2 week, 3 month) | `date_start`, `date_prec` (1 day, 2–3 week, else month) |
//! | event_type / sub_event_type | same | `type_of_violence`: 1–2 Battles / Armed clash, 3 Violence against civilians / Attack |
//! | actor1, actor2 | same | `side_a`, `side_b` |
//! | country (ISO2) | `iso2` or `country` name | `country` name (a former name in parentheses is dropped) |
//! | admin1, admin2, location | same | `adm_1`, `adm_2`, `where_coordinates` |
//! | fatalities (low, high) | `fatalities` | `best` (`low`, `high`) |
//! | notes, source | same | `source_headline`, `source_office` |

use anyhow::Context;
use sitrep_model::{DatePrecision, Event, LocationPrecision, Modality};
use sitrep_store::{countries, ImportedEvent, Store};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep import`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep import ged ucdpged_sample_1000.csv --db news.db\n  \
sitrep import acled acled_syria.csv --db news.db\n  sitrep compare --db news.db --period \
2015 --vs 2016 --source sitrep,ged"
)]
pub struct Args {
    /// Dataset format: acled or ged.
    pub dataset: String,
    /// The CSV file.
    pub file: PathBuf,
    /// Database: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
}

/// ISO2 code of a dataset's country name ("DR Congo (Zaire)" → CD), or the name itself.
pub fn country_code(name: &str) -> String {
    let name = name.trim();
    countries::code_of(name)
        .or_else(|| name.split(" (").next().and_then(countries::code_of))
        .map_or_else(|| name.to_string(), str::to_string)
}

fn opt(s: Option<&String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn num<T: std::str::FromStr>(s: Option<&String>) -> Option<T> {
    let s = s?.trim();
    s.parse::<T>().ok().or_else(|| {
        s.parse::<f64>()
            .ok()
            .and_then(|f| format!("{f:.0}").parse().ok())
    })
}

fn acled_row(r: &HashMap<String, String>) -> Option<ImportedEvent> {
    let g = |k: &str| r.get(k);
    let country = opt(g("iso2")).or_else(|| opt(g("country")).map(|c| country_code(&c)));
    let event = Event {
        event_date: opt(g("event_date")),
        date_precision: Some(match num::<u8>(g("time_precision")) {
            Some(2) => DatePrecision::Week,
            Some(3) => DatePrecision::Month,
            _ => DatePrecision::Day,
        }),
        event_type: opt(g("event_type"))?,
        sub_event_type: opt(g("sub_event_type")).unwrap_or_default(),
        actor1: opt(g("actor1")),
        actor2: opt(g("actor2")),
        country,
        admin1: opt(g("admin1")),
        admin2: opt(g("admin2")),
        location: opt(g("location")),
        latitude: num(g("latitude")),
        longitude: num(g("longitude")),
        location_precision: Some(match num::<u8>(g("geo_precision")) {
            Some(1) => LocationPrecision::Place,
            Some(2) => LocationPrecision::Admin2,
            _ => LocationPrecision::Admin1,
        }),
        fatalities: num(g("fatalities")),
        injured: None,
        killed_or_wounded: None,
        modality: Modality::Reported,
        evidence: vec![],
    };
    Some(ImportedEvent {
        event,
        source: opt(g("source")),
        notes: opt(g("notes")),
        fatalities_low: None,
        fatalities_high: None,
    })
}

fn ged_row(r: &HashMap<String, String>) -> Option<ImportedEvent> {
    let g = |k: &str| r.get(k);
    let (event_type, sub) = match num::<u8>(g("type_of_violence")) {
        Some(3) => ("Violence against civilians", "Attack"),
        _ => ("Battles", "Armed clash"),
    };
    let event = Event {
        event_date: opt(g("date_start")).map(|d| d.chars().take(10).collect()),
        date_precision: Some(match num::<u8>(g("date_prec")) {
            Some(1) => DatePrecision::Day,
            Some(2) | Some(3) => DatePrecision::Week,
            _ => DatePrecision::Month,
        }),
        event_type: event_type.into(),
        sub_event_type: sub.into(),
        actor1: opt(g("side_a")),
        actor2: opt(g("side_b")),
        country: opt(g("country")).map(|c| country_code(&c)),
        admin1: opt(g("adm_1")),
        admin2: opt(g("adm_2")),
        location: opt(g("where_coordinates")),
        latitude: num(g("latitude")),
        longitude: num(g("longitude")),
        location_precision: Some(match num::<u8>(g("where_prec")) {
            Some(1) => LocationPrecision::Place,
            Some(2) | Some(3) => LocationPrecision::Admin2,
            Some(4) => LocationPrecision::Admin1,
            Some(5) => LocationPrecision::Region,
            _ => LocationPrecision::Country,
        }),
        fatalities: num(g("best")),
        injured: None,
        killed_or_wounded: None,
        modality: Modality::Reported,
        evidence: vec![],
    };
    Some(ImportedEvent {
        event,
        source: opt(g("source_office")),
        notes: opt(g("source_headline")),
        fatalities_low: num(g("low")),
        fatalities_high: num(g("high")),
    })
}

/// Reads a dataset CSV into imported events; rows that cannot be read are counted.
pub fn read(dataset: &str, file: &std::path::Path) -> anyhow::Result<(Vec<ImportedEvent>, usize)> {
    let parse: fn(&HashMap<String, String>) -> Option<ImportedEvent> = match dataset {
        "acled" => acled_row,
        "ged" => ged_row,
        other => anyhow::bail!("unknown dataset `{other}`\nhelp: use acled or ged"),
    };
    let mut rd = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(file)
        .with_context(|| format!("opening {}", file.display()))?;
    let headers: Vec<String> = rd
        .headers()
        .with_context(|| format!("{}: no header row", file.display()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let need = if dataset == "ged" {
        "date_start"
    } else {
        "event_date"
    };
    if !headers.iter().any(|h| h == need) {
        anyhow::bail!(
            "{}: no `{need}` column, so this is not a {dataset} CSV\nhelp: check the dataset name (acled or ged) and the file",
            file.display()
        );
    }
    let (mut out, mut bad) = (Vec::new(), 0usize);
    for rec in rd.records() {
        let Ok(rec) = rec else {
            bad += 1;
            continue;
        };
        let map: HashMap<String, String> = headers
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_string))
            .collect();
        match parse(&map) {
            Some(e) => out.push(e),
            None => bad += 1,
        }
    }
    Ok((out, bad))
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dataset = args.dataset.to_ascii_lowercase();
    let (events, bad) = read(&dataset, &args.file)?;
    let mut store = sitrep_store::open(&args.db, false)?;
    let name = args
        .file
        .file_name()
        .map_or_else(|| "import".into(), |n| n.to_string_lossy().to_string());
    let n = store.import_events(&dataset, &name, &events)?;
    println!(
        "{n} {dataset} rows imported from {} into {} ({bad} unreadable rows skipped)",
        args.file.display(),
        args.db
    );
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
