//! Unit tests of the `times` stage on sentences written for them (wire style), one group
//! per form in the issue, plus the traps. Every case checks the offsets as well as the
//! value: the expected text is what the stored range covers.

use super::*;
use crate::sentences::Sentences;
use crate::testing::{check_no_panic, check_stage};
use sitrep_model::TimeType;

fn run_on(text: &str, published: Option<&str>) -> Vec<(String, String, TimeType)> {
    let mut doc = Doc::new("t", text);
    doc.published = published.map(str::to_string);
    Sentences.run(&mut doc).expect("sentences");
    Times.run(&mut doc).expect("times");
    let times = doc.times.clone().expect("layer set");
    for t in &times {
        // Offsets are characters and cover exactly the stored text.
        assert_eq!(doc.span_text(t.span()), t.text, "offsets of {t:?}");
    }
    times
        .into_iter()
        .map(|t| (t.text, t.value, t.kind))
        .collect()
}

fn run(text: &str) -> Vec<(String, String)> {
    run_on(text, Some("2020-09-27"))
        .into_iter()
        .map(|(t, v, _)| (t, v))
        .collect()
}

fn has(text: &str, want: &[(&str, &str)]) {
    has_on("2020-09-27", text, want);
}

fn has_on(published: &str, text: &str, want: &[(&str, &str)]) {
    let got: Vec<(String, String)> = run_on(text, Some(published))
        .into_iter()
        .map(|(t, v, _)| (t, v))
        .collect();
    for (t, v) in want {
        assert!(
            got.iter().any(|(gt, gv)| gt == t && gv == v),
            "expected {t:?} = {v:?} in {text:?} (published {published}); got {got:?}"
        );
    }
}

fn none_of(text: &str, words: &[&str]) {
    let got = run(text);
    for w in words {
        assert!(
            !got.iter().any(|(gt, _)| gt.contains(w)),
            "{w:?} must not be a time in {text:?}; got {got:?}"
        );
    }
}

#[test]
fn rules_compile() {
    assert!(rules::rules().is_ok(), "{:?}", rules::rules().err());
}

#[test]
fn invariants() {
    check_stage(
        &Times,
        &[&Sentences],
        "Militants attacked a checkpoint on Tuesday night, killing 12, officials said on September 25. Talks will resume next week.",
    );
}

#[test]
fn month_day_forms() {
    has(
        "The envoy said on September 25 that talks would continue.",
        &[("September 25", "2020-09-25")],
    );
    has(
        "Officials met on Sept. 19 in the capital.",
        &[("Sept. 19", "2020-09-19")],
    );
    has(
        "The ceasefire took effect on 25 September 2020 at noon.",
        &[("25 September 2020", "2020-09-25")],
    );
    has(
        "The report was dated 9/25/2020 and released later.",
        &[("9/25/2020", "2020-09-25")],
    );
    has(
        "Published September 24 2016 Ninety-two civilians were killed Saturday",
        &[("September 24 2016", "2016-09-24")],
    );
    has(
        "The summit opened on Tuesday, September 22, in Doha.",
        &[("Tuesday, September 22", "2020-09-22")],
    );
    has(
        "Wed 05 Apr 2017 Syria attack symptoms",
        &[("Wed 05 Apr 2017", "2017-04-05")],
    );
}

#[test]
fn month_day_year_inference() {
    // Published early January: "December 28" is last year's.
    let got = run_on("Rebels seized the town on December 28.", Some("2021-01-04"));
    assert_eq!(got[0].1, "2020-12-28");
    // A future month-day after publication.
    let got = run_on("Elections will be held on October 10.", Some("2020-09-27"));
    assert_eq!(got[0].1, "2020-10-10");
}

#[test]
fn weekdays_follow_tense() {
    // Published Sunday 2020-09-27.
    has(
        "Gunmen killed four soldiers on Tuesday, the army said.",
        &[("Tuesday", "2020-09-22")],
    );
    has(
        "The delegation will travel to Kabul on Tuesday.",
        &[("Tuesday", "2020-09-29")],
    );
    has(
        "The militants attacked Tuesday night, residents said.",
        &[("Tuesday night", "2020-09-22TNI")],
    );
    has(
        "Protesters gathered on Sunday in the main square.",
        &[("Sunday", "2020-09-27")],
    );
    has(
        "Negotiators are scheduled to meet on Friday.",
        &[("Friday", "2020-10-02")],
    );
    has(
        "He was arrested last Friday.",
        &[("last Friday", "2020-09-25")],
    );
}

