//! `sitrep docs`: list the documents in a database and show one with its marks.
//!
//! `docs show ID` prints the metadata, the text with inline marks
//! (`[words]{layer value}` for times, places, entities and counts; where marks
//! overlap, the earlier, longer one is shown inline and every annotation is listed after
//! the text), then the quotes, the events with their evidence, and the lines the cleaner
//! removed. `--format json` prints the stored document as JSON instead.

use crate::view::{self, Layout, ViewOptions};
use anyhow::Context;
use sitrep_model::Doc;
use sitrep_store::{DocFilter, Store, StoredDoc};
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `sitrep docs`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub cmd: DocsCmd,
}

/// `docs` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum DocsCmd {
    /// List documents (newest first).
    List(ListArgs),
    /// Show one document: metadata, text with marks, quotes, events.
    Show(ShowArgs),
}

/// Arguments of `sitrep docs list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// SQLite database to read.
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Words to search for in title and text (all must occur), e.g. `al-Nusra Idlib`.
    #[arg(long, short = 'q')]
    pub query: Option<String>,
    /// Read --query as SQLite FTS5 syntax (AND, OR, NOT, NEAR, "phrases", prefix*).
    #[arg(long)]
    pub fts: bool,
    /// Published on or after (YYYY-MM-DD).
    #[arg(long, value_parser = sitrep_store::query::parse_day)]
    pub since: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    #[arg(long, value_parser = sitrep_store::query::parse_day)]
    pub until: Option<String>,
    /// Publisher, exact, case-insensitive.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Also list documents stored as duplicates (syndicated copies) of another.
    #[arg(long)]
    pub duplicates: bool,
    /// At most this many documents.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Skip this many documents.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output: table or jsonl.
    #[arg(long, default_value = "table")]
    pub format: String,
}

/// Arguments of `sitrep docs show`.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Document id (as listed by `sitrep docs list`).
    pub id: String,
    /// SQLite database to read.
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Output: text (with marks) or json.
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Show the original input (the HTML source, the JSON line, the text file) with
    /// each event's evidence highlighted at its raw byte offsets.
    #[arg(long)]
    pub raw: bool,
}

fn open(db: &str) -> anyhow::Result<Box<dyn Store + Send>> {
    Ok(sitrep_store::open(db, true)?)
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.cmd {
        DocsCmd::List(a) => list(a),
        DocsCmd::Show(a) => show(a),
    }
}

fn list(a: ListArgs) -> anyhow::Result<ExitCode> {
    let store = open(&a.db)?;
    let docs = store.list_docs(&DocFilter {
        query: a.query.map(|q| {
            if a.fts {
                q
            } else {
                sitrep_store::query::fts_words(&q)
            }
        }),
        since: a.since,
        until: a.until,
        publisher: a.publisher,
        include_duplicates: a.duplicates,
        limit: Some(a.limit),
        offset: a.offset,
    })?;
    match a.format.as_str() {
        "jsonl" => {
            for d in &docs {
                println!("{}", serde_json::to_string(d)?);
            }
        }
        "table" => {
            // Ids are printed whole: `docs show` needs them exactly.
            let idw = docs
                .iter()
                .map(|d| d.id.chars().count())
                .max()
                .unwrap_or(2)
                .max(2);
            println!(
                "{:<idw$}  {:<10}  {:<16}  {:>6}  {:>6}  title",
                "id", "published", "publisher", "events", "chars"
            );
            for d in &docs {
                let mut title: String = d.title.as_deref().unwrap_or("").chars().take(70).collect();
                if let Some(o) = &d.duplicate_of {
                    title = format!("(copy of {o}) {title}");
                }
                let id = &d.id;
                let publisher: String = d
                    .publisher
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(16)
                    .collect();
                println!(
                    "{id:<idw$}  {:<10}  {publisher:<16}  {:>6}  {:>6}  {title}",
                    d.published.as_deref().unwrap_or(""),
                    d.events,
                    d.chars
                );
            }
        }
        other => anyhow::bail!("unknown --format `{other}`\nhelp: use table or jsonl"),
    }
    Ok(ExitCode::SUCCESS)
}

