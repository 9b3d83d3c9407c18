//! The one terminal view of a document, behind `sitrep extract --format pretty` and
//! `sitrep docs show`: [`document`] prints the metadata, the text with inline
//! `[words]{label}` marks (times, places, entities, counts; [`doc_marks`]), the quotes
//! with their speakers, the events with their evidence, and the lines the cleaner removed.
//!
//! The callers differ only in [`ViewOptions`]: `extract` nests marks inside marks
//! ([`Layout::Nested`], a mark crossing another is left out) and colours them on a
//! terminal; `docs show` shows the earlier, longer of overlapping marks
//! ([`Layout::Flat`]) and lists every mark after the text, and adds what the store knows
//! (source, copies, stage versions) as extra header rows.

use sitrep_model::{Doc, Span};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A labelled character range of the text.
pub struct Mark {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Shown after the words as `{label}`.
    pub label: String,
    /// ANSI colour code for the words (`"36"`), used when colour is on.
    pub colour: &'static str,
}

/// How overlapping marks are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Marks nest (`[[Kabul]{place} province]{place}`); a mark crossing another is left out.
    Nested,
    /// No mark inside another: a mark starting inside the previous one is left out.
    Flat,
}

/// Sorts marks by start, the longer first at the same start (the order both views list).
pub fn sort(marks: &mut [Mark]) {
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
}

/// The name a layer kind serialises to (`KILL`, `PERSON`, `caption`), or "".
pub fn kind_name<T: serde::Serialize>(kind: &T) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `text` with the marks shown inline as `[words]{label}` under `layout`; with `color`,
/// the words take their mark's colour and the label is dimmed.
pub fn marked_text(text: &str, marks: &[Mark], layout: Layout, color: bool) -> String {
    let mut ms: Vec<&Mark> = marks.iter().filter(|m| m.end > m.start).collect();
    ms.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut accepted: Vec<&Mark> = Vec::new();
    let mut stack: Vec<usize> = Vec::new(); // ends of open marks
    for m in ms {
        match layout {
            Layout::Nested => {
                while stack.last().is_some_and(|&e| e <= m.start) {
                    stack.pop();
                }
                if stack.last().is_none_or(|&e| m.end <= e) {
                    stack.push(m.end);
                    accepted.push(m);
                }
            }
            Layout::Flat => {
                if accepted.last().is_none_or(|p| p.end <= m.start) {
                    accepted.push(m);
                }
            }
        }
    }
    let mut opens: BTreeMap<usize, Vec<&Mark>> = BTreeMap::new();
    let mut closes: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &accepted {
        opens.entry(m.start).or_default().push(m);
        *closes.entry(m.end).or_default() += 1;
    }
    let (on, off, dim) = if color {
        ("\x1b[", "\x1b[0m", "\x1b[2m")
    } else {
        ("", "", "")
    };
    let mut out = String::with_capacity(text.len() * 2);
    let mut open_stack: Vec<&Mark> = Vec::new();
    let mut chars = text.chars();
    let mut i = 0usize;
    loop {
        // Close innermost first (those opened last).
        for _ in 0..closes.get(&i).copied().unwrap_or(0) {
            if let Some(m) = open_stack.pop() {
                out.push_str(off);
                out.push_str(&format!("]{dim}{{{}}}{off}", m.label));
                if let Some(outer) = open_stack.last().filter(|_| color) {
                    out.push_str(&format!("{on}{}m", outer.colour));
                }
            }
        }
        for m in opens.get(&i).into_iter().flatten() {
            if color {
                out.push_str(&format!("{on}{}m", m.colour));
            }
            out.push('[');
            open_stack.push(m);
        }
        match chars.next() {
            Some(c) => out.push(c),
            None => break,
        }
        i += 1;
    }
    out
}

/// The marks shown inline (and listed by `docs show`): times, places, entities and
/// counts, coloured by layer, in [`sort`] order.
pub fn doc_marks(doc: &Doc) -> Vec<Mark> {
    let mut m = Vec::new();
    let mut push = |start, end, label: String, colour| {
        m.push(Mark {
            start,
            end,
            label,
            colour,
        })
    };
    for t in doc.times.iter().flatten() {
        push(t.start, t.end, format!("time {}", t.value), "36");
    }
    for p in doc.places.iter().flatten() {
        let mut label = format!("place {}", p.name);
        if let Some(c) = &p.country {
            label.push_str(&format!(" {c}"));
        }
        push(p.start, p.end, label, "32");
    }
    for e in doc.entities.iter().flatten() {
        let kind = kind_name(&e.kind);
        let label = match &e.canonical {
            Some(c) if c != &e.text => format!("{kind} {c}"),
            _ => kind,
        };
        push(e.start, e.end, label, "34");
    }
    for c in doc.counts.iter().flatten() {
        let kind = kind_name(&c.kind);
        let n = match (c.low, c.high) {
            (Some(l), Some(h)) if l == h => l.to_string(),
            (Some(l), Some(h)) => format!("{l}-{h}"),
            (Some(l), None) => format!("{l}+"),
            _ => "?".into(),
        };
        push(c.start, c.end, format!("{kind} {n}"), "33");
    }
    sort(&mut m);
    m
}

/// How [`document`] shows a document.
#[derive(Debug, Clone, Copy)]
pub struct ViewOptions {
    /// How overlapping marks are shown.
    pub layout: Layout,
    /// List every mark (offsets, words, label) after the text.
    pub list_marks: bool,
    /// ANSI colour: bold headings, marks coloured by layer.
    pub color: bool,
}

