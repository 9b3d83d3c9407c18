//! The JSON API handlers (`/api/...`).
//!
//! Events are returned with the field names of the CLI's exports
//! ([`sitrep_store::export::AcledRecord`], `evidence` as `[{start,end}]` character
//! ranges) plus `id` (the store's row id, for `/api/events/{id}`) and `title`.
//! Listings page with a cursor: each answer carries `next_cursor` (null on the last
//! page); pass it back as `cursor`.

use crate::analysis::{self, Aggregate, Bucket};
use crate::error::ApiError;
use crate::params::{self, encode_cursor, offset_cursor, Params, FILTER_KEYS};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use sitrep_store::export::{AcledRecord, CsvExporter};
use sitrep_store::reconcile::Incident;
use sitrep_store::{DocFilter, EventCursor, EventRow, IncidentCursor, Store, StoreError};
use std::io::Write;
use std::sync::Arc;

const PAGE_KEYS: &[&str] = &["limit", "cursor"];

/// One event as the API shows it: the export record, evidence as ranges, row id, title.
pub fn event_json(r: &EventRow) -> Value {
    let mut v = serde_json::to_value(AcledRecord::from_row(r)).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), json!(r.id));
        o.insert("title".into(), json!(r.title));
        o.insert("incident_id".into(), json!(r.incident_id));
        o.insert(
            "evidence".into(),
            serde_json::to_value(&r.event.evidence).unwrap_or(Value::Null),
        );
    }
    v
}

fn page_of(
    raw: Option<String>,
) -> Result<(sitrep_store::EventFilter, Option<EventCursor>), ApiError> {
    let p = Params::parse(raw.as_deref(), &[FILTER_KEYS, PAGE_KEYS])?;
    let mut f = p.event_filter()?;
    // One more than asked, to know whether there is a next page.
    f.limit = Some(p.limit()? + 1);
    Ok((f, p.event_cursor()?))
}

