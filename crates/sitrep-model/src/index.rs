//! Byte ↔ character offset conversion.
//!
//! Layers store character offsets (the output contract); Rust's `str`, `regex` and
//! `aho-corasick` work in bytes. [`TextIndex`] converts both ways in O(log n), and in
//! O(1) with no allocation for ASCII text (most wire copy), so stages can use byte-based
//! matchers at full speed and still write honest character offsets.

/// Converts between byte offsets and character (code point) offsets of one text.
#[derive(Debug, Clone)]
pub struct TextIndex {
    /// Byte offset of each character start, plus the text length; empty for ASCII text.
    starts: Vec<usize>,
    len_bytes: usize,
    len_chars: usize,
}

impl TextIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return TextIndex {
                starts: Vec::new(),
                len_bytes: text.len(),
                len_chars: text.len(),
            };
        }
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let len_chars = starts.len();
        starts.push(text.len());
        TextIndex {
            starts,
            len_bytes: text.len(),
            len_chars,
        }
    }

    /// Number of characters in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Character offset of a byte offset. A byte inside a multi-byte character maps to
    /// that character; past the end maps to the character count.
    pub fn char(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            return byte.min(self.len_bytes);
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.len_chars),
        }
    }

    /// Byte offset of a character offset (clamped to the text length).
    pub fn byte(&self, ch: usize) -> usize {
        if self.starts.is_empty() {
            return ch.min(self.len_bytes);
        }
        self.starts.get(ch).copied().unwrap_or(self.len_bytes)
    }

    /// Converts a byte range to a character range.
    pub fn span(&self, start_byte: usize, end_byte: usize) -> crate::Span {
        crate::Span::new(self.char(start_byte), self.char(end_byte))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let idx = TextIndex::new("hello");
        assert_eq!(idx.char(3), 3);
        assert_eq!(idx.byte(3), 3);
        assert_eq!(idx.byte(99), 5);
    }

    #[test]
    fn multibyte_maps_both_ways() {
        let t = "“Talibs” — ok";
        let idx = TextIndex::new(t);
        let b = t.find("Talibs").expect("present");
        assert_eq!(idx.char(b), 1);
        assert_eq!(idx.byte(1), b);
        assert_eq!(idx.len_chars(), t.chars().count());
    }

    proptest! {
        #[test]
        fn round_trip(s in "\\PC{0,40}") {
            let idx = TextIndex::new(&s);
            for (c, (b, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(idx.char(b), c);
                prop_assert_eq!(idx.byte(c), b);
            }
            prop_assert_eq!(idx.byte(idx.len_chars()), s.len());
        }
    }
}
