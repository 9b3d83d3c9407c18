//! Event exports: CSV with ACLED's column names, JSON lines, Parquet.
//!
//! Column mapping (sitrep field → ACLED column), so tools written for ACLED exports
//! read ours unchanged:
//!
//! | column | from |
//! |---|---|
//! | `event_id_cnty` | `<ISO2 or XX><store row id>` (e.g. `SY42`; stable within one database) |
//! | `event_date`, `year` | `event_date` (ISO `YYYY-MM-DD`), its year |
//! | `time_precision` | `date_precision`: day → 1, week → 2, month → 3 (ACLED's codes) |
//! | `event_type`, `sub_event_type`, `actor1`, `actor2` | same names |
//! | `country` | English name of the ISO2 `country` (GeoNames); `iso2` holds the code |
//! | `admin1`, `admin2`, `location`, `latitude`, `longitude` | same names |
//! | `geo_precision` | `location_precision`: place → 1, admin2/region → 2, admin1/country → 3 |
//! | `source` | the document's publisher |
//! | `notes` | the text of the evidence sentences |
//! | `fatalities` | `fatalities` (empty when unknown, unlike ACLED's 0) |
//!
//! then sitrep's own columns: `injured`, `killed_or_wounded`, `modality`,
//! `date_precision`, `location_precision`, `iso2`, `doc_id`, `url`, `published`,
//! `evidence` (JSON `[{start,end}]` character ranges into the document text), `event_id`
//! (stable) and `incident_id` (the reconciled incident it reports).

use crate::{countries, EventRow, StoreError};
use arrow::array::{
    ArrayRef, Date32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::Serialize;
use sitrep_model::{DatePrecision, LocationPrecision};
use std::io::Write;
use std::sync::Arc;

/// The CSV / JSON lines / Parquet column names, in order.
pub const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injured",
    "killed_or_wounded",
    "modality",
    "date_precision",
    "location_precision",
    "iso2",
    "doc_id",
    "url",
    "published",
    "evidence",
    "event_id",
    "incident_id",
];

/// One event flattened to the export columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcledRecord {
    /// `<ISO2 or XX><row id>`.
    pub event_id_cnty: String,
    /// ISO date.
    pub event_date: Option<String>,
    /// Year of `event_date`.
    pub year: Option<i32>,
    /// ACLED time precision (1 day, 2 week, 3 month).
    pub time_precision: Option<i32>,
    /// Event type.
    pub event_type: String,
    /// Sub-event type.
    pub sub_event_type: String,
    /// Acting side.
    pub actor1: Option<String>,
    /// Side acted upon.
    pub actor2: Option<String>,
    /// Country name.
    pub country: Option<String>,
    /// Admin 1.
    pub admin1: Option<String>,
    /// Admin 2.
    pub admin2: Option<String>,
    /// Location.
    pub location: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// ACLED geo precision (1 place, 2 district/region, 3 province/country).
    pub geo_precision: Option<i32>,
    /// Publisher of the source document.
    pub source: Option<String>,
    /// Evidence sentences.
    pub notes: Option<String>,
    /// Deaths.
    pub fatalities: Option<i64>,
    /// Injured.
    pub injured: Option<i64>,
    /// Killed or wounded (one figure).
    pub killed_or_wounded: Option<i64>,
    /// `reported` or `claimed`.
    pub modality: String,
    /// `day`, `week`, `month`.
    pub date_precision: Option<String>,
    /// `place`, `admin2`, `admin1`, `region`, `country`.
    pub location_precision: Option<String>,
    /// ISO2 country code.
    pub iso2: Option<String>,
    /// Source document id.
    pub doc_id: String,
    /// Source URL.
    pub url: Option<String>,
    /// Publication date of the source document.
    pub published: Option<String>,
    /// Evidence ranges as JSON.
    pub evidence: String,
    /// Stable event id.
    pub event_id: String,
    /// The incident this report belongs to.
    pub incident_id: Option<String>,
}

fn name<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
}

fn int(v: Option<u64>) -> Option<i64> {
    v.and_then(|x| i64::try_from(x).ok())
}

