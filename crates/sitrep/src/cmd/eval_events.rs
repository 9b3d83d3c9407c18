//! `sitrep eval events`: score the `events` stage against gold records, as
//! `EVENTS-GUIDE.md` defines it (match on country, date ± 1 day and admin1; greedy best
//! agreement; event P/R/F1, then agreement rates over matched pairs).
//!
//! Two gold shapes: JSON lines with the article text on each line (`events-dev.jsonl`:
//! the text is already clean, so it goes straight to the stages), or one
//! `NAME.gold.json` with the article in `NAME.txt` beside it (the seed; read and cleaned
//! like any input).

use anyhow::Context;
use sitrep_model::Doc;
use sitrep_nlp::events::score::{score_article, EventScores, GoldEvent};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep eval events --gold ../shared/eval/events-dev.jsonl\n  sitrep eval events --gold ../shared/eval/seed/khalilzad-2020-09-27.gold.json --verbose\n  sitrep eval events --gold dev.jsonl --dump out.jsonl --events plover"
)]
pub struct Args {
    /// Gold file: JSON lines (`id`, `published`, `text`, `events`) or a `.gold.json`
    /// with its `.txt` beside it.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print each article's system and gold records and the matches.
    #[arg(long, short)]
    pub verbose: bool,
    /// Write the system's records, one article per line, to this file.
    #[arg(long)]
    pub dump: Option<PathBuf>,
    /// Shape of the dumped records: `acled` (default) or `plover`.
    #[arg(long, default_value = "acled", value_parser = ["acled", "plover"])]
    pub events: String,
    /// Print the figures as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// One gold article.
#[derive(serde::Deserialize)]
struct GoldArticle {
    id: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    events: Vec<GoldEvent>,
}

fn load(path: &Path) -> anyhow::Result<Vec<(Doc, Vec<GoldEvent>)>> {
    let name = path.to_string_lossy().to_string();
    if name.ends_with(".gold.json") {
        let raw = std::fs::read_to_string(path)
            .with_context(|| format!("{name}: cannot read\nhelp: check the path"))?;
        let g: GoldArticle = serde_json::from_str(&raw).with_context(|| {
            format!("{name}: not a gold JSON object\nhelp: expected {{\"id\", \"published\", \"events\": [...]}}")
        })?;
        let txt = PathBuf::from(name.trim_end_matches(".gold.json").to_string() + ".txt");
        let opts = sitrep_ingest::ReadOptions {
            published: g.published.clone(),
            ..Default::default()
        };
        let mut doc = sitrep_ingest::read_path(&txt, &opts)
            .next()
            .with_context(|| {
                format!(
                    "{}: no document\nhelp: the article text must sit beside the gold file",
                    txt.display()
                )
            })?
            .with_context(|| format!("{}: cannot read the article", txt.display()))?;
        doc.id = g.id.clone();
        if doc.published.is_none() {
            doc.published = g.published.clone();
        }
        return Ok(vec![(doc, g.events)]);
    }
    let f = std::fs::File::open(path)
        .with_context(|| format!("{name}: cannot open\nhelp: check the path"))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldArticle = serde_json::from_str(&line).with_context(|| {
            format!(
                "{name}:{}: not a gold article\nhelp: each line needs \"id\", \"published\", \"text\" and \"events\"",
                i + 1
            )
        })?;
        let text = g.text.clone().with_context(|| {
            format!(
                "{name}:{} (article {}): no \"text\"\nhelp: JSON-lines gold must carry the article text",
                i + 1,
                g.id
            )
        })?;
        let mut doc = Doc::new(g.id.clone(), text);
        doc.published = g.published.clone();
        doc.title = g.title.clone();
        out.push((doc, g.events));
    }
    Ok(out)
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let articles = load(&args.gold)?;
    let pipeline = sitrep_nlp::default_pipeline().context("building the pipeline")?;
    let mut total = EventScores::default();
    let mut dump = match &args.dump {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| {
                format!(
                    "{}: cannot create\nhelp: check the folder exists",
                    p.display()
                )
            })?,
        )),
        None => None,
    };
    for (mut doc, gold) in articles {
        pipeline
            .run(&mut doc)
            .with_context(|| format!("running the pipeline on {}", doc.id))?;
        let sys = doc.events.clone().unwrap_or_default();
        let (sc, matched) = score_article(&sys, &gold);
        total.add(&sc);
        if args.verbose {
            println!(
                "== {} ({}) tp {} fp {} fn {}",
                doc.id,
                doc.published.as_deref().unwrap_or("?"),
                sc.events.tp,
                sc.events.fp,
                sc.events.fn_
            );
            for (i, e) in sys.iter().enumerate() {
                let m = matched.iter().find(|(s, _)| *s == i).map(|(_, g)| *g);
                let ev: Vec<&str> = e.evidence.iter().map(|s| doc.span_text(*s)).collect();
                println!(
                    "  SYS{} {} {} / {} | {} -> {} | {} {} {} | F {:?} I {:?} KW {:?} {:?}\n       {:.160}",
                    m.map_or("    ".to_string(), |g| format!("={g:<3}")),
                    e.event_date.as_deref().unwrap_or("-"),
                    e.event_type,
                    e.sub_event_type,
                    e.actor1.as_deref().unwrap_or("-"),
                    e.actor2.as_deref().unwrap_or("-"),
                    e.country.as_deref().unwrap_or("-"),
                    e.admin1.as_deref().unwrap_or("-"),
                    e.location.as_deref().unwrap_or("-"),
                    e.fatalities,
                    e.injured,
                    e.killed_or_wounded,
                    e.modality,
                    ev.join(" | ")
                );
            }
            for (j, g) in gold.iter().enumerate() {
                let m = matched.iter().any(|(_, gj)| *gj == j);
                println!(
                    "  GOLD{} {} {} / {} | {} -> {} | {} {} {} | F {:?} I {:?}",
                    if m { format!("{j:<3}") } else { "!  ".into() },
                    g.event_date.as_deref().unwrap_or("-"),
                    g.event_type,
                    g.sub_event_type,
                    g.actor1.as_deref().unwrap_or("-"),
                    g.actor2.as_deref().unwrap_or("-"),
                    g.country.as_deref().unwrap_or("-"),
                    g.admin1.as_deref().unwrap_or("-"),
                    g.location.as_deref().unwrap_or("-"),
                    g.fatalities,
                    g.injured,
                );
            }
        }
        if let Some(w) = dump.as_mut() {
            let recs: Vec<serde_json::Value> = if args.events == "plover" {
                sys.iter()
                    .map(sitrep_nlp::events::plover::to_plover)
                    .collect()
            } else {
                sys.iter()
                    .map(|e| serde_json::to_value(e).unwrap_or_default())
                    .collect()
            };
            let line = serde_json::json!({"id": doc.id, "events": recs});
            writeln!(w, "{line}").context("writing the dump")?;
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&total)?);
    } else {
        println!("{}", args.gold.display());
        for l in total.lines() {
            println!("{l}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