/// A JSON answer from bytes already serialised (a cached page).
fn json_body(bytes: bytes::Bytes) -> Response {
    let mut r = Body::from(bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The answer cached under `key` (the endpoint and its raw query), or `make`'s,
/// serialised once and cached until the database changes: a dashboard's views and its
/// many viewers ask for the same pages and charts again and again.
async fn cached(
    state: &Arc<AppState>,
    key: String,
    make: impl std::future::Future<Output = Result<Value, ApiError>>,
) -> Result<Response, ApiError> {
    if let Some(hit) = state.pages.get(&key) {
        return Ok(json_body((*hit).clone()));
    }
    let body = serde_json::to_vec(&make.await?)
        .map(bytes::Bytes::from)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    state.pages.put(key, Arc::new(body.clone()));
    Ok(json_body(body))
}

/// A keyset page: `rows` holds one more than `want` when there is a next page, whose
/// cursor is that of the last row shown.
fn keyset_page<T>(
    mut rows: Vec<T>,
    want: usize,
    cursor: impl Fn(&T) -> String,
    shape: impl Fn(&T) -> Value,
) -> Value {
    let more = rows.len() > want;
    rows.truncate(want);
    let next = more.then(|| rows.last().map(&cursor)).flatten();
    let items: Vec<Value> = rows.iter().map(shape).collect();
    json!({"items": items, "next_cursor": next})
}

/// `GET /api/events`
pub async fn events(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let key = format!("events?{}", raw.as_deref().unwrap_or(""));
    let (filter, cursor) = page_of(raw)?;
    let had_query = filter.query.is_some();
    let pool = Arc::clone(&state.pool);
    cached(&state, key, async move {
        pool.run(move |s| {
            let want = filter.limit.unwrap_or(1).saturating_sub(1);
            let mut rows = Vec::with_capacity(want + 1);
            s.for_each_event_after(&filter, cursor.as_ref(), &mut |r| {
                rows.push(r);
                Ok(())
            })
            .map_err(|e| ApiError::from_store(e, had_query))?;
            Ok(keyset_page(
                rows,
                want,
                |r| encode_cursor(&EventCursor::of(r)),
                event_json,
            ))
        })
        .await
    })
    .await
}

/// `GET /api/incidents`: reconciled incidents (each with every report), paged by
/// (event_date, incident_id) like events, cached per query like them.
pub async fn incidents(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let key = format!("incidents?{}", raw.as_deref().unwrap_or(""));
    let p = Params::parse(raw.as_deref(), &[FILTER_KEYS, PAGE_KEYS])?;
    let mut filter = p.event_filter()?;
    filter.limit = Some(p.limit()? + 1);
    let cursor = p
        .get("cursor")
        .map(params::decode_incident_cursor)
        .transpose()?;
    let had_query = filter.query.is_some();
    let pool = Arc::clone(&state.pool);
    cached(&state, key, async move {
        pool.run(move |s| {
            let want = filter.limit.unwrap_or(1).saturating_sub(1);
            let mut rows: Vec<Incident> = Vec::with_capacity(want + 1);
            s.for_each_incident_after(&filter, cursor.as_ref(), &mut |i| {
                rows.push(i);
                Ok(())
            })
            .map_err(|e| ApiError::from_store(e, had_query))?;
            Ok(keyset_page(
                rows,
                want,
                |i| params::encode_incident_cursor(&IncidentCursor::of(i)),
                |i| json!(i),
            ))
        })
        .await
    })
    .await
}

fn parse_id(id: &str, what: &str) -> Result<i64, ApiError> {
    let digits = id.strip_prefix('E').unwrap_or(id);
    digits
        .parse::<i64>()
        .map_err(|_| ApiError::not_found(what, id))
}

/// `GET /api/events/{id}`
pub async fn event(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let n = parse_id(&id, "event")?;
    state
        .pool
        .run(move |s| match s.get_event(n) {
            Ok(Some(r)) => Ok(Json(event_json(&r))),
            Ok(None) => Err(ApiError::not_found("event", &id)),
            Err(e) => Err(ApiError::from_store(e, false)),
        })
        .await
}

/// `GET /api/incidents/{id}`: one incident with every report.
pub async fn incident(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    state
        .pool
        .run(move |s| match s.get_incident(&id) {
            Ok(Some(i)) => Ok(Json(json!(i))),
            Ok(None) => Err(ApiError::not_found("incident", &id)),
            Err(e) => Err(ApiError::from_store(e, false)),
        })
        .await
}

/// The aggregate for the request's filter (cached).
async fn aggregate_for(
    state: &Arc<AppState>,
    raw: Option<String>,
) -> Result<Arc<Aggregate>, ApiError> {
    let p = Params::parse(raw.as_deref(), &[FILTER_KEYS, &["bucket"]])?;
    let filter = p.event_filter()?;
    let bucket = Bucket::parse(p.get("bucket"))?;
    let key = p.canonical();
    if let Some(hit) = state.cache.get(&key) {
        return Ok(hit);
    }
    let agg = state
        .pool
        .run(move |s| analysis::aggregate(s, &filter, bucket).map(Arc::new))
        .await?;
    state.cache.put(key, Arc::clone(&agg));
    Ok(agg)
}

/// An answer drawn from the aggregate of the request's filter, serialised once per query
/// and kept with the event pages until the database changes.
async fn from_aggregate(
    state: &Arc<AppState>,
    raw: Option<String>,
    kind: &'static str,
    view: fn(&Aggregate) -> Value,
) -> Result<Response, ApiError> {
    let key = format!("{kind}?{}", raw.as_deref().unwrap_or(""));
    cached(state, key, async {
        Ok(view(&*aggregate_for(state, raw).await?))
    })
    .await
}

/// `GET /api/trends`: counts per week or month.
pub async fn trends(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    from_aggregate(
        &state,
        raw,
        "trends",
        |a| json!({"unit": a.unit, "bucket": a.bucket, "undated": a.undated, "series": a.trend}),
    )
    .await
}

/// `GET /api/summary`: totals, date range and counts per event type.
pub async fn summary(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    from_aggregate(&state, raw, "summary", |a| {
        json!({
            "unit": a.unit, "total": a.total, "first": a.first, "last": a.last,
            "by_type": a.by_type,
        })
    })
    .await
}

/// `GET /api/places`: events per place.
pub async fn places(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    from_aggregate(
        &state,
        raw,
        "places",
        |a| json!({"unit": a.unit, "items": a.places}),
    )
    .await
}

/// `GET /api/stats`
pub async fn stats(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let writable = state.ingest.is_some();
    state
        .pool
        .run(move |s| {
            let st = s.stats().map_err(|e| ApiError::from_store(e, false))?;
            Ok(Json(json!({
                "documents": st.documents, "duplicates": st.duplicates, "events": st.events,
                "ingest": writable, "incidents": true,
            })))
        })
        .await
}

const DOC_KEYS: &[&str] = &["query", "since", "until", "publisher", "duplicates"];

fn doc_filter(p: &Params) -> Result<DocFilter, ApiError> {
    Ok(DocFilter {
        query: p.get("query").map(str::to_string),
        since: p.date("since")?,
        until: p.date("until")?,
        publisher: p.get("publisher").map(str::to_string),
        include_duplicates: match p.get("duplicates") {
            None | Some("false") => false,
            Some("true") => true,
            Some(v) => {
                return Err(ApiError::bad(
                    format!("`duplicates` must be true or false, got `{v}`"),
                    "duplicates=true",
                ))
            }
        },
        limit: Some(p.limit()? + 1),
        offset: offset_cursor(p)?,
    })
}

/// `GET /api/documents`
pub async fn documents(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref(), &[DOC_KEYS, PAGE_KEYS])?;
    let f = doc_filter(&p)?;
    state
        .pool
        .run(move |s| {
            let want = f.limit.unwrap_or(1) - 1;
            let mut rows = s
                .list_docs(&f)
                .map_err(|e| ApiError::from_store(e, f.query.is_some()))?;
            let more = rows.len() > want;
            rows.truncate(want);
            let next = more.then(|| (f.offset + want).to_string());
            Ok(Json(json!({"items": rows, "next_cursor": next})))
        })
        .await
}

/// `GET /api/documents/{id}`: the document with every layer and its events (with ids).
pub async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    state
        .pool
        .run(move |s| {
            let doc = s
                .get_doc(&id)
                .map_err(|e| ApiError::from_store(e, false))?
                .ok_or_else(|| ApiError::not_found("document", &id))?;
            let filter = sitrep_store::EventFilter {
                doc_id: Some(id.clone()),
                ..Default::default()
            };
            let rows = s
                .query_events(&filter)
                .map_err(|e| ApiError::from_store(e, false))?;
            // The document's fields at the top (as `sitrep docs show --format json`
            // prints them), plus the store's metadata and the events with their ids.
            let mut v =
                serde_json::to_value(&doc.doc).map_err(|e| ApiError::internal(e.to_string()))?;
            if let Some(o) = v.as_object_mut() {
                o.insert("content_hash".into(), json!(doc.content_hash));
                o.insert("duplicate_of".into(), json!(doc.duplicate_of));
                o.insert("duplicates".into(), json!(doc.duplicates));
                o.insert("ingested_at".into(), json!(doc.ingested_at));
                o.insert("updated_at".into(), json!(doc.updated_at));
                o.insert(
                    "stored_events".into(),
                    Value::Array(rows.iter().map(event_json).collect()),
                );
            }
            Ok(Json(v))
        })
        .await
}