impl AcledRecord {
    /// Flattens a stored event.
    pub fn from_row(r: &EventRow) -> Self {
        let e = &r.event;
        let iso2 = e.country.as_ref().map(|c| c.to_ascii_uppercase());
        AcledRecord {
            event_id_cnty: format!("{}{}", iso2.as_deref().unwrap_or("XX"), r.id),
            year: e
                .event_date
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok()),
            event_date: e.event_date.clone(),
            time_precision: e.date_precision.map(|p| match p {
                DatePrecision::Day => 1,
                DatePrecision::Week => 2,
                DatePrecision::Month => 3,
            }),
            event_type: e.event_type.clone(),
            sub_event_type: e.sub_event_type.clone(),
            actor1: e.actor1.clone(),
            actor2: e.actor2.clone(),
            country: iso2
                .as_deref()
                .map(|c| countries::name_of(c).map_or_else(|| c.to_string(), str::to_string)),
            admin1: e.admin1.clone(),
            admin2: e.admin2.clone(),
            location: e.location.clone(),
            latitude: e.latitude,
            longitude: e.longitude,
            geo_precision: e.location_precision.map(|p| match p {
                LocationPrecision::Place => 1,
                LocationPrecision::Admin2 | LocationPrecision::Region => 2,
                LocationPrecision::Admin1 | LocationPrecision::Country => 3,
            }),
            source: r.publisher.clone(),
            notes: r.notes.clone(),
            fatalities: int(e.fatalities),
            injured: int(e.injured),
            killed_or_wounded: int(e.killed_or_wounded),
            modality: name(&e.modality).unwrap_or_default(),
            date_precision: e.date_precision.as_ref().and_then(name),
            location_precision: e.location_precision.as_ref().and_then(name),
            iso2,
            doc_id: r.doc_id.clone(),
            url: r.url.clone(),
            published: r.published.clone(),
            evidence: serde_json::to_string(&e.evidence).unwrap_or_else(|_| "[]".into()),
            event_id: r.event_id.clone(),
            incident_id: r.incident_id.clone(),
        }
    }
}

fn ex<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Export(e.to_string())
}

/// Writes CSV with a header row of [`COLUMNS`].
pub struct CsvExporter<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> CsvExporter<W> {
    /// Starts a CSV export (writes the header).
    pub fn new(out: W) -> Result<Self, StoreError> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        w.write_record(COLUMNS).map_err(ex)?;
        Ok(CsvExporter { w })
    }
    /// Writes one event.
    pub fn write(&mut self, r: &EventRow) -> Result<(), StoreError> {
        self.w.serialize(AcledRecord::from_row(r)).map_err(ex)
    }
    /// Flushes.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.w.flush().map_err(ex)
    }
}

/// Writes one JSON object per event, with the [`COLUMNS`] keys (`evidence` as an array).
pub struct JsonlExporter<W: Write> {
    w: W,
}

impl<W: Write> JsonlExporter<W> {
    /// Starts a JSON lines export.
    pub fn new(w: W) -> Self {
        JsonlExporter { w }
    }
    /// Writes one event.
    pub fn write(&mut self, r: &EventRow) -> Result<(), StoreError> {
        let rec = AcledRecord::from_row(r);
        let mut v = serde_json::to_value(&rec).map_err(ex)?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "evidence".into(),
                serde_json::to_value(&r.event.evidence).map_err(ex)?,
            );
        }
        serde_json::to_writer(&mut self.w, &v).map_err(ex)?;
        self.w.write_all(b"\n").map_err(ex)
    }
    /// Flushes.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.w.flush().map_err(ex)
    }
}

/// Rows per Parquet record batch (memory stays bounded by this).
const PARQUET_BATCH: usize = 8192;

/// Writes Parquet (Snappy) with the [`COLUMNS`] schema, in batches.
pub struct ParquetExporter<W: Write + Send> {
    w: ArrowWriter<W>,
    schema: Arc<Schema>,
    pending: Vec<AcledRecord>,
}

/// The Arrow schema of the Parquet export.
pub fn parquet_schema() -> Schema {
    let s = |n: &str| Field::new(n, DataType::Utf8, true);
    Schema::new(vec![
        Field::new("event_id_cnty", DataType::Utf8, false),
        Field::new("event_date", DataType::Date32, true),
        Field::new("year", DataType::Int32, true),
        Field::new("time_precision", DataType::Int32, true),
        Field::new("event_type", DataType::Utf8, false),
        Field::new("sub_event_type", DataType::Utf8, false),
        s("actor1"),
        s("actor2"),
        s("country"),
        s("admin1"),
        s("admin2"),
        s("location"),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        Field::new("geo_precision", DataType::Int32, true),
        s("source"),
        s("notes"),
        Field::new("fatalities", DataType::Int64, true),
        Field::new("injured", DataType::Int64, true),
        Field::new("killed_or_wounded", DataType::Int64, true),
        Field::new("modality", DataType::Utf8, false),
        s("date_precision"),
        s("location_precision"),
        s("iso2"),
        Field::new("doc_id", DataType::Utf8, false),
        s("url"),
        s("published"),
        Field::new("evidence", DataType::Utf8, false),
        Field::new("event_id", DataType::Utf8, false),
        s("incident_id"),
    ])
}

