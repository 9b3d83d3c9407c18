//! Tolls by the guide: the conservative figure of a sentence, totals that the article
//! adds up from parts, and remainders only within one incident family.

use super::*;

/// A toll figure and whether it is vague ("dozens").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Toll {
    pub(super) value: Option<u64>,
    pub(super) vague: bool,
    pub(super) update: bool,
    /// Added up from figures the sentence gives for parts ("30 soldiers and 39 rebels").
    pub(super) summed: bool,
    /// The first figure the sentence gives as part of the toll ("15 civilians, among them
    /// 11 children": 11), which an earlier, smaller report may have given alone.
    pub(super) subset: Option<u64>,
    /// Told as more dead on top of a figure already given ("killed another six", "six
    /// more", "a further 12"): not a part of an earlier total.
    pub(super) another: bool,
}

impl Toll {
    /// A figure read from one count, with nothing added up.
    pub(super) fn plain(value: Option<u64>, vague: bool, update: bool) -> Toll {
        Toll {
            value,
            vague,
            update,
            summed: false,
            subset: None,
            another: false,
        }
    }
}

/// True when the count at bytes `start..end` is told as more dead on top of a figure
/// already given: "another six", "a further 12", "an additional 3", "six more".
pub(super) fn in_addition(text: &str, start: usize, end: usize) -> bool {
    let before = lower_window(text, start.saturating_sub(16), start);
    let after = lower_window(text, end, (end + 8).min(text.len()));
    ["another", "further", "additional"]
        .iter()
        .any(|w| before.split_whitespace().next_back() == Some(w))
        || after.split_whitespace().next() == Some("more")
}

/// The toll of one kind in a sentence: the first figure, plus figures added with "and"
/// ("nine children and 14 others"), not those given as a subset ("including four").
pub(super) fn toll(
    text: &str,
    counts: &[&(usize, usize, &sitrep_model::Count)],
    kind: CountKind,
    update: bool,
) -> Option<Toll> {
    let mut total: Option<Toll> = None;
    let mut counted_end: Option<usize> = None;
    // The last figure counted was given as a subset ("including four children and a
    // pregnant woman": the woman is in the subset too).
    let mut in_subset = false;
    for (ci, c) in counts.iter().enumerate() {
        // "killed a commander as well as five of his guards": the second figure, read
        // as a plain amount, is part of the same toll.
        let joined = total.is_some() && c.2.kind == CountKind::Amount && {
            let before = lower_window(text, c.0.saturating_sub(14), c.0);
            before.ends_with("as well as ") || before.ends_with("along with ")
        };
        if c.2.kind != kind && !joined {
            continue;
        }
        // "Three children were among the dead": a part of a toll given elsewhere, never
        // the toll itself.
        if total.is_none() && among_the_dead(text, c.0, c.1) {
            continue;
        }
        let last_end = counted_end.replace(c.1);
        match &mut total {
            None => {
                // "30 regime soldiers and 39 rebel fighters had been killed": the first
                // figure, read as a plain amount, shares the verb of the second.
                let shared = ci
                    .checked_sub(1)
                    .and_then(|p| counts.get(p))
                    .filter(|p| p.2.kind == CountKind::Amount && p.1 <= c.0)
                    .filter(|p| {
                        let gap = lower_window(text, p.1, c.0);
                        gap.len() <= 40
                            && gap.ends_with(" and ")
                            && !gap.chars().any(|ch| ch.is_ascii_digit())
                            && !gap.contains(" of ")
                    })
                    .and_then(|p| p.2.low);
                total = Some(Toll {
                    value: match (shared, c.2.low) {
                        (Some(x), Some(y)) => Some(x + y),
                        (_, v) => v,
                    },
                    vague: c.2.vague,
                    update,
                    summed: shared.is_some(),
                    subset: None,
                    another: in_addition(text, c.0, c.1),
                })
            }
            Some(t) => {
                let before = lower_window(text, c.0.saturating_sub(24), c.0);
                // "Two medics were among at least 31 people killed": the later figure
                // is the whole toll.
                let whole = ["were among", "was among", "are among", "among the "]
                    .iter()
                    .any(|w| before.contains(w))
                    && before
                        .rsplit("among")
                        .next()
                        .is_some_and(|tail| !tail.chars().any(|c| c.is_ascii_digit()));
                if whole {
                    if let Some(v) = c.2.low {
                        t.value = Some(v);
                        t.vague = c.2.vague;
                    }
                    continue;
                }
                let gap = last_end
                    .map(|e| lower_window(text, e.min(c.0), c.0))
                    .unwrap_or_default();
                let subset = ["including", "among", "of them", "of whom", "them"]
                    .iter()
                    .any(|w| before.contains(w))
                    || in_subset && gap.len() <= 24 && has_word(&gap, "and");
                in_subset = subset;
                if subset && t.subset.is_none() {
                    t.subset = c.2.low;
                }
                // The joining word must link this figure to the last one counted:
                // "killed three civilians" in a lead does not add to the same figure
                // in a headline run into it.
                // It must also come right before the figure: in "kills 21 including
                // eight children … bombardment and air strikes killed at least 21" the
                // "and" joins two weapons, and the second 21 tells the toll again.
                let near = last_end.is_some_and(|e| c.0.saturating_sub(e) <= 60);
                let added = near && joined_right_before(&gap);
                if added && !subset {
                    if let (Some(x), Some(y)) = (t.value, c.2.low) {
                        t.value = Some(x + y);
                        t.summed = true;
                    }
                } else if !subset && !near && !t.vague && !t.summed && !c.2.vague {
                    // "kills 21 … the Observatory said 19 people were killed": a second
                    // statement of the toll in a run-on sentence; of two close figures for
                    // the same dead the guide takes the lower.
                    if let (Some(x), Some(y)) = (t.value, c.2.low) {
                        if y < x && same_dead(x, y) {
                            t.value = Some(y);
                        }
                    }
                }
            }
        }
    }
    total
}

