//! The OpenAPI 3.1 description served at `/api/openapi.json`, written by hand next to
//! the handlers (a test checks that every route of the router is described).

use axum::Json;
use serde_json::{json, Value};

fn filter_params() -> Vec<Value> {
    let p = |name: &str, desc: &str, schema: Value| json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema});
    let s = json!({"type": "string"});
    let d = json!({"type": "string", "format": "date"});
    vec![
        p(
            "country",
            "ISO2 code (SY) or English name (Syria)",
            s.clone(),
        ),
        p(
            "admin1",
            "First-level division, exact, case-insensitive",
            s.clone(),
        ),
        p(
            "since",
            "Events on or after this date (YYYY-MM-DD)",
            d.clone(),
        ),
        p("until", "Events on or before this date (YYYY-MM-DD)", d),
        p(
            "type",
            "Event type or sub-event type, exact, case-insensitive",
            s.clone(),
        ),
        p(
            "actor",
            "Part of actor1 or actor2, case-insensitive",
            s.clone(),
        ),
        p(
            "min_fatalities",
            "At least this many fatalities",
            json!({"type": "integer", "minimum": 0}),
        ),
        p(
            "query",
            "SQLite FTS5 query over the source article's title and text",
            s.clone(),
        ),
        p("doc", "Only events of this document id", s),
    ]
}

fn page_params() -> Vec<Value> {
    vec![
        json!({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
            "maximum": crate::params::MAX_LIMIT, "default": crate::params::DEFAULT_LIMIT}}),
        json!({"name": "cursor", "in": "query", "schema": {"type": "string"},
            "description": "`next_cursor` of the previous page"}),
    ]
}

fn doc_params() -> Vec<Value> {
    let s = json!({"type": "string"});
    vec![
        json!({"name": "query", "in": "query", "schema": s, "description": "FTS5 query over title and text"}),
        json!({"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}}),
        json!({"name": "until", "in": "query", "schema": {"type": "string", "format": "date"}}),
        json!({"name": "publisher", "in": "query", "schema": s}),
        json!({"name": "duplicates", "in": "query", "schema": {"type": "boolean"}}),
    ]
}

fn op(summary: &str, params: Vec<Value>, content: &str) -> Value {
    json!({"get": {
        "summary": summary,
        "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": {content: {}}},
            "400": {"$ref": "#/components/responses/Error"},
            "404": {"$ref": "#/components/responses/Error"},
        }
    }})
}

fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})
}

/// The description.
pub fn description() -> Value {
    let f = filter_params();
    let fp: Vec<Value> = f.iter().cloned().chain(page_params()).collect();
    let mut fb = f.clone();
    fb.push(json!({"name": "bucket", "in": "query", "schema": {"type": "string", "enum": ["week", "month"], "default": "month"}}));
    let dp: Vec<Value> = doc_params().into_iter().chain(page_params()).collect();
    let mut qp = dp.clone();
    qp.push(json!({"name": "speaker", "in": "query", "schema": {"type": "string"}, "description": "Part of the speaker's name"}));
    let j = "application/json";
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Events, documents, incidents, trends, places and quotes of a sitrep database. Filters mean the same as the CLI's (`sitrep events --help`). Listings page with `cursor` = the previous answer's `next_cursor`. Errors are JSON `{error, code, status, help}`."
        },
        "paths": {
            "/api/stats": op("Totals", vec![], j),
            "/api/events": op("Events, oldest first", fp.clone(), j),
            "/api/events.csv": op("All matching events as CSV (ACLED columns)", f.clone(), "text/csv"),
            "/api/events.geojson": op("Matching events with coordinates as GeoJSON", f.clone(), "application/geo+json"),
            "/api/events/{id}": op("One event", vec![id_param()], j),
            "/api/incidents": op("Incidents: reports of one incident reconciled across outlets, each with its reports and figures (fatalities, low/high, claimed, disputed)", fp, j),
            "/api/incidents/{id}": op("One incident with its reports", vec![id_param()], j),
            "/api/trends": op("Counts and fatalities per week or month (unknown tolls counted apart)", fb.clone(), j),
            "/api/summary": op("Totals, date range and counts per event type", fb.clone(), j),
            "/api/places": op("Counts per place", fb, j),
            "/api/documents": op("Documents, newest first", dp, j),
            "/api/documents/{id}": op("One document with every layer (character offsets) and its events", vec![id_param()], j),
            "/api/quotes": op("Quotes of the matching documents", qp, j),
            "/api/openapi.json": op("This description", vec![], j),
            "/api/ingest": {"post": {
                "summary": "Ingest one file (article, JSON lines of documents or of fetched pages, feed, WARC, CSV). Only with `sitrep serve --allow-ingest`; needs the bearer token.",
                "security": [{"token": []}],
                "parameters": [
                    {"name": "name", "in": "query", "schema": {"type": "string"}, "description": "File name; its extension picks the reader"},
                    {"name": "published", "in": "query", "schema": {"type": "string", "format": "date"}}
                ],
                "requestBody": {"required": true, "content": {"application/octet-stream": {}}},
                "responses": {
                    "200": {"description": "Stored", "content": {j: {}}},
                    "401": {"$ref": "#/components/responses/Error"},
                    "403": {"$ref": "#/components/responses/Error"},
                    "413": {"description": "Body over the size limit"},
                    "422": {"$ref": "#/components/responses/Error"}
                }
            }}
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": {"description": "Error", "content": {j: {"schema": {
                "type": "object",
                "properties": {"error": {"type": "string"}, "code": {"type": "string"},
                    "status": {"type": "integer"}, "help": {"type": ["string", "null"]}}
            }}}}}
        }
    })
}

/// `GET /api/openapi.json`
pub async fn openapi() -> Json<Value> {
    Json(description())
}
