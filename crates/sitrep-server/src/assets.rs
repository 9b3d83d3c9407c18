//! The dashboard's files, compiled into the binary (`include_bytes!`), so `sitrep serve`
//! needs no Node, no CDN and no files next to it. Third-party libraries are vendored
//! under `assets/vendor/` with their licences (see `assets/vendor/VERSIONS.md`).

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::OnceLock;

/// `(path under /assets/, content type, bytes)`.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.js"),
    ),
    (
        "vendor/leaflet/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.css"),
    ),
    (
        "vendor/uplot/uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/uplot/uPlot.iife.min.js"),
    ),
    (
        "vendor/uplot/uPlot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/uplot/uPlot.min.css"),
    ),
    (
        "vendor/topojson-client/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/topojson-client/topojson-client.min.js"),
    ),
    (
        "vendor/world-atlas/countries-50m.json",
        "application/json",
        include_bytes!("../assets/vendor/world-atlas/countries-50m.json"),
    ),
];

/// Province outlines, one line per country: `ISO2<TAB>TopoJSON` (see `vendor/VERSIONS.md`).
const ADMIN1: &str = include_str!("../assets/vendor/admin1/admin1.tsv");

/// The province outlines of the country `iso2` (TopoJSON, one object `admin1`).
fn admin1(iso2: &str) -> Option<&'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEX
        .get_or_init(|| ADMIN1.lines().filter_map(|l| l.split_once('\t')).collect())
        .get(iso2)
        .copied()
}

/// The dashboard page.
const INDEX: &str = include_str!("../assets/index.html");

/// `GET /`
pub async fn index() -> Response {
    let mut r = INDEX.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// `GET /assets/{*path}`
pub async fn asset(Path(path): Path<String>) -> Response {
    let outline = path
        .strip_prefix("admin1/")
        .and_then(|f| f.strip_suffix(".json"))
        .and_then(|c| admin1(&c.to_ascii_uppercase()))
        .map(|t| ("application/json", t.as_bytes()));
    let found = outline.or_else(|| {
        FILES
            .iter()
            .find(|(p, _, _)| *p == path)
            .map(|(_, c, b)| (*c, *b))
    });
    match found {
        Some((ctype, bytes)) => {
            let mut r = (*bytes).into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            r
        }
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}

/// The Content-Security-Policy of every response: scripts, styles and data only from
/// this server, no inline script, no `eval`, no plugins, no framing, no form posts
/// elsewhere. Inline `style` attributes are not allowed either; the libraries set
/// styles through the CSSOM (`element.style`), which CSP does not restrict.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'; object-src 'none'";
