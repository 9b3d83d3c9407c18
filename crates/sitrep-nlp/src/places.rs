//! The `places` stage: finds place mentions and resolves each to GeoNames, offline.
//!
//! sitrep carries its own gazetteer ([`gazetteer`], built by `cargo xtask gazetteer` and
//! compiled in) and resolves places in microseconds per document ([`resolve`]): countries,
//! first- and second-level divisions, populated places of ≥ 1,000 people, and country
//! regions ("southern Afghanistan" → kind `region`, region `south`). Demonyms ("Afghan")
//! and names inside organisations ("Syrian Observatory for Human Rights") are used as
//! evidence for resolution but are not written to the `places` layer. Places the gazetteer
//! lacks (neighbourhoods, villages, hills, camps: "the Hamidiyeh neighbourhood of Homs")
//! are found after resolution by [`local`] and written as records of kind `local`, each
//! with the resolved place it lies in (`parent`). The geoparser is scored end to end on
//! TR-News and GeoVirus by `sitrep-eval` (`sitrep eval places`).
//!
//! Data from GeoNames (www.geonames.org), CC BY 4.0.

pub mod gazetteer;
pub mod local;
pub mod resolve;
pub mod words;

use crate::stage::{Stage, StageError};
use gazetteer::{EntryKind, Gazetteer};
use resolve::Mention;
use sitrep_model::{Doc, Layer, Place, PlaceKind};

/// The `places` stage.
#[derive(Clone, Copy)]
pub struct Places {
    gaz: &'static Gazetteer<'static>,
}

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Places")
            .field("gazetteer_entries", &self.gaz.entries.len())
            .finish()
    }
}

impl Places {
    /// Builds the stage, loading the built-in gazetteer (once per process).
    pub fn new() -> Result<Self, crate::PipelineError> {
        let gaz = Gazetteer::get().map_err(|e| crate::PipelineError::Build {
            stage: "places",
            message: e.to_string(),
        })?;
        words::Words::get().map_err(|e| crate::PipelineError::Build {
            stage: "places",
            message: e.to_string(),
        })?;
        Ok(Places { gaz })
    }

    /// The gazetteer the stage uses.
    pub fn gazetteer(&self) -> &'static Gazetteer<'static> {
        self.gaz
    }

    /// Every mention the geoparser finds in `text` (byte offsets), including demonyms and
    /// names inside organisations, which the `places` layer leaves out.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        resolve::find(self.gaz, text)
    }

    /// The layer record for one mention (`start`/`end` are character offsets).
    pub fn to_place(&self, m: &Mention, start: usize, end: usize, text: &str) -> Place {
        let g = self.gaz;
        let e = g.entry(m.entry);
        let a1 = g.admin1_of(e).map(|x| g.entry(x).name.to_string());
        let a2 = if matches!(e.kind, EntryKind::Place | EntryKind::Admin2) {
            g.admin2_of(e).map(|x| g.entry(x).name.to_string())
        } else {
            None
        };
        let region = m.kind == PlaceKind::Region;
        let name = gazetteer::ascii_name(e.name);
        Place {
            start,
            end,
            text: text.to_string(),
            geonames_name: (name != e.name).then(|| e.name.to_string()),
            name,
            government: m.government,
            local: None,
            parent: None,
            geonameid: (!region && e.geonameid > 0).then_some(e.geonameid),
            country: (!e.country.is_empty()).then(|| e.country.to_string()),
            admin1: match e.kind {
                EntryKind::Country | EntryKind::Continent => None,
                _ => a1,
            },
            admin2: a2,
            lat: Some(f64::from(e.lat)),
            lon: Some(f64::from(e.lon)),
            kind: m.kind,
            region: m.region.map(str::to_string),
        }
    }
}

