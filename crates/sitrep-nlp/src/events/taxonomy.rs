//! ACLED's taxonomy decisions that need the sides: territory changes by who took it,
//! generic attacks as armed clashes or violence against civilians, families of violence.

use super::*;

pub(super) fn resolve_sub(
    sub: Sub,
    mentions: &[Mention],
    actor1: &Option<Side>,
    actor2: &Option<Side>,
) -> Sub {
    let kind1 = actor1.as_ref().map(|s| s.actor.kind);
    let state = matches!(kind1, Some(ActorKind::StateForce | ActorKind::Police));
    let civ = actor2
        .as_ref()
        .is_some_and(|s| s.actor.kind == ActorKind::Civilians);
    let _ = mentions;
    let armed_group = !state
        && kind1.is_some_and(|k| !matches!(k, ActorKind::Unidentified | ActorKind::Civilians));
    match sub {
        Sub::GovRegains if armed_group => Sub::NonStateOvertakes,
        Sub::Territory => {
            if state {
                Sub::GovRegains
            } else {
                Sub::NonStateOvertakes
            }
        }
        // States bomb from the air; anyone else's bombing is a remote explosive.
        Sub::Bombing => {
            if actor1.as_ref().is_some_and(|s| s.flies()) {
                Sub::AirStrike
            } else {
                Sub::Ied
            }
        }
        Sub::GenericAttack | Sub::Kill => {
            if civ {
                Sub::CivAttack
            } else {
                Sub::ArmedClash
            }
        }
        s => s,
    }
}

pub(super) fn family(s: Sub) -> &'static str {
    if s == Sub::Chemical {
        "chemical"
    } else {
        s.event_type()
    }
}