/// True when the figure at bytes `start..end` is given as among the dead ("three
/// children were among the dead", "among the dead were three children"): a part of a
/// toll given elsewhere, never the toll itself.
pub(super) fn among_the_dead(text: &str, start: usize, end: usize) -> bool {
    const PHRASES: [&str; 4] = [
        "among the dead",
        "among those killed",
        "among the victims",
        "among the killed",
    ];
    let after = lower_window(text, end, (end + 40).min(text.len()));
    let before = lower_window(text, start.saturating_sub(30), start);
    PHRASES.iter().any(|w| after.contains(w))
        || PHRASES.iter().any(|w| {
            before.rfind(w).is_some_and(|k| {
                let rest = before[k + w.len()..].trim_start();
                rest.starts_with("were ") || rest.starts_with("was ")
            })
        })
}

/// True when `gap` (lower-case text between two figures) ends with a word that adds the
/// second figure to the first ("and", "as well as", "along with"), followed by at most a
/// short qualifier ("and another", "as well as a further").
pub(super) fn joined_right_before(gap: &str) -> bool {
    let padded = format!(" {gap}");
    [" and ", " as well as ", " along with "]
        .iter()
        .filter_map(|j| padded.rfind(j).map(|i| padded.len() - (i + j.len())))
        .any(|tail| tail <= 12)
}

/// Drop candidates whose exact death toll is the sum of two or more tolls given later in
/// the article for other places or sentences; a total that only part of which is named
/// for places inside its own keeps the remainder (EVENTS-GUIDE: "the named incident with
/// its figure, and the remainder as a record at the wider place").
pub(super) fn drop_summed_totals(cands: Vec<Cand>) -> Vec<Cand> {
    let exact = |c: &Cand| c.fatalities.filter(|t| !t.update).and_then(|t| t.value);
    let mut drop = vec![false; cands.len()];
    let mut part = vec![false; cands.len()];
    let mut rest: Vec<Option<u64>> = vec![None; cands.len()];
    for (i, c) in cands.iter().enumerate() {
        // "The death toll … has risen to 13" is a total too, when parts add up to it.
        let Some(total) = c.fatalities.and_then(|t| t.value).filter(|v| *v > 1) else {
            continue;
        };
        let updated = c.fatalities.is_some_and(|t| t.update);
        let parts: Vec<(usize, u64)> = cands
            .iter()
            .enumerate()
            .filter(|(_, d)| d.sent > c.sent)
            .filter_map(|(j, d)| exact(d).map(|v| (j, v)))
            .filter(|(_, v)| *v < total)
            .take(8)
            .collect();
        // Any subset of two or more parts that adds up to the total.
        let n = parts.len();
        let found = (1u32..(1 << n)).find(|mask| {
            mask.count_ones() >= 2
                && parts
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << k) != 0)
                    .map(|(_, (_, v))| *v)
                    .sum::<u64>()
                    == total
        });
        if let Some(mask) = found {
            drop[i] = true;
            for (k, (j, _)) in parts.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    part[*j] = true;
                }
            }
            continue;
        }
        // "700 executed in two weeks, 300 of them in Ghraneij": the named incidents
        // inside the total's place keep their figures and the total keeps the remainder.
        if updated || c.fatalities.is_some_and(|t| t.vague) {
            continue;
        }
        let inside: Vec<(usize, u64)> = parts
            .iter()
            .copied()
            .filter(|(j, _)| within(c, &cands[*j]))
            // "… killed another six people": more dead, not a part of the total.
            .filter(|(j, _)| !cands[*j].fatalities.is_some_and(|t| t.another))
            // A figure close to the total is the same dead counted again ("at least 70
            // killed" … "30 soldiers and 39 rebels"), not a part of them.
            .filter(|(_, v)| !same_dead(total, *v))
            .collect();
        let sum: u64 = inside.iter().map(|(_, v)| v).sum();
        if !inside.is_empty() && sum < total {
            rest[i] = Some(total - sum);
            for (j, _) in inside {
                part[j] = true;
            }
        }
    }
    cands
        .into_iter()
        .zip(drop.into_iter().zip(part).zip(rest))
        .filter(|(_, ((d, _), _))| !d)
        .map(|(mut c, ((_, p), r))| {
            c.part = p;
            if let (Some(v), Some(t)) = (r, c.fatalities.as_mut()) {
                t.value = Some(v);
                c.part = true;
            }
            c
        })
        .collect()
}

