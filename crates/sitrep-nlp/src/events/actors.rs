//! The sides of a record, read from the `entities` layer's structured actors: the agent
//! (actor1) and the side acted upon (actor2), with the victim slot ("killing five
//! fighters", "… were killed") and the default agent the kind of violence implies.

use super::*;

/// An actor mention (from the `entities` layer) with byte offsets; its ACLED name is
/// derived later with the event's country.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) actor: Actor,
    /// Names the holder of a place ("rebel areas", "opposition stronghold"), not a side
    /// that acted.
    pub(super) holder: bool,
}

impl Mention {
    pub(super) fn armed(&self) -> bool {
        self.actor.kind.armed()
    }
    /// A side with an air force: a state's military, or a coalition of states (ACLED
    /// names them "… Coalition").
    pub(super) fn flies(&self) -> bool {
        flies(&self.actor)
    }
    /// Armed and able to be the agent: not only the holder of a place.
    pub(super) fn agent(&self) -> bool {
        self.armed() && !self.holder
    }
    /// An actor that names no group: "gunmen", "rebels", "a sniper".
    pub(super) fn generic(&self) -> bool {
        matches!(self.actor.kind, ActorKind::Unidentified | ActorKind::Rebels)
    }
    pub(super) fn named_group(&self) -> bool {
        self.actor.kind == ActorKind::ArmedGroup
    }
    pub(super) fn side(&self, country: Option<&str>) -> Option<Side> {
        Side::of(self.actor.clone(), country)
    }
}

/// A side of a record: the structured actor and its ACLED name in the event's country.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Side {
    pub(super) actor: Actor,
    pub(super) name: String,
}

/// A side with an air force: a state's military, or a coalition of states (ACLED names
/// them "… Coalition").
pub(super) fn flies(actor: &Actor) -> bool {
    actor.kind == ActorKind::StateForce
        || actor
            .group
            .as_deref()
            .is_some_and(|g| g.ends_with("Coalition"))
}

impl Side {
    pub(super) fn flies(&self) -> bool {
        flies(&self.actor)
    }
    pub(super) fn of(actor: Actor, country: Option<&str>) -> Option<Side> {
        let name = actor.acled_name(country)?;
        Some(Side { actor, name })
    }
}

