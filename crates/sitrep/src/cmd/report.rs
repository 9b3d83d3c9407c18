//! `sitrep report`: one self-contained HTML file over the incidents of a database — a
//! timeline, a bar chart by province, a map, the top incidents with their sources and the
//! trend table. Pure HTML + inline SVG + inline CSS: no script, no network, no external
//! file, so it opens offline and can be mailed or archived as it is.
//!
//! Counts are incidents (reconciled across outlets, `sitrep_store::trend`), an unknown toll
//! is shown as "unknown" and never summed as 0, and every string from an article is
//! escaped ([`esc`]): article text is hostile input. The map draws Natural Earth country
//! outlines (world-atlas' TopoJSON, decoded by [`topo_rings`]) in an equirectangular
//! projection cropped to the incidents' extent.

use super::filter::FilterArgs;
use super::incidents::cut;
use anyhow::Context;
use sitrep_store::trend::{self, GroupBy, Period, Tally};
use sitrep_store::{EventFilter, Incident, Store};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Natural Earth 1:50m country outlines as TopoJSON (world-atlas, ISC; Natural Earth is
/// public domain).
const COUNTRIES: &str =
    include_str!("../../../sitrep-server/assets/vendor/world-atlas/countries-50m.json");

/// Arguments of `sitrep report`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Writes ONE HTML file that opens offline (no script, no network): a \
timeline of incidents and fatalities, a bar chart by province, a map of the incidents over \
Natural Earth country outlines, the top incidents with every source, and the trend table. \
Counts are incidents (reports reconciled across outlets); an unknown toll shows as \
\"unknown\", never 0.\n\nExamples:\n  sitrep report --db news.db -o report.html\n  sitrep \
report --db news.db --country SY --since 2017-01-01 --every week -o syria.html\n  sitrep \
report --db news.db --source ged --top 50 -o ged.html"
)]
pub struct Args {
    /// Database: a SQLite file or a PostgreSQL URL (postgres://user@host/db).
    #[arg(long, default_value = "sitrep.db", value_name = "FILE|postgres://…")]
    pub db: String,
    /// Filters (the same flags as `sitrep events`, `incidents` and `trend`).
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Timeline period: week (Monday-based) or month.
    #[arg(long, default_value = "month")]
    pub every: String,
    /// Dataset: sitrep (extracted here), acled or ged (imported).
    #[arg(long, default_value = "sitrep")]
    pub source: String,
    /// How many incidents the "top incidents" table lists (by death toll).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Title of the report.
    #[arg(long, default_value = "sitrep report")]
    pub title: String,
    /// The HTML file to write.
    #[arg(long, short = 'o', value_name = "FILE.html")]
    pub output: PathBuf,
}

