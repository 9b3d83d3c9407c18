//! The `times` stage scored against TimeML (`.tml`) files or the seed's gold JSON: the
//! library behind `sitrep eval times`.
//!
//! TimeML is the TempEval-3 format, so any TimeML corpus can be used. Figures follow
//! TempEval-3: strict span F1 (same start and end), relaxed span F1 (overlap, one to
//! one) and value F1 (a relaxed match with the gold TIMEX3 value; precision over every
//! predicted expression, recall over every gold one). `--seed` scores a `*.gold.json`
//! whose `times` list gives `{text, value}` pairs, matched by text.

pub mod tml;

use crate::score::Prf;
use anyhow::{bail, Context};
use sitrep_model::{Doc, TimeType};
use std::path::{Path, PathBuf};
use tml::{Predicted, Scores};

fn kind_name(k: TimeType) -> &'static str {
    match k {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
    }
}

/// The stages the times figures need: sentences, then times.
pub fn pipeline() -> anyhow::Result<sitrep_nlp::Pipeline> {
    sitrep_nlp::pipeline_of(&["sentences", "times"]).context("building the times pipeline")
}

/// The `.tml` files among `paths` (directories searched recursively), sorted.
pub fn tml_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
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

/// The figures of a TimeML run.
#[derive(Debug, Clone, Default)]
pub struct TmlRun {
    /// Files scored.
    pub files: usize,
    /// Summed scores.
    pub scores: Scores,
    /// With `errors`: every miss, spurious expression and wrong value.
    pub errors: Vec<String>,
}

impl TmlRun {
    /// The header line: files and gold expressions.
    pub fn header(&self) -> String {
        format!(
            "TimeML: {} files, {} gold expressions",
            self.files,
            self.scores.relaxed.tp + self.scores.relaxed.fn_
        )
    }
}

/// The `times` layer of `doc` as TimeML predictions.
pub fn predicted(doc: &Doc) -> Vec<Predicted> {
    doc.times
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|t| Predicted {
            start: t.start,
            end: t.end,
            kind: kind_name(t.kind).to_string(),
            value: t.value.clone(),
        })
        .collect()
}

/// Scores the `times` stage on every `.tml` file among `paths`; with `errors`, lists
/// what went wrong.
pub fn eval_tml(
    pipeline: &sitrep_nlp::Pipeline,
    paths: &[PathBuf],
    errors: bool,
) -> anyhow::Result<TmlRun> {
    let files = tml_files(paths)?;
    let mut run = TmlRun {
        files: files.len(),
        ..TmlRun::default()
    };
    for f in &files {
        let src = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let gold = tml::parse(&src).map_err(|e| {
            anyhow::anyhow!(
                "{}: {e}\nhelp: pass TimeML files (TempEval-3 format)",
                f.display()
            )
        })?;
        let doc = run_times(
            pipeline,
            &f.display().to_string(),
            &gold.text,
            gold.dct.as_deref(),
        )?;
        let pred = predicted(&doc);
        let s = tml::score(&gold.timexes, &pred);
        if errors {
            error_lines(f, &gold, &pred, &mut run.errors);
        }
        run.scores.add(s);
    }
    Ok(run)
}

fn error_lines(f: &Path, gold: &tml::TmlDoc, pred: &[Predicted], out: &mut Vec<String>) {
    let pairs = tml::align(&gold.timexes, pred);
    let slice = |s: usize, e: usize| -> String { gold.text.chars().skip(s).take(e - s).collect() };
    for (gi, g) in gold.timexes.iter().enumerate() {
        match pairs.iter().find(|(x, _)| *x == gi) {
            None => out.push(format!("{}: MISS  {:?} = {}", f.display(), g.text, g.value)),
            Some((_, pi)) => {
                let p = &pred[*pi];
                if p.value != g.value || p.start != g.start || p.end != g.end {
                    out.push(format!(
                        "{}: DIFF  gold {:?} = {}  got {:?} = {}",
                        f.display(),
                        g.text,
                        g.value,
                        slice(p.start, p.end),
                        p.value
                    ));
                }
            }
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !pairs.iter().any(|(_, x)| *x == pi) {
            out.push(format!(
                "{}: SPURIOUS {:?} = {}",
                f.display(),
                slice(p.start, p.end),
                p.value
            ));
        }
    }
}

/// Decides whether a gold (text, value) pair and a predicted one match.
type Matcher<'a> = dyn Fn(&(String, String), &(String, String)) -> bool + 'a;

/// The figures of the seed's times.
#[derive(Debug, Clone)]
pub struct SeedRun {
    /// File name of the gold.
    pub name: String,
    /// Gold expressions.
    pub gold: usize,
    /// Distinct predicted expressions in the body text.
    pub predicted: usize,
    /// Scores (no type figure: the seed gold has no types).
    pub scores: Scores,
    /// With `errors`: every gold expression (OK, MISS, DIFF) and every extra one.
    pub errors: Vec<String>,
}

impl SeedRun {
    /// The header line: gold and predicted expressions.
    pub fn header(&self) -> String {
        format!(
            "seed {}: {} gold expressions, {} distinct predicted",
            self.name, self.gold, self.predicted
        )
    }
}

/// Scores the `times` stage on a seed `*.gold.json` (its `times` list of `{text, value}`,
/// matched by text), the text read from the `.txt` beside it.
pub fn eval_seed(
    pipeline: &sitrep_nlp::Pipeline,
    path: &Path,
    errors: bool,
) -> anyhow::Result<SeedRun> {
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
    let mut lines = Vec::new();
    if errors {
        for g in &golds {
            match preds
                .iter()
                .find(|p| p.0 == g.0)
                .or(preds.iter().find(|p| overlaps(&g.0, &p.0)))
            {
                None => lines.push(format!("{name}: MISS  {:?} = {}", g.0, g.1)),
                Some(p) if p.1 != g.1 || p.0 != g.0 => lines.push(format!(
                    "{name}: DIFF  gold {:?} = {}  got {:?} = {}",
                    g.0, g.1, p.0, p.1
                )),
                Some(_) => lines.push(format!("{name}: OK    {:?} = {}", g.0, g.1)),
            }
        }
        for p in &preds {
            if !golds.iter().any(|g| overlaps(&g.0, &p.0)) {
                lines.push(format!(
                    "{name}: EXTRA {:?} = {} (not in the gold list)",
                    p.0, p.1
                ));
            }
        }
    }
    Ok(SeedRun {
        name: name.to_string(),
        gold: golds.len(),
        predicted: preds.len(),
        scores: Scores {
            strict,
            relaxed,
            value,
            kind: Prf::default(),
        },
        errors: lines,
    })
}

/// The score lines of a run: span strict, span relaxed, value, and with `with_type` type.
pub fn score_lines(label: &str, s: &Scores, with_type: bool) -> Vec<String> {
    let mut out = vec![
        s.strict.line(&format!("{label} span strict")),
        s.relaxed.line(&format!("{label} span relaxed")),
        s.value.line(&format!("{label} value")),
    ];
    if with_type {
        out.push(s.kind.line(&format!("{label} type")));
    }
    out
}
