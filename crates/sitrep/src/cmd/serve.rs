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
news.db\n  sitrep serve --example   # the bundled example articles\n  sitrep serve --db news.db --addr 127.0.0.1:9000\n  sitrep serve --db news.db \
--allow-ingest   # prints a token; then:\n  curl -H \"Authorization: Bearer TOKEN\" \
--data-binary @article.html 'http://127.0.0.1:8080/api/ingest?name=article.html'"
)]
pub struct Args {
    /// SQLite database to serve.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Serve the bundled example articles instead: they are ingested (with the same
    /// pipeline as `sitrep ingest`) into a temporary database, deleted on exit.
    #[arg(long, conflicts_with = "db")]
    pub example: bool,
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

/// The bundled example articles (`examples/*.txt`), compiled in so `--example` works
/// from any directory.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "aleppo-clashes.txt",
        include_str!("../../../../examples/aleppo-clashes.txt"),
    ),
    (
        "helmand-checkpoints.txt",
        include_str!("../../../../examples/helmand-checkpoints.txt"),
    ),
    (
        "idlib-market-strike.txt",
        include_str!("../../../../examples/idlib-market-strike.txt"),
    ),
    (
        "kandahar-bombing.txt",
        include_str!("../../../../examples/kandahar-bombing.txt"),
    ),
];

/// Writes the example articles into `dir` and ingests them into `dir/example.db` with
/// `sitrep ingest` itself, so the example database is what a user's ingest makes.
fn build_example(dir: &std::path::Path) -> anyhow::Result<PathBuf> {
    use anyhow::Context;
    use clap::Parser;
    #[derive(Parser)]
    struct Ingest {
        #[command(flatten)]
        args: super::ingest::Args,
    }
    let articles = dir.join("examples");
    std::fs::create_dir_all(&articles)
        .with_context(|| format!("creating {}", articles.display()))?;
    for (name, text) in EXAMPLES {
        let path = articles.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    let db = dir.join("example.db");
    let argv = [
        std::ffi::OsStr::new("ingest"),
        articles.as_os_str(),
        std::ffi::OsStr::new("--db"),
        db.as_os_str(),
        std::ffi::OsStr::new("--no-progress"),
    ];
    let ingest = Ingest::try_parse_from(argv).context("building the example database")?;
    eprintln!(
        "sitrep: ingesting the {} bundled example articles",
        EXAMPLES.len()
    );
    super::ingest::run(ingest.args)?;
    Ok(db)
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tmp = if args.example {
        Some(tempfile::tempdir()?)
    } else {
        None
    };
    let db = match &tmp {
        Some(t) => build_example(t.path())?,
        None => args.db,
    };
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
        db,
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