/// Runs `sitrep report`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let period = Period::parse(&args.every)
        .with_context(|| format!("unknown --every `{}`\nhelp: use week or month", args.every))?;
    let store = sitrep_store::open(&args.db, true)?;
    let filter = EventFilter {
        dataset: Some(args.source.clone()),
        ..args.filter.filter()
    };
    let incidents = store.query_incidents(&filter)?;
    if incidents.is_empty() {
        eprintln!(
            "warning: no incident in {} matches the filters; the report says so\nhelp: check --db, --source and the filters (`sitrep incidents --db {}` lists them)",
            args.db, args.db
        );
    }
    let html = render(&incidents, &args, period);
    std::fs::write(&args.output, html).with_context(|| {
        format!(
            "writing the report to {}\nhelp: check that its folder exists and is writable",
            args.output.display()
        )
    })?;
    eprintln!(
        "wrote {} ({} incidents)",
        args.output.display(),
        incidents.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Escapes text for HTML element content and quoted attribute values (`&<>"'`).
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A toll for display: the number, or "unknown" (never 0).
fn toll(v: Option<u64>) -> String {
    v.map_or_else(|| "unknown".into(), |x| x.to_string())
}

/// `1 incident`, `2 incidents`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The whole HTML document.
fn render(incidents: &[Incident], args: &Args, period: Period) -> String {
    let since = args.filter.since.as_deref();
    let until = args.filter.until.as_deref();
    let mut total = Tally::default();
    for i in incidents {
        total.add(i);
    }
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{t}</title><style>{CSS}</style></head><body><h1>{t}</h1>\
<p class=\"sum\">Database <code>{db}</code>, dataset <code>{ds}</code>. \
<b>{n}</b> incidents, <b>{f}</b> known deaths, <b>{u}</b> incidents with an unknown toll \
(not counted as 0), <b>{s}</b> resting on a single report. Counts are incidents: reports of \
one event across outlets are reconciled into one.</p>",
        t = esc(&args.title),
        db = esc(&args.db),
        ds = esc(&args.source),
        n = total.incidents,
        f = total.fatalities,
        u = total.unknown_toll,
        s = total.single_report,
    );
    if incidents.is_empty() {
        h.push_str("<p class=\"empty\">No incident matches the filters.</p>");
    } else {
        let timeline = trend::trend(incidents, period, GroupBy::All, since, until);
        h.push_str("<h2>Timeline</h2>");
        h.push_str(&timeline_svg(&timeline));
        h.push_str("<h2>By province</h2>");
        h.push_str(&province_svg(incidents));
        h.push_str("<h2>Map</h2>");
        h.push_str(&map_svg(incidents));
        h.push_str("<h2>Top incidents</h2>");
        h.push_str(&top_table(incidents, args.top));
        h.push_str("<h2>Trend by country</h2>");
        h.push_str(&trend_table(&trend::trend(
            incidents,
            period,
            GroupBy::Country,
            since,
            until,
        )));
    }
    h.push_str(
        "<footer>Made by sitrep. Country outlines: Natural Earth (public domain) via \
world-atlas (ISC).</footer></body></html>\n",
    );
    h
}

