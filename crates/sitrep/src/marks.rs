//! Document text with inline `[words]{label}` marks: the one renderer behind the terminal
//! views of `sitrep extract --format pretty` and `sitrep docs show`.
//!
//! Each view builds its own labels ([`Mark`]s, character offsets into `Doc::text`) and
//! picks a [`Layout`]: `Nested` shows marks inside marks and drops one that crosses
//! another (extract), `Flat` shows the earlier, longer of overlapping marks and skips the
//! rest (docs, which lists every mark after the text). Colour (ANSI) is optional.

use std::collections::BTreeMap;

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
}
