//! Word lists for the `quotes` stage, read from `data/quotes/lexicon.txt` (compiled into
//! the binary, parsed once when the stage is first built): speech verbs, the words a
//! speaker phrase may be made of, the adjuncts between a speech verb and what was said,
//! and the cues of titles and slogans. The file's header documents each section. All
//! entries are compared lower-case.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The lexicon file.
const LEXICON: &str = include_str!("../../data/quotes/lexicon.txt");

/// The parsed lists, by section name.
#[derive(Debug)]
pub struct Lexicon {
    sections: HashMap<&'static str, Vec<&'static str>>,
}

impl Lexicon {
    /// The entries of `section` (empty when the file has no such section).
    pub fn list(&self, section: &str) -> &[&'static str] {
        self.sections.get(section).map_or(&[], Vec::as_slice)
    }
}

/// Parses the lexicon format: `[section]` lines, one entry a line, `#` comments.
fn parse(src: &'static str) -> Lexicon {
    let mut sections: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    let mut cur: &'static str = "";
    for line in src.lines() {
        let l = line.split('#').next().unwrap_or("").trim();
        if l.is_empty() {
            continue;
        }
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            cur = name.trim();
            sections.entry(cur).or_default();
            continue;
        }
        sections.entry(cur).or_default().push(l);
    }
    Lexicon { sections }
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| parse(LEXICON))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_present_and_lower_case() {
        let l = lexicon();
        for s in [
            "speech_verbs",
            "direct_only",
            "group_nouns",
            "modifiers",
            "pronouns",
            "aux",
            "title_cues",
            "time_words",
        ] {
            assert!(!l.list(s).is_empty(), "section {s} is empty");
        }
        assert!(l.list("speech_verbs").contains(&"said"));
        assert!(l.list("pronouns").contains(&"he"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let l = parse("# head\n[a]\nx # note\n\ny\n[b]\n");
        assert_eq!(l.list("a"), &["x", "y"]);
        assert!(l.list("b").is_empty());
        assert!(l.list("c").is_empty());
    }
}
