//! Caps how deeply a page's elements nest, before the page is parsed.
//!
//! The HTML parser checks the stack of open elements for each tag (time grows with the
//! square of the depth: 10,000 nested `<div>`s took 15 s, 50,000 took 392 s) and the
//! extractor walks the tree recursively (100,000 overflowed the stack and killed the
//! whole run). No real article nests more than a few dozen levels, so [`cap_depth`]
//! drops the start and end tags nested deeper than [`MAX_DEPTH`], in one linear pass,
//! keeping all text: the deep part is read as if it were one flat element. Pages within
//! the limit are returned unchanged (borrowed, no copy).

use std::borrow::Cow;

/// Deepest element nesting kept; tags below it are dropped, their text kept.
pub const MAX_DEPTH: usize = 256;

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text (no tags inside).
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// One tag found by the scanner.
struct Tag<'a> {
    /// Byte range of the whole tag, `<` to `>`.
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// Finds the next tag at or after `from` (comments, doctypes and processing
/// instructions are skipped over).
fn next_tag(html: &str, mut from: usize) -> Option<Tag<'_>> {
    let b = html.as_bytes();
    loop {
        let lt = from + memchr::memchr(b'<', b.get(from..)?)?;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            let close = memchr::memmem::find(&rest[3..], b"-->")?;
            from = lt + 1 + 3 + close + 3;
            continue;
        }
        if rest.first().is_some_and(|c| *c == b'!' || *c == b'?') {
            from = lt + 1 + memchr::memchr(b'>', rest)? + 1;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            from = lt + 1;
            continue;
        }
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut i = name_start + name_len;
        let mut quote = 0u8;
        while i < b.len() {
            let c = b[i];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        return Some(Tag {
            start: lt,
            end: i + 1,
            name: &html[name_start..name_start + name_len],
            closing,
            self_closing: i > 0 && b[i - 1] == b'/',
        });
    }
}

/// Where the end tag `</name` of a raw-text element starts, searching from `from`
/// (case-insensitive, without copying).
fn raw_end(b: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    loop {
        let k = from + memchr::memmem::find(b.get(from..)?, b"</")?;
        let after = &b[k + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
            return Some(k);
        }
        from = k + 2;
    }
}

/// `html` with every tag nested deeper than `max` removed (text kept); unchanged when
/// nothing nests that deep. Linear in the length of the page.
pub fn cap_depth(html: &str, max: usize) -> Cow<'_, str> {
    if !too_deep(html, max) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    walk(html, max, &mut |tag, keep| {
        if !keep {
            out.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
    });
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn too_deep(html: &str, max: usize) -> bool {
    let mut deep = false;
    walk(html, max, &mut |_, keep| deep |= !keep);
    deep
}

/// Calls `f` on every tag with whether it is kept (within `max` levels). Depth is
/// counted like a browser would for well-formed pages: start tags open, end tags close
/// (an end tag closes the innermost open element of its name, when one is open);
/// void elements, self-closing tags and raw-text elements' contents do not nest.
fn walk(html: &str, max: usize, f: &mut dyn FnMut(&Tag<'_>, bool)) {
    // Names of the open elements that were kept, and how many start tags were dropped
    // below the deepest of them.
    let mut open: Vec<String> = Vec::new();
    let mut dropped = 0usize;
    let mut pos = 0;
    while let Some(tag) = next_tag(html, pos) {
        pos = tag.end;
        let name = tag.name.to_ascii_lowercase();
        if tag.closing {
            let keep = if dropped > 0 {
                dropped -= 1;
                false
            } else {
                // Close up to the matching open element (implicitly closing the rest).
                if let Some(i) = open.iter().rposition(|n| *n == name) {
                    open.truncate(i);
                }
                true
            };
            f(&tag, keep);
            continue;
        }
        if VOID.contains(&name.as_str()) || tag.self_closing {
            f(&tag, open.len() < max);
            continue;
        }
        if open.len() >= max {
            dropped += 1;
            f(&tag, false);
        } else {
            open.push(name.clone());
            f(&tag, true);
        }
        if RAW.contains(&name.as_str()) {
            // Skip the raw text up to the element's end tag.
            match raw_end(html.as_bytes(), pos, name.as_bytes()) {
                Some(k) => pos = k,
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_unchanged() {
        let page =
            "<html><body><div><p>Text <b>bold</b></p><br><img src='a>b'></div></body></html>";
        assert!(matches!(cap_depth(page, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_and_text_kept() {
        let page = format!(
            "<body>{}x{}</body>",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let capped = cap_depth(&page, 4);
        assert_eq!(
            capped,
            format!("<body>{}x{}</body>", "<div>".repeat(3), "</div>".repeat(3))
        );
    }

    #[test]
    fn raw_text_is_not_scanned_for_tags() {
        let page = format!(
            "<div><script>var s = '{}';</script><p>ok</p></div>",
            "<div>".repeat(20)
        );
        assert!(matches!(cap_depth(&page, 4), Cow::Borrowed(_)));
    }
}