/// True when `d` happened inside the place of the wider record `c` on the same day:
/// a village or neighbourhood of its city, a town of its province or region.
pub(super) fn within(c: &Cand, d: &Cand) -> bool {
    let (Some(p), Some(q)) = (&c.place, &d.place) else {
        return false;
    };
    if c.country != d.country || p.name == q.name {
        return false;
    }
    if let (Some(x), Some(y)) = (c.date, d.date) {
        let lim = if c.date_explicit && d.date_explicit {
            1
        } else {
            7
        };
        if (x - y).num_days().abs() > lim {
            return false;
        }
    }
    // One incident family: the same kind of violence or the same victims (children
    // killed by an air strike are not part of a toll of fighters killed in battle), never
    // civilians in one and fighters in the other (four civilians of a roadside bomb are
    // not part of 20 soldiers), told the same way (a party's claim is not a total that
    // reported deaths are taken out of).
    let same_kind = family(c.sub) == family(d.sub) || c.weak_type || d.weak_type;
    let same_victims = c.actor2.is_none() || d.actor2.is_none() || c.actor2 == d.actor2;
    let civilian = |x: &Cand| {
        x.actor2
            .as_ref()
            .map(|s| s.actor.kind == ActorKind::Civilians)
    };
    let same_status = match (civilian(c), civilian(d)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    if !(same_kind || same_victims) || !same_status || c.claim != d.claim {
        return false;
    }
    contains(p, q, &d.parent)
}

/// True when a smaller `figure` is close enough to `total` (at least 70 % of it) to be
/// another count of the same dead rather than a part of them.
pub(super) fn same_dead(total: u64, figure: u64) -> bool {
    figure * 10 >= total * 7
}

pub(super) fn better_toll(old: Option<Toll>, new: Option<Toll>) -> Option<Toll> {
    match (old, new) {
        (None, n) => n,
        (o, None) => o,
        (Some(o), Some(n)) => {
            if n.value.is_none() {
                return Some(o);
            }
            if o.value.is_none() {
                return Some(n);
            }
            if n.update && !o.update {
                return Some(n);
            }
            if o.update && !n.update {
                return Some(o);
            }
            if o.vague != n.vague {
                return Some(if o.vague { n } else { o });
            }
            // "11 children killed" in a headline, "15 civilians, among them 11 children"
            // (or "ten children and five women") in the body: the later figure is the
            // whole toll the first gave a part of.
            let whole_of = |w: Toll, part: Toll| match (w.value, part.value) {
                (Some(x), Some(y)) => x > y && (w.subset == Some(y) || w.summed),
                _ => false,
            };
            if whole_of(n, o) {
                return Some(n);
            }
            if whole_of(o, n) {
                return Some(o);
            }
            // The first figure the article gives for the incident (headline or lead):
            // later, much smaller figures are usually parts of it; a close, smaller
            // figure is another source's count of the same dead, and ACLED takes the
            // most conservative ("25 killed" … "the Observatory said 21").
            match (o.value, n.value) {
                (Some(x), Some(y)) if !o.vague && !n.summed && y < x && same_dead(x, y) => Some(n),
                _ => Some(o),
            }
        }
    }
}
