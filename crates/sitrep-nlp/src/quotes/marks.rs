//! Pairs quotation marks into direct-quote spans.
//!
//! Handles curly (“…”), straight ("…"), guillemets («…»), top-level curly single
//! quotes (‘…’) and the two-character marks of NYT and newswire text (``…'' and ''…''). Straight marks are paired by their surroundings (an opener follows white
//! space and precedes a word; a closer follows a word), so one stray mark does not flip
//! every later quote inside out. A quote still open at the end of a paragraph continues
//! when the next paragraph opens with a quotation mark (the wire convention for
//! multi-paragraph quotes) and is dropped otherwise: quote marks that never close never
//! make a quote. Marks nested inside an open quote are ignored.

/// A pair of quotation marks, in byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// Byte of the opening mark.
    pub open: usize,
    /// First byte of the content (after the opening mark).
    pub start: usize,
    /// One past the content (the closing mark's byte).
    pub end: usize,
    /// One past the closing mark.
    pub close_end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Curly,
    Straight,
    Guillemet,
    Single,
    /// ``…'' or ''…'' (two characters each).
    Double,
}

fn opener_of(c: char) -> Option<Kind> {
    match c {
        '“' | '„' => Some(Kind::Curly),
        '"' => Some(Kind::Straight),
        '«' => Some(Kind::Guillemet),
        '‘' => Some(Kind::Single),
        _ => None,
    }
}