/// The document view: a heading with the id, the metadata (`—` where unknown) and the
/// `extra` rows, the marked text, then quotes, events with evidence, removed lines.
pub fn document(doc: &Doc, extra: &[(&str, String)], opts: ViewOptions) -> String {
    let (b, off) = if opts.color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = String::new();
    let _ = writeln!(out, "{b}{}{off}  {}", doc.id, "─".repeat(72));
    let field = |out: &mut String, k: &str, v: Option<&str>| {
        let _ = writeln!(out, "{k:<16}{}", v.unwrap_or("—"));
    };
    field(&mut out, "title", doc.title.as_deref());
    field(&mut out, "published", doc.published.as_deref());
    field(&mut out, "publisher", doc.publisher.as_deref());
    field(&mut out, "syndicated_from", doc.syndicated_from.as_deref());
    field(&mut out, "language", doc.language.as_deref());
    for (k, v) in [
        ("byline", &doc.byline),
        ("url", &doc.url),
        ("source", &doc.source),
    ] {
        if v.is_some() {
            field(&mut out, k, v.as_deref());
        }
    }
    for (k, v) in extra {
        field(&mut out, k, Some(v));
    }
    out.push('\n');
    let marks = doc_marks(doc);
    out.push_str(&marked_text(&doc.text, &marks, opts.layout, opts.color));
    out.push_str("\n\n");
    if opts.list_marks && !marks.is_empty() {
        let _ = writeln!(out, "{b}marks{off}: {}", marks.len());
        for m in &marks {
            let t = doc.span_text(Span::new(m.start, m.end));
            let _ = writeln!(out, "  {:>6}-{:<6} {:<40} {}", m.start, m.end, t, m.label);
        }
    }
    if let Some(q) = &doc.quotes {
        let _ = writeln!(out, "{b}quotes{off}: {}", q.len());
        for q in q {
            let who = q.speaker.as_ref().map_or("?", |s| s.name.as_str());
            let _ = writeln!(out, "  {}-{} {who}: \"{}\"", q.start, q.end, q.text);
        }
    }
    if let Some(ev) = &doc.events {
        let _ = writeln!(out, "{b}events{off}: {}", ev.len());
        for e in ev {
            let _ = writeln!(
                out,
                "  {} | {} / {} | {} vs {} | {} {} {} | fatalities {}{}",
                e.event_date.as_deref().unwrap_or("?"),
                e.event_type,
                e.sub_event_type,
                e.actor1.as_deref().unwrap_or("?"),
                e.actor2.as_deref().unwrap_or("?"),
                e.location.as_deref().unwrap_or(""),
                e.admin1.as_deref().unwrap_or(""),
                e.country.as_deref().unwrap_or(""),
                e.fatalities.map_or("?".into(), |f| f.to_string()),
                if e.modality == sitrep_model::Modality::Claimed {
                    " (claimed)"
                } else {
                    ""
                },
            );
            for sp in &e.evidence {
                let _ = writeln!(
                    out,
                    "      evidence {}-{}: {}",
                    sp.start,
                    sp.end,
                    doc.span_text(*sp)
                );
            }
        }
    }
    if !doc.removed.is_empty() {
        let _ = writeln!(out, "{b}removed lines{off}: {}", doc.removed.len());
        for r in &doc.removed {
            let _ = writeln!(out, "  [{}] {}", kind_name(&r.kind), r.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, label: &str) -> Mark {
        Mark {
            start,
            end,
            label: label.into(),
            colour: "32",
        }
    }

    #[test]
    fn nested_and_flat_layouts() {
        let text = "Shelling in Kabul province hit two homes.";
        let marks = [
            mark(12, 26, "province"),
            mark(12, 17, "city"),
            mark(15, 30, "crossing"),
            mark(31, 34, "n"),
        ];
        assert_eq!(
            marked_text(text, &marks, Layout::Nested, false),
            "Shelling in [[Kabul]{city} province]{province} hit [two]{n} homes."
        );
        assert_eq!(
            marked_text(text, &marks, Layout::Flat, false),
            "Shelling in [Kabul province]{province} hit [two]{n} homes."
        );
        let coloured = marked_text(text, &marks[3..], Layout::Flat, true);
        assert_eq!(
            coloured,
            "Shelling in Kabul province hit \x1b[32m[two\x1b[0m]\x1b[2m{n}\x1b[0m homes."
        );
    }

    #[test]
    fn marks_at_the_end_and_empty_marks() {
        let marks = [mark(3, 9, "day"), mark(2, 2, "empty")];
        assert_eq!(
            marked_text("On Monday", &marks, Layout::Nested, false),
            "On [Monday]{day}"
        );
    }

    #[test]
    fn one_view_for_both_commands() {
        use sitrep_model::{Time, TimeType};
        let mut d = Doc::new("d", "On Monday in Kabul.");
        d.times = Some(vec![Time {
            start: 3,
            end: 9,
            text: "Monday".into(),
            kind: TimeType::Date,
            value: "2020-01-06".into(),
        }]);
        let opts = ViewOptions {
            layout: Layout::Nested,
            list_marks: false,
            color: false,
        };
        let p = document(&d, &[], opts);
        assert!(p.contains("On [Monday]{time 2020-01-06} in Kabul."), "{p}");
        assert!(p.contains("published       —"), "{p}");
        assert!(!p.contains("marks:"), "{p}");
        let listed = document(
            &d,
            &[("copies", "d2".into())],
            ViewOptions {
                layout: Layout::Flat,
                list_marks: true,
                ..opts
            },
        );
        assert!(listed.contains("copies          d2"), "{listed}");
        assert!(
            listed.contains("marks: 1\n       3-9      Monday"),
            "{listed}"
        );
    }
}