#[test]
fn nights_and_relative_days() {
    has(
        "Several rockets struck the base overnight, the ministry said.",
        &[("overnight", "2020-09-26TNI")],
    );
    has(
        "Clashes broke out last night.",
        &[("last night", "2020-09-26TNI")],
    );
    has(
        "A car bomb exploded yesterday.",
        &[("yesterday", "2020-09-26")],
    );
    has("The talks resume tomorrow.", &[("tomorrow", "2020-09-28")]);
    // Overnight in a sentence that names the day does not invent another date.
    has(
        "On September 23, insurgents attacked checkpoints overnight, officials said.",
        &[
            ("September 23", "2020-09-23"),
            ("overnight", "2020-09-23TNI"),
        ],
    );
}

#[test]
fn weeks_months_years() {
    has(
        "The negotiations, which started earlier this month, continue.",
        &[("earlier this month", "2020-09")],
    );
    has(
        "Fighting intensified last week.",
        &[("last week", "2020-W38")],
    );
    has("Casualties are down this year.", &[("this year", "2020")]);
    has("The group was founded last year.", &[("last year", "2019")]);
    has(
        "Compared to the first six months of last year, attacks fell.",
        &[("the first six months of last year", "2019-H1")],
    );
    has(
        "Violence is lower than the same time last year.",
        &[("the same time last year", "2019-09")],
    );
    has(
        "Attacks rose in the second quarter.",
        &[("the second quarter", "2020-Q2")],
    );
    has(
        "Aid deliveries stalled last month.",
        &[("last month", "2020-08")],
    );
}

#[test]
fn years_decades_seasons() {
    has(
        "They were toppled in the 2001 U.S.-led invasion.",
        &[("2001", "2001")],
    );
    has("The war began in 2011.", &[("2011", "2011")]);
    has("Refugees have fled since 2014.", &[("2014", "2014")]);
    has(
        "The town was a stronghold in the 1990s.",
        &[("the 1990s", "199")],
    );
    let got = run_on(
        "The battle could last until the summer.",
        Some("2017-04-03"),
    );
    assert!(
        got.iter()
            .any(|(t, v, _)| t == "the summer" && v == "2017-SU"),
        "{got:?}"
    );
    has(
        "An offensive is expected this summer.",
        &[("this summer", "2020-SU")],
    );
    has(
        "The siege lasted through the winter of 2016.",
        &[("the winter of 2016", "2016-WI")],
    );
    has("Prices rose in late 2019.", &[("late 2019", "2019")]);
    has(
        "Troops withdrew in March 2020.",
        &[("March 2020", "2020-03")],
    );
    has("The truce collapsed in May.", &[("May", "2020-05")]);
    has(
        "Talks began in mid-September.",
        &[("mid-September", "2020-09")],
    );
}

#[test]
fn durations() {
    has(
        "The two sides have spent more than a week deciding agendas.",
        &[("more than a week", "P1W")],
    );
    has(
        "Washington will assess the situation in the next couple of months.",
        &[("the next couple of months", "P2M")],
    );
    has(
        "The town was besieged for three days.",
        &[("three days", "P3D")],
    );
    has("Fighting raged for 48 hours.", &[("48 hours", "PT48H")]);
    has(
        "Clashes in the past two years killed hundreds.",
        &[("the past two years", "P2Y")],
    );
    has(
        "The rebels have held the area for years.",
        &[("years", "PXY")],
    );
    has(
        "It was the first such attack in recent weeks.",
        &[("recent weeks", "PXW")],
    );
    has(
        "The group announced a two-day truce.",
        &[("two-day", "P2D")],
    );
    has(
        "The city fell three years ago.",
        &[("three years ago", "2017")],
    );
}