fn is_space_or_none(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// True when a straight `"` at this position looks like an opening mark.
fn straight_opens(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev
        .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/' | ':'));
    prev_ok && !is_space_or_none(next)
}

/// True when a straight `"` at this position looks like a closing mark.
fn straight_closes(prev: Option<char>, next: Option<char>) -> bool {
    !is_space_or_none(prev)
        && next.is_none_or(|n| {
            n.is_whitespace()
                || matches!(
                    n,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-'
                )
        })
}

/// The characters [`find`] acts on; every other character is skipped in one search.
const SIGNIFICANT: [char; 9] = ['\n', '“', '„', '«', '"', '‘', '”', '»', '’'];

/// Finds the direct-quote spans of `text`, in order, never overlapping.
pub fn find(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    // Two-character marks only where the text has them (apostrophes are frequent).
    let doubled = text.contains("''") || text.contains("``");
    let significant: &[char] = if doubled {
        &['\n', '“', '„', '«', '"', '‘', '”', '»', '’', '\'', '`']
    } else {
        &SIGNIFICANT
    };
    // (kind, open byte, content start byte, nesting depth)
    let mut open: Option<(Kind, usize, usize, usize)> = None;
    let mut from = 0;
    while let Some(off) = text.get(from..).and_then(|t| t.find(significant)) {
        let b = from + off;
        let Some(c) = text[b..].chars().next() else {
            break;
        };
        let after = b + c.len_utf8();
        from = after;
        let prev = text[..b].chars().next_back();
        let next = text[after..].chars().next();
        if c == '\'' || c == '`' {
            // Only doubled marks: ``…'' or ''…''.
            if next != Some(c) {
                continue;
            }
            let after2 = after + 1;
            let next2 = text[after2..].chars().next();
            match open {
                None if c == '`' || straight_opens(prev, next2) => {
                    open = Some((Kind::Double, b, after2, 0));
                }
                Some((Kind::Double, ob, cs, _))
                    if c == '\''
                        && (straight_closes(prev, next2) || !straight_opens(prev, next2)) =>
                {
                    if text.get(cs..b).is_some_and(|s| !s.trim().is_empty()) {
                        out.push(Marked {
                            open: ob,
                            start: cs,
                            end: b,
                            close_end: after2,
                        });
                    }
                    open = None;
                }
                _ => {}
            }
            from = after2;
            continue;
        }
        if c == '\n' {
            if let Some((kind, _, _, _)) = open {
                // Paragraph end with an open quote: continue if the next paragraph opens
                // with a mark of the same kind, else drop the quote.
                let rest = text[after..].trim_start();
                let d = rest.chars().next();
                if kind == Kind::Double && (rest.starts_with("``") || rest.starts_with("''")) {
                    from = text.len() - rest.len() + 2;
                    continue;
                }
                if d.is_some_and(|d| opener_of(d) == Some(kind)) {
                    let at = text.len() - rest.len();
                    from = at + d.map_or(0, char::len_utf8);
                    if let Some(o) = open.as_mut() {
                        o.3 = 0;
                    }
                    continue;
                }
                open = None;
            }
            continue;
        }
        match open {
            None => {
                let starts = match c {
                    '“' | '„' | '«' => true,
                    '"' => straight_opens(prev, next) || !straight_closes(prev, next),
                    '‘' => {
                        is_space_or_none(prev) || prev.is_some_and(|p| matches!(p, '(' | '[' | '—'))
                    }
                    _ => false,
                };
                if starts {
                    if let Some(kind) = opener_of(c) {
                        open = Some((kind, b, after, 0));
                    }
                }
            }
            Some((kind, ob, cs, depth)) => {
                let closes = match (kind, c) {
                    (Kind::Curly, '“') | (Kind::Guillemet, '«') => {
                        open = Some((kind, ob, cs, depth + 1));
                        false
                    }
                    (Kind::Curly, '”') | (Kind::Guillemet, '»') => {
                        if depth > 0 {
                            open = Some((kind, ob, cs, depth - 1));
                            false
                        } else {
                            true
                        }
                    }
                    (Kind::Straight, '"') => {
                        if straight_closes(prev, next) || !straight_opens(prev, next) {
                            true
                        } else {
                            // An opener while open: the earlier mark never closed.
                            open = Some((kind, b, after, 0));
                            false
                        }
                    }
                    (Kind::Single, '’') => {
                        !is_space_or_none(prev) && next.is_none_or(|n| !n.is_alphanumeric())
                    }
                    _ => false,
                };
                if closes {
                    if text.get(cs..b).is_some_and(|s| !s.trim().is_empty()) {
                        out.push(Marked {
                            open: ob,
                            start: cs,
                            end: b,
                            close_end: after,
                        });
                    }
                    open = None;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(t: &str) -> Vec<&str> {
        find(t).iter().map(|m| &t[m.start..m.end]).collect()
    }

    #[test]
    fn curly_straight_and_split() {
        let t = "“One,” he said. “Two.” And \"three\" too.";
        assert_eq!(contents(t), ["One,", "Two.", "three"]);
    }

    #[test]
    fn doubled_marks_of_newswire_text() {
        let t = "``We won,'' he said. She called it ''a farce.'' It's Tom's.";
        assert_eq!(contents(t), ["We won,", "a farce."]);
        let t = "``First part.\n\n``Second part,'' she said.";
        assert_eq!(contents(t), ["First part.\n\n``Second part,"]);
    }

    #[test]
    fn nested_marks_stay_inside() {
        let t = "“He told me ‘never’ and “no” again,” she said.";
        assert_eq!(contents(t), ["He told me ‘never’ and “no” again,"]);
    }

    #[test]
    fn unclosed_is_dropped_and_next_paragraph_continues() {
        assert!(contents("“This never closes\n\nNext paragraph.").is_empty());
        let t = "“First part.\n\n“Second part,” she said.";
        assert_eq!(contents(t), ["First part.\n\n“Second part,"]);
    }

    #[test]
    fn stray_straight_mark_does_not_flip_later_quotes() {
        let t = "He is 6\" tall. \"We will stay\" he said.";
        assert_eq!(contents(t), ["We will stay"]);
    }

    #[test]
    fn apostrophes_are_not_single_quotes() {
        assert!(contents("The Talibs’ position isn’t new.").is_empty());
    }
}
