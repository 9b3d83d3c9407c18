//! `sitrep eval times`: score the `times` stage against TimeML (`.tml`) files or the
//! seed's gold JSON.
//!
//! TimeML is the TempEval-3 format, so any TimeML corpus can be used. Figures follow
//! TempEval-3: strict span F1 (same start and end), relaxed span F1 (overlap, one to
//! one) and value F1 (a relaxed match with the gold TIMEX3 value; precision over every
//! predicted expression, recall over every gold one). `--seed` scores a `*.gold.json`
//! whose `times` list gives `{text, value}` pairs, matched by text.

use anyhow::{bail, Context};
use sitrep_model::{Doc, TimeType};
use sitrep_nlp::score::Prf;
use sitrep_nlp::times::tml::{self, Predicted, Scores};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `sitrep eval times`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  sitrep eval times --tml eval/times/dev\n  sitrep eval times --seed ../shared/eval/seed/khalilzad-2020-09-27.gold.json"
)]
pub struct Args {
    /// TimeML files, or directories searched for `*.tml`.
    #[arg(long, num_args = 1..)]
    pub tml: Vec<PathBuf>,
    /// A seed gold file (`*.gold.json` with a `times` list); its text is the `.txt`
    /// beside it.
    #[arg(long)]
    pub seed: Vec<PathBuf>,
    /// Print every miss, spurious expression and wrong value.
    #[arg(long)]
    pub errors: bool,
}

fn kind_name(k: TimeType) -> &'static str {
    match k {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
    }
}

fn tml_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut stack = vec![p.clone()];
            while let Some(d) = stack.pop() {
                let rd = std::fs::read_dir(&d)
                    .with_context(|| format!("reading directory {}", d.display()))?;
                for e in rd {
                    let path = e?.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|x| x == "tml") {
                        out.push(path);
                    }
                }
            }
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            bail!(
                "{}: no such file or directory\nhelp: pass .tml files or directories holding them",
                p.display()
            );
        }
    }
    out.sort();
    if out.is_empty() {
        bail!("no .tml files found\nhelp: pass TimeML files (TempEval-3 format) or a directory holding them");
    }
    Ok(out)
}

fn run_times(
    pipeline: &sitrep_nlp::Pipeline,
    id: &str,
    text: &str,
    dct: Option<&str>,
) -> anyhow::Result<Doc> {
    let mut doc = Doc::new(id, text);
    doc.published = dct.map(|d| d.chars().take(10).collect());
    pipeline
        .run(&mut doc)
        .with_context(|| format!("running the times stage on {id}"))?;
    Ok(doc)
}

fn eval_tml(
    pipeline: &sitrep_nlp::Pipeline,
    paths: &[PathBuf],
    errors: bool,
) -> anyhow::Result<Scores> {
    let files = tml_files(paths)?;
    let mut total = Scores::default();
    for f in &files {
        let src = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let gold = tml::parse(&src).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
        let doc = run_times(
            pipeline,
            &f.display().to_string(),
            &gold.text,
            gold.dct.as_deref(),
        )?;
        let pred: Vec<Predicted> = doc
            .times
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .map(|t| Predicted {
                start: t.start,
                end: t.end,
                kind: kind_name(t.kind).to_string(),
                value: t.value.clone(),
            })
            .collect();
        let s = tml::score(&gold.timexes, &pred);
        if errors {
            print_errors(f, &gold, &pred);
        }
        total.add(s);
    }
    println!(
        "TimeML: {} files, {} gold expressions",
        files.len(),
        total.relaxed.tp + total.relaxed.fn_
    );
    Ok(total)
}

