//! Unit tests for the `events` stage on hand-built documents: the earlier layers are
//! filled in by hand, so these tests do not depend on the other stages' quality.
//! Texts are our own, in wire-report style.

use super::*;
use crate::sentences::Sentences;
use crate::testing::{check_no_panic, check_stage};
use sitrep_model::{Count, Entity, EntityKind, Time};

struct B {
    doc: Doc,
}

impl B {
    fn new(text: &str, published: &str) -> Self {
        let mut doc = Doc::new("t", text).with_published(published);
        Sentences.run(&mut doc).expect("sentences");
        doc.times = Some(vec![]);
        doc.places = Some(vec![]);
        doc.entities = Some(vec![]);
        doc.counts = Some(vec![]);
        doc.quotes = Some(vec![]);
        B { doc }
    }
    fn span(&self, needle: &str, nth: usize) -> (usize, usize) {
        let (b, _) = self
            .doc
            .text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        let idx = self.doc.index();
        (idx.char(b), idx.char(b + needle.len()))
    }
    fn time(mut self, needle: &str, value: &str) -> Self {
        let (s, e) = self.span(needle, 0);
        self.doc.times.get_or_insert_with(Vec::new).push(Time {
            start: s,
            end: e,
            text: needle.into(),
            kind: TimeType::Date,
            value: value.into(),
        });
        self
    }
    fn place(self, needle: &str, kind: PlaceKind, country: &str, admin1: Option<&str>) -> Self {
        self.place_nth(needle, 0, kind, country, admin1)
    }
    /// The `nth` occurrence of `needle` as a place.
    fn place_nth(
        mut self,
        needle: &str,
        nth: usize,
        kind: PlaceKind,
        country: &str,
        admin1: Option<&str>,
    ) -> Self {
        let (s, e) = self.span(needle, nth);
        self.doc.places.get_or_insert_with(Vec::new).push(Place {
            start: s,
            end: e,
            text: needle.into(),
            name: needle.into(),
            // A gazetteer entry (local places below the gazetteer have none).
            geonameid: Some(1),
            country: Some(country.into()),
            admin1: admin1.map(str::to_string),
            admin2: None,
            lat: None,
            lon: None,
            kind,
            region: None,
            geonames_name: None,
            government: false,
            local: None,
            parent: None,
        });
        self
    }
    fn count(mut self, needle: &str, kind: CountKind, low: Option<u64>, vague: bool) -> Self {
        let (s, e) = self.span(needle, 0);
        self.doc.counts.get_or_insert_with(Vec::new).push(Count {
            start: s,
            end: e,
            text: needle.into(),
            kind,
            low,
            high: low,
            object: None,
            vague,
        });
        self
    }
    /// A side the entities stage would not find here, given by hand.
    fn group(mut self, needle: &str, actor: Actor) -> Self {
        let (s, e) = self.span(needle, 0);
        self.doc.entities.get_or_insert_with(Vec::new).push(Entity {
            start: s,
            end: e,
            text: needle.into(),
            kind: EntityKind::Group,
            canonical: actor.acled_name(Some("SY")),
            actor: Some(actor),
        });
        self
    }
    fn run(mut self) -> Vec<Event> {
        if let Some(v) = self.doc.times.as_mut() {
            v.sort_by_key(|t| t.start);
        }
        if let Some(v) = self.doc.places.as_mut() {
            v.sort_by_key(|t| t.start);
        }
        // The places stage's second pass: local places the gazetteer lacks.
        crate::places::local::add(&mut self.doc);
        if let Some(v) = self.doc.counts.as_mut() {
            v.sort_by_key(|t| t.start);
        }
        // The sides: the entities stage's, and those given by hand in their place.
        let by_hand = self.doc.entities.take().unwrap_or_default();
        crate::entities::Entities
            .run(&mut self.doc)
            .expect("entities");
        let layer = self.doc.entities.get_or_insert_with(Vec::new);
        layer.retain(|e| !by_hand.iter().any(|h| h.start < e.end && e.start < h.end));
        layer.extend(by_hand);
        layer.sort_by_key(|t| t.start);
        Events.run(&mut self.doc).expect("events");
        crate::testing::check_ranges(&self.doc).expect("ranges");
        self.doc.events.unwrap_or_default()
    }
}

fn province(b: B, name: &str, admin1: &str) -> B {
    b.place(name, PlaceKind::Admin1, "AF", Some(admin1))
}

