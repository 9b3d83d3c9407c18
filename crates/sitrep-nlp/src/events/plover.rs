//! PLOVER output: the same event records, mapped to the PLOVER ontology.
//!
//! Why: PLOVER (the successor of CAMEO, from the Open Event Data Alliance) is what the
//! political-event-data community reads; offering it from the same records means one
//! extraction serves both ACLED-style and PLOVER-style users. The mapping follows
//! `CAMEO2PLOVER-2021` (e.g. aerial weapons → ASSAULT/`aerial`, arrests → COERCE/`arrest`,
//! demonstrations → PROTEST/`demo`), with PLOVER's field names (`source`, `target`,
//! `event`, `mode`, `context`, `dead`, `injured`, `eventLoc`).

use serde_json::{json, Map, Value};
use sitrep_model::{Event, Modality};

/// PLOVER event type and mode for an ACLED sub-event type.
pub fn plover_type(sub_event_type: &str) -> (&'static str, Option<&'static str>) {
    match sub_event_type {
        "Chemical weapon" => ("ASSAULT", Some("cbrn")),
        "Suicide bomb" => ("ASSAULT", Some("suicide-attack")),
        "Remote explosive/landmine/IED" | "Grenade" => ("ASSAULT", Some("explosives")),
        "Air/drone strike" => ("ASSAULT", Some("aerial")),
        "Shelling/artillery/missile attack" => ("ASSAULT", Some("heavy-weapons")),
        "Armed clash" => ("ASSAULT", Some("firearms")),
        "Attack" => ("ASSAULT", Some("firearms")),
        "Sexual violence" => ("ASSAULT", Some("sexual")),
        "Abduction/forced disappearance" => ("ASSAULT", Some("abduct")),
        "Government regains territory" | "Non-state actor overtakes territory" => {
            ("COERCE", Some("seize"))
        }
        "Peaceful protest" | "Protest with intervention" => ("PROTEST", Some("demo")),
        "Excessive force against protesters" => ("ASSAULT", Some("beat")),
        "Violent demonstration" | "Mob violence" => ("PROTEST", Some("riot")),
        "Arrests" => ("COERCE", Some("arrest")),
        "Looting/property destruction" => ("COERCE", Some("seize")),
        "Agreement" => ("AGREE", None),
        _ => ("COERCE", None),
    }
}

/// PLOVER `context` for an ACLED event type.
fn context(event_type: &str) -> &'static str {
    match event_type {
        "Protests" | "Riots" => "political_institutions",
        "Strategic developments" => "politics",
        _ => "military",
    }
}

/// PLOVER sector code for an ACLED actor name.
fn sector(actor: &str) -> &'static str {
    if actor.starts_with("Military Forces") {
        "MIL"
    } else if actor.starts_with("Police Forces") {
        "COP"
    } else if actor.starts_with("Civilians") {
        "CVL"
    } else if actor.starts_with("Protesters") || actor.starts_with("Rioters") {
        "OPP"
    } else if actor.starts_with("Government of") {
        "GOV"
    } else {
        "REB"
    }
}

fn actor(name: &str) -> Value {
    json!([{ "actorText": name, "sector": sector(name) }])
}

/// One event record as a PLOVER JSON object.
pub fn to_plover(e: &Event) -> Value {
    let (event, mode) = plover_type(&e.sub_event_type);
    let mut m = Map::new();
    if let Some(d) = &e.event_date {
        m.insert("date".into(), json!(d));
    }
    if let Some(a) = &e.actor1 {
        m.insert("source".into(), actor(a));
    }
    if let Some(a) = &e.actor2 {
        m.insert("target".into(), actor(a));
    }
    m.insert("event".into(), json!(event));
    if let Some(mode) = mode {
        m.insert("mode".into(), json!(mode));
    }
    m.insert("context".into(), json!(context(&e.event_type)));
    let mut loc = Map::new();
    if let Some(n) = &e.location {
        loc.insert("name".into(), json!(n));
    }
    if let Some(c) = &e.country {
        loc.insert("country".into(), json!(c));
    }
    if let Some(a) = &e.admin1 {
        loc.insert("admin1".into(), json!(a));
    }
    if let (Some(lat), Some(lon)) = (e.latitude, e.longitude) {
        loc.insert("lat".into(), json!(lat));
        loc.insert("lon".into(), json!(lon));
    }
    if !loc.is_empty() {
        m.insert("eventLoc".into(), Value::Object(loc));
    }
    // PLOVER writes counts as strings.
    if let Some(d) = e.fatalities {
        m.insert("dead".into(), json!(d.to_string()));
    }
    if let Some(i) = e.injured {
        m.insert("injured".into(), json!(i.to_string()));
    }
    if e.modality == Modality::Claimed {
        m.insert("claimed".into(), json!(true));
    }
    m.insert(
        "evidence".into(),
        json!(e
            .evidence
            .iter()
            .map(|s| json!({"start": s.start, "end": s.end}))
            .collect::<Vec<_>>()),
    );
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{DatePrecision, LocationPrecision, Span};

    fn ev(sub_type: &str, sub: &str) -> Event {
        Event {
            event_date: Some("2020-09-23".into()),
            date_precision: Some(DatePrecision::Day),
            event_type: sub_type.into(),
            sub_event_type: sub.into(),
            actor1: Some("Taliban".into()),
            actor2: Some("Police Forces of Afghanistan".into()),
            country: Some("AF".into()),
            admin1: None,
            admin2: None,
            location: Some("southern Afghanistan".into()),
            latitude: None,
            longitude: None,
            location_precision: Some(LocationPrecision::Region),
            fatalities: Some(28),
            injured: None,
            killed_or_wounded: None,
            modality: Modality::Reported,
            evidence: vec![Span::new(0, 10)],
        }
    }

    #[test]
    fn armed_clash_is_assault_with_dead() {
        let v = to_plover(&ev("Battles", "Armed clash"));
        assert_eq!(v["event"], "ASSAULT");
        assert_eq!(v["mode"], "firearms");
        assert_eq!(v["dead"], "28");
        assert_eq!(v["source"][0]["actorText"], "Taliban");
        assert_eq!(v["source"][0]["sector"], "REB");
        assert_eq!(v["target"][0]["sector"], "COP");
        assert!(v.get("injured").is_none());
    }

    #[test]
    fn every_acled_sub_type_maps() {
        for (t, s, want) in [
            ("Protests", "Peaceful protest", "PROTEST"),
            ("Strategic developments", "Arrests", "COERCE"),
            ("Explosions/Remote violence", "Air/drone strike", "ASSAULT"),
            ("Battles", "Non-state actor overtakes territory", "COERCE"),
        ] {
            assert_eq!(to_plover(&ev(t, s))["event"], want, "{s}");
        }
    }
}
