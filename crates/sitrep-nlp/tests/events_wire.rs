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

/// The one record of `text` (published 2021-06-14).
#[track_caller]
fn only(text: &str) -> Event {
    let evs = events(text, "2021-06-14");
    assert_eq!(evs.len(), 1, "{text}\n{evs:#?}");
    evs.into_iter().next().expect("one record")
}

/// Every record of `text` (at least one) has `field` equal to `want`.
#[track_caller]
fn all_have(text: &str, want: &str, field: fn(&Event) -> Option<&str>) -> Vec<Event> {
    let evs = events(text, "2021-06-14");
    assert!(!evs.is_empty(), "{text}");
    assert!(
        evs.iter().all(|e| field(e) == Some(want)),
        "{text}\n{evs:#?}"
    );
    evs
}

/// The one record of `text`, with its sub-event type, actor1, country and fatalities.
#[track_caller]
fn one(text: &str, sub: &str, actor1: &str, country: &str, fatalities: Option<u64>) -> Event {
    let e = only(text);
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

// ---- Rules of issue 12's second pass (one test per rule, other conflicts). ----

/// A country name in a hyphenated adjective ("US-led", "Iran-backed") names a state, not
/// the place of the incident: the record is in Iraq / Yemen, not in the United States or
/// Iran.
#[test]
fn state_adjectives_are_not_places() {
    one(
        "US-led coalition air strikes killed 12 civilians in Mosul on Sunday, Iraqi officials said.",
        "Air/drone strike",
        "US-led Coalition",
        "IQ",
        Some(12),
    );
    all_have("Iran-backed Houthi fighters fired a missile at Marib on Friday, killing four people, local officials said.", "YE", |e| e.country.as_deref());
}

/// A capital named as the object of an alliance or of blame stands for its government.
#[test]
fn a_capital_named_as_a_government_is_not_a_place() {
    let e = only("Gunmen killed seven farmers in Zamfara state on Monday, police said. The attack came a day after a deal with Abuja on the release of detainees.");
    assert_eq!(e.admin1.as_deref(), Some("Zamfara"));
}

/// A wire dateline says where the story was filed: no record in Kabul.
#[test]
fn datelines_are_not_incident_places() {
    let e = only(
        "KABUL (Reuters) - A car bomb killed eight people in Ghazni on Monday, officials said.",
    );
    assert_eq!(e.location.as_deref(), Some("Ghazni"));
    assert_eq!(e.fatalities, Some(8));
}

/// A region written after a place (commas stripped) is the wider place, not a second
/// incident.
#[test]
fn a_region_after_a_place_is_not_a_second_place() {
    let e = only("A roadside bomb killed three soldiers near the town of Gao in northern Mali on Tuesday the army said.");
    assert_eq!(e.country.as_deref(), Some("ML"));
}

/// "The government condemned the attack": the incident told again, no second record.
#[test]
fn a_definite_reference_adds_no_record() {
    let e = only("Gunmen killed five villagers in Zamfara state on Sunday, police said. The government condemned the attack and promised an inquiry. Rights groups blamed the killings on bandits.");
    assert_eq!(e.fatalities, Some(5));
}

/// Habitual statements ("often") are not incidents.
#[test]
fn habitual_statements_are_not_incidents() {
    let evs = events(
        "Insurgents often plant roadside bombs on the highway between Kandahar and Helmand.",
        "2021-06-14",
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

/// A government named right before a weapon is its military.
#[test]
fn government_artillery_is_the_military() {
    one(
        "Iraqi government artillery killed six militants in Hawija on Monday, a security source said.",
        "Shelling/artillery/missile attack",
        "Military Forces of Iraq",
        "IQ",
        Some(6),
    );
}

/// "Shelling of rebel areas": the rebels hold the place, they did not shell it.
#[test]
fn holders_of_a_place_are_not_the_agent() {
    let e = only("Shelling of rebel areas in Donetsk killed three civilians on Tuesday, local officials said.");
    assert_ne!(e.actor1.as_deref(), Some("Rebel Groups (Ukraine)"));
    assert_eq!(e.country.as_deref(), Some("UA"));
}

/// "X were killed in clashes with Y": Y acted.
#[test]
fn the_side_fought_with_acts_when_the_other_is_a_victim() {
    one(
        "Fifteen al-Shabaab fighters were killed in clashes with Somali troops near Baidoa on Thursday, officials said.",
        "Armed clash",
        "Military Forces of Somalia",
        "SO",
        Some(15),
    );
}

/// Air strikes are flown by states: the armed group in the sentence is not the agent.
#[test]
fn air_strikes_are_flown_by_states() {
    one(
        "Boko Haram fighters fled as air strikes hit their camp near Bama in Borno state on Friday, killing 30 of them, officials said.",
        "Air/drone strike",
        "Military Forces of Nigeria",
        "NG",
        Some(30),
    );
}

/// "pounded" is shelling; "regained" a territory change by the state.
#[test]
fn pounded_and_regained() {
    one(
        "Russian artillery pounded Kharkiv on Sunday, killing three civilians, regional officials said.",
        "Shelling/artillery/missile attack",
        "Military Forces of Russia",
        "UA",
        Some(3),
    );
    one(
        "Iraqi troops regained the town of Rutba from Islamic State on Tuesday, the military said.",
        "Government regains territory",
        "Military Forces of Iraq",
        "IQ",
        None,
    );
}

/// Where the attackers were is not the incident's place.
#[test]
fn where_the_attackers_were_is_a_reference_point() {
    let e = only("Militants positioned in Hawija fired rockets at Kirkuk on Monday, wounding four people, police said.");
    assert_eq!(e.location.as_deref(), Some("Kirkuk"));
    assert_eq!(e.injured, Some(4));
}

/// Tolls: "two children were among the dead" is a part; a subset runs on through "and";
/// a later toll that includes a headline's figure as its part is the whole.
#[test]
fn toll_parts_and_wholes() {
    let e = only("A car bomb killed 11 people at a checkpoint in Mogadishu on Saturday, police said. Two children were among the dead.");
    assert_eq!(e.fatalities, Some(11));
    one(
        "At least nine civilians including two children and a woman were killed in shelling of Donetsk on Monday, officials said.",
        "Shelling/artillery/missile attack",
        "Unidentified Armed Group (Ukraine)",
        "UA",
        Some(9),
    );
    let e = only("Seven children killed in Kunduz air strike\n\nAn air strike killed 12 civilians among them seven children in Kunduz province on Monday, officials said.");
    assert_eq!(e.fatalities, Some(12));
}

/// A headline listing places the body then tells one by one is a roll-up: one record per
/// incident of the body, none for the headline.
#[test]
fn a_listed_headline_is_a_roll_up() {
    let evs = events(
        "Attacks in Kabul and Kandahar kill nine\nA bomb killed five people in Kabul on Monday, police said. In Kandahar gunmen killed four policemen on Monday, officials said.",
        "2021-06-14",
    );
    assert_eq!(evs.len(), 2, "{evs:#?}");
    let mut tolls: Vec<Option<u64>> = evs.iter().map(|e| e.fatalities).collect();
    tolls.sort();
    assert_eq!(tolls, vec![Some(4), Some(5)]);
}

/// The one air force an article says struck is the agent of its other, unattributed air
/// strikes.
#[test]
fn the_articles_one_air_force_flies_its_other_strikes() {
    let evs = all_have("Russian warplanes struck Mariupol on Monday, killing six civilians, Ukrainian officials said. In Kharkiv air strikes killed two people on Monday, the regional governor said.", "Military Forces of Russia", |e| e.actor1.as_deref());
    assert_eq!(evs.len(), 2, "{evs:#?}");
}

/// Plural and belt forms of suicide attacks are suicide bombs.
#[test]
fn twin_suicide_blasts() {
    let e = only("Twin suicide blasts struck a market in Maiduguri on Saturday, killing nine people, police said.");
    assert_eq!(e.sub_event_type, "Suicide bomb");
}

/// "(banned in Russia)": the jurisdiction that bans a group names a state, not a place.
#[test]
fn banned_in_names_a_state() {
    let evs = all_have("Fighters of the Islamic State (banned in Russia) attacked an army post near Tal Afar on Sunday, killing five soldiers, an Iraqi military statement said.", "IQ", |e| e.country.as_deref());
    assert_eq!(evs[0].actor1.as_deref(), Some("Islamic State"), "{evs:#?}");
}

/// The one side an article says shelled is the agent of its other, unattributed shelling.
#[test]
fn the_articles_one_gunner_fires_its_other_shelling() {
    let evs = all_have("Russian forces shelled Kharkiv on Monday, killing two civilians, officials said. In Izium shelling killed three people on Monday, the regional governor said.", "Military Forces of Russia", |e| e.actor1.as_deref());
    assert_eq!(evs.len(), 2, "{evs:#?}");
}