#[test]
fn wave_of_attacks_on_checkpoints_is_an_armed_clash_with_its_toll() {
    let t = "On October 4, Taliban fighters stormed police posts in Kunduz Province overnight, killing 17 Afghan policemen, provincial officials said.";
    let ev = province(B::new(t, "2021-10-06"), "Kunduz Province", "Kunduz")
        .time("October 4", "2021-10-04")
        .count("17", CountKind::Kill, Some(17), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(e.event_date.as_deref(), Some("2021-10-04"));
    assert_eq!(e.date_precision, Some(DatePrecision::Day));
    assert_eq!(e.actor1.as_deref(), Some("Taliban"));
    assert_eq!(e.actor2.as_deref(), Some("Police Forces of Afghanistan"));
    assert_eq!(e.admin1.as_deref(), Some("Kunduz"));
    assert_eq!(e.fatalities, Some(17));
    assert_eq!(e.modality, Modality::Reported);
    assert_eq!(e.evidence.len(), 1);
}

#[test]
fn claim_over_two_provinces_splits_into_two_claimed_records() {
    let t = "Taliban insurgents on October 5 claimed to have killed an unknown number of soldiers in western Herat Province and northern Balkh Province.";
    let ev = province(
        province(B::new(t, "2021-10-06"), "Herat Province", "Herat"),
        "Balkh Province",
        "Balkh",
    )
    .time("October 5", "2021-10-05")
    .count("an unknown number", CountKind::Kill, None, true)
    .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for (e, a1) in ev.iter().zip(["Herat", "Balkh"]) {
        assert_eq!(e.admin1.as_deref(), Some(a1));
        assert_eq!(e.modality, Modality::Claimed);
        assert_eq!(e.fatalities, None, "unknown toll stays empty, never 0");
        assert_eq!(e.sub_event_type, "Armed clash");
        assert_eq!(e.actor2.as_deref(), Some("Military Forces of Afghanistan"));
    }
}

#[test]
fn one_toll_for_two_places_is_divided_with_remainder_to_the_first() {
    let t =
        "Government shelling killed 19 people in Kafr Batna and Saqba on Tuesday, activists said.";
    let ev = B::new(t, "2018-02-22")
        .place("Kafr Batna", PlaceKind::Place, "SY", Some("Rif Dimashq"))
        .place("Saqba", PlaceKind::Place, "SY", Some("Rif Dimashq"))
        .count("19", CountKind::Kill, Some(19), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(10));
    assert_eq!(ev[1].fatalities, Some(9));
    assert_eq!(ev[0].sub_event_type, "Shelling/artillery/missile attack");
    assert_eq!(ev[0].event_date.as_deref(), Some("2018-02-20"), "Tuesday");
}

#[test]
fn air_strike_actor_is_the_first_named_state_and_victims_civilians() {
    let t = "Russian and Syrian air strikes killed 12 civilians in the town of Saraqib on Sunday, a monitor said.";
    let ev = B::new(t, "2019-06-04")
        .place("Saraqib", PlaceKind::Place, "SY", Some("Idlib"))
        .count("12", CountKind::Kill, Some(12), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Air/drone strike");
    assert_eq!(ev[0].actor1.as_deref(), Some("Military Forces of Russia"));
    assert_eq!(ev[0].actor2.as_deref(), Some("Civilians (Syria)"));
    assert_eq!(ev[0].event_date.as_deref(), Some("2019-06-02"));
}

#[test]
fn sub_types_from_triggers() {
    let cases = [
        (
            "A suicide bomber blew himself up at a checkpoint in Jalalabad killing 3 guards.",
            "Suicide bomb",
            Some(4),
        ),
        (
            "A roadside bomb struck a minibus in Jalalabad killing 3 passengers.",
            "Remote explosive/landmine/IED",
            Some(3),
        ),
        (
            "Activists said a chlorine attack hit Jalalabad killing 3 people.",
            "Chemical weapon",
            Some(3),
        ),
        (
            "Gunmen abducted 3 aid workers in Jalalabad on Monday.",
            "Abduction/forced disappearance",
            None,
        ),
        (
            "Hundreds of demonstrators gathered in Jalalabad on Monday to demand jobs.",
            "Peaceful protest",
            None,
        ),
        (
            "Police arrested 3 suspects in Jalalabad on Monday.",
            "Arrests",
            None,
        ),
        (
            "Afghan troops recaptured Jalalabad on Monday.",
            "Government regains territory",
            None,
        ),
        (
            "Taliban fighters captured Jalalabad on Monday.",
            "Non-state actor overtakes territory",
            None,
        ),
    ];
    for (t, sub, f) in cases {
        let mut b =
            B::new(t, "2021-10-06").place("Jalalabad", PlaceKind::Place, "AF", Some("Nangarhar"));
        if t.contains("killing 3") {
            b = b.count("3", CountKind::Kill, Some(3), false);
        }
        let ev = b.run();
        assert_eq!(ev.len(), 1, "{t}: {ev:#?}");
        assert_eq!(ev[0].sub_event_type, sub, "{t}");
        assert_eq!(ev[0].fatalities, f, "{t} (a suicide bomber counts)");
    }
}

#[test]
fn background_and_history_are_dropped() {
    let t = "The Taliban were toppled from power in the 2001 U.S.-led invasion of Afghanistan. \
             More than 100000 people have been killed in fighting since 2001. \
             In a similar attack last March 40 people were killed in a car bomb in Kabul.";
    let ev = B::new(t, "2021-10-06")
        .place("Afghanistan", PlaceKind::Country, "AF", None)
        .place("Kabul", PlaceKind::Place, "AF", Some("Kabul"))
        .time("2001", "2001")
        .time("last March", "2021-03")
        .count("More than 100000", CountKind::Kill, Some(100000), false)
        .count("40", CountKind::Kill, Some(40), false)
        .run();
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn running_totals_are_statistics_not_incidents() {
    let t = "Air strikes killed 9 people in Douma on Friday. \
             Since Feb. 18 at least 400 civilians have been killed in air strikes on the enclave.";
    let ev = B::new(t, "2018-02-24")
        .place("Douma", PlaceKind::Place, "SY", Some("Rif Dimashq"))
        .time("Feb. 18", "2018-02-18")
        .count("9", CountKind::Kill, Some(9), false)
        .count("at least 400", CountKind::Kill, Some(400), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(9));
}

#[test]
fn country_wide_roll_up_is_not_a_record_when_incidents_follow() {
    let t = "Dozens of soldiers were killed or wounded across the country in a series of Taliban attacks. \
             On October 3 Taliban fighters attacked an army base in Ghazni Province killing 6 soldiers.";
    let ev = province(B::new(t, "2021-10-06"), "Ghazni Province", "Ghazni")
        .place("country", PlaceKind::Country, "AF", None)
        .time("October 3", "2021-10-03")
        .count("Dozens", CountKind::KillOrWound, Some(12), true)
        .count("6", CountKind::Kill, Some(6), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].admin1.as_deref(), Some("Ghazni"));
    assert_eq!(ev[0].fatalities, Some(6));
}

#[test]
fn threats_plans_and_denials_are_not_incidents() {
    let t = "The group threatened to launch more attacks on Kabul. \
             The ministry denied that its jets bombed the market in Kabul.";
    let ev = B::new(t, "2021-10-06")
        .place("Kabul", PlaceKind::Place, "AF", Some("Kabul"))
        .run();
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn the_same_incident_told_twice_is_one_record_with_the_most_precise_values() {
    let t = "Dozens killed in air raid on Atarib market. \
             Air strikes on a market in the town of Atarib killed at least 23 people on Monday, the Observatory said. \
             The toll had risen to 25 by evening, medics said.";
    let ev = B::new(t, "2017-11-14")
        .place("Atarib", PlaceKind::Place, "SY", Some("Aleppo"))
        .count("Dozens", CountKind::Kill, Some(12), true)
        .count("at least 23", CountKind::Kill, Some(23), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(23), "exact beats vague");
    assert_eq!(ev[0].event_date.as_deref(), Some("2017-11-13"));
    assert_eq!(ev[0].date_precision, Some(DatePrecision::Day));
    assert_eq!(ev[0].evidence.len(), 2);
}

#[test]
fn no_casualties_is_zero_and_state_media_alone_is_claimed() {
    let t = "A car bomb exploded in the Zahra district of Homs on Sunday causing no casualties SANA reported.";
    let ev = B::new(t, "2014-05-25")
        .place("Homs", PlaceKind::Place, "SY", Some("Homs"))
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(0));
    assert_eq!(ev[0].modality, Modality::Claimed);
}

#[test]
fn no_day_given_takes_publication_date_with_week_precision() {
    let t = "A Daesh car bomb killed 15 people at a camp near al-Hol, the monitor said.";
    let ev = B::new(t, "2017-11-17")
        .place("al-Hol", PlaceKind::Place, "SY", Some("Al-Hasakah"))
        .group("Daesh", Actor::group("Islamic State"))
        .count("15", CountKind::Kill, Some(15), false)
        .run();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].event_date.as_deref(), Some("2017-11-17"));
    assert_eq!(ev[0].date_precision, Some(DatePrecision::Week));
    assert_eq!(ev[0].actor1.as_deref(), Some("Islamic State"));
    assert_eq!(ev[0].location_precision, Some(LocationPrecision::Place));
}