#[test]
fn times_of_day_and_sets() {
    has(
        "The blast hit the market at 10 a.m. on Tuesday, police said.",
        &[("10 a.m.", "2020-09-22T10:00"), ("Tuesday", "2020-09-22")],
    );
    has(
        "A curfew starts at 21:00 local time.",
        &[("21:00 local time", "2020-09-27T21:00")],
    );
    has(
        "Protesters gather every Friday.",
        &[("every Friday", "XXXX-WXX-5")],
    );
    has("Convoys leave twice a week.", &[("twice a week", "P1W")]);
    has(
        "The council meets each year in Geneva.",
        &[("each year", "P1Y")],
    );
    has("Officials brief reporters daily.", &[("daily", "P1D")]);
}

#[test]
fn anaphoric_years_and_nights() {
    has(
        "In 2019, 300 officers were killed, twice as many as in the previous year.",
        &[("2019", "2019"), ("the previous year", "2018")],
    );
    // The reporting date after "overnight" is not the night's date.
    has(
        "Gunmen killed 30 villagers overnight, officials said on Sunday.",
        &[("overnight", "2020-09-26TNI"), ("Sunday", "2020-09-27")],
    );
    // A clock time takes the day of the sentence before.
    has(
        "A bomb exploded in the market on Tuesday. The blast happened at about 9 a.m.",
        &[("about 9 a.m.", "2020-09-22T09:00")],
    );
    has(
        "More than 1,000 civilians died in the first five months of this year.",
        &[("the first five months", "P5M"), ("this year", "2020")],
    );
    has(
        "It was the worst famine in decades.",
        &[("decades", "PXDE")],
    );
}

#[test]
fn sentence_tense_and_relative_years() {
    // No cue in the clause: the sentence's verb ("fell") decides.
    let got = run_on(
        "Deaths fell by two thirds after a ceasefire in April that held.",
        Some("2022-12-30"),
    );
    assert!(
        got.iter().any(|(t, v, _)| t == "April" && v == "2022-04"),
        "{got:?}"
    );
    has(
        "In 2019, 300 people died. A year earlier, 200 had died.",
        &[("A year earlier", "2018")],
    );
    has(
        "The envoy met rebels on Friday. Earlier in the day, shells fell.",
        &[("Earlier in the day", "2020-09-25")],
    );
}

#[test]
fn anaphoric_days() {
    has(
        "Gunmen stormed the village on September 20. The next day, troops retook it.",
        &[("The next day", "2020-09-21")],
    );
}

#[test]
fn traps_names_verbs_and_counts() {
    none_of("Prime Minister Theresa May met the envoy.", &["May"]);
    none_of("Thousands of people march through the capital.", &["march"]);
    none_of(
        "The attacks killed 28 Afghan policemen, leaving 4,000-5,000 troops from 8,500.",
        &["28", "4,000", "5,000", "8,500"],
    );
    none_of("The strike killed 2000 people in the district.", &["2000"]);
    none_of("A 38-year-old man was among the dead.", &["38"]);
    none_of("The shelling damaged 2014 homes.", &["2014"]);
    none_of("Marchers said May would resign.", &["May"]);
    none_of("The report appeared in USA Today.", &["Today"]);
    none_of("He was in his 50s.", &["50s"]);
    none_of(
        "According to the Halab Today TV station, shells fell.",
        &["Today"],
    );
    none_of(
        "He blamed the past administrations for the crisis.",
        &["the past"],
    );
    none_of(
        "Fighting resumed at the end of the week-long truce.",
        &["week"],
    );
    // Apostrophes stripped (FA-KES): "Sundays bombardment" is last Sunday's.
    has(
        "Sundays bombardment killed a child.",
        &[("Sundays", "2020-09-27")],
    );
    has(
        "The market is closed on Fridays.",
        &[("Fridays", "XXXX-WXX-5")],
    );
}

