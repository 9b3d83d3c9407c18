//! `sitrep serve`: the HTTP API and the dashboard over a database (see `sitrep-server`).
//!
//! Loopback only unless `--addr` says otherwise; read-only unless `--allow-ingest`, which
//! also needs a token (`--token`, `SITREP_TOKEN`, or one generated and printed here).

use sitrep_server::{ServeConfig, DEFAULT_MAX_BODY};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sitrep serve`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "The dashboard (map, timeline, table, articles with their marks) is at the \
printed address; the API is described at /api/openapi.json.\n\nExamples:\n  sitrep serve --db \
news.db\n  sitrep serve --db news.db --addr 127.0.0.1:9000\n  sitrep serve --db news.db \
--allow-ingest   # prints a token; then:\n  curl -H \"Authorization: Bearer TOKEN\" \
--data-binary @article.html 'http://127.0.0.1:8080/api/ingest?name=article.html'"
)]
pub struct Args {
    /// Database to serve: a SQLite file or a `postgres://user@host/db` URL.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Address to listen on. Anything but loopback exposes the data to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Open the database for writing and enable POST /api/ingest (needs a token).
    #[arg(long)]
    pub allow_ingest: bool,
    /// Bearer token for POST /api/ingest [default: $SITREP_TOKEN, else a random one,
    /// printed at start-up].
    #[arg(long, env = "SITREP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BODY)]
    pub max_body: usize,
    /// Database connections for readers [default: 2 × cores].
    #[arg(long)]
    pub connections: Option<usize>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut token = args.token.filter(|t| !t.is_empty());
    let mut generated = false;
    if args.allow_ingest && token.is_none() {
        token = Some(sitrep_server::random_token()?);
        generated = true;
    }
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which is reachable from other machines",
            args.addr
        );
    }
    let config = ServeConfig {
        db: args.db,
        addr: args.addr,
        allow_ingest: args.allow_ingest,
        token: token.clone(),
        max_body: args.max_body,
        connections: args.connections.unwrap_or(cores * 2),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let db = config.db.display().to_string();
    rt.block_on(sitrep_server::serve(config, |addr| {
        eprintln!("sitrep: serving {db} at http://{addr}/  (API: http://{addr}/api/openapi.json; Ctrl-C stops)");
        if args.allow_ingest {
            eprintln!("ingest enabled: POST http://{addr}/api/ingest?name=FILE with header `Authorization: Bearer <token>`");
            if generated {
                if let Some(t) = &token {
                    eprintln!("token: {t}");
                }
            }
        } else {
            eprintln!("read-only (start with --allow-ingest to enable POST /api/ingest)");
        }
    }))?;
    Ok(ExitCode::SUCCESS)
}
