//! `sitrep serve`: a JSON API and an offline dashboard over a sitrep database.
//!
//! - [`router`] builds the axum application: `/api/...` (see [`openapi`] for the
//!   endpoints), `/` and `/assets/...` (the dashboard, compiled into the binary).
//! - [`serve`] binds (loopback by default) and runs it until Ctrl-C.
//!
//! Safety rules this crate keeps: the database is opened read-only unless ingest is
//! enabled ([`ServeConfig::allow_ingest`], plus a bearer token); every response carries a
//! strict Content-Security-Policy and the dashboard has no inline script and never puts
//! article text into HTML (it uses `textContent`); request bodies are capped; requests
//! whose `Host` is not the address the server listens on are refused when it listens on
//! loopback (DNS-rebinding defence); every SQL statement lives in `sitrep-store` and is
//! parameterised. Bad requests get a 4xx JSON error ([`error::ApiError`]).

pub mod analysis;
pub mod api;
pub mod assets;
pub mod error;
pub mod ingest;
pub mod openapi;
pub mod params;
pub mod pool;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sitrep_store::SqliteStore;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use thiserror::Error;
use tower_http::set_header::SetResponseHeaderLayer;

/// Default request-body cap for `POST /api/ingest` (bytes).
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Database file (must exist).
    pub db: PathBuf,
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Open the database for writing and enable `POST /api/ingest`.
    pub allow_ingest: bool,
    /// The bearer token for ingest (required when `allow_ingest`).
    pub token: Option<String>,
    /// Largest request body accepted (bytes).
    pub max_body: usize,
    /// Read connections (≥ 1).
    pub connections: usize,
}

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The database is missing or unreadable.
    #[error("{0}")]
    Store(#[from] sitrep_store::StoreError),
    /// The database file does not exist.
    #[error("database {0} does not exist\nhelp: create it with `sitrep ingest PATH --db {0}`")]
    Missing(String),
    /// The database has an older schema and the server may not write to it.
    #[error("database {path} has schema version {found}; this sitrep reads version {known}\nhelp: upgrade it once with `sitrep docs list --db {path}` (which migrates it), or serve it with --allow-ingest")]
    OldSchema {
        /// File.
        path: String,
        /// Its version.
        found: i64,
        /// Ours.
        known: i64,
    },
    /// Ingest was enabled without a token.
    #[error("--allow-ingest needs a token\nhelp: pass --token, or set SITREP_TOKEN")]
    NoToken,
    /// Binding or serving failed.
    #[error("cannot listen on {addr}: {source}\nhelp: is another server using that port? pick another with --addr 127.0.0.1:PORT")]
    Io {
        /// Address.
        addr: SocketAddr,
        /// Cause.
        source: std::io::Error,
    },
}

/// Shared state of the handlers.
pub struct AppState {
    /// Read connections.
    pub pool: Arc<pool::Pool>,
    /// Memoised aggregates.
    pub cache: analysis::Cache<analysis::Aggregate>,
    /// Memoised pages of events and incidents (JSON bodies), per query.
    pub pages: analysis::Cache<bytes::Bytes>,
    /// Ingest, when enabled.
    pub ingest: Option<Arc<ingest::Ingest>>,
    /// Body cap.
    pub max_body: usize,
    /// Accepted `Host` header values (empty: any).
    pub hosts: Vec<String>,
}

impl AppState {
    /// Opens the database as `config` says.
    pub fn open(config: &ServeConfig) -> Result<Self, ServeError> {
        if !config.db.exists() {
            return Err(ServeError::Missing(config.db.display().to_string()));
        }
        let ingest = if config.allow_ingest {
            let token = config.token.clone().ok_or(ServeError::NoToken)?;
            // Opening for writing migrates an older file.
            let writer = SqliteStore::open(&config.db)?;
            Some(Arc::new(ingest::Ingest {
                token,
                writer: Mutex::new(writer),
                db: config.db.clone(),
                pipeline: OnceLock::new(),
            }))
        } else {
            None
        };
        let watch = SqliteStore::open_read_only(&config.db)?;
        let found = watch.schema_version()?;
        if found != sitrep_store::latest_version() {
            return Err(ServeError::OldSchema {
                path: config.db.display().to_string(),
                found,
                known: sitrep_store::latest_version(),
            });
        }
        let hosts = if config.addr.ip().is_loopback() {
            let port = config.addr.port();
            vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ]
        } else {
            Vec::new()
        };
        Ok(AppState {
            pool: Arc::new(pool::Pool::open(&config.db, config.connections)?),
            cache: analysis::Cache::new(watch),
            pages: analysis::Cache::new(SqliteStore::open_read_only(&config.db)?),
            ingest,
            max_body: config.max_body,
            hosts,
        })
    }
}

/// Refuses a request whose `Host` is not one of ours (a page on another site that
/// resolves its own name to 127.0.0.1 cannot read the API).
async fn check_host(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if !state.hosts.is_empty() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !state.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return error::ApiError {
                status: StatusCode::MISDIRECTED_REQUEST,
                code: "bad_host",
                message: format!("Host `{host}` is not this server"),
                help: Some(format!("open http://{}/", state.hosts[0])),
            }
            .into_response();
        }
    }
    next.run(req).await
}

/// The application: API, dashboard, security headers, body cap.
pub fn router(state: Arc<AppState>) -> Router {
    let h = |name: &'static str, v: &'static str| {
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(v),
        )
    };
    let api = Router::new()
        .route("/openapi.json", get(openapi::openapi))
        .route("/stats", get(api::stats))
        .route("/events", get(api::events))
        .route("/events.csv", get(api::events_csv))
        .route("/events.geojson", get(api::events_geojson))
        .route("/events/{id}", get(api::event))
        .route("/incidents", get(api::incidents))
        .route("/incidents/{id}", get(api::incident))
        .route("/trends", get(api::trends))
        .route("/summary", get(api::summary))
        .route("/places", get(api::places))
        .route("/documents", get(api::documents))
        .route("/documents/{id}", get(api::document))
        .route("/quotes", get(api::quotes))
        .route("/ingest", post(ingest::ingest))
        .fallback(api::not_found_api);
    let max_body = state.max_body;
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .nest("/api", api)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(error::json_errors))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(h("content-security-policy", assets::CSP))
        .layer(h("x-content-type-options", "nosniff"))
        .layer(h("x-frame-options", "DENY"))
        .layer(h("referrer-policy", "no-referrer"))
        .layer(h("cross-origin-opener-policy", "same-origin"))
        .layer(h("cross-origin-resource-policy", "same-origin"))
        .with_state(state)
}

/// A fresh random token (hex) for ingest, read from the OS's random source.
pub fn random_token() -> std::io::Result<String> {
    use std::io::Read;
    let mut b = [0u8; 24];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Binds `config.addr` and serves until Ctrl-C. `ready` is called with the bound
/// address (useful with port 0).
pub async fn serve(config: ServeConfig, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Io {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| ServeError::Io {
        addr: config.addr,
        source,
    })?;
    // The address actually bound (port 0 picks one), for the Host check.
    let state = Arc::new(AppState::open(&ServeConfig { addr, ..config })?);
    ready(addr);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|source| ServeError::Io { addr, source })
}