impl<W: Write + Send> ParquetExporter<W> {
    /// Starts a Parquet export.
    pub fn new(out: W) -> Result<Self, StoreError> {
        let schema = Arc::new(parquet_schema());
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let w = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(ex)?;
        Ok(ParquetExporter {
            w,
            schema,
            pending: Vec::new(),
        })
    }

    /// Writes one event (buffered into batches of 8192).
    pub fn write(&mut self, r: &EventRow) -> Result<(), StoreError> {
        self.pending.push(AcledRecord::from_row(r));
        if self.pending.len() >= PARQUET_BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let strs = |f: &dyn Fn(&AcledRecord) -> Option<&str>| -> ArrayRef {
            let mut b = StringBuilder::new();
            for r in &rows {
                b.append_option(f(r));
            }
            Arc::new(b.finish())
        };
        let i32s = |f: &dyn Fn(&AcledRecord) -> Option<i32>| -> ArrayRef {
            let mut b = Int32Builder::new();
            for r in &rows {
                b.append_option(f(r));
            }
            Arc::new(b.finish())
        };
        let i64s = |f: &dyn Fn(&AcledRecord) -> Option<i64>| -> ArrayRef {
            let mut b = Int64Builder::new();
            for r in &rows {
                b.append_option(f(r));
            }
            Arc::new(b.finish())
        };
        let f64s = |f: &dyn Fn(&AcledRecord) -> Option<f64>| -> ArrayRef {
            let mut b = Float64Builder::new();
            for r in &rows {
                b.append_option(f(r));
            }
            Arc::new(b.finish())
        };
        let cols: Vec<ArrayRef> = vec![
            strs(&|r| Some(r.event_id_cnty.as_str())),
            {
                let mut b = Date32Builder::new();
                for r in &rows {
                    b.append_option(r.event_date.as_deref().and_then(days_since_epoch));
                }
                Arc::new(b.finish())
            },
            i32s(&|r| r.year),
            i32s(&|r| r.time_precision),
            strs(&|r| Some(r.event_type.as_str())),
            strs(&|r| Some(r.sub_event_type.as_str())),
            strs(&|r| r.actor1.as_deref()),
            strs(&|r| r.actor2.as_deref()),
            strs(&|r| r.country.as_deref()),
            strs(&|r| r.admin1.as_deref()),
            strs(&|r| r.admin2.as_deref()),
            strs(&|r| r.location.as_deref()),
            f64s(&|r| r.latitude),
            f64s(&|r| r.longitude),
            i32s(&|r| r.geo_precision),
            strs(&|r| r.source.as_deref()),
            strs(&|r| r.notes.as_deref()),
            i64s(&|r| r.fatalities),
            i64s(&|r| r.injured),
            i64s(&|r| r.killed_or_wounded),
            strs(&|r| Some(r.modality.as_str())),
            strs(&|r| r.date_precision.as_deref()),
            strs(&|r| r.location_precision.as_deref()),
            strs(&|r| r.iso2.as_deref()),
            strs(&|r| Some(r.doc_id.as_str())),
            strs(&|r| r.url.as_deref()),
            strs(&|r| r.published.as_deref()),
            strs(&|r| Some(r.evidence.as_str())),
            strs(&|r| Some(r.event_id.as_str())),
            strs(&|r| r.incident_id.as_deref()),
        ];
        let batch = RecordBatch::try_new(self.schema.clone(), cols).map_err(ex)?;
        self.w.write(&batch).map_err(ex)
    }

    /// Writes the last batch and the Parquet footer.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.flush_batch()?;
        self.w.close().map(|_| ()).map_err(ex)
    }
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`; a month `YYYY-MM` or a year
/// `YYYY` gives its first day, the precision column says which): Parquet's DATE.
fn days_since_epoch(iso: &str) -> Option<i32> {
    let mut parts = iso.get(..iso.len().min(10))?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let d: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

#[cfg(test)]
mod date_tests {
    use super::days_since_epoch;

    #[test]
    fn parquet_dates_are_days_since_1970() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("2017-03-12"), Some(17_237));
        assert_eq!(days_since_epoch("2000-02-29"), Some(11_016));
        assert_eq!(days_since_epoch("2017-03"), Some(17_226));
        assert_eq!(days_since_epoch("soon"), None);
    }
}