/// `GET /api/quotes`: quotes of the documents matching the document filters (and an
/// optional `speaker` substring), paged by document.
pub async fn quotes(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref(), &[DOC_KEYS, PAGE_KEYS, &["speaker"]])?;
    let f = doc_filter(&p)?;
    let speaker = p.get("speaker").map(str::to_lowercase);
    state
        .pool
        .run(move |s| {
            let want = f.limit.unwrap_or(1) - 1;
            let docs = s
                .list_docs(&f)
                .map_err(|e| ApiError::from_store(e, f.query.is_some()))?;
            let more = docs.len() > want;
            let mut items = Vec::new();
            for d in docs.iter().take(want) {
                let Some(sd) = s
                    .get_doc(&d.id)
                    .map_err(|e| ApiError::from_store(e, false))?
                else {
                    continue;
                };
                for q in sd.doc.quotes.iter().flatten() {
                    let name = q.speaker.as_ref().map(|sp| sp.name.to_lowercase());
                    if let Some(want) = &speaker {
                        if !name.as_deref().is_some_and(|n| n.contains(want.as_str())) {
                            continue;
                        }
                    }
                    let mut v = serde_json::to_value(q).unwrap_or(Value::Null);
                    if let Some(o) = v.as_object_mut() {
                        o.insert("doc_id".into(), json!(d.id));
                        o.insert("publisher".into(), json!(d.publisher));
                        o.insert("published".into(), json!(d.published));
                    }
                    items.push(v);
                }
            }
            let next = more.then(|| (f.offset + want).to_string());
            Ok(Json(json!({"items": items, "next_cursor": next})))
        })
        .await
}