#[test]
fn without_publication_date_relative_values_are_underspecified() {
    let got = run_on(
        "Gunmen attacked on Tuesday. Talks began on September 25 2020. Casualties fell this year.",
        None,
    );
    let v = |t: &str| {
        got.iter()
            .find(|(x, _, _)| x == t)
            .map(|(_, v, _)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(v("Tuesday"), "XXXX-WXX-2");
    assert_eq!(v("September 25 2020"), "2020-09-25");
    assert_eq!(v("this year"), "XXXX");
}

#[test]
fn types_are_set() {
    let got = run_on(
        "Troops fought for three days. The raid came Tuesday night. Patrols run every day.",
        Some("2020-09-27"),
    );
    let kind = |t: &str| got.iter().find(|(x, _, _)| x == t).map(|(_, _, k)| *k);
    assert_eq!(kind("three days"), Some(TimeType::Duration));
    assert_eq!(kind("Tuesday night"), Some(TimeType::Time));
    assert_eq!(kind("every day"), Some(TimeType::Set));
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        check_no_panic(&[&Sentences, &Times], &s).map_err(proptest::test_runner::TestCaseError::fail)?;
    }

    #[test]
    fn never_panics_on_date_like_text(s in "((on |in |the |last |next )?(May|Tuesday|September 3|2020|3 days|overnight|10 a.m.|the next day|'90s|[0-9/:.,-]{1,6}) ?){0,12}") {
        check_no_panic(&[&Sentences, &Times], &s).map_err(proptest::test_runner::TestCaseError::fail)?;
    }
}

#[test]
fn searching_near_the_gate_words_finds_what_a_full_scan_finds_on_fa_kes() {
    let test = "searching_near_the_gate_words_finds_what_a_full_scan_finds_on_fa_kes";
    let Some(shared) = crate::testing::shared_or_skip(test) else {
        return;
    };
    let path = shared.join("corpus/fa-kes/FA-KES-Dataset.csv");
    let mut rdr = csv::Reader::from_path(&path).expect("FA-KES csv");
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.expect("record");
        let text = rec.get(2).unwrap_or("");
        let sents = crate::sentences::split_bytes(text);
        let dct = parse_dct("2016-01-01");
        let a = extract_gated(text, dct, &sents, true).expect("gated");
        let b = extract_gated(text, dct, &sents, false).expect("full scan");
        assert_eq!(a, b, "{}", rec.get(0).unwrap_or(""));
        n += a.len();
    }
    assert!(n > 1000, "only {n} time expressions in FA-KES");
}

proptest::proptest! {
    #[test]
    fn gate_is_transparent(s in "((on |in |the |last |next |every |per |since )?(May|Tuesday|Sept. 3|2020|3 days|overnight|10 a.m.|14:00 GMT|noon|the next day|'90s|1990s|summer 2019|Q3 2020|daily|Christmas|the weekend|a week|Fridays|[0-9/:.,-]{1,6}) ?){0,12}") {
        let sents = crate::sentences::split_bytes(&s);
        let dct = parse_dct("2020-09-27");
        proptest::prop_assert_eq!(
            extract_gated(&s, dct, &sents, true).expect("gated"),
            extract_gated(&s, dct, &sents, false).expect("ungated")
        );
    }
}

