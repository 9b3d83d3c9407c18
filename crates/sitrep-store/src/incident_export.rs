//! Incident exports: CSV, JSON lines, Parquet and GeoJSON, streaming.
//!
//! JSON lines and GeoJSON carry the whole [`Incident`] (the DESIGN.md contract, reports
//! included). CSV and Parquet are flat: the incident's columns, then `sources` (the
//! reports' outlets, `; `-separated) and `reports` (the reports as JSON).
//! GeoJSON is a `FeatureCollection` of points; incidents without coordinates are written
//! with a `null` geometry, so nothing is lost.

use crate::{Incident, StoreError};
use arrow::array::{ArrayRef, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::Serialize;
use std::io::Write;
use std::sync::Arc;

fn ex<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Export(e.to_string())
}

fn name<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
}

fn int(v: Option<u64>) -> Option<i64> {
    v.and_then(|x| i64::try_from(x).ok())
}

/// One incident flattened for CSV and Parquet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentRecord {
    /// Incident id.
    pub incident_id: String,
    /// Event date.
    pub event_date: Option<String>,
    /// Date precision.
    pub date_precision: Option<String>,
    /// Event type.
    pub event_type: String,
    /// Sub-event type.
    pub sub_event_type: String,
    /// Acting side.
    pub actor1: Option<String>,
    /// Side acted upon.
    pub actor2: Option<String>,
    /// ISO2 country.
    pub country: Option<String>,
    /// Province.
    pub admin1: Option<String>,
    /// Place.
    pub location: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Location precision.
    pub location_precision: Option<String>,
    /// Best toll.
    pub fatalities: Option<i64>,
    /// Low estimate.
    pub fatalities_low: Option<i64>,
    /// High estimate.
    pub fatalities_high: Option<i64>,
    /// Injured.
    pub injured: Option<i64>,
    /// Claimed toll.
    pub claimed_fatalities: Option<i64>,
    /// Reports disagree.
    pub disputed: bool,
    /// Number of reports.
    pub n_reports: i64,
    /// Dataset.
    pub dataset: String,
    /// Outlets of the reports.
    pub sources: String,
    /// Reports as JSON.
    pub reports: String,
}

/// CSV / Parquet column names, in order.
pub const INCIDENT_COLUMNS: &[&str] = &[
    "incident_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "location_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injured",
    "claimed_fatalities",
    "disputed",
    "n_reports",
    "dataset",
    "sources",
    "reports",
];

impl IncidentRecord {
    /// Flattens an incident.
    pub fn of(i: &Incident) -> Self {
        let mut sources: Vec<&str> = i
            .reports
            .iter()
            .filter_map(|r| r.publisher.as_deref())
            .collect();
        sources.dedup();
        IncidentRecord {
            incident_id: i.incident_id.clone(),
            event_date: i.event_date.clone(),
            date_precision: i.date_precision.as_ref().and_then(name),
            event_type: i.event_type.clone(),
            sub_event_type: i.sub_event_type.clone(),
            actor1: i.actor1.clone(),
            actor2: i.actor2.clone(),
            country: i.country.clone(),
            admin1: i.admin1.clone(),
            location: i.location.clone(),
            latitude: i.latitude,
            longitude: i.longitude,
            location_precision: i.location_precision.as_ref().and_then(name),
            fatalities: int(i.fatalities),
            fatalities_low: int(i.fatalities_low),
            fatalities_high: int(i.fatalities_high),
            injured: int(i.injured),
            claimed_fatalities: int(i.claimed_fatalities),
            disputed: i.disputed,
            n_reports: i.n_reports as i64,
            dataset: i.dataset.clone(),
            sources: sources.join("; "),
            reports: serde_json::to_string(&i.reports).unwrap_or_else(|_| "[]".into()),
        }
    }
}

/// The output formats of incidents.
pub enum IncidentWriter<W: Write + Send> {
    /// CSV with [`INCIDENT_COLUMNS`].
    Csv(Box<csv::Writer<W>>),
    /// One [`Incident`] JSON object per line.
    Jsonl(W),
    /// A GeoJSON FeatureCollection (`first` = no feature written yet).
    GeoJson {
        /// Output.
        w: W,
        /// No feature written yet.
        first: bool,
    },
    /// Parquet (Snappy), in batches.
    Parquet {
        /// Writer.
        w: Box<ArrowWriter<W>>,
        /// Rows not yet written.
        pending: Vec<IncidentRecord>,
    },
}

/// The Arrow schema of the Parquet incident export.
pub fn incident_schema() -> Schema {
    let s = |n: &str| Field::new(n, DataType::Utf8, true);
    let i = |n: &str| Field::new(n, DataType::Int64, true);
    Schema::new(vec![
        Field::new("incident_id", DataType::Utf8, false),
        s("event_date"),
        s("date_precision"),
        Field::new("event_type", DataType::Utf8, false),
        Field::new("sub_event_type", DataType::Utf8, false),
        s("actor1"),
        s("actor2"),
        s("country"),
        s("admin1"),
        s("location"),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        s("location_precision"),
        i("fatalities"),
        i("fatalities_low"),
        i("fatalities_high"),
        i("injured"),
        i("claimed_fatalities"),
        Field::new("disputed", DataType::Boolean, false),
        Field::new("n_reports", DataType::Int64, false),
        Field::new("dataset", DataType::Utf8, false),
        Field::new("sources", DataType::Utf8, false),
        Field::new("reports", DataType::Utf8, false),
    ])
}