/// A `Write` that sends 64 KiB chunks to the response body.
struct ChunkWriter {
    tx: tokio::sync::mpsc::Sender<Result<bytes::Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl Write for ChunkWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = bytes::Bytes::from(std::mem::take(&mut self.buf));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))
    }
}

/// Streams an export of every matching event (no page size: exports are whole).
async fn export(
    state: Arc<AppState>,
    raw: Option<String>,
    content_type: &'static str,
    filename: &'static str,
    write: fn(&dyn Store, &sitrep_store::EventFilter, &mut ChunkWriter) -> Result<(), StoreError>,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &[FILTER_KEYS])?;
    let filter = p.event_filter()?;
    let had_query = filter.query.is_some();
    // Check the filter (a bad FTS query) before the 200 status is sent.
    let probe = sitrep_store::EventFilter {
        limit: Some(1),
        ..filter.clone()
    };
    state
        .pool
        .run(move |s| {
            s.for_each_event(&probe, &mut |_| Ok(()))
                .map(|_| ())
                .map_err(|e| ApiError::from_store(e, had_query))
        })
        .await?;
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    let pool = Arc::clone(&state.pool);
    tokio::spawn(async move {
        let _ = pool
            .run(move |s| {
                let mut w = ChunkWriter {
                    tx: tx.clone(),
                    buf: Vec::new(),
                };
                let res = write(s, &filter, &mut w)
                    .and_then(|()| w.flush().map_err(|e| StoreError::Export(e.to_string())));
                if let Err(e) = res {
                    let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
                }
                Ok(())
            })
            .await;
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
    let mut resp = (StatusCode::OK, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static(filename),
    );
    Ok(resp)
}

fn write_csv(
    s: &dyn Store,
    f: &sitrep_store::EventFilter,
    w: &mut ChunkWriter,
) -> Result<(), StoreError> {
    let mut x = CsvExporter::new(w)?;
    s.for_each_event(f, &mut |r| x.write(&r))?;
    x.finish()
}

fn write_geojson(
    s: &dyn Store,
    f: &sitrep_store::EventFilter,
    w: &mut ChunkWriter,
) -> Result<(), StoreError> {
    let io = |e: std::io::Error| StoreError::Export(e.to_string());
    w.write_all(br#"{"type":"FeatureCollection","features":["#)
        .map_err(io)?;
    let mut first = true;
    s.for_each_event(f, &mut |r| {
        let (Some(lat), Some(lon)) = (r.event.latitude, r.event.longitude) else {
            return Ok(());
        };
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": event_json(&r),
        });
        if !first {
            w.write_all(b",").map_err(io)?;
        }
        first = false;
        serde_json::to_writer(&mut *w, &feature).map_err(|e| StoreError::Export(e.to_string()))
    })?;
    w.write_all(b"]}").map_err(io)
}

/// `GET /api/events.csv`: ACLED columns, like `sitrep events --format csv`.
pub async fn events_csv(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    export(
        state,
        raw,
        "text/csv; charset=utf-8",
        "attachment; filename=\"events.csv\"",
        write_csv,
    )
    .await
}

/// `GET /api/events.geojson`: events with coordinates as a GeoJSON FeatureCollection.
pub async fn events_geojson(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    export(
        state,
        raw,
        "application/geo+json",
        "attachment; filename=\"events.geojson\"",
        write_geojson,
    )
    .await
}

/// Any other `/api/...` path.
pub async fn not_found_api() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: "no such API endpoint".into(),
        help: Some("see GET /api/openapi.json for the endpoints".into()),
    }
}

/// Re-exported for the OpenAPI description.
pub use params::{DEFAULT_LIMIT, MAX_LIMIT};
