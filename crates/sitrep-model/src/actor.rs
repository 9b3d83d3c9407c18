//! The structured actor: what kind of side it is, whose country, which named group, with
//! its ACLED name derived from those parts (never parsed back from a name).
//!
//! ACLED's naming (see `shared/eval/EVENTS-GUIDE.md`): `Military Forces of Syria`,
//! `Police Forces of Afghanistan`, `Rebel Groups (Syria)`, `Unidentified Armed Group
//! (Thailand)`, `Civilians (Nigeria)`, `Protesters (Iraq)`, `Rioters (Kenya)`; named
//! armed groups by their common English name (`Taliban`, `Islamic State`).

use crate::countries;
use serde::{Deserialize, Serialize};

/// What side an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state's military (army, air force, navy, state militias): `Military Forces of X`.
    StateForce,
    /// A state's police: `Police Forces of X`.
    Police,
    /// A state's government as an organisation: `Government of X`.
    Government,
    /// A named armed group (`group` holds its ACLED name).
    ArmedGroup,
    /// Unnamed rebels: `Rebel Groups (X)`.
    Rebels,
    /// Unknown armed men: `Unidentified Armed Group (X)`.
    Unidentified,
    /// Civilians: `Civilians (X)`.
    Civilians,
    /// Protesters: `Protesters (X)`.
    Protesters,
    /// Rioters: `Rioters (X)`.
    Rioters,
}

impl ActorKind {
    /// Armed sides (can be the agent of violence).
    pub fn armed(self) -> bool {
        matches!(
            self,
            ActorKind::StateForce
                | ActorKind::Police
                | ActorKind::ArmedGroup
                | ActorKind::Rebels
                | ActorKind::Unidentified
        )
    }

    /// The keyword used for this kind in data files (`state_force`, `police`, …).
    pub fn keyword(self) -> &'static str {
        match self {
            ActorKind::StateForce => "state_force",
            ActorKind::Police => "police",
            ActorKind::Government => "government",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Rebels => "rebels",
            ActorKind::Unidentified => "unidentified",
            ActorKind::Civilians => "civilians",
            ActorKind::Protesters => "protesters",
            ActorKind::Rioters => "rioters",
        }
    }

    /// The bare label of an unnamed side, for when no country is known ("Civilians").
    pub fn label(self) -> Option<&'static str> {
        match self {
            ActorKind::Rebels => Some("Rebel Groups"),
            ActorKind::Unidentified => Some("Unidentified Armed Group"),
            ActorKind::Civilians => Some("Civilians"),
            ActorKind::Protesters => Some("Protesters"),
            ActorKind::Rioters => Some("Rioters"),
            _ => None,
        }
    }

    /// Back from [`ActorKind::keyword`].
    pub fn from_keyword(k: &str) -> Option<ActorKind> {
        Some(match k {
            "state_force" => ActorKind::StateForce,
            "police" => ActorKind::Police,
            "government" => ActorKind::Government,
            "armed_group" => ActorKind::ArmedGroup,
            "rebels" => ActorKind::Rebels,
            "unidentified" => ActorKind::Unidentified,
            "civilians" => ActorKind::Civilians,
            "protesters" => ActorKind::Protesters,
            "rioters" => ActorKind::Rioters,
            _ => return None,
        })
    }
}

/// A side in an event, in parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// What side it is.
    pub kind: ActorKind,
    /// ISO2 of the state (state forces, police, government) or the country the text ties
    /// an unnamed actor to ("Afghan militants"); `None` = the country of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// ACLED name of a named armed group ("Taliban").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl Actor {
    /// An actor of `kind` with no country or group yet.
    pub fn new(kind: ActorKind) -> Self {
        Actor {
            kind,
            country: None,
            group: None,
        }
    }

    /// A named armed group.
    pub fn group(name: impl Into<String>) -> Self {
        Actor {
            kind: ActorKind::ArmedGroup,
            country: None,
            group: Some(name.into()),
        }
    }

    /// Builder: the actor's country (ISO2).
    pub fn of(mut self, iso2: impl Into<String>) -> Self {
        self.country = Some(iso2.into());
        self
    }

    /// An unnamed side: rebels, unidentified armed men, civilians, protesters, rioters.
    pub fn unnamed(&self) -> bool {
        matches!(
            self.kind,
            ActorKind::Rebels
                | ActorKind::Unidentified
                | ActorKind::Civilians
                | ActorKind::Protesters
                | ActorKind::Rioters
        )
    }

    /// The ACLED name, with `here` (ISO2 of the event's or document's country) for an
    /// actor the text ties to no country. `None` when the country is needed and unknown:
    /// sitrep does not guess.
    pub fn acled_name(&self, here: Option<&str>) -> Option<String> {
        if let Some(g) = &self.group {
            return Some(g.clone());
        }
        let iso = self.country.as_deref().or(here)?;
        let c = countries::by_iso(iso)?;
        Some(match self.kind {
            ActorKind::StateForce => format!("Military Forces of {}", c.of_form),
            ActorKind::Police => format!("Police Forces of {}", c.of_form),
            ActorKind::Government => format!("Government of {}", c.of_form),
            ActorKind::ArmedGroup => return None,
            ActorKind::Rebels => format!("Rebel Groups ({})", c.acled),
            ActorKind::Unidentified => format!("Unidentified Armed Group ({})", c.acled),
            ActorKind::Civilians => format!("Civilians ({})", c.acled),
            ActorKind::Protesters => format!("Protesters ({})", c.acled),
            ActorKind::Rioters => format!("Rioters ({})", c.acled),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_names_for_every_country() {
        let th = Actor::new(ActorKind::Unidentified);
        assert_eq!(
            th.acled_name(Some("TH")).as_deref(),
            Some("Unidentified Armed Group (Thailand)")
        );
        assert_eq!(th.acled_name(None), None);
        let us = Actor::new(ActorKind::StateForce).of("US");
        assert_eq!(
            us.acled_name(Some("AF")).as_deref(),
            Some("Military Forces of the United States")
        );
        assert_eq!(
            Actor::new(ActorKind::Protesters)
                .acled_name(Some("IQ"))
                .as_deref(),
            Some("Protesters (Iraq)")
        );
        assert_eq!(
            Actor::group("Taliban").acled_name(None).as_deref(),
            Some("Taliban")
        );
        for k in [
            ActorKind::StateForce,
            ActorKind::Police,
            ActorKind::Government,
            ActorKind::ArmedGroup,
            ActorKind::Rebels,
            ActorKind::Unidentified,
            ActorKind::Civilians,
            ActorKind::Protesters,
            ActorKind::Rioters,
        ] {
            assert_eq!(ActorKind::from_keyword(k.keyword()), Some(k));
        }
    }
}