impl Stage for Places {
    fn name(&self) -> &'static str {
        "places"
    }
    /// 2: GeoNames cities500 gazetteer, ASCII English names, government metonymy.
    /// 3: local places the gazetteer lacks (kind `local`, with their parent), moved here
    /// from the events stage.
    /// 4: former divisions and regions of several divisions (Kenya's provinces, Darfur),
    /// names joined by "d'", "-au-", "'s".
    /// 5: containment read both ways ("Buffalo, New York" is the state) and not in lists;
    /// the story's main country; given names, hyphenated names, words the text writes in
    /// lower case and hamlets abroad are no places; features ("Swat Valley"); a name its
    /// container lacks is a local place of it ("Stroud, Ontario").
    fn version(&self) -> &'static str {
        "5"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Places]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let idx = doc.index();
        let mut out: Vec<Place> = Vec::new();
        let mentions = self.mentions(&doc.text);
        for m in &mentions {
            if m.demonym || !m.story {
                continue;
            }
            let span = idx.span(m.start, m.end);
            let text = doc.text.get(m.start..m.end).unwrap_or("");
            // "Stroud, Ontario" with no Stroud in Ontario: a local place of its container
            let parent = m.within.and_then(|at| {
                mentions
                    .iter()
                    .find(|p| p.start == at && p.within.is_none())
            });
            out.push(match parent {
                Some(p) => {
                    let pspan = idx.span(p.start, p.end);
                    let ptext = doc.text.get(p.start..p.end).unwrap_or("");
                    let parent = self.to_place(p, pspan.start, pspan.end, ptext);
                    let local = local::Local {
                        start: m.start,
                        end: m.end,
                        name: text.to_string(),
                        kind: sitrep_model::LocalKind::Settlement,
                    };
                    let mut place =
                        local::to_place(&local, &parent, (pspan.start, pspan.end), true);
                    place.start = span.start;
                    place.end = span.end;
                    place
                }
                None => self.to_place(m, span.start, span.end, text),
            });
        }
        out.sort_by_key(|p| (p.start, p.end));
        doc.places = Some(out);
        local::add(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::Sentences;
    use crate::testing::{check_no_panic, check_stage};
    use proptest::prelude::*;

    fn places(text: &str) -> Vec<Place> {
        let st = Places::new().expect("gazetteer");
        let mut doc = Doc::new("t", text);
        Sentences.run(&mut doc).expect("sentences");
        st.run(&mut doc).expect("places");
        doc.places.expect("layer set")
    }

    fn find<'a>(ps: &'a [Place], text: &str) -> Option<&'a Place> {
        ps.iter().find(|p| p.text == text)
    }

    #[test]
    fn invariants() {
        let st = Places::new().expect("gazetteer");
        check_stage(
            &st,
            &[&Sentences],
            "Militants attacked a checkpoint in Bamyan Province on Sunday, officials in Kabul said. \
             Fighting also hit northern Syria near Aleppo’s eastern districts.",
        );
    }

    #[test]
    fn province_pattern_and_offsets() {
        let t = "Gunmen killed four guards in Bamyan Province on Friday.";
        let ps = places(t);
        let p = find(&ps, "Bamyan Province").expect("Bamyan Province found");
        assert_eq!((p.start, p.end), (29, 44));
        assert_eq!(p.kind, PlaceKind::Admin1);
        assert_eq!(p.country.as_deref(), Some("AF"));
        assert_eq!(p.admin1.as_deref(), Some("Bamyan"));
    }

    #[test]
    fn alternate_spellings_resolve_to_one_division() {
        for (t, name) in [
            (
                "Clashes were reported in Bamiyan province overnight.",
                "Bamyan",
            ),
            (
                "Airstrikes hit Deir Ezzor province on Monday.",
                "Deir ez-Zor",
            ),
            (
                "Airstrikes hit Dayr az-Zawr province on Monday.",
                "Deir ez-Zor",
            ),
        ] {
            let ps = places(t);
            assert!(
                ps.iter()
                    .any(|p| p.admin1.as_deref() == Some(name) && p.kind == PlaceKind::Admin1),
                "{t}: {ps:?}"
            );
        }
    }

    #[test]
    fn region_of_a_country() {
        let t = "Taliban fighters stormed checkpoints in southern Afghanistan overnight.";
        let ps = places(t);
        let p = find(&ps, "southern Afghanistan").expect("region found");
        assert_eq!(p.kind, PlaceKind::Region);
        assert_eq!(p.region.as_deref(), Some("south"));
        assert_eq!(p.country.as_deref(), Some("AF"));
        assert_eq!(p.start, 40);
    }

    #[test]
    fn city_of_and_possessive() {
        let ps = places("Shelling hit the city of Homs and Aleppo's eastern districts.");
        let homs = find(&ps, "Homs").expect("Homs");
        assert_eq!(homs.kind, PlaceKind::Place);
        assert_eq!(homs.admin1.as_deref(), Some("Homs"));
        assert!(find(&ps, "Aleppo").is_some_and(|p| p.country.as_deref() == Some("SY")));
        let ps = places("Rebels shelled Homs province from the north.");
        assert_eq!(find(&ps, "Homs").map(|p| p.kind), Some(PlaceKind::Admin1));
        let ps = places("Rebels shelled the Homs Governorate from the north.");
        assert_eq!(
            find(&ps, "Homs Governorate").map(|p| p.kind),
            Some(PlaceKind::Admin1)
        );
    }

    #[test]
    fn a_name_placed_once_keeps_its_sense_and_inner_places_name_their_division() {
        // "the province of Ontario" settles every bare "Ontario" (not the Californian
        // city of 170,000); Toronto puts the province in the story.
        let t = "Hospitals in Ontario are full. Patients were moved within the province of \
                 Ontario and to Toronto. Ontario has asked for help.";
        let ps = places(t);
        let on: Vec<&Place> = ps.iter().filter(|p| p.text == "Ontario").collect();
        assert_eq!(on.len(), 3, "{ps:?}");
        assert!(
            on.iter()
                .all(|p| p.kind == PlaceKind::Admin1 && p.country.as_deref() == Some("CA")),
            "{on:?}"
        );
        // a country's name stays the country where a division shares it
        let ps = places("Flooding hit the State of Mexico. Mexico asked for aid.");
        assert!(ps
            .iter()
            .any(|p| p.text == "Mexico" && p.kind == PlaceKind::Country));
    }

    #[test]
    fn former_divisions_and_regions_and_joined_names() {
        let ps = places("Cholera spread in Nyanza province and in Darfur, Kenya and Sudan said.");
        let ny = find(&ps, "Nyanza").expect("Nyanza");
        assert_eq!(ny.country.as_deref(), Some("KE"), "{ny:?}");
        assert_eq!(ny.admin1, None, "a former province is no current division");
        let da = find(&ps, "Darfur").expect("Darfur");
        assert_eq!(da.country.as_deref(), Some("SD"));
        // a country before a place inside it is not a person's first name
        let ps = places("The mission involved four U.S. Chinook helicopters.");
        assert_eq!(
            find(&ps, "U.S.").and_then(|p| p.country.as_deref()),
            Some("US")
        );
        let ps = places("Aid reached Côte d'Ivoire and Port-au-Prince.");
        assert_eq!(
            find(&ps, "Côte d'Ivoire").and_then(|p| p.country.as_deref()),
            Some("CI")
        );
        assert_eq!(
            find(&ps, "Port-au-Prince").and_then(|p| p.country.as_deref()),
            Some("HT")
        );
    }

    #[test]
    fn a_pathogen_named_once_is_no_place_anywhere_in_the_text() {
        let st = Places::new().expect("gazetteer");
        let t =
            "West Nile virus reached Texas. West Nile cases rose in the United States flu season.";
        let ms = st.mentions(t);
        let nile: Vec<_> = ms
            .iter()
            .filter(|m| t[m.start..m.end].contains("Nile"))
            .collect();
        assert_eq!(nile.len(), 2, "{ms:?}");
        assert!(nile.iter().all(|m| m.pathogen && !m.story), "{nile:?}");
        // a country before "flu" stays a place
        assert!(ms
            .iter()
            .any(|m| &t[m.start..m.end] == "United States" && !m.pathogen));
        assert!(!places(t).iter().any(|p| p.text.contains("Nile")));
    }

    #[test]
    fn streets_possessives_and_demonyms_are_not_local_places() {
        let t = "The fire started in Church Street near the village of Qaryatayn. \
                 SOS Children's Villages said five Ukrainian villages were hit.";
        let locals: Vec<String> = places(t)
            .into_iter()
            .filter(|p| p.kind == PlaceKind::Local)
            .map(|p| p.text)
            .collect();
        assert!(!locals.iter().any(|l| l.contains("Church")), "{locals:?}");
        assert!(!locals.iter().any(|l| l.contains("Children")), "{locals:?}");
        assert!(!locals.iter().any(|l| l == "Ukrainian"), "{locals:?}");
    }

    #[test]
    fn stripped_possessive_of_fakes() {
        let t = "Airstrikes on Syrias northwestern city of Idlib killed nine.";
        let ps = places(t);
        let p = find(&ps, "Syria").expect("Syria from Syrias");
        assert_eq!(p.kind, PlaceKind::Country);
        assert_eq!((p.start, p.end), (14, 19));
    }

    #[test]
    fn comma_stripped_lists_and_possessives() {
        // FA-KES-style text with commas and apostrophes stripped
        let t = "Government shelling hit Daraa Hama Idlib and Homs provinces. Car bomb in Syrias Homs kills 10.";
        let ps = places(t);
        for a1 in ["Daraa", "Hama", "Idlib", "Homs"] {
            assert!(
                ps.iter().any(|p| p.admin1.as_deref() == Some(a1)),
                "{a1} missing: {ps:?}"
            );
        }
        assert!(find(&ps, "Syria").is_some(), "{ps:?}");
        assert_eq!(ps.iter().filter(|p| p.text == "Homs").count(), 2, "{ps:?}");
    }

    #[test]
    fn arabic_article_names_and_initials() {
        let ps = places("League envoy Hamid al-Arabi urged the U.N. to act in the Old City.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn organisations_and_people_are_not_story_places() {
        let ps = places(
            "The Syrian Observatory for Human Rights said, citing Radio Free Europe, that Michael Jordan visited.",
        );
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn demonyms_are_evidence_not_places() {
        let st = Places::new().expect("gazetteer");
        let ms = st.mentions("Afghan forces said the attack was repelled.");
        assert!(ms.iter().any(|m| m.demonym));
        assert!(places("Afghan forces said the attack was repelled.").is_empty());
    }

    #[test]
    fn washington_capital_versus_state() {
        let ps = places("Officials in Washington said the talks would resume.");
        let w = find(&ps, "Washington").expect("Washington");
        assert_eq!(w.geonameid, Some(4_140_963), "{w:?}");
        let ps = places("Wildfires burned across Washington state and Oregon.");
        let w = find(&ps, "Washington").expect("Washington");
        assert_eq!(w.kind, PlaceKind::Admin1, "{w:?}");
    }

    #[test]
    fn capitals_standing_for_governments_are_tagged() {
        for (t, name) in [
            (
                "Washington will assess the damage, the statement said.",
                "Washington",
            ),
            ("Moscow said the convoy had crossed the border.", "Moscow"),
            (
                "Kabul accused Islamabad of sheltering the militants.",
                "Kabul",
            ),
            (
                "Kabul has also accused Islamabad of sheltering the militants.",
                "Kabul",
            ),
        ] {
            let ps = places(t);
            let p = find(&ps, name).unwrap_or_else(|| panic!("{name} in {t}: {ps:?}"));
            assert!(p.government, "{t}: {p:?}");
        }
        // a place of the story: after a preposition, or not the subject of such a verb
        for (t, name) in [
            (
                "Officials in Washington said the talks would resume.",
                "Washington",
            ),
            ("A car bomb exploded in Kabul on Monday.", "Kabul"),
            ("Moscow is cold in winter.", "Moscow"),
        ] {
            let ps = places(t);
            let p = find(&ps, name).unwrap_or_else(|| panic!("{name} in {t}: {ps:?}"));
            assert!(!p.government, "{t}: {p:?}");
        }
    }

    #[test]
    fn location_names_are_ascii_with_the_geonames_name_kept() {
        let ps = places("Clashes were reported in Şanlıurfa on Friday.");
        let p = find(&ps, "Şanlıurfa").expect("found");
        assert_eq!(p.name, "Sanliurfa", "{p:?}");
        assert_eq!(p.geonames_name.as_deref(), Some("Şanlıurfa"), "{p:?}");
        let ps = places("Clashes were reported in Homs on Friday.");
        assert_eq!(
            find(&ps, "Homs").map(|p| p.geonames_name.is_none()),
            Some(true)
        );
    }

    #[test]
    fn disease_names_and_titles_are_not_places() {
        let ps = places("Health Secretary Jane Doe said West Nile virus cases rose in Texas.");
        assert!(find(&ps, "Nile").is_none(), "{ps:?}");
        assert!(find(&ps, "Secretary").is_none(), "{ps:?}");
        assert!(find(&ps, "Texas").is_some(), "{ps:?}");
    }

    #[test]
    fn a_name_with_an_age_is_a_person() {
        let ps = places("The victims were Roy Faulkner, 73, and his wife, Dora, 62, of Ely.");
        assert!(find(&ps, "Dora").is_none(), "{ps:?}");
    }

    #[test]
    fn georgia_country_versus_state() {
        let ps = places("Russian troops remain in Georgia, the government in Tbilisi said.");
        assert_eq!(
            find(&ps, "Georgia").and_then(|p| p.country.as_deref()),
            Some("GE")
        );
        let ps = places("Storms hit Florida, Alabama and Georgia on Tuesday.");
        let g = find(&ps, "Georgia").expect("Georgia");
        assert_eq!(
            (g.country.as_deref(), g.kind),
            (Some("US"), PlaceKind::Admin1)
        );
    }

    #[test]
    fn jordan_country_versus_person() {
        let ps = places("Refugees crossed into Jordan last week.");
        assert_eq!(
            find(&ps, "Jordan").and_then(|p| p.country.as_deref()),
            Some("JO")
        );
        let ps = places("Basketball legend Michael Jordan said Jordan would donate.");
        assert!(find(&ps, "Jordan").is_none(), "{ps:?}");
    }

    #[test]
    fn containment_picks_the_right_namesake() {
        let ps = places("The fire started in Paris, Texas, late on Sunday.");
        let p = find(&ps, "Paris").expect("Paris");
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
        let ps = places("Protesters marched in Paris on Saturday.");
        assert_eq!(
            find(&ps, "Paris").and_then(|p| p.country.as_deref()),
            Some("FR")
        );
    }

    #[test]
    fn lists_are_not_containment() {
        // "China, Japan" is a list: China is the country, not a Japanese village
        let ps = places("Cases were confirmed in China, Japan and South Korea.");
        let p = find(&ps, "China").expect("China");
        assert_eq!(
            (p.kind, p.country.as_deref()),
            (PlaceKind::Country, Some("CN"))
        );
        // states side by side are states: not the town of Washington in West Virginia
        let ps = places("Outbreaks hit Oregon, Washington, West Virginia and Georgia.");
        let w = find(&ps, "Washington").expect("Washington");
        assert_eq!(
            (w.kind, w.admin1.as_deref()),
            (PlaceKind::Admin1, Some("Washington"))
        );
        let o = find(&ps, "Oregon").expect("Oregon");
        assert_eq!(o.kind, PlaceKind::Admin1, "{o:?}");
    }

    #[test]
    fn the_container_is_read_from_what_it_contains() {
        // "Buffalo, New York": the state that holds Buffalo, not the city
        let ps = places("A boy from Buffalo, New York, was taken to hospital.");
        let ny = find(&ps, "New York").expect("New York");
        assert_eq!(ny.kind, PlaceKind::Admin1, "{ny:?}");
        // "Mississauga, Ontario in Canada": the province, not the Californian city
        let ps = places(
            "The firm, based in Mississauga, Ontario in Canada, recalled feed sold in California.",
        );
        let on = find(&ps, "Ontario").expect("Ontario");
        assert_eq!(
            (on.kind, on.country.as_deref()),
            (PlaceKind::Admin1, Some("CA"))
        );
    }

    #[test]
    fn located_in_and_comma_in_name_the_container() {
        let ps = places("Ducks were found in Crawford County located in Pennsylvania.");
        let c = find(&ps, "Crawford County").expect("Crawford County");
        assert_eq!(c.admin1.as_deref(), Some("Pennsylvania"), "{c:?}");
        // a town, its county and state: the Indiana town, later bare too
        let ps = places(
            "Austin, in Scott County, Indiana, saw most of the cases. Clinics near Austin stayed open.",
        );
        let austins: Vec<&Place> = ps.iter().filter(|p| p.text == "Austin").collect();
        assert_eq!(austins.len(), 2, "{ps:?}");
        assert!(
            austins
                .iter()
                .all(|p| p.admin1.as_deref() == Some("Indiana")),
            "{austins:?}"
        );
    }

    #[test]
    fn the_story_country_beats_a_namesake_abroad() {
        // a British story: Suffolk is the English county, not the Virginian city
        let ps = places(
            "Officials in the United Kingdom said 900 turkeys died on a farm in Suffolk. \
             UK inspectors sent samples to a laboratory in Weybridge, and British farms \
             near Norfolk were told to keep birds indoors.",
        );
        let p = find(&ps, "Suffolk").expect("Suffolk");
        assert_eq!(p.country.as_deref(), Some("GB"), "{p:?}");
    }

    #[test]
    fn lone_given_names_and_hyphenated_names_are_not_places() {
        let ps = places(
            "Toys sold as Thomas and Friends were recalled, spokeswoman Mary-Lou Redfern-Hardisty \
             said. Laura and I will travel to Kenya, the president said.",
        );
        for name in ["Thomas", "Hardisty", "Laura"] {
            assert!(find(&ps, name).is_none(), "{name}: {ps:?}");
        }
        assert!(find(&ps, "Kenya").is_some(), "{ps:?}");
        // a given name after a preposition of place, or as "X, Y", is still a place
        let ps = places("Flooding hit homes in Laura and roads near Thomas, Oklahoma.");
        assert!(find(&ps, "Laura").is_some(), "{ps:?}");
        assert_eq!(
            find(&ps, "Thomas").and_then(|p| p.admin1.as_deref()),
            Some("Oklahoma"),
            "{ps:?}"
        );
        // places joined by a hyphen stay places
        let ps =
            places("Talks on the Syria-Turkey border and the Bosnia-Herzegovina deal resumed.");
        assert!(find(&ps, "Syria").is_some(), "{ps:?}");
        assert!(find(&ps, "Turkey").is_some(), "{ps:?}");
    }

    #[test]
    fn a_word_the_text_also_writes_in_lower_case_is_no_place() {
        // "Lead" and "Carbon" open sentences; the text writes "lead" and "carbon" too
        let ps = places(
            "Paint on the toys contains lead. Lead is toxic to children. Carbon monoxide \
             from a heater killed two in Cornwall; carbon alarms were missing.",
        );
        assert!(find(&ps, "Lead").is_none(), "{ps:?}");
        assert!(find(&ps, "Carbon").is_none(), "{ps:?}");
        assert!(find(&ps, "Cornwall").is_some(), "{ps:?}");
        // a web address is not prose, and a cue keeps the place
        let st = Places::new().expect("gazetteer");
        let t = "Police in Brant closed the road. Call the County of Brant police or visit \
                 tips-brant.ca.";
        let ms = st.mentions(t);
        let n = ms.iter().filter(|m| &t[m.start..m.end] == "Brant").count();
        assert_eq!(n, 2, "{ms:?}");
    }

    #[test]
    fn former_country_names_and_news_regions() {
        let ps =
            places("Ebola first struck Zaire in 1976 and has since spread across the Middle East.");
        assert_eq!(
            find(&ps, "Zaire").and_then(|p| p.country.as_deref()),
            Some("CD"),
            "{ps:?}"
        );
        assert!(find(&ps, "Middle East").is_some(), "{ps:?}");
        assert!(find(&ps, "Middle").is_none(), "{ps:?}");
        // with a cue the Angolan province keeps its name
        let ps = places("Cases rose in Zaire province, Angola said.");
        assert_eq!(
            find(&ps, "Zaire").map(|p| (p.kind, p.country.as_deref())),
            Some((PlaceKind::Admin1, Some("AO"))),
            "{ps:?}"
        );
    }

    #[test]
    fn features_named_after_places_take_their_noun_where_the_story_is() {
        // a Pakistani story: the valley is found whole, at the district of its name
        let ps = places("Floods cut off villages in the Swat Valley, north-west Pakistan.");
        let p = find(&ps, "Swat Valley").expect("Swat Valley");
        assert_eq!(p.country.as_deref(), Some("PK"), "{p:?}");
        assert!(find(&ps, "Swat").is_none(), "{ps:?}");
        // a German story: no US town called Baltic
        let ps = places("A dead swan was found on the German island of Ruegen in the Baltic Sea.");
        assert!(!ps.iter().any(|p| p.text.contains("Baltic")), "{ps:?}");
        // the name before: "Lake Erie" in a US story
        let ps = places("Swans died in Michigan on the shore of Lake Erie, officials said.");
        assert!(find(&ps, "Lake Erie").is_some(), "{ps:?}");
    }

    #[test]
    fn a_hamlet_abroad_is_not_taken_without_a_cue() {
        // Indonesia's story names no Georgia: "Java" is not the Georgian village of 426
        let ps =
            places("The earthquake hit Java, Indonesian officials said, and Jakarta sent aid.");
        assert!(find(&ps, "Java").is_none(), "{ps:?}");
        assert!(find(&ps, "Jakarta").is_some(), "{ps:?}");
        // with a cue, the village stays
        let ps = places("Shelling hit the village of Qaryatayn in Syria.");
        assert!(find(&ps, "Qaryatayn").is_some(), "{ps:?}");
    }

    #[test]
    fn a_name_its_container_lacks_is_a_local_place_of_it() {
        // no Stroud in Ontario in the gazetteer: not the English town but a local place
        // whose parent is Ontario
        let ps =
            places("The truck was stopped on a highway in Stroud, Ontario, Canada, police said.");
        let p = find(&ps, "Stroud").expect("Stroud");
        assert_eq!(
            (p.kind, p.country.as_deref()),
            (PlaceKind::Local, Some("CA")),
            "{p:?}"
        );
        assert_eq!(
            p.parent.as_ref().map(|x| x.name.as_str()),
            Some("Ontario"),
            "{p:?}"
        );
        // a list is no containment, and a namesake inside the container is kept
        let ps =
            places("Cases of the Zaire, Bundibugyo, Ivory Coast and Sudan strains were compared.");
        assert!(
            ps.iter()
                .all(|p| p.kind != PlaceKind::Local || p.text != "Bundibugyo"),
            "{ps:?}"
        );
        let ps = places("The fire started in Paris, Texas, late on Sunday.");
        assert_eq!(find(&ps, "Paris").map(|p| p.kind), Some(PlaceKind::Place));
    }

    #[test]
    fn agent_orange_and_homeland_security_are_no_places() {
        let ps = places(
            "Homeland Security officials said Agent Orange was sprayed near Da Nang in Vietnam.",
        );
        assert!(find(&ps, "Orange").is_none(), "{ps:?}");
        assert!(find(&ps, "Homeland").is_none(), "{ps:?}");
        assert!(find(&ps, "Vietnam").is_some(), "{ps:?}");
    }

    #[test]
    fn a_division_named_like_a_demonym_before_a_noun_is_the_demonym() {
        let st = Places::new().expect("gazetteer");
        let t = "Somali refugees crossed into Kenya. Fighting spread in the Somali region.";
        let ms = st.mentions(t);
        let first = ms.iter().find(|m| m.start == 0).expect("Somali");
        assert!(first.demonym, "{first:?}");
        // a country keeps its name before a noun: "the United States flu season"
        let ms = st.mentions("Cases rose in the United States flu season.");
        assert!(
            ms.iter().any(|m| !m.demonym && m.end - m.start == 13),
            "{ms:?}"
        );
    }

    #[test]
    fn streets_named_after_places_are_no_places_but_tell_the_country() {
        let ps = places(
            "Police were called to Hertford Road, Edmonton, after the attack near Seaton \
             Street, residents of north London said.",
        );
        assert!(find(&ps, "Hertford").is_none(), "{ps:?}");
        assert!(find(&ps, "Seaton").is_none(), "{ps:?}");
        assert_eq!(
            find(&ps, "Edmonton").and_then(|p| p.country.as_deref()),
            Some("GB"),
            "{ps:?}"
        );
        let ps = places("A car crashed on Dufferin Street near Toronto.");
        assert!(find(&ps, "Dufferin").is_none(), "{ps:?}");
        assert!(find(&ps, "Toronto").is_some(), "{ps:?}");
    }

    #[test]
    fn no_places_in_lowercase_words() {
        let ps = places("He said they will march in may and reading is fun.");
        assert!(ps.is_empty(), "{ps:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let st = Places::new().expect("gazetteer");
            prop_assert!(check_no_panic(&[&Sentences, &st], &s).is_ok());
        }

        #[test]
        fn never_panics_on_capitalised_words(s in "([A-Z][a-z]{0,8}[ ,.'’-]{1,2}){0,20}") {
            let st = Places::new().expect("gazetteer");
            prop_assert!(check_no_panic(&[&Sentences, &st], &s).is_ok());
        }
    }
}
