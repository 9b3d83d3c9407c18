//! Shared test helpers: a fixture database built through the real pipeline, and a server
//! on a free loopback port.

#![allow(dead_code)]

use sitrep_server::ServeConfig;
use sitrep_store::{SqliteStore, Store};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The repository's `examples/` articles plus this crate's hostile fixture.
pub fn fixture_inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("../../examples"))
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.push(root.join("tests/fixtures/hostile.jsonl"));
    files
}

/// Reads, extracts and stores the fixture articles (the pieces `sitrep ingest` uses).
pub fn build_db(dir: &Path) -> PathBuf {
    let db = dir.join("fixture.db");
    let mut store = SqliteStore::open(&db).expect("open db");
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let opts = sitrep_ingest::ReadOptions::default();
    let mut docs = Vec::new();
    for f in fixture_inputs() {
        for d in sitrep_ingest::read_path(&f, &opts) {
            let mut d = d.unwrap_or_else(|e| panic!("reading {}: {e}", f.display()));
            pipeline.run(&mut d).expect("extract");
            docs.push(d);
        }
    }
    store.upsert_docs(&docs).expect("store");
    db
}

/// Starts the server on a free port; returns its address.
pub async fn start(db: &Path, allow_ingest: bool) -> SocketAddr {
    let config = ServeConfig {
        db: db.to_path_buf(),
        addr: "127.0.0.1:0".parse().expect("addr"),
        allow_ingest,
        token: allow_ingest.then(|| "test-token".to_string()),
        max_body: 64 * 1024,
        connections: 4,
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let r = sitrep_server::serve(config, move |a| {
            let _ = tx.send(a);
        })
        .await;
        if let Err(e) = r {
            eprintln!("server: {e}");
        }
    });
    rx.await.expect("server started")
}

/// A response: status, headers (lower-case names), body.
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a fresh connection (`Connection: close`), made with
/// blocking std I/O on a blocking thread.
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let body = body.to_vec();
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        s.write_all(req.as_bytes()).expect("write");
        // The server may answer (413) before reading the whole body.
        let _ = s.write_all(&body);
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        parse_response(&raw)
    })
    .await
    .expect("request thread")
}

/// Parses a whole `Connection: close` response (chunked bodies are de-chunked).
pub fn parse_response(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(p) = rest.windows(2).position(|w| w == b"\r\n") {
            let n = usize::from_str_radix(String::from_utf8_lossy(&rest[..p]).trim(), 16)
                .expect("chunk size");
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[p + 2..p + 2 + n]);
            rest = &rest[p + 2 + n + 2..];
        }
        body = out;
    }
    Resp {
        status,
        headers,
        body,
    }
}

/// `GET path`.
pub async fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"").await
}