#[test]
fn quarters_in_business_reports() {
    let got = run_on(
        "Third-quarter net income rose to $5 million from $4 million a year earlier. The quarter's sales fell. The year-ago quarter was weak.",
        Some("1989-11-02"),
    );
    let want = [
        ("Third-quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
        ("The quarter", "1989-Q3"),
        ("The year-ago quarter", "1988-Q3"),
    ];
    for (t, v) in want {
        assert!(
            got.iter().any(|(gt, gv, _)| gt == t && gv == v),
            "expected {t:?} = {v:?}; got {got:?}"
        );
    }
    // "The latest quarter" is a result already out: not the fourth-quarter charge a
    // November report forecasts; it is then the quarter the next references take.
    let got = run_on(
        "Third-quarter profit rose. The firm expects a fourth-quarter charge. Sales fell in the latest quarter, and costs were lower than in the 1988 quarter. Margins were wider than in the corresponding period last year and in last year's quarter.",
        Some("1989-11-02"),
    );
    for (t, v) in [
        ("the latest quarter", "1989-Q3"),
        ("the 1988 quarter", "1988-Q3"),
        ("the corresponding period last year", "1988-Q3"),
        ("last year's quarter", "1988-Q3"),
    ] {
        assert!(
            got.iter().any(|(gt, gv, _)| gt == t && gv == v),
            "expected {t:?} = {v:?}; got {got:?}"
        );
    }
    // Without a named quarter, "a year earlier" keeps year granularity.
    let got = run_on("Sales rose from a year earlier.", Some("1989-11-02"));
    assert!(
        got.iter()
            .any(|(t, v, _)| t == "a year earlier" && v == "1988"),
        "{got:?}"
    );
}

#[test]
fn clock_time_with_zone_and_day() {
    has(
        "The strike began at 15:00 GMT Saturday, officials said.",
        &[("15:00 GMT Saturday", "2020-09-26T15:00")],
    );
    has(
        "Polls closed at 9 a.m. EST Friday.",
        &[("9 a.m. EST Friday", "2020-09-25T09:00")],
    ); // Noon and midnight with a day are one time; midnight ends that day.
    has(
        "The truce expired at noon Saturday. A curfew had begun at midnight Friday.",
        &[
            ("noon Saturday", "2020-09-26T12:00"),
            ("midnight Friday", "2020-09-25T24:00"),
        ],
    );
}

#[test]
fn last_weekday_said_midweek_is_the_week_before() {
    // 2020-09-30 is a Wednesday: "Monday" is the 28th, "last Monday" the 21st.
    let got = run_on(
        "He arrived last Monday and left on Monday.",
        Some("2020-09-30"),
    );
    assert!(
        got.iter()
            .any(|(t, v, _)| t == "last Monday" && v == "2020-09-21"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(t, v, _)| t == "Monday" && v == "2020-09-28"),
        "{got:?}"
    );
}

#[test]
fn year_of_month_days_near_publication() {
    // Published 2020-09-27. Far on the tense's side and in another year: the nearest.
    has(
        "The dividend was declared for holders on record Dec. 15.",
        &[("Dec. 15", "2020-12-15")],
    );
    // In the publication year, the tense's side stands.
    has(
        "Deaths fell after a ceasefire in March.",
        &[("March", "2020-03")],
    );
    has(
        "Banks have limited withdrawals since November.",
        &[("November", "2019-11")],
    );
    has(
        "Talks resumed in January this year and stalled in June last year.",
        &[
            ("January this year", "2020-01"),
            ("June last year", "2019-06"),
        ],
    );
}

#[test]
fn quarters_with_a_year_before_them_and_decades_in_years() {
    has(
        "Profit rose from the 2019 third quarter.",
        &[("the 2019 third quarter", "2019-Q3")],
    );
    has(
        "Sales beat the year-ago second quarter.",
        &[("the year-ago second quarter", "2019-Q2")],
    );
    has("The war lasted two decades.", &[("two decades", "P20Y")]);
}

#[test]
fn ordinal_centuries_are_their_first_two_digits() {
    has(
        "The fort was built in the 12th century and rebuilt in the nineteenth century.",
        &[("the 12th century", "11"), ("the nineteenth century", "18")],
    );
}

#[test]
fn years_in_words_as_transcripts_say_them() {
    has(
        "The dam was finished in nineteen sixty-four and flooded again in the year two thousand.",
        &[
            ("nineteen sixty-four", "1964"),
            ("the year two thousand", "2000"),
        ],
    );
    has(
        "He left the army in March nineteen ninety-one.",
        &[("March nineteen ninety-one", "1991-03")],
    );
    // "Two thousand" without "the year" or a temporal preposition is a count.
    let got = run("Two thousand troops crossed the river.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn half_units_come_out_in_the_next_unit_down() {
    has(
        "The talks lasted 5 1/2 hours; the siege went on for two and a half years, and the shelling stopped for an hour and a half.",
        &[
            ("5 1/2 hours", "PT5H30M"),
            ("two and a half years", "P2Y6M"),
            ("an hour and a half", "PT1H30M"),
        ],
    );
}

#[test]
fn first_months_of_a_year_are_a_duration_and_a_date() {
    has(
        "Exports fell in the first nine months of 2019 and in the first nine months of the year.",
        &[
            ("the first nine months", "P9M"),
            ("2019", "2019"),
            ("the year", "2020"),
        ],
    );
    // Three or six months from an end are a quarter or a half: one date.
    has(
        "Output rose in the first six months of last year.",
        &[("the first six months of last year", "2019-H1")],
    );
}

#[test]
fn holidays_from_the_data_file() {
    // Published Sunday 2020-09-27: Thanksgiving (fourth Thursday) is 26 November 2020,
    // Election Day (the Tuesday after the first Monday) 3 November.
    has(
        "Families will gather on Thanksgiving. Polls open on Election Day. The market will close early on Christmas Eve.",
        &[
            ("Thanksgiving", "2020-11-26"),
            ("Election Day", "2020-11-03"),
            ("Christmas Eve", "2020-12-24"),
        ],
    );
}

#[test]
fn years_after_possessives_and_determiners() {
    has(
        "The company's 2019 results were weak, and that 2018 agreement lapsed.",
        &[("2019", "2019"), ("2018", "2018")],
    );
    // A possessive before a count is still a count.
    let got = run("The army's 2000 troops withdrew.");
    assert!(got.iter().all(|(t, _)| t != "2000"), "{got:?}");
}

#[test]
fn near_future_and_these_days_are_references() {
    has(
        "Aid will resume in the near future, officials said. Prices are high these days.",
        &[
            ("the near future", "FUTURE_REF"),
            ("these days", "PRESENT_REF"),
        ],
    );
}

#[test]
fn next_to_is_a_place_and_payable_looks_forward() {
    // "next to" must not make a bare weekday point forward.
    has(
        "Two people were wounded when a shell fell next to the market on Friday.",
        &[("Friday", "2020-09-25")],
    );
    // A dividend "payable" on a day is paid after publication, whatever came before.
    has_on(
        "2020-11-02",
        "The board reduced its dividend, which is payable Jan. 2.",
        &[("Jan. 2", "2021-01-02")],
    );
}

#[test]
fn nouns_and_passives_are_no_tense_cues() {
    // "the plan" is a noun: the announcement was in the past.
    has_on(
        "1989-10-27",
        "The bank announced the plan Aug. 21.",
        &[("Aug. 21", "1989-08-21")],
    );
    // "will be named": the participle does not turn the sentence to the past.
    has_on(
        "1998-03-04",
        "A new commander will be named for a mission in December.",
        &[("December", "1998-12")],
    );
}

#[test]
fn past_tense_month_day_more_than_half_a_year_back() {
    // Published in May: "the Oct. 23 attack" in a past-tense sentence is last October,
    // not five months ahead; a date much nearer on the other side still wins.
    has_on(
        "1999-05-06",
        "Police have searched for the gunman since the Oct. 23 attack.",
        &[("Oct. 23", "1998-10-23")],
    );
    has_on(
        "2020-11-02",
        "Officials said the talks were set for Dec. 15.",
        &[("Dec. 15", "2020-12-15")],
    );
}

#[test]
fn years_after_a_time_preposition_before_a_verb_and_in_runs() {
    has(
        "Six bombings since 2014 were blamed on the group.",
        &[("2014", "2014")],
    );
    has(
        "Attacks rose between 2011 and 2014.",
        &[("2011", "2011"), ("2014", "2014")],
    );
    // A count noun after the number still makes it a count.
    none_of("Police recorded 2000 attacks in the province.", &["2000"]);
}

#[test]
fn months_after_for_and_before_a_noun() {
    has(
        "Police reopened the inquiry into the August shooting. Figures for January rose. It signed a June agreement.",
        &[("August", "2020-08"), ("January", "2020-01"), ("June", "2020-06")],
    );
    // Never the name or the verb, and not before a capitalised word.
    none_of(
        "Voters turned out for May. The March rally drew crowds. The June Carter show aired.",
        &["May", "March", "June"],
    );
}

#[test]
fn durations_with_more_or_a_kind_of_day() {
    has(
        "The ceasefire was extended for two more weeks. Shares fell for eight trading days. The mission needs an additional year.",
        &[
            ("two more weeks", "P2W"),
            ("eight trading days", "P8D"),
            ("an additional year", "P1Y"),
        ],
    );
}

#[test]
fn fiscal_and_full_years_of_a_report() {
    has(
        "The company expects a loss for the full year. Spending in the current fiscal year will rise, after cuts last fiscal year.",
        &[
            ("the full year", "2020"),
            ("the current fiscal year", "2020"),
            ("last fiscal year", "2019"),
        ],
    );
    // "full" with any other unit is no time.
    none_of("They worked a full week.", &["full week"]);
}

#[test]
fn quarters_as_a_unit_and_the_past_before_a_count() {
    has(
        "Sales fell in the past two quarters.",
        &[("the past two quarters", "P2Q")],
    );
    // A fraction, a compound adjective and "the past" before a count are none of these.
    none_of(
        "Three quarters of the voters backed him. The four-quarter average rose.",
        &["quarters", "four-quarter"],
    );
    let got = run("Rains failed in the past three summers.");
    assert!(
        got.iter().all(|(_, v)| v != "PAST_REF"),
        "\"the past\" before a count is no PAST_REF: {got:?}"
    );
}

#[test]
fn phrase_cues_from_the_data_file() {
    // Published Sunday 2020-09-27.
    has(
        "Talks are set to resume Monday. The envoy could arrive as early as Tuesday.",
        &[("Monday", "2020-09-28"), ("Tuesday", "2020-09-29")],
    );
    // "due to" gives a cause, not a schedule.
    has(
        "The offer had been due to expire Friday.",
        &[("Friday", "2020-09-25")],
    );
}

#[test]
fn planned_looks_forward_only_as_a_passive() {
    // Published Sunday 2020-09-27.
    has(
        "A rally planned for Saturday was called off.",
        &[("Saturday", "2020-09-26")],
    );
    has("A vote is planned for Friday.", &[("Friday", "2020-10-02")]);
}

#[test]
fn a_second_before_a_noun_is_an_ordinal() {
    none_of(
        "A second convoy was hit. It would be a second betrayal.",
        &["second"],
    );
    has("The blast lasted a second or two.", &[("a second", "PT1S")]);
}

#[test]
fn that_year_and_decades_in_words() {
    has(
        "The dam was finished in 2011. Floods hit later that year. Prices rose earlier in the year. Growth was fast in the nineties.",
        &[
            ("later that year", "2011"),
            ("earlier in the year", "2020"),
            ("the nineties", "199"),
        ],
    );
}

#[test]
fn the_following_month_counts_from_the_month_named() {
    has(
        "The rebels took the town in March 2019. The following month, the army retook it.",
        &[("The following month", "2019-04")],
    );
}

#[test]
fn weekday_with_a_plural_part_of_day_is_a_set() {
    let got = run_on("Flights leave on Tuesday nights.", Some("2020-09-27"));
    assert!(
        got.iter()
            .any(|(t, v, k)| t == "Tuesday nights" && v == "XXXX-WXX-2TNI" && *k == TimeType::Set),
        "{got:?}"
    );
}

#[test]
fn a_count_before_a_year_ago_is_no_rate() {
    has(
        "The group now runs 13 camps, up from seven a year ago.",
        &[("a year ago", "2019")],
    );
    // Without "ago", "seven a year" is a rate.
    let got = run_on("Police record seven a year.", Some("2020-09-27"));
    assert!(
        got.iter()
            .any(|(t, v, k)| t == "a year" && v == "P1Y" && *k == TimeType::Set),
        "{got:?}"
    );
}

#[test]
fn quoted_programme_titles_are_no_times() {
    none_of(
        "The minister said on ABC's \"This Week\" that talks would go on. He told CBS's “60 Minutes” the same.",
        &["This Week", "60 Minutes"],
    );
    // A quotation that begins with a time is still one.
    has(
        "\"Last week we lost two men,\" the commander said.",
        &[("Last week", "2020-W38")],
    );
}

#[test]
fn the_week_of_a_date_is_that_week() {
    has(
        "Talks are set for the week of October 12.",
        &[("the week of October 12", "2020-W42")],
    );
}

#[test]
fn a_season_of_a_year_in_words() {
    has(
        "The siege began in the winter of nineteen ninety-four.",
        &[("the winter of nineteen ninety-four", "1994-WI")],
    );
}