fn print_errors(f: &Path, gold: &tml::TmlDoc, pred: &[Predicted]) {
    let pairs = tml::align(&gold.timexes, pred);
    let slice = |s: usize, e: usize| -> String { gold.text.chars().skip(s).take(e - s).collect() };
    for (gi, g) in gold.timexes.iter().enumerate() {
        match pairs.iter().find(|(x, _)| *x == gi) {
            None => println!("{}: MISS  {:?} = {}", f.display(), g.text, g.value),
            Some((_, pi)) => {
                let p = &pred[*pi];
                if p.value != g.value || p.start != g.start || p.end != g.end {
                    println!(
                        "{}: DIFF  gold {:?} = {}  got {:?} = {}",
                        f.display(),
                        g.text,
                        g.value,
                        slice(p.start, p.end),
                        p.value
                    );
                }
            }
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !pairs.iter().any(|(_, x)| *x == pi) {
            println!(
                "{}: SPURIOUS {:?} = {}",
                f.display(),
                slice(p.start, p.end),
                p.value
            );
        }
    }
}

/// Decides whether a gold (text, value) pair and a predicted one match.
type Matcher<'a> = dyn Fn(&(String, String), &(String, String)) -> bool + 'a;

fn eval_seed(pipeline: &sitrep_nlp::Pipeline, path: &Path, errors: bool) -> anyhow::Result<Scores> {
    let src =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let gold: serde_json::Value = serde_json::from_str(&src).with_context(|| {
        format!(
            "{}: not JSON\nhelp: pass a *.gold.json seed file",
            path.display()
        )
    })?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let txt = path.with_file_name(name.replace(".gold.json", ".txt"));
    let text = std::fs::read_to_string(&txt).with_context(|| {
        format!(
            "{}: its text {} could not be read\nhelp: keep the .txt beside the .gold.json",
            path.display(),
            txt.display()
        )
    })?;
    let Some(items) = gold["times"].as_array() else {
        bail!(
            "{}: no `times` list\nhelp: the seed gold needs `times: [{{text, value}}]`",
            path.display()
        );
    };
    let golds: Vec<(String, String)> = items
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap_or("").to_string(),
                t["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let not_body: Vec<String> = gold["not_body"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let doc = run_times(pipeline, name, &text, gold["published"].as_str())?;
    // Distinct predictions outside the passages the gold marks as not body text.
    let mut preds: Vec<(String, String)> = Vec::new();
    for t in doc.times.as_deref().unwrap_or(&[]) {
        let ctx_line = text.lines().find(|l| l.contains(&t.text)).unwrap_or("");
        if not_body
            .iter()
            .any(|nb| nb.contains(&t.text) && ctx_line.trim() == nb.trim())
        {
            continue;
        }
        let p = (t.text.clone(), t.value.clone());
        if !preds.contains(&p) {
            preds.push(p);
        }
    }
    let overlaps = |a: &str, b: &str| a.contains(b) || b.contains(a);
    let count = |f: &Matcher<'_>| -> Prf {
        let tp_g = golds
            .iter()
            .filter(|g| preds.iter().any(|p| f(g, p)))
            .count();
        let tp_p = preds
            .iter()
            .filter(|p| golds.iter().any(|g| f(g, p)))
            .count();
        Prf {
            tp: tp_g,
            fp: preds.len() - tp_p,
            fn_: golds.len() - tp_g,
        }
    };
    let strict = count(&|g, p| g.0 == p.0);
    let relaxed = count(&|g, p| overlaps(&g.0, &p.0));
    let value = count(&|g, p| overlaps(&g.0, &p.0) && g.1 == p.1);
    if errors {
        for g in &golds {
            match preds
                .iter()
                .find(|p| p.0 == g.0)
                .or(preds.iter().find(|p| overlaps(&g.0, &p.0)))
            {
                None => println!("{name}: MISS  {:?} = {}", g.0, g.1),
                Some(p) if p.1 != g.1 || p.0 != g.0 => {
                    println!(
                        "{name}: DIFF  gold {:?} = {}  got {:?} = {}",
                        g.0, g.1, p.0, p.1
                    )
                }
                Some(_) => println!("{name}: OK    {:?} = {}", g.0, g.1),
            }
        }
        for p in &preds {
            if !golds.iter().any(|g| overlaps(&g.0, &p.0)) {
                println!("{name}: EXTRA {:?} = {} (not in the gold list)", p.0, p.1);
            }
        }
    }
    println!(
        "seed {name}: {} gold expressions, {} distinct predicted",
        golds.len(),
        preds.len()
    );
    Ok(Scores {
        strict,
        relaxed,
        value,
        kind: Prf::default(),
    })
}

fn print_scores(label: &str, s: &Scores, with_type: bool) {
    println!("{}", s.strict.line(&format!("{label} span strict")));
    println!("{}", s.relaxed.line(&format!("{label} span relaxed")));
    println!("{}", s.value.line(&format!("{label} value")));
    if with_type {
        println!("{}", s.kind.line(&format!("{label} type")));
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.tml.is_empty() && args.seed.is_empty() {
        bail!("nothing to score\nhelp: pass --tml FILES_OR_DIRS and/or --seed FILE.gold.json");
    }
    let pipeline =
        sitrep_nlp::pipeline_of(&["sentences", "times"]).context("building the times pipeline")?;
    if !args.tml.is_empty() {
        let s = eval_tml(&pipeline, &args.tml, args.errors)?;
        print_scores("tml", &s, true);
    }
    for seed in &args.seed {
        let s = eval_seed(&pipeline, seed, args.errors)?;
        print_scores("seed", &s, false);
    }
    Ok(ExitCode::SUCCESS)
}
