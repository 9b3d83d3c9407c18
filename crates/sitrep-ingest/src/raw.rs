//! Offsets into the raw input: from the cleaned text back to the bytes it came from.
//!
//! A document's offsets are character offsets into its cleaned `text`. To point at the
//! input file itself, [`RawMap`] is built from the raw input (an HTML page, or one
//! JSON-lines field) and maps any cleaned-text passage to the raw byte range it came
//! from: the HTML source bytes from the passage's first character to its last (tags and
//! entities inside included), or the bytes of a JSON string field, escapes included.
//!
//! How: the raw input is turned into its *visible text* as the readers see it (tags and
//! script/style/comment content dropped, entities and JSON escapes decoded, runs of
//! whitespace collapsed to one space), keeping for each visible character the raw byte
//! range it came from. A cleaned passage (whitespace collapsed the same way) is found in
//! the visible text, nearest to an expected position when it occurs more than once, and
//! its raw range read off. [`visible_of`] is the same cleaning rule applied to a raw
//! slice, so `visible_of(raw[range]) == passage` can be checked.

use std::ops::Range;

/// Visible text of a raw input with, for each of its bytes, the raw byte range it came
/// from.
#[derive(Debug, Clone, Default)]
pub struct RawMap {
    /// Visible text (whitespace collapsed).
    pub visible: String,
    /// For each byte of `visible`: (raw start, raw end) of the character it belongs to.
    spans: Vec<(usize, usize)>,
}

impl RawMap {
    fn push(&mut self, c: char, raw: Range<usize>) {
        if c.is_whitespace() {
            if self.visible.is_empty() || self.visible.ends_with(' ') {
                return;
            }
            self.visible.push(' ');
            self.spans.push((raw.start, raw.end));
            return;
        }
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.visible.push_str(s);
        for _ in 0..s.len() {
            self.spans.push((raw.start, raw.end));
        }
    }

    /// The map of an HTML page's source.
    pub fn of_html(html: &str) -> Self {
        let mut m = RawMap::default();
        let b = html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'<' {
                let rest = &html[i..];
                let lower_starts = |p: &str| {
                    rest.len() >= p.len()
                        && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                };
                let skip_to = |from: usize, end: &str| -> usize {
                    let hay = &b[from..];
                    let mut k = 0;
                    while k + end.len() <= hay.len() {
                        if hay[k..k + end.len()].eq_ignore_ascii_case(end.as_bytes()) {
                            return from + k + end.len();
                        }
                        k += 1;
                    }
                    b.len()
                };
                i = if lower_starts("<!--") {
                    skip_to(i + 4, "-->")
                } else if lower_starts("<script") {
                    skip_to(i + 7, "</script>")
                } else if lower_starts("<style") {
                    skip_to(i + 6, "</style>")
                } else {
                    // A tag: it separates words when it is a block boundary; treat every
                    // tag as a possible space (the cleaned text decides).
                    let end = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |k| i + k + 1);
                    let block = {
                        let name: String = html[i + 1..end]
                            .trim_start_matches('/')
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        matches!(
                            name.as_str(),
                            "p" | "div"
                                | "br"
                                | "li"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "h4"
                                | "h5"
                                | "h6"
                                | "article"
                                | "section"
                                | "tr"
                                | "td"
                                | "blockquote"
                                | "body"
                                | "title"
                                | "header"
                                | "footer"
                                | "ul"
                                | "ol"
                                | "figure"
                        )
                    };
                    if block {
                        m.push(' ', i..end);
                    }
                    end
                };
                continue;
            }
            if b[i] == b'&' {
                if let Some((c, len)) = entity(&html[i..]) {
                    m.push(c, i..i + len);
                    i += len;
                    continue;
                }
            }
            let c = html[i..].chars().next().unwrap_or(' ');
            m.push(c, i..i + c.len_utf8());
            i += c.len_utf8();
        }
        m
    }

    /// The map of a JSON string literal `raw` (with its quotes) that starts at byte
    /// `offset` of the line: each decoded character maps to its escape or bytes.
    pub fn of_json_string(raw: &str, offset: usize) -> Self {
        let mut m = RawMap::default();
        let b = raw.as_bytes();
        let mut i = usize::from(b.first() == Some(&b'"'));
        while i < b.len() {
            if b[i] == b'"' {
                break;
            }
            if b[i] == b'\\' && i + 1 < b.len() {
                let (c, len) = match b[i + 1] {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' | b'f' => (' ', 2),
                    b'u' => {
                        let hex = raw.get(i + 2..i + 6).unwrap_or("");
                        let cp = u32::from_str_radix(hex, 16).unwrap_or(0xfffd);
                        // Surrogate pairs: the pair is one character.
                        if (0xd800..0xdc00).contains(&cp) && raw.get(i + 6..i + 8) == Some("\\u") {
                            let lo = u32::from_str_radix(raw.get(i + 8..i + 12).unwrap_or(""), 16)
                                .unwrap_or(0xdc00);
                            let c = char::from_u32(
                                0x10000 + ((cp - 0xd800) << 10) + (lo.saturating_sub(0xdc00)),
                            )
                            .unwrap_or('\u{fffd}');
                            (c, 12)
                        } else {
                            (char::from_u32(cp).unwrap_or('\u{fffd}'), 6)
                        }
                    }
                    other => (char::from(other), 2),
                };
                m.push(c, offset + i..offset + i + len);
                i += len;
                continue;
            }
            let c = raw[i..].chars().next().unwrap_or(' ');
            m.push(c, offset + i..offset + i + c.len_utf8());
            i += c.len_utf8();
        }
        m
    }

    /// The map of plain text: each character maps to its own bytes.
    pub fn of_text(text: &str) -> Self {
        let mut m = RawMap::default();
        for (i, c) in text.char_indices() {
            m.push(c, i..i + c.len_utf8());
        }
        m
    }

    /// The map of the string field `field` of one JSON line (offsets are bytes of the
    /// line); `None` when the line has no such string field.
    pub fn of_jsonl_field(line: &str, field: &str) -> Option<Self> {
        let key = format!("\"{field}\"");
        let mut from = 0;
        while let Some(k) = line[from..].find(&key) {
            let after = from + k + key.len();
            let rest = line[after..].trim_start();
            if let Some(v) = rest.strip_prefix(':') {
                let v = v.trim_start();
                if v.starts_with('"') {
                    let at = line.len() - v.len();
                    return Some(Self::of_json_string(v, at));
                }
            }
            from = after;
        }
        None
    }

    /// The raw byte range of the cleaned passage `passage`, choosing the occurrence
    /// nearest to the visible byte `near` (e.g. where the passage sits in the cleaned
    /// text, scaled). `None` when the passage is not in the raw input (the cleaner moved
    /// or rewrote it).
    pub fn locate(&self, passage: &str, near: usize) -> Option<Range<usize>> {
        let needle = collapse(passage);
        if needle.is_empty() {
            return None;
        }
        let mut best: Option<usize> = None;
        let mut from = 0;
        while let Some(k) = self.visible[from..].find(&needle) {
            let at = from + k;
            if best.is_none_or(|b| at.abs_diff(near) < b.abs_diff(near)) {
                best = Some(at);
            }
            from = at + needle.len().max(1);
            while from < self.visible.len() && !self.visible.is_char_boundary(from) {
                from += 1;
            }
            if from >= self.visible.len() {
                break;
            }
        }
        let at = best?;
        let start = self.spans.get(at)?.0;
        let end = self.spans.get(at + needle.len() - 1)?.1;
        Some(start..end)
    }
}