#[test]
fn stage_invariants_hold() {
    let text = "On September 23, the Taliban attacked checkpoints in Kandahar, killing 28 policemen, officials said. “Talibs” é.";
    let before: Vec<Box<dyn Stage>> = [
        "sentences",
        "times",
        "places",
        "entities",
        "people",
        "counts",
        "quotes",
    ]
    .iter()
    .map(|n| crate::build_stage(n).expect("stage"))
    .collect();
    let refs: Vec<&dyn Stage> = before.iter().map(|b| b.as_ref()).collect();
    check_stage(&Events, &refs, text);
}

proptest::proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let stages: Vec<Box<dyn Stage>> = crate::STAGES
            .iter()
            .map(|n| crate::build_stage(n).expect("stage"))
            .collect();
        let refs: Vec<&dyn Stage> = stages.iter().map(|b| b.as_ref()).collect();
        proptest::prop_assert!(check_no_panic(&refs, &s).is_ok());
    }

    #[test]
    fn wire_like_text_never_panics(s in "(Taliban|regime|airstrikes|killed|[0-9]{1,3}|on Monday|in|since|and|\\.|é| ){0,40}") {
        let b = B::new(&s, "2020-09-27");
        let _ = b.run();
    }
}

#[test]
fn a_caption_before_a_photo_credit_is_not_a_record() {
    let t = "Residents inspect a market in Saraqib hit by air strikes on June 2 2019 (AFP) Air strikes killed 5 people in Ariha on Sunday the monitor said.";
    let ev = B::new(t, "2019-06-04")
        .place("Saraqib", PlaceKind::Place, "SY", Some("Idlib"))
        .place("Ariha", PlaceKind::Place, "SY", Some("Idlib"))
        .time("June 2 2019", "2019-06-02")
        .count("5", CountKind::Kill, Some(5), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].location.as_deref(), Some("Ariha"));
    assert_eq!(ev[0].fatalities, Some(5));
}

