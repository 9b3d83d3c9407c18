//! `POST /api/ingest`: add documents to the database over HTTP.
//!
//! Off unless the server was started with `--allow-ingest`; then every request must
//! carry `Authorization: Bearer <token>` with the token given (or printed) at start-up.
//! The body is one file, as `sitrep ingest` reads it, named by `?name=` (its extension
//! picks the reader): an article (`.txt`, `.html`), a JSON-lines file of documents or of
//! pages already fetched (`{"url", "html"}` per line), a feed, a WARC or a CSV. The body
//! size is capped by the router (`--max-body`).
//!
//! The upload is stored by the same driver as `sitrep ingest` ([`sitrep_driver::ingest()`]):
//! same readers, same pipeline, same batching, unchanged documents skipped, near-duplicates
//! linked. Uploads take turns on the one writer.

use crate::error::ApiError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};
use sitrep_driver::{IngestOptions, Observer, Source};
use sitrep_store::SqliteStore;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// Writer side of the server, present only with `--allow-ingest`.
pub struct Ingest {
    /// The bearer token requests must carry.
    pub token: String,
    /// The one writing connection.
    pub writer: Mutex<SqliteStore>,
    /// The database file, for the driver's read handles.
    pub db: PathBuf,
    /// The extraction pipeline, built on first use.
    pub pipeline: OnceLock<Result<sitrep_nlp::Pipeline, String>>,
}

/// Compares without an early exit, so the time taken does not reveal the token.
fn same_token(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A file name safe to create in a temporary directory (its extension is kept).
fn safe_name(name: Option<&str>) -> String {
    let base = name
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .unwrap_or("upload.txt");
    let clean: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .take(100)
        .collect();
    if clean.is_empty() || clean.starts_with('.') {
        format!("upload{clean}")
    } else {
        clean
    }
}

/// Collects the ids of the documents stored by one upload.
#[derive(Default)]
struct Seen {
    ids: Vec<String>,
}

impl<S: ?Sized> Observer<S> for Seen {
    fn after_upsert(
        &mut self,
        _store: &mut S,
        batch: &[sitrep_store::PreparedDoc],
        _summary: &sitrep_store::UpsertSummary,
    ) -> Result<(), String> {
        self.ids.extend(batch.iter().map(|d| d.doc.id.clone()));
        Ok(())
    }
}

/// `POST /api/ingest?name=FILE[&published=YYYY-MM-DD]`
pub async fn ingest(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let Some(ing) = state.ingest.clone() else {
        return Err(ApiError::forbidden(
            StatusCode::FORBIDDEN,
            "this server is read-only: ingest is disabled",
            "start it with `sitrep serve --allow-ingest` (a token is printed at start-up)",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same_token(given.as_bytes(), ing.token.as_bytes()) {
        return Err(ApiError::forbidden(
            StatusCode::UNAUTHORIZED,
            "missing or wrong ingest token",
            "send `Authorization: Bearer <token>` with the token printed by `sitrep serve --allow-ingest`",
        ));
    }
    let p = crate::params::Params::parse(raw.as_deref(), &[&["name", "published"]])?;
    let name = safe_name(p.get("name"));
    let published = p.date("published")?;
    if body.is_empty() {
        return Err(ApiError::bad(
            "empty body",
            "send the file's bytes as the request body, e.g. curl --data-binary @article.html",
        ));
    }
    let max = state.max_body as u64;
    let out = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let dir = tempfile::tempdir().map_err(|e| ApiError::internal(e.to_string()))?;
        let path = dir.path().join(&name);
        std::fs::write(&path, &body).map_err(|e| ApiError::internal(e.to_string()))?;
        let read = sitrep_ingest::ReadOptions {
            max_bytes: max,
            published,
            ..Default::default()
        };
        let opts = IngestOptions {
            read,
            jobs: 1,
            ..Default::default()
        };
        let pipeline = ing
            .pipeline
            .get_or_init(|| sitrep_nlp::default_pipeline().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| ApiError::internal(format!("building the pipeline: {e}")))?;
        let mut w = ing
            .writer
            .lock()
            .map_err(|_| ApiError::internal("writer poisoned"))?;
        let db = ing.db.clone();
        let mut seen = Seen::default();
        let totals = sitrep_driver::ingest(
            &mut *w,
            || SqliteStore::open_read_only(&db),
            pipeline,
            vec![Source::File { path, id: None }],
            &opts,
            &mut seen,
        )
        .map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(json!({
            "read": totals.read + totals.unchanged_early,
            "ids": seen.ids,
            "failed": totals.failures,
            "stored": totals.stored,
            "unchanged": totals.unchanged_early,
        }))
    })
    .await
    .map_err(|e| ApiError::internal(format!("ingest worker failed: {e}")))??;
    let status = if out["read"] == 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape_the_temporary_directory() {
        assert_eq!(safe_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(safe_name(Some("a b.html")), "ab.html");
        assert_eq!(safe_name(Some("..")), "upload..");
        assert_eq!(safe_name(None), "upload.txt");
        assert!(same_token(b"abc", b"abc"));
        assert!(!same_token(b"abc", b"abd"));
        assert!(!same_token(b"abc", b"ab"));
    }
}
