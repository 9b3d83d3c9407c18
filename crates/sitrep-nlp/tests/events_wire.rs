//! Regression tests of the whole pipeline on wire-style sentences about conflicts other
//! than Syria's (Afghanistan, Iraq, Somalia, Nigeria, Yemen, Ukraine, the Sahel,
//! Thailand). The sentences are our own, written in the style of wire reports; they are
//! regression tests of the guide's rules (actors named ACLED's way for the country where
//! the event happened, conservative tolls, claims), not a measure of accuracy.

use sitrep_model::{Doc, Event, Modality};

fn events(text: &str, published: &str) -> Vec<Event> {
    let pipeline = sitrep_nlp::default_pipeline().expect("pipeline");
    let mut doc = Doc::new("wire", text).with_published(published);
    pipeline.run(&mut doc).expect("run");
    doc.events.unwrap_or_default()
}

/// The one record of `text`, with its sub-event type, actor1, country and fatalities.
#[track_caller]
fn one(text: &str, sub: &str, actor1: &str, country: &str, fatalities: Option<u64>) -> Event {
    let evs = events(text, "2021-06-14");
    assert_eq!(evs.len(), 1, "{text}\n{evs:#?}");
    let e = evs.into_iter().next().expect("one record");
    assert_eq!(e.sub_event_type, sub, "{text}");
    assert_eq!(e.actor1.as_deref(), Some(actor1), "{text}");
    assert_eq!(e.country.as_deref(), Some(country), "{text}");
    assert_eq!(e.fatalities, fatalities, "{text}");
    e
}

#[test]
fn afghanistan_unknown_gunmen_kill_health_workers() {
    one(
        "Unidentified gunmen shot dead three health workers in Jalalabad, the capital of Nangarhar province, on Tuesday, police said.",
        "Attack",
        "Unidentified Armed Group (Afghanistan)",
        "AF",
        Some(3),
    );
}

#[test]
fn afghanistan_suicide_bombing_at_a_mosque() {
    one(
        "A suicide bomber killed at least 14 worshippers at a mosque in Kunduz on Friday, officials said.",
        "Suicide bomb",
        "Unidentified Armed Group (Afghanistan)",
        "AF",
        // The guide: attackers who died (a suicide bomber) count.
        Some(15),
    );
}

#[test]
fn afghanistan_taliban_claim_goes_with_the_claim() {
    let e = one(
        "The Taliban claimed to have killed 30 Afghan soldiers in Ghazni province on Wednesday.",
        "Armed clash",
        "Taliban",
        "AF",
        Some(30),
    );
    assert_eq!(e.modality, Modality::Claimed);
}

#[test]
fn iraq_islamic_state_attack_on_an_army_post() {
    one(
        "Islamic State militants killed five Iraqi soldiers in an attack on an army post in Kirkuk province on Monday, police said.",
        "Armed clash",
        "Islamic State",
        "IQ",
        Some(5),
    );
}

#[test]
fn iraq_roadside_bomb_hits_a_police_patrol() {
    one(
        "A roadside bomb struck a police patrol in Diyala province on Saturday, killing two policemen, security sources said.",
        "Remote explosive/landmine/IED",
        "Unidentified Armed Group (Iraq)",
        "IQ",
        Some(2),
    );
}

#[test]
fn iraq_rockets_wound_a_contractor() {
    let e = one(
        "Two rockets struck near the airport in Baghdad on Sunday, wounding one contractor, security officials said.",
        "Shelling/artillery/missile attack",
        "Unidentified Armed Group (Iraq)",
        "IQ",
        None,
    );
    assert_eq!(e.injured, Some(1));
}

#[test]
fn somalia_al_shabaab_storms_a_base() {
    one(
        "Al Shabaab fighters attacked a military base in Lower Shabelle region on Wednesday, killing seven Somali soldiers, a local elder said.",
        "Armed clash",
        "Al Shabaab",
        "SO",
        Some(7),
    );
}

#[test]
fn somalia_car_bomb_at_a_hotel() {
    let e = one(
        "A car bomb exploded outside a hotel in Mogadishu on Saturday, killing at least nine people and wounding 20, police said.",
        "Remote explosive/landmine/IED",
        "Unidentified Armed Group (Somalia)",
        "SO",
        Some(9),
    );
    assert_eq!(e.injured, Some(20));
}