fn parquet_batch(rows: &[IncidentRecord]) -> Result<RecordBatch, StoreError> {
    let strs = |f: &dyn Fn(&IncidentRecord) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::new();
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    };
    let i64s = |f: &dyn Fn(&IncidentRecord) -> Option<i64>| -> ArrayRef {
        let mut b = Int64Builder::new();
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    };
    let f64s = |f: &dyn Fn(&IncidentRecord) -> Option<f64>| -> ArrayRef {
        let mut b = Float64Builder::new();
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    };
    let mut disputed = BooleanBuilder::new();
    for r in rows {
        disputed.append_value(r.disputed);
    }
    let cols: Vec<ArrayRef> = vec![
        strs(&|r| Some(r.incident_id.as_str())),
        strs(&|r| r.event_date.as_deref()),
        strs(&|r| r.date_precision.as_deref()),
        strs(&|r| Some(r.event_type.as_str())),
        strs(&|r| Some(r.sub_event_type.as_str())),
        strs(&|r| r.actor1.as_deref()),
        strs(&|r| r.actor2.as_deref()),
        strs(&|r| r.country.as_deref()),
        strs(&|r| r.admin1.as_deref()),
        strs(&|r| r.location.as_deref()),
        f64s(&|r| r.latitude),
        f64s(&|r| r.longitude),
        strs(&|r| r.location_precision.as_deref()),
        i64s(&|r| r.fatalities),
        i64s(&|r| r.fatalities_low),
        i64s(&|r| r.fatalities_high),
        i64s(&|r| r.injured),
        i64s(&|r| r.claimed_fatalities),
        Arc::new(disputed.finish()),
        i64s(&|r| Some(r.n_reports)),
        strs(&|r| Some(r.dataset.as_str())),
        strs(&|r| Some(r.sources.as_str())),
        strs(&|r| Some(r.reports.as_str())),
    ];
    RecordBatch::try_new(Arc::new(incident_schema()), cols).map_err(ex)
}

impl<W: Write + Send> IncidentWriter<W> {
    /// Starts an export in `format` (`csv`, `jsonl`, `geojson`, `parquet`).
    pub fn new(format: &str, mut out: W) -> Result<Self, StoreError> {
        Ok(match format {
            "csv" => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                w.write_record(INCIDENT_COLUMNS).map_err(ex)?;
                IncidentWriter::Csv(Box::new(w))
            }
            "jsonl" => IncidentWriter::Jsonl(out),
            "geojson" => {
                out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")
                    .map_err(ex)?;
                IncidentWriter::GeoJson {
                    w: out,
                    first: true,
                }
            }
            "parquet" => {
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .build();
                let w = ArrowWriter::try_new(out, Arc::new(incident_schema()), Some(props))
                    .map_err(ex)?;
                IncidentWriter::Parquet {
                    w: Box::new(w),
                    pending: Vec::new(),
                }
            }
            other => {
                return Err(StoreError::Export(format!(
                    "unknown incident format `{other}` (use csv, jsonl, geojson or parquet)"
                )))
            }
        })
    }

    /// Writes one incident.
    pub fn write(&mut self, i: &Incident) -> Result<(), StoreError> {
        match self {
            IncidentWriter::Csv(w) => w.serialize(IncidentRecord::of(i)).map_err(ex),
            IncidentWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, i).map_err(ex)?;
                w.write_all(b"\n").map_err(ex)
            }
            IncidentWriter::GeoJson { w, first } => {
                let geometry = match (i.longitude, i.latitude) {
                    (Some(x), Some(y)) => {
                        serde_json::json!({"type": "Point", "coordinates": [x, y]})
                    }
                    _ => serde_json::Value::Null,
                };
                let f =
                    serde_json::json!({"type": "Feature", "geometry": geometry, "properties": i});
                if !*first {
                    w.write_all(b",\n").map_err(ex)?;
                }
                *first = false;
                serde_json::to_writer(&mut *w, &f).map_err(ex)
            }
            IncidentWriter::Parquet { w, pending } => {
                pending.push(IncidentRecord::of(i));
                if pending.len() >= 8192 {
                    let b = parquet_batch(pending)?;
                    pending.clear();
                    w.write(&b).map_err(ex)?;
                }
                Ok(())
            }
        }
    }

    /// Finishes the file (GeoJSON closing brackets, Parquet footer).
    pub fn finish(self) -> Result<(), StoreError> {
        match self {
            IncidentWriter::Csv(mut w) => w.flush().map_err(ex),
            IncidentWriter::Jsonl(mut w) => w.flush().map_err(ex),
            IncidentWriter::GeoJson { mut w, .. } => {
                w.write_all(b"\n]}\n").map_err(ex)?;
                w.flush().map_err(ex)
            }
            IncidentWriter::Parquet { mut w, pending } => {
                if !pending.is_empty() {
                    let b = parquet_batch(&pending)?;
                    w.write(&b).map_err(ex)?;
                }
                w.close().map(|_| ()).map_err(ex)
            }
        }
    }
}
