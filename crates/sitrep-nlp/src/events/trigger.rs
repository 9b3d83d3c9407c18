//! The sentence's trigger: the most specific ACLED sub-event type its words name.

use super::*;

/// The sentence's trigger: the most specific; "killed" only with an armed agent before it.
pub(super) fn pick_trigger(
    text: &str,
    triggers: &[Hit<Sub>],
    mentions: &[Mention],
) -> Option<Hit<Sub>> {
    let mut best: Option<Hit<Sub>> = None;
    for t in triggers {
        if t.value == Sub::Kill || t.value == Sub::GenericAttack {
            let agent = mentions
                .iter()
                .any(|m| m.agent() && m.end <= t.start && !in_victim_slot(text, m));
            if !agent && t.value == Sub::Kill {
                continue;
            }
        }
        if best.is_none_or(|b| t.value.priority() > b.value.priority()) {
            best = Some(*t);
        }
    }
    best
}

/// Whether the trigger at byte `at` is a noun that refers back to an incident already
/// told: `Some(false)` right after a determiner ("the attack", "that strike"),
/// `Some(true)` right after a day's possessive, which dates it ("Saturdays attack",
/// "Tuesday's strike"; FA-KES strips apostrophes), `None` otherwise.
pub(super) fn refers_back(text: &str, words: &Words, at: usize) -> Option<bool> {
    let before = lower_window(text, at.saturating_sub(16), at);
    let w = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .rfind(|w| !w.is_empty())?;
    if words.is(Role::Anaphor, w) {
        return Some(false);
    }
    let day = w
        .trim_end_matches(['s', '\'', '’'])
        .trim_end_matches(['\'', '’']);
    (w.ends_with('s') && weekdays().any(|(d, _)| d == day)).then_some(true)
}
