//! API errors: every failure leaves as a JSON object `{"error", "code", "help"}` with a
//! 4xx status when the request was at fault, so a client (or the dashboard) can show
//! what to change. Store errors caused by a bad full-text query become 400s too; only a
//! failure of the server itself is a 500, and it never panics.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_store::StoreError;

/// An error answer: status, a machine-readable code, a message and a hint.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Short stable code (`bad_parameter`, `not_found`, …).
    pub code: &'static str,
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl ApiError {
    /// 400: a parameter is malformed or out of range.
    pub fn bad(message: impl Into<String>, help: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_parameter",
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// 404: no such id.
    pub fn not_found(what: &str, id: &str) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: format!("no {what} with id `{id}`"),
            help: Some(format!(
                "list {what}s with GET /api/{what}s to see the ids this database holds"
            )),
        }
    }

    /// 403 / 401: writing is not allowed.
    pub fn forbidden(status: StatusCode, message: impl Into<String>, help: &str) -> Self {
        ApiError {
            status,
            code: "forbidden",
            message: message.into(),
            help: Some(help.to_string()),
        }
    }

    /// 500: the server failed (database unreadable, worker gone).
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: message.into(),
            help: Some("see the server's log; the database may be damaged or busy".into()),
        }
    }

    /// Maps a store error: a full-text query SQLite cannot parse is the client's fault.
    pub fn from_store(e: StoreError, had_query: bool) -> Self {
        if let StoreError::Query { query, message } = &e {
            return ApiError::bad(
                format!("query {query:?}: {message}"),
                "`query` uses SQLite FTS5 syntax: words, \"phrases\", AND / OR / NOT, prefix*; quote words that contain punctuation",
            );
        }
        if let StoreError::Sqlite { source, .. } = &e {
            let msg = source.to_string();
            // A malformed FTS5 query is a plain SQLITE_ERROR ("fts5: syntax error",
            // "unterminated string", "no such column"); busy, I/O and corruption errors
            // have other codes and stay 500s.
            let generic = matches!(source, rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::Unknown);
            if had_query && generic {
                return ApiError::bad(
                    format!("query: {msg}"),
                    "`query` uses SQLite FTS5 syntax: words, \"phrases\", AND / OR / NOT, prefix*; quote words that contain punctuation",
                );
            }
        }
        ApiError::internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": self.message,
            "code": self.code,
            "status": self.status.as_u16(),
            "help": self.help,
        });
        (self.status, Json(body)).into_response()
    }
}

/// Middleware: an error answer that did not come from [`ApiError`] (axum's own
/// rejections: a body over the limit, a wrong method, an unreadable body) is rewritten
/// as the same JSON object, so every 4xx/5xx a client sees is JSON with a hint.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let text = match axum::body::to_bytes(res.into_body(), 4096).await {
        Ok(b) => String::from_utf8_lossy(&b).trim().to_string(),
        Err(_) => String::new(),
    };
    let (code, help) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "body_too_large",
            "send a smaller file, or start the server with a larger `--max-body`",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "the API is read with GET; only /api/ingest takes POST",
        ),
        StatusCode::NOT_FOUND => ("not_found", "see /api/openapi.json for the API's paths"),
        s if s.is_server_error() => (
            "internal",
            "see the server's log; the database may be damaged or busy",
        ),
        _ => (
            "bad_request",
            "see /api/openapi.json for what this endpoint accepts",
        ),
    };
    let message = if text.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("request refused")
            .to_string()
    } else {
        text
    };
    ApiError {
        status,
        code,
        message,
        help: Some(help.to_string()),
    }
    .into_response()
}