fn show(a: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open(&a.db)?;
    let Some(stored) = store.get_doc(&a.id)? else {
        anyhow::bail!(
            "no document `{}` in {}\nhelp: list ids with `sitrep docs list --db {}` (add --duplicates for copies)",
            a.id,
            a.db,
            a.db
        );
    };
    let color = std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("NO_COLOR").is_none();
    if a.raw {
        print!("{}", raw_view(&stored.doc, color)?);
        return Ok(ExitCode::SUCCESS);
    }
    match a.format.as_str() {
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&stored).context("serialising the document")?
        ),
        "text" => print!("{}", render(&stored, color)),
        other => anyhow::bail!("unknown --format `{other}`\nhelp: use text or json"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The original input of `doc` and the map from its cleaned text: a file (HTML or
/// text) or one line of a JSON-lines file (`path:line`, the `text` or `html` field).
fn raw_source(doc: &Doc) -> anyhow::Result<(String, sitrep_ingest::raw::RawMap, String)> {
    use sitrep_ingest::raw::RawMap;
    let source = doc
        .source
        .as_deref()
        .context("the document records no source file, so there is no raw input to show")?;
    let help = "help: the raw view reads the input file again; run it where the file is";
    if Path::new(source).is_file() {
        let bytes = std::fs::read(source).with_context(|| format!("reading {source}"))?;
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let is_html = raw.trim_start().starts_with('<');
        let map = if is_html {
            RawMap::of_html(&raw)
        } else {
            RawMap::of_text(&raw)
        };
        return Ok((raw, map, source.to_string()));
    }
    let (path, line) = source
        .rsplit_once(':')
        .and_then(|(p, l)| Some((p, l.parse::<usize>().ok()?)))
        .with_context(|| format!("source {source} is not a file\n{help}"))?;
    let f = std::fs::File::open(path).with_context(|| format!("opening {path}\n{help}"))?;
    let text = std::io::BufRead::lines(std::io::BufReader::new(f))
        .nth(line.saturating_sub(1))
        .with_context(|| format!("{path} has no line {line}"))??;
    let map = RawMap::of_jsonl_field(&text, "text").with_context(|| {
        format!(
            "{source}: no `text` field in the line (records given as `html` are not mapped yet)"
        )
    })?;
    Ok((text, map, source.to_string()))
}

/// The raw input with every event's evidence highlighted, and its byte ranges.
fn raw_view(doc: &Doc, color: bool) -> anyhow::Result<String> {
    use std::fmt::Write as _;
    let (raw, map, name) = raw_source(doc)?;
    let idx = doc.index();
    let scale = |c: usize| idx.byte(c) * map.visible.len() / doc.text.len().max(1);
    let mut ranges: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut out = String::new();
    let _ = writeln!(out, "{name} ({} bytes)", raw.len());
    for (k, e) in doc.events.iter().flatten().enumerate() {
        for sp in &e.evidence {
            let passage = doc.span_text(*sp);
            match map.locate(passage, scale(sp.start)) {
                Some(r) => {
                    let _ = writeln!(
                        out,
                        "event {k} evidence {}-{} -> raw bytes {}..{}",
                        sp.start, sp.end, r.start, r.end
                    );
                    ranges.push((r, format!("event {k}")));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "event {k} evidence {}-{}: not found verbatim in the raw input (the cleaner rewrote it)",
                        sp.start, sp.end
                    );
                }
            }
        }
    }
    ranges.sort_by_key(|(r, _)| r.start);
    out.push('\n');
    let (on, off) = if color {
        ("\x1b[7m", "\x1b[0m")
    } else {
        ("[[", "]]")
    };
    let mut at = 0;
    for (r, label) in &ranges {
        if r.start < at {
            continue; // overlapping evidence: the first one is shown
        }
        out.push_str(&raw[at..r.start]);
        out.push_str(on);
        out.push_str(&raw[r.clone()]);
        out.push_str(off);
        if !color {
            let _ = write!(out, "{{{label}}}");
        }
        at = r.end;
    }
    out.push_str(&raw[at..]);
    out.push('\n');
    Ok(out)
}

/// The document view of `sitrep extract --format pretty`, with every mark listed after
/// the text and what the store knows (copies, stage versions) in the header; colour (ANSI)
/// only on a terminal.
pub fn render(s: &StoredDoc, color: bool) -> String {
    let mut extra: Vec<(&str, String)> = Vec::new();
    if let Some(d) = &s.duplicate_of {
        extra.push(("copy of", d.clone()));
    }
    if !s.duplicates.is_empty() {
        extra.push(("copies", s.duplicates.join(", ")));
    }
    let stages: Vec<String> = s
        .doc
        .stages
        .iter()
        .map(|r| format!("{}@{}", r.stage, r.version))
        .collect();
    if !stages.is_empty() {
        extra.push(("stages", stages.join(" ")));
    }
    view::document(
        &s.doc,
        &extra,
        ViewOptions {
            layout: Layout::Flat,
            list_marks: true,
            color,
        },
    )
}
