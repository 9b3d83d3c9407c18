//! The geoparser scored against toponym gold in the TR-News or the GeoVirus XML format
//! (told apart by their elements), end to end from raw text: the library behind
//! `sitrep eval places`.
//!
//! [`evaluate_file`] reports, per gold file, toponym precision/recall/F1 on exact spans
//! (and on overlapping spans), exact GeoNames-id accuracy and accuracy within 161 km over
//! the gold toponyms found, and the end-to-end figure: the share of ALL gold toponyms
//! both found and placed within 161 km. Each is given with demonyms ("Turkish": TR-News
//! counts them as toponyms), without (GeoVirus does not), and for exactly what the
//! `places` layer writes (no demonyms, no names inside organisations' names, no capitals
//! standing for governments). The local places the stage writes (villages the gazetteer
//! lacks, at their parent's point) count as found. For GeoVirus (Wikipedia pages, no
//! GeoNames ids) one more line, "areas named": a country, division or continent is also
//! right when the gold page names that entry, whatever the distance between Wikipedia's
//! and GeoNames' points.

pub mod geovirus;
pub mod trnews;

use anyhow::Context;
use sitrep_nlp::places::Places;
use std::path::Path;
use std::time::Duration;
use trnews::{EvalOptions, Report};

/// The figures of one gold file under the three conventions.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// `TR-News` or `GeoVirus`.
    pub format: &'static str,
    /// Gold articles.
    pub articles: usize,
    /// Gold toponyms.
    pub toponyms: usize,
    /// Demonyms counted (TR-News' convention).
    pub with_demonyms: Report,
    /// Place names only (GeoVirus' convention).
    pub without_demonyms: Report,
    /// Exactly what the `places` layer writes.
    pub layer: Report,
    /// Time of the first (with demonyms) run.
    pub elapsed: Duration,
}

impl FileReport {
    /// The report under the file's own convention (demonyms for TR-News, place names
    /// only for GeoVirus).
    pub fn main(&self) -> &Report {
        if self.format == "GeoVirus" {
            &self.without_demonyms
        } else {
            &self.with_demonyms
        }
    }

    /// The text report for the file at `path`.
    pub fn lines(&self, path: &Path) -> Vec<String> {
        let mut out = vec![format!(
            "# {} ({}): {} articles, {} gold toponyms (end to end from raw text)",
            path.display(),
            self.format,
            self.articles,
            self.toponyms
        )];
        for (label, r) in [
            ("with demonyms (TR-News convention)", &self.with_demonyms),
            (
                "without demonyms (GeoVirus convention)",
                &self.without_demonyms,
            ),
            (
                "the places layer (no demonyms, names inside organisations or governments)",
                &self.layer,
            ),
        ] {
            out.push(format!("\n== {label}"));
            out.push(r.spans.line("toponyms (exact span)"));
            out.push(r.overlap.line("toponyms (overlap)"));
            if r.exact_id.total > 0 {
                out.push(r.exact_id.line("exact GeoNames id (found)"));
            }
            out.push(r.within_161.line("within 161 km (found)"));
            out.push(r.end_to_end_161.line("found & within 161 km (all)"));
            if r.end_to_end_area_named.total > 0 {
                out.push(r.end_to_end_area_named.line("found & right, areas named"));
            }
        }
        let secs = self.elapsed.as_secs_f64();
        out.push(format!(
            "\n{:.1} ms for {} articles ({:.0} µs/article)\n",
            secs * 1e3,
            self.articles,
            secs * 1e6 / self.articles.max(1) as f64
        ));
        out
    }

    /// The `--errors` lines: a header, then (article, kind, phrase, detail) per error
    /// under the file's own convention.
    pub fn error_lines(&self) -> Vec<String> {
        let mut out = vec![format!("== errors ({})", self.format)];
        for (doc, kind, phrase, detail) in &self.main().errors {
            out.push(format!("{doc}\t{kind}\t{phrase}\t{detail}"));
        }
        out.push(String::new());
        out
    }
}

/// Reads a TR-News or GeoVirus file and scores `places` on it three ways.
pub fn evaluate_file(places: &Places, path: &Path) -> anyhow::Result<FileReport> {
    let xml = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read {}\nhelp: pass a TR-News or GeoVirus XML file, e.g. ../shared/eval/geo-dev/TR-News.xml",
            path.display()
        )
    })?;
    let (format, articles) = if geovirus::looks_like(&xml) {
        ("GeoVirus", geovirus::read(&xml))
    } else {
        ("TR-News", trnews::read(&xml))
    };
    let articles = articles.map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}\nhelp: the file must be TR-News or GeoVirus XML as distributed",
            path.display()
        )
    })?;
    let opts = |demonyms, layer| EvalOptions { demonyms, layer };
    let t0 = std::time::Instant::now();
    let with_demonyms = trnews::evaluate(places, &articles, opts(true, false));
    let elapsed = t0.elapsed();
    Ok(FileReport {
        format,
        articles: articles.len(),
        toponyms: articles.iter().map(|a| a.toponyms.len()).sum(),
        with_demonyms,
        without_demonyms: trnews::evaluate(places, &articles, opts(false, false)),
        layer: trnews::evaluate(places, &articles, opts(false, true)),
        elapsed,
    })
}