/// Whitespace runs collapsed to one space, trimmed: the comparison rule of [`RawMap`].
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The visible text of a raw HTML slice, by the same rules as [`RawMap::of_html`].
pub fn visible_of(raw_html: &str) -> String {
    collapse(&RawMap::of_html(raw_html).visible)
}

/// A character entity at the start of `s` (`&amp;`, `&#8220;`, `&#x201c;`, common
/// named ones) and its length in bytes.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|b| *b == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let cp = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(cp)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ldquo" => '\u{201c}',
            "rdquo" => '\u{201d}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "mdash" => '\u{2014}',
            "ndash" => '\u{2013}',
            "hellip" => '\u{2026}',
            "laquo" => '\u{ab}',
            "raquo" => '\u{bb}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_passages_map_to_source_bytes() {
        let html = "<html><body><nav>Home</nav><p>Gunmen &amp; militants <b>killed</b> two\n   guards.</p><p>&ldquo;We fled,&rdquo; he said.</p></body></html>";
        let m = RawMap::of_html(html);
        let r = m
            .locate("Gunmen & militants killed two guards.", 0)
            .expect("found");
        assert_eq!(
            &html[r.clone()],
            "Gunmen &amp; militants <b>killed</b> two\n   guards."
        );
        assert_eq!(
            visible_of(&html[r]),
            "Gunmen & militants killed two guards."
        );
        let r = m
            .locate("\u{201c}We fled,\u{201d} he said.", 0)
            .expect("quote");
        assert_eq!(&html[r], "&ldquo;We fled,&rdquo; he said.");
    }

    #[test]
    fn json_fields_map_to_their_escapes() {
        let line = r#"{"id": "a", "text": "Line one.\nHe said \"no\" \u00e9t\u00e9."}"#;
        let at = line.find("\"Line").expect("field");
        let m = RawMap::of_json_string(&line[at..], at);
        let via_field = RawMap::of_jsonl_field(line, "text").expect("field");
        assert_eq!(via_field.visible, m.visible);
        let r = m.locate("He said \"no\" été.", 0).expect("found");
        assert_eq!(&line[r], r#"He said \"no\" \u00e9t\u00e9."#);
    }
}