#[test]
fn somalia_police_arrests() {
    let evs = events(
        "Somali police arrested 14 suspected al Shabaab members in Kismayo on Tuesday, a police officer said.",
        "2021-06-14",
    );
    assert!(
        evs.iter()
            .all(|e| e.actor1.as_deref() == Some("Police Forces of Somalia")),
        "{evs:#?}"
    );
}

#[test]
fn nigeria_gunmen_abduct_students() {
    one(
        "Gunmen abducted 30 students from a boarding school in Kaduna State on Thursday, police said.",
        "Abduction/forced disappearance",
        "Unidentified Armed Group (Nigeria)",
        "NG",
        None,
    );
}

#[test]
fn nigeria_boko_haram_kills_farmers() {
    one(
        "Boko Haram insurgents killed 12 farmers near Maiduguri in Borno State on Sunday, residents said.",
        "Attack",
        "Boko Haram",
        "NG",
        Some(12),
    );
}

#[test]
fn nigeria_protesters_are_named_for_the_country() {
    let evs = events(
        "Hundreds of protesters marched through Lagos on Tuesday to demand an end to police brutality.",
        "2021-06-14",
    );
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(evs[0].actor1.as_deref(), Some("Protesters (Nigeria)"));
    assert_eq!(evs[0].event_type, "Protests");
}

#[test]
fn nigeria_no_casualties_is_zero() {
    let evs = events(
        "Gunmen attacked a police station in Owerri in Imo State on Friday, but no casualties were reported, police said.",
        "2021-06-14",
    );
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(evs[0].fatalities, Some(0));
}

#[test]
fn yemen_coalition_air_strikes() {
    one(
        "Saudi-led coalition air strikes killed 11 civilians in Saada province in northern Yemen on Monday, residents said.",
        "Air/drone strike",
        "Military Forces of Saudi Arabia",
        "YE",
        Some(11),
    );
}

#[test]
fn yemen_houthi_missile_on_marib() {
    one(
        "Houthi rebels fired a missile at the city of Marib on Friday, killing four people, local officials said.",
        "Shelling/artillery/missile attack",
        "Houthis",
        "YE",
        Some(4),
    );
}

#[test]
fn ukraine_russian_shelling_of_kharkiv() {
    one(
        "Russian forces shelled the city of Kharkiv on Sunday, killing two civilians, the regional governor said.",
        "Shelling/artillery/missile attack",
        "Military Forces of Russia",
        "UA",
        Some(2),
    );
}

#[test]
fn ukraine_russian_drone_strike_on_odesa() {
    one(
        "A Russian drone strike hit an apartment building in Odesa on Thursday, killing eight people, Ukrainian officials said.",
        "Air/drone strike",
        "Military Forces of Russia",
        "UA",
        Some(8),
    );
}

#[test]
fn mali_jihadists_attack_a_village() {
    one(
        "Suspected jihadists killed 20 villagers in an attack on a village near Bandiagara in Mali on Sunday, local officials said.",
        "Attack",
        "Unidentified Armed Group (Mali)",
        "ML",
        Some(20),
    );
}

#[test]
fn burkina_faso_ambush_by_army_statement_is_claimed() {
    let e = one(
        "Gunmen killed 15 soldiers in an ambush near Djibo in Burkina Faso on Monday, the army said in a statement.",
        "Armed clash",
        "Unidentified Armed Group (Burkina Faso)",
        "BF",
        Some(15),
    );
    assert_eq!(e.modality, Modality::Claimed);
}

#[test]
fn niger_rioters_are_named_for_the_country() {
    let evs = events(
        "Rioters set fire to a police station in Niamey in Niger on Saturday after a disputed election, police said.",
        "2021-06-14",
    );
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(evs[0].actor1.as_deref(), Some("Rioters (Niger)"));
}

#[test]
fn thailand_unknown_attackers_are_named_for_thailand() {
    let e = one(
        "Unknown attackers detonated a bomb near a market in Pattani province in Thailand on Monday, wounding three people, police said.",
        "Remote explosive/landmine/IED",
        "Unidentified Armed Group (Thailand)",
        "TH",
        None,
    );
    assert_eq!(e.injured, Some(3));
}

#[test]
fn conservative_figure_of_a_range() {
    one(
        "Between 16 and 20 Afghan policemen were killed when Taliban fighters stormed checkpoints in Kunduz province on Saturday, officials said.",
        "Armed clash",
        "Taliban",
        "AF",
        Some(16),
    );
}