const CSS: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}\
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;\
vertical-align:top;text-align:left}th{background:#f0f0f0}td.n{text-align:right}\
.unk{color:#888;font-style:italic}.ovt{color:#888;text-decoration:line-through}\
svg{display:block;max-width:100%;height:auto}footer{margin-top:24px;color:#666;font-size:12px}\
ul.src{margin:0;padding-left:16px}.empty{color:#a00}";

/// Incidents (blue bars) and known deaths (red bars) per period, on two stacked panels.
fn timeline_svg(rows: &[trend::TrendRow]) -> String {
    let (w, ph, left, top) = (1000.0, 150.0, 50.0, 20.0);
    let n = rows.len().max(1) as f64;
    // At most 60 px a bar, so a few periods do not make slabs.
    let bw = ((w - left - 10.0) / n).min(60.0);
    let mut s = format!(
        "<svg class=\"timeline\" viewBox=\"0 0 {w} {}\" width=\"{w}\">",
        2.0 * ph + 3.0 * top + 40.0
    );
    /// A panel: name, colour, the value it plots.
    type Panel = (&'static str, &'static str, fn(&Tally) -> f64);
    let panels: [Panel; 2] = [
        ("incidents", "#3366aa", |t| t.incidents as f64),
        ("known deaths", "#cc3333", |t| t.fatalities as f64),
    ];
    for (k, (name, colour, value)) in panels.iter().enumerate() {
        let y0 = top + k as f64 * (ph + top + 10.0);
        let max = rows.iter().map(|r| value(&r.tally)).fold(0.0, f64::max);
        let _ = write!(
            s,
            "<text x=\"{left}\" y=\"{}\" font-size=\"12\">{name} per period (max {max})</text>\
<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>",
            y0 - 4.0,
            y0 + ph,
            w - 10.0,
            y0 + ph
        );
        for (j, r) in rows.iter().enumerate() {
            let v = value(&r.tally);
            let bh = if max > 0.0 {
                v / max * (ph - 10.0)
            } else {
                0.0
            };
            let unknown = if k == 1 && r.tally.unknown_toll > 0 {
                format!(", {} incidents with an unknown toll", r.tally.unknown_toll)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{colour}\"><title>{}: {v} {name}{unknown}</title></rect>",
                left + j as f64 * bw + 1.0,
                y0 + ph - bh,
                (bw - 2.0).max(1.0),
                esc(&r.period)
            );
        }
    }
    // Period labels, at most about 12 of them.
    let step = rows.len().div_ceil(12).max(1);
    let ly = top + 2.0 * ph + top + 10.0 + 16.0;
    for (j, r) in rows.iter().enumerate().step_by(step) {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{ly}\" font-size=\"11\">{}</text>",
            left + j as f64 * bw,
            esc(&r.period)
        );
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars: incidents per province (country/admin1), the 20 largest.
fn province_svg(incidents: &[Incident]) -> String {
    let mut by: BTreeMap<String, Tally> = BTreeMap::new();
    for i in incidents {
        for k in GroupBy::Admin1.keys(i) {
            by.entry(k).or_default().add(i);
        }
    }
    let mut v: Vec<(String, Tally)> = by.into_iter().collect();
    v.sort_by(|a, b| b.1.incidents.cmp(&a.1.incidents).then(a.0.cmp(&b.0)));
    v.truncate(20);
    let (w, row, left) = (1000.0, 22.0, 260.0);
    let max = v.iter().map(|x| x.1.incidents).max().unwrap_or(1).max(1) as f64;
    let mut s = format!(
        "<svg class=\"provinces\" viewBox=\"0 0 {w} {}\" width=\"{w}\">",
        v.len() as f64 * row + 10.0
    );
    for (j, (k, t)) in v.iter().enumerate() {
        let y = 5.0 + j as f64 * row;
        let bw = t.incidents as f64 / max * (w - left - 220.0);
        let deaths = if t.unknown_toll > 0 {
            format!("{} deaths + {} unknown tolls", t.fatalities, t.unknown_toll)
        } else {
            format!("{} deaths", t.fatalities)
        };
        let _ = write!(
            s,
            "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>\
<rect class=\"bar\" x=\"{left}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"#e08a2c\"><title>{}: {} incidents, {deaths}</title></rect>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}, {deaths}</text>",
            left - 6.0,
            y + 15.0,
            esc(&cut(k, 40)),
            row - 6.0,
            esc(k),
            t.incidents,
            left + bw + 6.0,
            y + 15.0,
            plural(t.incidents, "incident")
        );
    }
    s.push_str("</svg>");
    s
}

/// Decodes the rings of every country in a TopoJSON topology into longitude/latitude
/// points.
///
/// TopoJSON stores each shared border once, as an *arc*: a list of quantized integer
/// positions, each delta-encoded from the previous one; `transform` maps the integers to
/// degrees (`lon = x * scale[0] + translate[0]`, likewise for latitude). A polygon ring
/// lists arc indices; a negative index `!i` (that is `-i - 1`) means arc `i` reversed.
/// Consecutive arcs share their end point, which is kept once. Polygons and
/// multi-polygons of `objects.countries` are read; other geometry types are skipped.
pub fn topo_rings(topo: &serde_json::Value) -> Vec<Vec<(f64, f64)>> {
    let num = |v: &serde_json::Value, i: usize| v.get(i).and_then(serde_json::Value::as_f64);
    let tr = &topo["transform"];
    let (sx, sy) = (
        num(&tr["scale"], 0).unwrap_or(1.0),
        num(&tr["scale"], 1).unwrap_or(1.0),
    );
    let (tx, ty) = (
        num(&tr["translate"], 0).unwrap_or(0.0),
        num(&tr["translate"], 1).unwrap_or(0.0),
    );
    let arcs: Vec<Vec<(f64, f64)>> = topo["arcs"]
        .as_array()
        .map(|arcs| {
            arcs.iter()
                .map(|arc| {
                    let (mut x, mut y) = (0.0, 0.0);
                    arc.as_array()
                        .map(|pts| {
                            pts.iter()
                                .filter_map(|p| {
                                    x += num(p, 0)?;
                                    y += num(p, 1)?;
                                    Some((x * sx + tx, y * sy + ty))
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let ring = |idx: &serde_json::Value| -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        for a in idx
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_i64())
        {
            let (i, rev) = if a < 0 { (!a, true) } else { (a, false) };
            let Some(arc) = usize::try_from(i).ok().and_then(|i| arcs.get(i)) else {
                continue;
            };
            let mut pts = arc.clone();
            if rev {
                pts.reverse();
            }
            let skip = usize::from(!out.is_empty());
            out.extend(pts.into_iter().skip(skip));
        }
        out
    };
    let mut rings = Vec::new();
    let geoms = topo["objects"]["countries"]["geometries"].as_array();
    for g in geoms.into_iter().flatten() {
        let polys: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["arcs"]],
            Some("MultiPolygon") => g["arcs"].as_array().into_iter().flatten().collect(),
            _ => continue,
        };
        for p in polys {
            for r in p.as_array().into_iter().flatten() {
                rings.push(ring(r));
            }
        }
    }
    rings
}

/// The incidents on a map: country outlines and one circle per located incident (area
/// by known toll; an unknown toll is a hollow circle), cropped to their extent.
fn map_svg(incidents: &[Incident]) -> String {
    let located: Vec<(&Incident, f64, f64)> = incidents
        .iter()
        .filter_map(|i| Some((i, i.longitude?, i.latitude?)))
        .filter(|(_, x, y)| x.is_finite() && y.is_finite())
        .collect();
    if located.is_empty() {
        return "<p class=\"empty\">No incident has coordinates.</p>".into();
    }
    let (mut x0, mut x1, mut y0, mut y1) = (180.0f64, -180.0f64, 90.0f64, -90.0f64);
    for (_, x, y) in &located {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y0 = y0.min(*y);
        y1 = y1.max(*y);
    }
    // A margin of a fifth of the extent, at least 2 degrees, and a 3:2 aspect.
    let m = ((x1 - x0).max(y1 - y0) * 0.2).max(2.0);
    let (mut x0, mut x1, mut y0, mut y1) = (x0 - m, x1 + m, y0 - m, y1 + m);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    if (x1 - x0) < 1.5 * (y1 - y0) {
        let half = 0.75 * (y1 - y0);
        (x0, x1) = (cx - half, cx + half);
    } else {
        let half = (x1 - x0) / 3.0;
        (y0, y1) = (cy - half, cy + half);
    }
    // Never beyond the world (a world-wide extent is simply the whole map).
    let (x0, x1, y0, y1) = (x0.max(-180.0), x1.min(180.0), y0.max(-90.0), y1.min(90.0));
    let (w, h) = (1000.0, 1000.0 * (y1 - y0) / (x1 - x0));
    let px = |x: f64| (x - x0) / (x1 - x0) * w;
    let py = |y: f64| (y1 - y) / (y1 - y0) * h;
    let mut s = format!(
        "<svg class=\"map\" viewBox=\"0 0 {w} {h:.1}\" width=\"{w}\">\
<rect width=\"{w}\" height=\"{h:.1}\" fill=\"#dbe9f4\"/><path fill=\"#f4f1e8\" stroke=\"#999\" stroke-width=\"0.7\" d=\""
    );
    let topo: serde_json::Value = serde_json::from_str(COUNTRIES).unwrap_or_default();
    for r in topo_rings(&topo) {
        let hit = r
            .iter()
            .any(|(x, y)| *x >= x0 && *x <= x1 && *y >= y0 && *y <= y1);
        let spans = r.iter().any(|(x, _)| *x < x0) && r.iter().any(|(x, _)| *x > x1);
        if !hit && !spans {
            continue;
        }
        // A ring that crosses the antimeridian jumps from +180 to -180: start a new
        // subpath there rather than draw a line across the map.
        let mut prev: Option<f64> = None;
        for (x, y) in &r {
            let jump = prev.is_none_or(|p| (x - p).abs() > 180.0);
            let _ = write!(
                s,
                "{}{:.1},{:.1}",
                if jump { "M" } else { "L" },
                px(*x),
                py(*y)
            );
            prev = Some(*x);
        }
        s.push('Z');
    }
    s.push_str("\"/>");
    let max = located
        .iter()
        .filter_map(|(i, _, _)| i.fatalities)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for (i, x, y) in &located {
        let (r, fill) = match i.fatalities {
            Some(f) => (
                4.0 + 16.0 * (f as f64 / max).sqrt(),
                "fill=\"#cc3333\" fill-opacity=\"0.6\"",
            ),
            None => (5.0, "fill=\"none\""),
        };
        let _ = write!(
            s,
            "<circle class=\"incident\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" {fill} stroke=\"#801010\" stroke-width=\"1.5\"><title>{} {}: {}, {} dead, {} reports</title></circle>",
            px(*x),
            py(*y),
            esc(i.event_date.as_deref().unwrap_or("undated")),
            esc(i.location.as_deref().or(i.admin1.as_deref()).unwrap_or("?")),
            esc(&i.sub_event_type),
            toll(i.fatalities),
            i.n_reports
        );
    }
    // Name the places with the most incidents (at most 12), once each, skipping a label
    // that would overlap one already placed.
    let mut places: BTreeMap<&str, (usize, f64, f64)> = BTreeMap::new();
    for (i, x, y) in &located {
        if let Some(l) = i.location.as_deref().or(i.admin1.as_deref()) {
            places.entry(l).or_insert((0, *x, *y)).0 += 1;
        }
    }
    let mut places: Vec<(&str, (usize, f64, f64))> = places.into_iter().collect();
    places.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for (name, (_, x, y)) in places {
        let (lx, ly) = (px(x) + 12.0, py(y) - 8.0);
        if placed.len() >= 12
            || placed
                .iter()
                .any(|(a, b)| (lx - a).abs() < 180.0 && (ly - b).abs() < 18.0)
        {
            continue;
        }
        placed.push((lx, ly));
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            lx,
            ly,
            esc(&cut(name, 30))
        );
    }
    s.push_str("</svg><p>Circle area by known death toll; a hollow circle is an unknown toll.</p>");
    s
}

/// The `n` deadliest incidents (unknown tolls last) with every report.
fn top_table(incidents: &[Incident], n: usize) -> String {
    let mut v: Vec<&Incident> = incidents.iter().collect();
    v.sort_by(|a, b| {
        b.fatalities
            .cmp(&a.fatalities)
            .then(b.n_reports.cmp(&a.n_reports))
            .then(a.incident_id.cmp(&b.incident_id))
    });
    v.truncate(n);
    let mut s = String::from(
        "<table class=\"top\"><tr><th>date</th><th>place</th><th>type</th><th>actors</th>\
<th>dead</th><th>low–high</th><th>claimed</th><th>sources</th></tr>",
    );
    let cell = |v: Option<u64>| match v {
        Some(x) => format!("<td class=\"n\">{x}</td>"),
        None => "<td class=\"n unk\">unknown</td>".into(),
    };
    for i in v {
        let place = [&i.location, &i.admin1, &i.country]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let actors = [&i.actor1, &i.actor2]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" vs ");
        let range = match (i.fatalities_low, i.fatalities_high) {
            (Some(l), Some(h)) => format!("<td class=\"n\">{l}–{h}</td>"),
            _ => "<td class=\"n unk\">unknown</td>".into(),
        };
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}{range}{}<td><ul class=\"src\">",
            esc(i.event_date.as_deref().unwrap_or("undated")),
            esc(&place),
            esc(&i.sub_event_type),
            esc(&actors),
            if i.disputed {
                format!(
                    "<td class=\"n\">{} <small>(disputed)</small></td>",
                    toll(i.fatalities)
                )
            } else {
                cell(i.fatalities)
            },
            if i.claimed_fatalities.is_some() {
                cell(i.claimed_fatalities)
            } else {
                "<td></td>".into()
            },
        );
        for r in &i.reports {
            let modality = serde_json::to_value(r.modality)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = write!(
                s,
                "<li{}><b>{}</b> {} <code>{}</code>: {} dead ({})",
                if r.overtaken { " class=\"ovt\"" } else { "" },
                esc(r.publisher.as_deref().unwrap_or("unknown outlet")),
                esc(r.published.as_deref().unwrap_or("")),
                esc(&r.doc_id),
                toll(r.fatalities),
                esc(&modality),
            );
            if let Some(n) = &r.notes {
                let _ = write!(s, " — <q>{}</q>", esc(&cut(n, 240)));
            }
            s.push_str("</li>");
        }
        s.push_str("</ul></td></tr>");
    }
    s.push_str("</table><p>Struck-through reports were overtaken by a later, higher toll.</p>");
    s
}

/// Up to this many trend rows, empty (period, country) rows are listed too.
const FULL_TREND_ROWS: usize = 600;

/// The trend table: one row per period and country, empty periods as 0 — unless there are
/// more than [`FULL_TREND_ROWS`] rows, then the empty ones are left out (and counted).
fn trend_table(rows: &[trend::TrendRow]) -> String {
    let all = rows.len();
    let rows: Vec<&trend::TrendRow> = rows
        .iter()
        .filter(|r| all <= FULL_TREND_ROWS || r.tally.incidents > 0)
        .collect();
    let mut s = String::new();
    if rows.len() < all {
        let _ = write!(
            s,
            "<p>{} of {all} period × country rows have no incident and are left out; <code>sitrep trend</code> lists them all.</p>",
            all - rows.len()
        );
    }
    s.push_str(
        "<table class=\"trend\"><tr><th>period</th><th>country</th><th>incidents</th>\
<th>known deaths</th><th>injured</th><th>unknown toll</th><th>single report</th></tr>",
    );
    for r in rows {
        let t = &r.tally;
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&r.period),
            esc(&r.group),
            t.incidents,
            t.fatalities,
            t.injured,
            t.unknown_toll,
            t.single_report
        );
    }
    s.push_str("</table><p>Known deaths sum the known tolls only; incidents with an unknown toll are counted apart.</p>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hostile_text() {
        assert_eq!(
            esc("<script>a&'b\"</script>"),
            "&lt;script&gt;a&amp;&#39;b&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn decodes_topojson_arcs() {
        // Two arcs, delta-encoded; the second ring uses arc 0 reversed.
        let topo = serde_json::json!({
            "type": "Topology",
            "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
            "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "arcs": [[[-1]]]}
            ]}}
        });
        let rings = topo_rings(&topo);
        assert_eq!(
            rings[0],
            vec![(10.0, 20.0), (11.0, 20.0), (11.0, 22.0), (10.0, 20.0)]
        );
        assert_eq!(rings[1], vec![(11.0, 22.0), (11.0, 20.0), (10.0, 20.0)]);
        // The real atlas decodes to plausible coordinates.
        let world: serde_json::Value = serde_json::from_str(COUNTRIES).expect("atlas");
        let rings = topo_rings(&world);
        assert!(rings.len() > 200);
        assert!(rings
            .iter()
            .flatten()
            .all(|(x, y)| (-180.1..=180.1).contains(x) && (-90.1..=90.1).contains(y)));
    }

    #[test]
    fn unknown_tolls_are_unknown_and_text_is_escaped() {
        let incident: Incident = serde_json::from_value(serde_json::json!({
            "incident_id": "I1", "country": "SY", "admin1": "Idlib",
            "location": "<b>Saraqib</b>", "latitude": 35.86, "longitude": 36.8,
            "event_date": "2019-02-03", "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack", "disputed": false,
            "n_reports": 1, "dataset": "sitrep",
            "reports": [{"event_id": "e1", "doc_id": "d\"1", "publisher": "A&B",
                         "modality": "reported", "notes": "'quoted' <i>text</i>"}]
        }))
        .expect("incident");
        let args = Args {
            db: "t.db".into(),
            filter: FilterArgs::default(),
            every: "month".into(),
            source: "sitrep".into(),
            top: 5,
            title: "T<".into(),
            output: "r.html".into(),
        };
        let html = render(&[incident], &args, Period::Month);
        // The toll is unknown: shown so, a hollow circle, never a 0.
        assert!(html.contains("unknown dead"));
        assert!(html.contains("<td class=\"n unk\">unknown</td>"));
        assert!(html.contains("fill=\"none\""));
        assert!(html.contains("<b>0</b> known deaths, <b>1</b> incidents with an unknown toll"));
        assert!(!html.contains(": 0 dead"));
        // Every string from the article is escaped.
        for raw in ["<b>Saraqib", "<i>text", "A&B", "d\"1", "T<"] {
            assert!(!html.contains(raw), "{raw} unescaped");
        }
        assert!(html.contains("&lt;b&gt;Saraqib&lt;/b&gt;"));
        assert!(html.contains("&#39;quoted&#39;"));
        // No incident: the report says so.
        let empty = render(&[], &args, Period::Month);
        assert!(empty.contains("No incident matches the filters."));
    }
}
