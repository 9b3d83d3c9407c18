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
                .any(|m| m.armed() && m.end <= t.start && !in_victim_slot(text, m));
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