#[test]
fn a_place_in_another_province_is_another_incident_without_the_toll() {
    let t = "Jihadists shelled the town of Mhardeh killing 4 people while rockets also hit Jisr al-Shughur on Monday.";
    let ev = B::new(t, "2019-06-04")
        .place("Mhardeh", PlaceKind::Place, "SY", Some("Hama"))
        .place("Jisr al-Shughur", PlaceKind::Place, "SY", Some("Idlib"))
        .count("4", CountKind::Kill, Some(4), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let hama = ev
        .iter()
        .find(|e| e.admin1.as_deref() == Some("Hama"))
        .expect("Hama");
    let idlib = ev
        .iter()
        .find(|e| e.admin1.as_deref() == Some("Idlib"))
        .expect("Idlib");
    assert_eq!(hama.fatalities, Some(4));
    assert_eq!(idlib.fatalities, None);
}

#[test]
fn two_stated_days_are_two_incidents_and_the_first_figure_is_kept() {
    let t = "Air strikes killed 6 people in Ariha on Sunday. \
             The strikes on Ariha also wounded 9 and killed 2 more people later, medics said. \
             On Saturday air strikes killed 3 people in Ariha.";
    let ev = B::new(t, "2019-06-04")
        .place("Ariha", PlaceKind::Place, "SY", Some("Idlib"))
        .count("6", CountKind::Kill, Some(6), false)
        .count("9", CountKind::Wound, Some(9), false)
        .count("2 more", CountKind::Kill, Some(2), false)
        .count("3", CountKind::Kill, Some(3), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(ev[0].event_date.as_deref(), Some("2019-06-02"));
    assert_eq!(
        ev[0].fatalities,
        Some(6),
        "the first figure for the incident"
    );
    assert_eq!(ev[0].injured, Some(9));
    assert_eq!(ev[1].event_date.as_deref(), Some("2019-06-01"));
    assert_eq!(ev[1].fatalities, Some(3));
}

#[test]
fn subject_of_a_passive_casualty_verb_is_the_victim_not_the_attacker() {
    let t = "Nine soldiers were killed when Taliban fighters attacked an army post in Zabul Province on Monday, officials said.";
    let ev = province(B::new(t, "2021-05-12"), "Zabul Province", "Zabul")
        .time("Monday", "2021-05-10")
        .count("Nine", CountKind::Kill, Some(9), false)
        .group("soldiers", Actor::new(ActorKind::StateForce).of("AF"))
        .group("Taliban fighters", Actor::group("Taliban"))
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_deref(), Some("Taliban"), "{ev:#?}");
    assert_eq!(
        ev[0].actor2.as_deref(),
        Some("Military Forces of Afghanistan"),
        "{ev:#?}"
    );
    assert_eq!(ev[0].fatalities, Some(9));
}

#[test]
fn the_source_of_a_report_is_not_its_attacker() {
    let t = "A roadside bomb hit a bus near Spin Boldak in Kandahar Province on Sunday, killing three civilians, according to police.";
    let ev = province(B::new(t, "2021-05-12"), "Kandahar Province", "Kandahar")
        .time("Sunday", "2021-05-09")
        .count("three", CountKind::Kill, Some(3), false)
        .group("police", Actor::new(ActorKind::Police).of("AF"))
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_ne!(
        ev[0].actor1.as_deref(),
        Some("Police Forces of Afghanistan"),
        "{ev:#?}"
    );
}

#[test]
fn villages_the_gazetteer_lacks_split_the_incident_and_take_the_province() {
    let t = "Government artillery shelled the villages of Kherbet Nuri and Hazzan in Idlib province on Monday, killing 5 people.";
    let ev = B::new(t, "2019-06-04")
        .place("Idlib province", PlaceKind::Admin1, "SY", Some("Idlib"))
        .count("5", CountKind::Kill, Some(5), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let names: Vec<&str> = ev.iter().filter_map(|e| e.location.as_deref()).collect();
    assert_eq!(names, vec!["Kherbet Nuri", "Hazzan"]);
    assert!(ev.iter().all(|e| e.admin1.as_deref() == Some("Idlib")));
    // The toll divided, remainder to the first place named.
    assert_eq!(ev[0].fatalities, Some(3));
    assert_eq!(ev[1].fatalities, Some(2));
}

#[test]
fn two_neighbourhoods_in_two_reports_are_two_incidents_and_the_city_headline_merges() {
    let t = "Rebel rockets hit Aleppo on Tuesday. \
             Rockets fired by rebels killed 4 people in al-Qasr neighbourhood of Aleppo, state media said. \
             Rebel shelling also killed 2 people in the Bab Tuma neighbourhood.";
    let ev = B::new(t, "2019-06-04")
        .place("Aleppo", PlaceKind::Place, "SY", Some("Aleppo"))
        .count("4", CountKind::Kill, Some(4), false)
        .count("2", CountKind::Kill, Some(2), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(ev[0].location.as_deref(), Some("al-Qasr"));
    assert_eq!(ev[0].fatalities, Some(4));
    assert_eq!(ev[1].location.as_deref(), Some("Bab Tuma"));
    assert_eq!(ev[1].fatalities, Some(2));
    assert!(ev.iter().all(|e| e.admin1.as_deref() == Some("Aleppo")));
}

#[test]
fn the_damascus_countryside_and_areas_east_of_damascus_are_rif_dimashq() {
    let t = "Regime air strikes killed 7 people in rebel areas east of Damascus on Sunday.";
    let ev = B::new(t, "2019-06-04")
        .place("Damascus", PlaceKind::Place, "SY", Some("Damascus"))
        .count("7", CountKind::Kill, Some(7), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].admin1.as_deref(), Some("Rif Dimashq"));
    // A distance from the capital is only a reference point.
    let t = "A car bomb killed 9 people in a town 60 kilometres north of Damascus on Sunday.";
    let ev = B::new(t, "2019-06-04")
        .place("Damascus", PlaceKind::Place, "SY", Some("Damascus"))
        .count("9", CountKind::Kill, Some(9), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_ne!(ev[0].admin1.as_deref(), Some("Rif Dimashq"));
}

#[test]
fn a_foreign_capital_without_a_locative_is_not_the_incident_place() {
    let t = "Syrian air strikes killed 12 militants in Hama province on Monday, Washington said. \
             A truce brokered by Moscow collapsed as shelling hit Hama.";
    let ev = B::new(t, "2019-06-04")
        .place("Hama province", PlaceKind::Admin1, "SY", Some("Hama"))
        .place(
            "Washington",
            PlaceKind::Place,
            "US",
            Some("Washington, D.C."),
        )
        .place("Moscow", PlaceKind::Place, "RU", Some("Moscow"))
        .place("Hama", PlaceKind::Admin1, "SY", Some("Hama"))
        .place("Syria", PlaceKind::Country, "SY", None)
        .count("12", CountKind::Kill, Some(12), false)
        .run();
    assert!(!ev.is_empty());
    assert!(
        ev.iter().all(|e| e.country.as_deref() == Some("SY")),
        "{ev:#?}"
    );
}

#[test]
fn a_report_day_is_not_the_incident_day_and_a_dateline_weekday_is_not_either() {
    let t = "Wednesday 5 June 2019 Rebels said on Wednesday that 6 fighters were killed in clashes with troops in Hama.";
    let ev = B::new(t, "2019-06-05")
        .place("Hama", PlaceKind::Admin1, "SY", Some("Hama"))
        .count("6", CountKind::Kill, Some(6), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date_precision, Some(DatePrecision::Week));
}

#[test]
fn a_subset_among_the_whole_and_figures_joined_by_as_well_as() {
    let t = "Two medics were among at least 31 people killed on Saturday in government shelling of Jayrud.";
    let ev = B::new(t, "2019-06-04")
        .place("Jayrud", PlaceKind::Place, "SY", Some("Rif Dimashq"))
        .count("Two", CountKind::Kill, Some(2), false)
        .count("at least 31", CountKind::Kill, Some(31), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(31));
    let t = "Troops killed a rebel commander as well as five guards near Jayrud on Saturday.";
    let ev = B::new(t, "2019-06-04")
        .place("Jayrud", PlaceKind::Place, "SY", Some("Rif Dimashq"))
        .count("a", CountKind::Kill, Some(1), false)
        .count("five", CountKind::Amount, Some(5), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(6));
}

#[test]
fn a_total_the_article_breaks_down_is_not_a_record_of_its_own() {
    let t = "At least 16 people were killed in air strikes on Aleppo province on Monday. \
             Early on Monday air raids killed 10 civilians in the town of Kafr Naya, monitors said. \
             Meanwhile 6 others were killed in barrel bombs in the east of the city.";
    let ev = B::new(t, "2019-06-04")
        .place("Aleppo province", PlaceKind::Admin1, "SY", Some("Aleppo"))
        .count("At least 16", CountKind::Kill, Some(16), false)
        .count("10", CountKind::Kill, Some(10), false)
        .count("6 others", CountKind::Kill, Some(6), false)
        .run();
    let tolls: Vec<Option<u64>> = ev.iter().map(|e| e.fatalities).collect();
    assert_eq!(tolls, vec![Some(10), Some(6)], "{ev:#?}");
}

#[test]
fn retaking_with_no_named_agent_is_the_government_and_rebels_retaking_is_not() {
    let t = "Two of the checkpoints in Zabul Province were recaptured on Saturday.";
    let ev = province(B::new(t, "2021-03-14"), "Zabul Province", "Zabul").run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Government regains territory");
    assert_eq!(
        ev[0].actor1.as_deref(),
        Some("Military Forces of Afghanistan")
    );
    let t = "Taliban fighters recaptured the district centre in Zabul Province on Saturday.";
    let ev = province(B::new(t, "2021-03-14"), "Zabul Province", "Zabul").run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Non-state actor overtakes territory");
}

#[test]
fn a_total_partly_named_for_places_inside_it_keeps_the_remainder() {
    let t = "Militants executed 90 members of a clan in eastern Syria on Sunday. \
             Residents said 35 men were executed in the village of Tell Kharab alone.";
    let ev = B::new(t, "2019-06-04")
        .place("eastern Syria", PlaceKind::Region, "SY", None)
        .place("Tell Kharab", PlaceKind::Place, "SY", Some("Deir ez-Zor"))
        .group("Militants", Actor::new(ActorKind::Unidentified))
        .count("90", CountKind::Kill, Some(90), false)
        .count("35", CountKind::Kill, Some(35), false)
        .run();
    let mut tolls: Vec<Option<u64>> = ev.iter().map(|e| e.fatalities).collect();
    tolls.sort();
    assert_eq!(tolls, vec![Some(35), Some(55)], "{ev:#?}");
    // Children killed by an air strike are not part of a toll of fighters killed in
    // battle, even inside the same region.
    let t = "At least 40 rebel and regime fighters were killed in clashes in northern Syria on Monday. \
             Regime air strikes killed 3 civilians in Tell Kharab on Monday.";
    let ev = B::new(t, "2019-06-04")
        .time("on Monday", "2019-06-03")
        .place("northern Syria", PlaceKind::Region, "SY", None)
        .place("Tell Kharab", PlaceKind::Place, "SY", Some("Aleppo"))
        .count("At least 40", CountKind::Kill, Some(40), false)
        .count("3", CountKind::Kill, Some(3), false)
        .run();
    let mut tolls: Vec<Option<u64>> = ev.iter().map(|e| e.fatalities).collect();
    tolls.sort();
    assert_eq!(tolls, vec![Some(3), Some(40)], "{ev:#?}");
}

#[test]
fn a_close_smaller_count_of_the_same_dead_is_the_conservative_figure() {
    let t = "Two car bombs killed 30 people in a district of Homs on Tuesday, state media said. \
             A monitoring group said the car bombs killed 26 people in Homs.";
    let ev = B::new(t, "2019-06-04")
        .place("Homs", PlaceKind::Place, "SY", Some("Homs"))
        .place_nth("Homs", 1, PlaceKind::Place, "SY", Some("Homs"))
        .count("30", CountKind::Kill, Some(30), false)
        .count("26", CountKind::Kill, Some(26), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(26), "{ev:#?}");
    // A figure added up from parts is not a count of the same dead.
    let t = "At least 50 fighters were killed in clashes near Homs on Tuesday, a monitor said. \
             It said 20 soldiers and 28 rebels had been killed around the town.";
    let ev = B::new(t, "2019-06-04")
        .place("Homs", PlaceKind::Place, "SY", Some("Homs"))
        .count("At least 50", CountKind::Kill, Some(50), false)
        .count("20", CountKind::Amount, Some(20), false)
        .count("28", CountKind::Kill, Some(28), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(50));
}

#[test]
fn a_figure_far_from_the_last_one_does_not_add_to_it() {
    // A headline run into its lead: the same three dead told twice, with an "and"
    // between them that joins two verbs, not two figures.
    let t = "Gunmen Kill 3 Civilians in Hama - Reports Agency staff 2019 Gunmen attacked \
             the market of Hama with rifles on Tuesday and killed three civilians.";
    let ev = B::new(t, "2019-06-04")
        .place("Hama", PlaceKind::Place, "SY", Some("Hama"))
        .count("3", CountKind::Kill, Some(3), false)
        .count("three", CountKind::Kill, Some(3), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(3));
}

#[test]
fn a_generic_attacker_from_a_named_group_is_that_group() {
    let t = "A sniper from the Islamic State shot dead two civilians in Deir ez-Zor on Tuesday.";
    let ev = B::new(t, "2019-06-04")
        .place("Deir ez-Zor", PlaceKind::Place, "SY", Some("Deir ez-Zor"))
        .group("sniper", Actor::new(ActorKind::Unidentified))
        .group("Islamic State", Actor::group("Islamic State"))
        .count("two", CountKind::Kill, Some(2), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_deref(), Some("Islamic State"));
}

#[test]
fn a_group_named_before_a_passive_casualty_verb_is_the_victim() {
    let t = "Over 20 Islamic State militants were killed in Russian air strikes near Palmyra on Tuesday.";
    let ev = B::new(t, "2019-06-04")
        .place("Palmyra", PlaceKind::Place, "SY", Some("Homs"))
        .group("Islamic State", Actor::group("Islamic State"))
        .count("Over 20", CountKind::Kill, Some(20), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_ne!(ev[0].actor1.as_deref(), Some("Islamic State"), "{ev:#?}");
    assert_eq!(ev[0].actor2.as_deref(), Some("Islamic State"), "{ev:#?}");
    // A headline without "were".
    assert!(passive_subject(
        " terrorists killed in russian offensive in homs"
    ));
    assert!(passive_subject(" fighters had been wounded by shelling"));
    assert!(!passive_subject(
        " fighters killed 12 soldiers near the town"
    ));
    assert!(!passive_subject(" and the army were killed"));
}

#[test]
fn the_affiliate_named_after_its_parent_acted() {
    let t = "A suicide bomber from the Islamic State's local affiliate Wilayat Dimashq killed 12 soldiers in Daraa on Tuesday.";
    let ev = B::new(t, "2019-06-04")
        .place("Daraa", PlaceKind::Place, "SY", Some("Daraa"))
        .group("suicide bomber", Actor::new(ActorKind::Unidentified))
        .group("Islamic State", Actor::group("Islamic State"))
        .group("Wilayat Dimashq", Actor::group("Wilayat Dimashq"))
        .count("12", CountKind::Kill, Some(12), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_deref(), Some("Wilayat Dimashq"), "{ev:#?}");
}

#[test]
fn killings_by_the_air_force_are_air_strikes() {
    let t = "The air force killed at least 7 people in rebel-held areas of Daraa on Tuesday.";
    let ev = B::new(t, "2019-06-04")
        .place("Daraa", PlaceKind::Place, "SY", Some("Daraa"))
        .count("at least 7", CountKind::Kill, Some(7), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Air/drone strike", "{ev:#?}");
}

#[test]
fn has_word_finds_whole_words_only() {
    assert!(has_word("shelled areas east of the city", "east"));
    assert!(has_word("east", "east"));
    assert!(has_word("northeast and east", "east"));
    assert!(!has_word("northeastern suburbs", "east"));
    assert!(!has_word("eastern", "east"));
    assert!(has_word("déjà east", "east"));
    assert!(!has_word("éeast", "east"));
    assert!(!has_word("ea", "east"));
    assert!(!has_word("anything", ""));
}

#[test]
fn an_and_between_weapons_does_not_add_a_restated_toll_and_the_lower_restatement_wins() {
    // A headline run into its lead and a later statement: the same dead told three times
    // in one sentence. The "and" joins two weapons, not two figures; of the close
    // figures the guide takes the lower.
    let t = "Gunmen kill 14 including 5 children in Borno Gunmen armed with rifles and machetes \
             killed at least 14 villagers in Borno State on Sunday AFP Monday 3 May 2021 the \
             state police said 12 people including four children were killed in the raid.";
    let ev = B::new(t, "2021-05-03")
        .place("Borno State", PlaceKind::Admin1, "NG", Some("Borno"))
        .count("14", CountKind::Kill, Some(14), false)
        .count("5", CountKind::Kill, Some(5), false)
        .count("at least 14", CountKind::Kill, Some(14), false)
        .count("12", CountKind::Kill, Some(12), false)
        .count("four", CountKind::Kill, Some(4), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(12), "{ev:#?}");
    assert_eq!(ev[0].country.as_deref(), Some("NG"));
}

#[test]
fn a_toll_after_a_sentence_of_comment_still_belongs_to_its_incident() {
    // A sentence with no trigger and no figure between the incident and its toll does
    // not cut them apart; a toll with a date of its own is another incident.
    let t = "Coalition aircraft stepped up air strikes on Hodeidah province on Thursday. \
             The campaign is meant to cut supply lines to the port. \
             At least 23 civilians were killed and 40 wounded in Hodeidah, medics said.";
    let ev = B::new(t, "2018-06-15")
        .place(
            "Hodeidah province",
            PlaceKind::Admin1,
            "YE",
            Some("Al Hudaydah"),
        )
        .place_nth("Hodeidah", 1, PlaceKind::Admin1, "YE", Some("Al Hudaydah"))
        .count("At least 23", CountKind::Kill, Some(23), false)
        .count("40", CountKind::Wound, Some(40), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(23), "{ev:#?}");
    assert_eq!(ev[0].injured, Some(40));

    let t = "Coalition aircraft stepped up air strikes on Hodeidah province on Thursday. \
             The campaign is meant to cut supply lines to the port. \
             On May 2 at least 11 people were killed there, medics said.";
    let ev = B::new(t, "2018-06-15")
        .place(
            "Hodeidah province",
            PlaceKind::Admin1,
            "YE",
            Some("Al Hudaydah"),
        )
        .time("May 2", "2018-05-02")
        .count("at least 11", CountKind::Kill, Some(11), false)
        .run();
    assert!(ev.iter().all(|e| e.fatalities.is_none()), "{ev:#?}");
}

#[test]
fn a_toll_over_the_past_few_days_is_news_and_weeks_are_statistics() {
    let t = "Russian shelling killed 14 civilians in Kharkiv over the past few days, \
             regional officials said.";
    let ev = B::new(t, "2022-05-10")
        .place("Kharkiv", PlaceKind::Place, "UA", Some("Kharkiv"))
        .count("14", CountKind::Kill, Some(14), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(14));
    let t = "Russian shelling killed 140 civilians in Kharkiv over the past few weeks, \
             regional officials said.";
    let ev = B::new(t, "2022-05-10")
        .place("Kharkiv", PlaceKind::Place, "UA", Some("Kharkiv"))
        .count("140", CountKind::Kill, Some(140), false)
        .run();
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn the_suicide_bombers_named_are_added_to_the_toll_they_caused() {
    let t = "Two suicide bombers killed at least nine people at a hotel in Mogadishu on \
             Friday, police said.";
    let ev = B::new(t, "2019-03-02")
        .place("Mogadishu", PlaceKind::Place, "SO", Some("Banaadir"))
        .count("at least nine", CountKind::Kill, Some(9), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Suicide bomb");
    assert_eq!(ev[0].fatalities, Some(11), "nine victims and two bombers");
}

#[test]
fn a_toll_told_just_before_its_incident_is_its_toll() {
    // The lead gives the toll with no attacker; the next sentence reports the attack
    // in the same city with no toll of its own.
    let t = "At least 14 people were killed in Kirkuk on Monday, officials said. \
             A car bomb exploded near a police station in central Kirkuk during the \
             morning rush hour.";
    let ev = B::new(t, "2020-01-14")
        .place("Kirkuk", PlaceKind::Place, "IQ", Some("Kirkuk"))
        .place_nth("Kirkuk", 1, PlaceKind::Place, "IQ", Some("Kirkuk"))
        .count("At least 14", CountKind::Kill, Some(14), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(14), "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Remote explosive/landmine/IED");

    // A part of a toll ("among the dead were three children") is never a toll.
    let t = "Among the dead were three children, officials said. \
             A car bomb exploded near a police station in Kirkuk during the morning \
             rush hour.";
    let ev = B::new(t, "2020-01-14")
        .place("Kirkuk", PlaceKind::Place, "IQ", Some("Kirkuk"))
        .count("three", CountKind::Kill, Some(3), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, None, "{ev:#?}");
}

#[test]
fn a_superseded_toll_is_not_the_conservative_figure() {
    let t = "Jihadists killed 31 soldiers in an attack on an army base in Menaka on \
             Tuesday, the army said. An earlier toll from a monitor said the attack in \
             Menaka killed 24 soldiers.";
    let ev = B::new(t, "2021-03-17")
        .place("Menaka", PlaceKind::Place, "ML", Some("Ménaka"))
        .place_nth("Menaka", 1, PlaceKind::Place, "ML", Some("Ménaka"))
        .count("31", CountKind::Kill, Some(31), false)
        .count("24", CountKind::Kill, Some(24), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(31), "{ev:#?}");
    // Without the word that marks it superseded, the lower figure is the conservative one.
    let t = "Jihadists killed 31 soldiers in an attack on an army base in Menaka on \
             Tuesday, the army said. A monitor said the attack in Menaka killed 24 \
             soldiers.";
    let ev = B::new(t, "2021-03-17")
        .place("Menaka", PlaceKind::Place, "ML", Some("Ménaka"))
        .place_nth("Menaka", 1, PlaceKind::Place, "ML", Some("Ménaka"))
        .count("31", CountKind::Kill, Some(31), false)
        .count("24", CountKind::Kill, Some(24), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(24), "{ev:#?}");
}

#[test]
fn a_sentence_that_tells_the_incident_again_names_who_did_it() {
    let t = "An air strike killed nine civilians in a village in Kunduz province on Sunday, \
             officials said. Residents said the strike was carried out by either US or \
             Afghan aircraft.";
    let ev = province(B::new(t, "2019-09-10"), "Kunduz province", "Kunduz")
        .count("nine", CountKind::Kill, Some(9), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(9));
    assert_eq!(
        ev[0].actor1.as_deref(),
        Some("Military Forces of the United States"),
        "{ev:#?}"
    );
}

#[test]
fn the_publication_date_written_out_after_a_headline_told_twice_is_a_dateline() {
    let t = "Gunmen kill nine villagers in attack in northeast Nigeria official says AFP \
             Sunday 12 Jan 2020 Nine villagers have been killed by gunmen in northeast \
             Nigeria an official said Sunday. The villagers were shot dead on Saturday in \
             the village of Kwajafa.";
    let ev = B::new(t, "2020-01-12")
        .time("Sunday 12 Jan 2020", "2020-01-12")
        .time("Saturday", "2020-01-11")
        .place_nth("Nigeria", 1, PlaceKind::Country, "NG", None)
        .place("Kwajafa", PlaceKind::Place, "NG", Some("Borno"))
        .count("Nine", CountKind::Kill, Some(9), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].event_date.as_deref(), Some("2020-01-11"), "{ev:#?}");
    assert_eq!(ev[0].location.as_deref(), Some("Kwajafa"), "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(9), "{ev:#?}");
}

#[test]
fn the_lead_under_a_dateline_is_news_without_a_place() {
    let t = "March 3 2021 1405 UTC An army spokesman said troops clashed with \
             al-Shabaab fighters outside the town. Over 40 of the militants were \
             neutralised.";
    let ev = B::new(t, "2021-03-03")
        .time("March 3 2021", "2021-03-03")
        .count("Over 40", CountKind::Kill, Some(40), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(40), "{ev:#?}");
    assert_eq!(ev[0].event_date.as_deref(), Some("2021-03-03"), "{ev:#?}");
}

#[test]
fn an_unidentified_attacker_told_again_by_name_is_that_group() {
    let t = "Two people were killed and five wounded in a terrorist rocket attack on a \
             market in Tikrit on Monday. A police source said Islamic State militants \
             fired three rockets at the market in Tikrit.";
    let ev = B::new(t, "2019-05-14")
        .time("Monday", "2019-05-13")
        .place("Tikrit", PlaceKind::Place, "IQ", Some("Salah ad Din"))
        .place_nth("Tikrit", 1, PlaceKind::Place, "IQ", Some("Salah ad Din"))
        .count("Two", CountKind::Kill, Some(2), false)
        .count("five", CountKind::Wound, Some(5), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_deref(), Some("Islamic State"), "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(2), "{ev:#?}");
}

#[test]
fn a_named_group_that_fired_is_the_terrorists_of_the_same_sentence() {
    let t = "Three people were wounded in a terrorist mortar attack in Baidoa on Tuesday as \
             al-Shabaab militants fired mortar rounds at the town.";
    let ev = B::new(t, "2021-02-10")
        .place("Baidoa", PlaceKind::Place, "SO", Some("Bay"))
        .count("Three", CountKind::Wound, Some(3), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_deref(), Some("Al Shabaab"), "{ev:#?}");
    // The unnamed attacker it stands for is not the side acted upon.
    assert_ne!(
        ev[0].actor2.as_deref(),
        Some("Unidentified Armed Group (Somalia)"),
        "{ev:#?}"
    );
}

#[test]
fn a_sentence_that_only_refers_back_does_not_cut_an_incident_from_its_toll() {
    let t = "Soldiers clashed with jihadists near the town of Boulkessi on Monday, the army \
             said. The attack was repelled. More than 30 of the jihadists were neutralised, \
             it added.";
    let ev = B::new(t, "2021-05-04")
        .time("Monday", "2021-05-03")
        .place("Boulkessi", PlaceKind::Place, "ML", Some("Mopti"))
        .count("More than 30", CountKind::Kill, Some(30), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].fatalities, Some(30), "{ev:#?}");
}

#[test]
fn another_figure_elsewhere_is_more_dead_not_a_part_of_the_first() {
    let t = "Air strikes killed more than 20 people in Kunduz province on Sunday, officials \
             said. Strikes on the town of Imam Sahib killed another six people, a police \
             spokesman said.";
    let ev = province(B::new(t, "2019-09-09"), "Kunduz province", "Kunduz")
        .time("Sunday", "2019-09-08")
        .place("Imam Sahib", PlaceKind::Place, "AF", Some("Kunduz"))
        .count("more than 20", CountKind::Kill, Some(20), false)
        .count("six", CountKind::Kill, Some(6), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let toll_at = |place: &str| {
        ev.iter()
            .find(|e| e.location.as_deref() == Some(place))
            .and_then(|e| e.fatalities)
    };
    assert_eq!(toll_at("Kunduz province"), Some(20), "{ev:#?}");
    assert_eq!(toll_at("Imam Sahib"), Some(6), "{ev:#?}");
}

#[test]
fn the_kind_of_violence_told_more_precisely_brings_its_own_default_attacker() {
    let t = "An attack killed nine civilians in a village in Kunduz province on Sunday, \
             officials said. Officials said the village in Kunduz province was hit by an \
             air strike.";
    let ev = province(B::new(t, "2019-09-10"), "Kunduz province", "Kunduz")
        .place_nth(
            "Kunduz province",
            1,
            PlaceKind::Admin1,
            "AF",
            Some("Kunduz"),
        )
        .time("Sunday", "2019-09-08")
        .count("nine", CountKind::Kill, Some(9), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Air/drone strike", "{ev:#?}");
    assert_eq!(
        ev[0].actor1.as_deref(),
        Some("Military Forces of Afghanistan"),
        "{ev:#?}"
    );
}

#[test]
fn one_toll_for_places_joined_by_as_well_as_is_split_evenly() {
    let t = "Air strikes killed 10 fighters in Marib province as well as in Saada province \
             on Monday, a military source said.";
    let ev = B::new(t, "2021-03-02")
        .time("Monday", "2021-03-01")
        .place("Marib province", PlaceKind::Admin1, "YE", Some("Ma'rib"))
        .place("Saada province", PlaceKind::Admin1, "YE", Some("Sa'dah"))
        .count("10", CountKind::Kill, Some(10), false)
        .run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert!(ev.iter().all(|e| e.fatalities == Some(5)), "{ev:#?}");
}

#[test]
fn a_risen_toll_that_later_reports_add_up_to_is_not_a_record_of_its_own() {
    let t = "The death toll from shelling on Kharkiv has risen to 13, officials said. An \
             official said shelling on homes in Kharkiv killed 6 people. Earlier the \
             official said 7 people were killed by shelling on a market in Kharkiv.";
    let ev = B::new(t, "2022-03-08")
        .place("Kharkiv", PlaceKind::Place, "UA", Some("Kharkiv"))
        .place_nth("Kharkiv", 1, PlaceKind::Place, "UA", Some("Kharkiv"))
        .place_nth("Kharkiv", 2, PlaceKind::Place, "UA", Some("Kharkiv"))
        .count("13", CountKind::Kill, Some(13), false)
        .count("6", CountKind::Kill, Some(6), false)
        .count("7", CountKind::Kill, Some(7), false)
        .run();
    let mut tolls: Vec<Option<u64>> = ev.iter().map(|e| e.fatalities).collect();
    tolls.sort();
    assert_eq!(tolls, vec![Some(6), Some(7)], "{ev:#?}");
}

#[test]
fn twin_suicide_blasts_are_two_bombers_and_martyrs_are_dead() {
    let t = "Twin suicide blasts hit a checkpoint in Baghdad on Monday, claiming 7 \
             martyrs and wounding 20, state media said.";
    let ev = B::new(t, "2021-01-19")
        .time("Monday", "2021-01-18")
        .place("Baghdad", PlaceKind::Place, "IQ", Some("Baghdad"))
        .count("7", CountKind::Kill, Some(7), false)
        .count("20", CountKind::Wound, Some(20), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_event_type, "Suicide bomb");
    assert_eq!(ev[0].fatalities, Some(9), "seven victims and two bombers");
}

#[test]
fn an_inherited_city_and_a_place_in_its_countryside_are_one_incident() {
    let t = "Suicide blasts kill 4 at checkpoint state media. Twin suicide blasts targeted \
             a checkpoint near Damascus claiming 4 martyrs.";
    let ev = B::new(t, "2015-02-23")
        .place("Damascus", PlaceKind::Place, "SY", Some("Damascus"))
        .count("4", CountKind::Kill, Some(4), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].admin1.as_deref(), Some("Rif Dimashq"), "{ev:#?}");
}

#[test]
fn a_police_station_names_a_place_not_the_attacker() {
    let t = "A car bomb exploded near a police station in Kirkuk on Sunday, killing five \
             people, officials said.";
    let ev = B::new(t, "2019-06-03")
        .time("Sunday", "2019-06-02")
        .place("Kirkuk", PlaceKind::Place, "IQ", Some("Kirkuk"))
        .count("five", CountKind::Kill, Some(5), false)
        .run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        ev[0].actor1.as_deref(),
        Some("Unidentified Armed Group (Iraq)"),
        "{ev:#?}"
    );
}