/// Actor mentions in `[a, b)`: the sides of the `entities` layer. A government named
/// right before a weapon or a kind of violence is its military ("Syrian government
/// shelling", "Afghan government air strikes"); an actor right before a word that names a
/// place it holds ("rebel areas") is marked `holder`.
pub(super) fn actor_mentions(
    doc: &Doc,
    idx: &TextIndex,
    (a, b): (usize, usize),
    lex: &Lexicons,
) -> Vec<Mention> {
    let text = doc.text.as_str();
    let mut out: Vec<Mention> = doc
        .entities
        .iter()
        .flatten()
        .filter_map(|e| {
            let mut actor = e.actor.clone()?;
            let (s, t) = (idx.byte(e.start), idx.byte(e.end));
            if s < a || t > b {
                return None;
            }
            if actor.kind == ActorKind::Government {
                let weapon = lex
                    .triggers
                    .find(text, t, (t + 40).min(b))
                    .first()
                    .is_some_and(|h| {
                        text.get(t..h.start).is_some_and(|g| g.trim().is_empty())
                            && !matches!(h.value, Sub::Protest | Sub::Riot | Sub::Arrests)
                    });
                if !weapon {
                    return None;
                }
                actor.kind = ActorKind::StateForce;
            }
            let next = lower_window(text, t, (t + 24).min(b));
            let next = next.split_whitespace().next().unwrap_or("");
            let holder = lex.words.is(Role::Holder, next);
            Some(Mention {
                start: s,
                end: t,
                actor,
                holder,
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

/// Victim-slot words: an actor right after one of these is acted upon.
pub(super) const VICTIM_WORDS: &[&str] = &[
    "killing",
    "killed",
    "kill",
    "kills",
    "against",
    "targeting",
    "targeted",
    "on",
    "injuring",
    "wounding",
    "of",
    "among",
    "including",
    "neutralized",
    "with",
    "hit",
    "from",
    // The object of a verb of attack is the side acted upon ("a roadside bomb struck a
    // police patrol", "gunmen ambushed soldiers").
    "struck",
    "attacked",
    "ambushed",
    "stormed",
    "shelled",
    "bombed",
    "raided",
    "shot",
    "abducted",
    "kidnapped",
    "arrested",
    "detained",
];

pub(super) fn in_victim_slot(text: &str, m: &Mention) -> bool {
    let before = lower_window(text, m.start.saturating_sub(40), m.start);
    // The nearest word before the mention, skipping numbers and quantity fillers
    // ("killing a total of 28 Afghan policemen": the word is "of").
    const FILLERS: &[&str] = &[
        "a",
        "an",
        "the",
        "total",
        "least",
        "at",
        "more",
        "than",
        "some",
        "about",
        "number",
        "unspecified",
        "unknown",
        "several",
        "dozens",
        "dozen",
        "scores",
        "hundreds",
        "other",
        "others",
        "afghan",
        "syrian",
        "iraqi",
        "pro-government",
        "government",
        "its",
        "their",
    ];
    // The subject of a passive casualty verb is a victim ("11 police officers were
    // killed when Taliban fighters attacked", "20 ISIL terrorists were killed", the
    // headline "100 ISIL Terrorists Killed in Homs").
    let passive = passive_subject(text.get(m.end..).unwrap_or(""));
    let mut words = before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .rev();
    let marker = words.by_ref().find(|w| {
        // Numbers in digits or words ("killing two policemen") are quantities.
        let number = w.chars().all(|c| c.is_ascii_digit())
            || crate::counts::numbers::word_value(w).is_some();
        !number && !FILLERS.contains(w)
    });
    passive
        || marker.is_some_and(|w| {
            // "killed five fighters from the group" is a victim; "a sniper from the
            // group shot …" is the agent.
            VICTIM_WORDS.contains(&w)
                && (w != "from"
                    || words.any(|v| {
                        v.starts_with("kill") || v.starts_with("wound") || v.starts_with("injur")
                    }))
        })
}

/// True when `after` (the text after a mention) makes the mention the subject of a
/// passive casualty verb: up to two head nouns ("terrorists", "security forces"), then
/// "were"/"was"/"had been" + participle, or the bare participle followed by a
/// preposition ("… Killed in Homs"). Reads at most six words, without allocating.
pub(super) fn passive_subject(after: &str) -> bool {
    let mut words = [""; 6];
    let mut n = 0;
    for w in after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(6)
    {
        words[n] = w;
        n += 1;
    }
    let words = &words[..n];
    let is = |w: &str, set: &[&str]| set.iter().any(|s| w.eq_ignore_ascii_case(s));
    for skip in 0usize..=2 {
        if let Some(noun) = skip.checked_sub(1).and_then(|k| words.get(k)) {
            let low_ed = noun.len() > 2
                && noun.is_char_boundary(noun.len() - 2)
                && noun[noun.len() - 2..].eq_ignore_ascii_case("ed");
            if low_ed
                || is(noun, &["and", "or", "who", "which", "that", "have", "has"])
                || noun.chars().all(|c| c.is_ascii_digit())
            {
                return false;
            }
        }
        let rest = words.get(skip..).unwrap_or(&[]);
        let at = |k: usize| rest.get(k).copied().unwrap_or("");
        if is(at(0), &["were", "was"]) && is(at(1), PASSIVE_CASUALTY)
            || is(at(0), &["had", "have", "has"])
                && at(1).eq_ignore_ascii_case("been")
                && is(at(2), PASSIVE_CASUALTY)
            || is(at(0), PASSIVE_CASUALTY)
                && is(at(1), &["in", "by", "as", "after", "during", "near"])
        {
            return true;
        }
    }
    false
}

/// Participles that make the subject of "were …" a victim.
pub(super) const PASSIVE_CASUALTY: &[&str] = &[
    "killed",
    "wounded",
    "injured",
    "shot",
    "abducted",
    "kidnapped",
    "ambushed",
    "targeted",
    "executed",
    "attacked",
    "hurt",
];

/// actor1 (agent), whether it is a default, and actor2 (victim).
pub(super) fn pick_actors(
    text: &str,
    mentions: &[Mention],
    trig: Hit<Sub>,
    country: Option<&str>,
    a: usize,
    (air_force, gunners): (Option<&Actor>, Option<&Actor>),
    words: &Words,
) -> (Option<Side>, bool, Option<Side>) {
    // "…, according to police": the source of the report, not a party to it.
    // "a police source told SANA", "the army command said": the one who reports.
    let is_source = |m: &Mention| {
        let next = lower_window(text, m.end, (m.end + 16).min(text.len()));
        let next = next
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        lower_window(text, m.start.saturating_sub(14), m.start)
            .trim_end()
            .ends_with("according to")
            || matches!(
                next,
                "source"
                    | "sources"
                    | "command"
                    | "spokesman"
                    | "spokesperson"
                    | "official"
                    | "officials"
            )
            // "…, killing seven civilians, provincial police said": who speaks after the
            // incident is told reports it ("the army said it killed …" before it may be
            // the agent speaking of itself).
            || m.start > trig.end
                && matches!(
                    next,
                    "said" | "say" | "says" | "told" | "reported" | "stated"
                )
    };
    // Protests and riots: the crowd is the side that acted, whoever else is named.
    let crowd = match trig.value {
        Sub::Protest => Some(ActorKind::Protesters),
        Sub::Riot => Some(ActorKind::Rioters),
        _ => None,
    };
    if let Some(m) = crowd.and_then(|k| mentions.iter().find(|m| m.actor.kind == k)) {
        let actor1 = m.side(country);
        let actor2 = mentions
            .iter()
            .filter(|m| m.armed())
            .find_map(|m| m.side(country));
        return (actor1, false, actor2);
    }
    let mut agents: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.agent() && !in_victim_slot(text, m) && !is_source(m))
        .collect();
    if agents.is_empty() {
        // "30 ISIL militants were killed in clashes with Kurdish fighters": the side
        // fought with, when every other side is a victim, is the one that acted.
        agents = mentions
            .iter()
            .filter(|m| m.agent() && !is_source(m) && fought_with(text, m))
            .collect();
    }
    if agents.is_empty() {
        // A party speaking of what it did itself ("a Taliban spokesman claimed the
        // group's fighters killed 20 soldiers"): the source is the agent.
        agents = mentions
            .iter()
            .filter(|m| m.named_group() && !in_victim_slot(text, m) && is_source(m))
            .collect();
    }
    let by_agent = agents.iter().find(|m| {
        let before = lower_window(text, m.start.saturating_sub(16).max(a), m.start);
        has_word(&before, "by")
    });
    let mut agent = by_agent.or(agents.first()).copied();
    // "A Taliban spokesman claimed the group's fighters killed …": unnamed fighters are
    // the speaking group's own.
    if agent.is_some_and(|m| m.generic()) {
        if let Some(spoke) = mentions
            .iter()
            .find(|m| m.named_group() && is_source(m) && !in_victim_slot(text, m))
        {
            agent = Some(spoke);
        }
    }
    // "a sniper from al-Nusra Front", "gunmen of the Islamic State": the named group
    // the generic role belongs to (the named group after "of" is not a victim here).
    if let Some(g) = agent.filter(|m| m.generic()) {
        agent = mentions
            .iter()
            .find(|n| {
                n.named_group() && n.start >= g.end && {
                    let gap = lower_window(text, g.end, n.start);
                    let gap = gap.trim();
                    matches!(gap, "from" | "of" | "of the" | "from the" | "belonging to")
                        // "militants from the groups known as Liwa al-Fateh"
                        || (gap.starts_with("from ") || gap.starts_with("of "))
                            && (gap.ends_with(" known as") || gap.ends_with(" called"))
                            && gap.len() <= 32
                }
            })
            .or(Some(g));
    }
    // "a terrorist rocket attack … as Islamic State militants fired rockets at the
    // town": an unidentified attacker is the named group the sentence makes the subject
    // of a verb of attack.
    let mut told_by_name: Option<usize> = None;
    if let Some(g) = agent.filter(|m| m.actor.kind == ActorKind::Unidentified) {
        if let Some(n) = agents.iter().find(|n| {
            n.named_group() && {
                let next = lower_window(text, n.end, (n.end + 24).min(text.len()));
                next.split_whitespace()
                    .next()
                    .is_some_and(|w| words.is(Role::AttackVerb, w))
            }
        }) {
            agent = Some(*n);
            told_by_name = Some(g.start);
        }
    }
    // The unnamed mention the named group stood for is no other side.
    let mentions: Vec<&Mention> = mentions
        .iter()
        .filter(|m| Some(m.start) != told_by_name)
        .collect();
    // "al-Qaeda's Syrian affiliate al-Nusra Front": the affiliate acted.
    if let Some(g) = agent.filter(|m| m.named_group()) {
        if let Some(n) = agents.iter().find(|n| {
            n.named_group() && n.start >= g.end && n.start - g.end <= 32 && {
                let gap = lower_window(text, g.end, n.start);
                ["affiliate", "branch", "wing", "offshoot"]
                    .iter()
                    .any(|w| has_word(&gap, w))
            }
        }) {
            agent = Some(*n);
        }
    }
    // Air and drone strikes are flown by states (the guide: "the air force that
    // struck"): an armed group named in the sentence is their target or the holder of the
    // place, not the one that struck; a state named anywhere in it is, else the default.
    if trig.value == Sub::AirStrike && agent.is_some_and(|m| !m.flies()) {
        agent = agents.iter().find(|m| m.flies()).copied().or_else(|| {
            mentions
                .iter()
                .find(|m| m.flies() && !m.holder && !is_source(m))
                .copied()
        });
    }
    let mut actor1 = agent.and_then(|m| m.side(country));
    let mut default = false;
    if actor1.is_none() {
        // No agent named: the side the kind of violence implies, in the event's country.
        default = true;
        let kind = match trig.value {
            Sub::AirStrike | Sub::Chemical | Sub::GovRegains => ActorKind::StateForce,
            Sub::Protest => ActorKind::Protesters,
            Sub::Riot => ActorKind::Rioters,
            _ => ActorKind::Unidentified,
        };
        actor1 = match (air_force, gunners) {
            (Some(f), _) if trig.value == Sub::AirStrike => Side::of(f.clone(), country),
            (_, Some(g)) if trig.value == Sub::Shelling => Side::of(g.clone(), country),
            _ => Side::of(Actor::new(kind), country),
        };
    }
    let differs = |n: &Side| actor1.as_ref().is_none_or(|a| a.name != n.name);
    let victim_armed = mentions
        .iter()
        .filter(|m| m.armed() && in_victim_slot(text, m))
        .filter_map(|m| m.side(country))
        .find(|n| differs(n));
    let civilians = mentions
        .iter()
        .find(|m| m.actor.kind == ActorKind::Civilians)
        .and_then(|m| m.side(country));
    // "a source at the Police Command told SANA": who reports is no side either.
    let other = mentions
        .iter()
        .filter(|m| m.armed() && !is_source(m))
        .filter_map(|m| m.side(country))
        .find(|n| differs(n));
    // "Security forces and Taliban fighters clashed …, five militants were killed": an
    // unnamed victim is the named group the sentence sets against the agent.
    let named_other = mentions
        .iter()
        .filter(|m| m.agent() && m.named_group())
        .filter_map(|m| m.side(country))
        .find(|n| differs(n));
    let victim_armed = match (victim_armed, named_other) {
        (Some(v), Some(n)) if v.actor.unnamed() => Some(n),
        (v, _) => v,
    };
    let actor2 = victim_armed.or(civilians).or(other);
    (actor1, default, actor2)
}

/// True when the mention is the side fought with: right after "clashes with", "fighting
/// with", "battles with" (and "the", a number or a nationality).
pub(super) fn fought_with(text: &str, m: &Mention) -> bool {
    let before = lower_window(text, m.start.saturating_sub(40), m.start);
    let mut words = before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .rev()
        .skip_while(|w| matches!(*w, "the" | "a" | "an"));
    words.next() == Some("with")
        && words.next().is_some_and(|w| {
            matches!(
                w,
                "clashes" | "clash" | "clashed" | "fighting" | "battles" | "battle" | "fight"
            )
        })
}

/// The side a sentence that tells an incident again names as the one who did it ("the
/// raids were carried out by either Russian or regime warplanes", "rebels blamed
/// Russian warplanes for the attack"): the first armed side right after "by" or
/// "blamed" (the first named when it gives two).
pub(super) fn named_doer(text: &str, mentions: &[Mention]) -> Option<Actor> {
    mentions
        .iter()
        .filter(|m| m.armed() && !m.holder)
        .find(|m| {
            let before = lower_window(text, m.start.saturating_sub(20), m.start);
            let mut words = before.split_whitespace().rev();
            let mut w = words.next();
            if matches!(w, Some("either" | "both" | "the")) {
                w = words.next();
            }
            matches!(w, Some("by" | "blamed"))
        })
        .map(|m| m.actor.clone())
}

/// Gives the side `named_doer` found to the last record, told at most two sentences
/// before `si`, when that record's attacker was only a default.
pub(super) fn give_doer(cands: &mut [Cand], si: usize, doer: Option<Actor>) {
    let (Some(doer), Some(last)) = (doer, cands.last_mut()) else {
        return;
    };
    if !last.actor1_default || last.sent + 2 < si {
        return;
    }
    if let Some(side) = Side::of(doer, last.country.as_deref()) {
        last.actor1 = Some(side);
        last.actor1_default = false;
    }
}
