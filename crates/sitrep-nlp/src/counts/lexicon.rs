//! Word lists for the `counts` stage: casualty cues, function words, units, date words.
//!
//! Kept as `match` tables (compiled to jump tables / comparisons, no allocation) so the
//! stage stays at thousands of articles per second. Everything is compared lower-case.

use sitrep_model::CountKind;

/// The kind a cue word signals, when any ("killed" → KILL, "casualties" → KILL_OR_WOUND).
pub fn cue_kind(w: &str) -> Option<CountKind> {
    use CountKind::*;
    Some(match w {
        "killed" | "kill" | "kills" | "killing" | "dead" | "died" | "die" | "dies" | "slain"
        | "executed" | "executing" | "execute" | "massacred" | "massacring" | "murdered"
        | "murdering" | "slaughtered" | "slaughtering" | "perished" | "beheaded" | "martyred"
        | "deaths" | "death" | "bodies" | "corpses" | "fatalities" | "lives" => Kill,
        "wounded" | "wounding" | "wounds" | "injured" | "injuring" | "injuries" | "injury"
        | "hurt" | "hurting" => Wound,
        "casualties" => KillOrWound,
        "kidnapped" | "kidnapping" | "kidnap" | "abducted" | "abducting" | "abduct"
        | "abduction" | "hostage" | "hostages" => Kidnap,
        "arrested" | "arresting" | "arrest" | "arrests" | "detained" | "detaining" | "detain"
        | "apprehended" | "jailed" | "imprisoned" | "rounded" => Arrest,
        "displaced" | "displacing" | "displace" | "displacement" | "fled" | "flee" | "fleeing"
        | "refugees" | "evacuated" | "uprooted" | "homeless" => Displace,
        _ => return None,
    })
}

/// Cue words that can follow the counted thing ("28 policemen were killed", "12 dead").
pub fn is_post_cue(w: &str) -> bool {
    matches!(
        w,
        "killed"
            | "dead"
            | "died"
            | "die"
            | "slain"
            | "executed"
            | "massacred"
            | "murdered"
            | "slaughtered"
            | "perished"
            | "beheaded"
            | "martyred"
            | "wounded"
            | "injured"
            | "hurt"
            | "injuries"
            | "wounds"
            | "casualties"
            | "kidnapped"
            | "abducted"
            | "hostage"
            | "arrested"
            | "detained"
            | "apprehended"
            | "jailed"
            | "rounded"
            | "displaced"
            | "fled"
            | "evacuated"
            | "uprooted"
            | "homeless"
    )
}

/// Cue words that can come before the number ("killing 28", "the lives of 20").
pub fn is_pre_cue(w: &str) -> bool {
    matches!(
        w,
        "dead"
            | "killed"
            | "kill"
            | "kills"
            | "killing"
            | "executed"
            | "executing"
            | "execute"
            | "massacred"
            | "massacring"
            | "murdered"
            | "murdering"
            | "slaughtered"
            | "slaughtering"
            | "beheaded"
            | "deaths"
            | "death"
            | "bodies"
            | "corpses"
            | "lives"
            | "wounded"
            | "wounding"
            | "wounds"
            | "injured"
            | "injuring"
            | "hurt"
            | "hurting"
            | "kidnapped"
            | "kidnapping"
            | "kidnap"
            | "abducted"
            | "abducting"
            | "abduct"
            | "abduction"
            | "arrested"
            | "arresting"
            | "arrest"
            | "detained"
            | "detaining"
            | "detain"
            | "jailed"
            | "rounded"
            | "rounding"
            | "displaced"
            | "displacing"
            | "displacement"
            | "evacuated"
            | "uprooted"
    )
}

/// Words allowed between the counted thing and a following cue ("were", "have been").
pub fn is_post_gap(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "have"
            | "has"
            | "had"
            | "been"
            | "being"
            | "are"
            | "is"
            | "be"
            | "reportedly"
            | "also"
            | "all"
            | "allegedly"
            | "later"
            | "subsequently"
            | "already"
            | "now"
            | "who"
            | "that"
            | "got"
            | "shot"
            | "taken"
            | "sustained"
            | "suffered"
            | "left"
            | "found"
            | "confirmed"
            | "reported"
            | "either"
            | "seriously"
            | "critically"
            | "badly"
            | "severely"
            | "lightly"
            | "slightly"
            | "fatally"
            | "mortally"
            | "most"
            | "recently"
            | "so"
            | "far"
    )
}

/// Words allowed between a cue and the number after it ("killing a total of 28").
pub fn is_pre_gap(w: &str) -> bool {
    matches!(
        w,
        "a" | "total"
            | "of"
            | "the"
            | "another"
            | "an"
            | "additional"
            | "further"
            | "their"
            | "his"
            | "its"
            | "her"
            | "up"
            | "were"
            | "was"
            | "are"
            | "included"
            | "include"
            | "includes"
    )
}

/// Heads that override the kind: "40 deaths", "120 casualties", "1,407 injuries".
pub fn head_kind(w: &str) -> Option<CountKind> {
    use CountKind::*;
    Some(match w {
        // "claiming 4 martyrs": state and party media name their dead so.
        "deaths" | "dead" | "bodies" | "corpses" | "fatalities" | "martyrs" => Kill,
        "casualties" => KillOrWound,
        "injuries" | "injured" | "wounded" => Wound,
        "refugees" | "displaced" => Displace,
        "hostages" | "abductees" => Kidnap,
        _ => return None,
    })
}

/// Function words and verbs that end the counted noun phrase.
pub fn is_object_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "to"
            | "with"
            | "without"
            | "during"
            | "after"
            | "before"
            | "since"
            | "near"
            | "inside"
            | "outside"
            | "across"
            | "including"
            | "among"
            | "amid"
            | "as"
            | "when"
            | "while"
            | "where"
            | "who"
            | "whom"
            | "which"
            | "that"
            | "were"
            | "was"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "said"
            | "says"
            | "say"
            | "told"
            | "according"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "they"
            | "them"
            | "we"
            | "he"
            | "she"
            | "i"
            | "you"
            | "our"
            | "than"
            | "last"
            | "next"
            | "per"
            | "also"
            | "but"
            | "yet"
            | "so"
            | "if"
            | "into"
            | "onto"
            | "through"
            | "over"
            | "under"
            | "up"
            | "down"
            | "out"
            | "off"
            | "until"
            | "about"
            | "around"
            | "against"
            | "between"
            | "within"
            | "toward"
            | "towards"
            | "via"
            | "like"
            | "just"
            | "only"
            | "still"
            | "already"
            | "all"
            | "both"
            | "some"
            | "many"
            | "most"
            | "few"
            | "such"
            | "not"
            | "no"
            | "more"
            | "other"
            | "each"
            | "every"
            | "do"
            | "did"
            | "does"
            | "there"
            | "here"
            | "then"
            | "now"
            | "today"
            | "yesterday"
            | "tonight"
            | "overnight"
            | "early"
            | "late"
            | "ago"
            | "dead"
            | "hurt"
            | "died"
            | "die"
            | "fled"
            | "left"
            | "went"
            | "came"
            | "took"
            | "gave"
            | "got"
            | "make"
            | "made"
            | "kill"
            | "remain"
            | "remains"
            | "remained"
            | "lost"
            | "sustained"
            | "suffered"
            | "shot"
    ) || is_day_or_month(w)
}

/// Past participles that may start a counted noun phrase ("armed men", "displaced families").
pub fn is_participle_adjective(w: &str) -> bool {
    matches!(
        w,
        "armed"
            | "masked"
            | "unidentified"
            | "displaced"
            | "detained"
            | "trapped"
            | "besieged"
            | "suspected"
            | "alleged"
            | "wounded"
            | "injured"
            | "uniformed"
            | "unarmed"
            | "retired"
            | "affiliated"
            | "allied"
            | "united"
    )
}

/// Plural nouns that do not end in "s" and mass nouns for people.
pub fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "militia"
            | "youth"
            | "cattle"
            | "crew"
            | "infantry"
            | "livestock"
    )
}

/// Heads after which "of the …" continues the phrase ("members of the security forces").
pub fn is_partitive_head(w: &str) -> bool {
    matches!(
        w,
        "members"
            | "fighters"
            | "soldiers"
            | "officers"
            | "personnel"
            | "elements"
            | "units"
            | "militants"
            | "troops"
            | "supporters"
            | "employees"
            | "staff"
            | "residents"
            | "workers"
            | "commanders"
            | "leaders"
            | "families"
            | "relatives"
            | "students"
            | "pupils"
            | "recruits"
            | "loyalists"
            | "volunteers"
    )
}

/// Units after a number that make it a measure, not a count of things.
pub fn is_unit(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "second"
            | "seconds"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "km"
            | "kms"
            | "kilometres"
            | "kilometers"
            | "kilometre"
            | "kilometer"
            | "mile"
            | "miles"
            | "metre"
            | "metres"
            | "meter"
            | "meters"
            | "feet"
            | "foot"
            | "inches"
            | "percent"
            | "per"
            | "pct"
            | "am"
            | "pm"
            | "gmt"
            | "utc"
            | "o'clock"
            | "degrees"
            | "kg"
            | "kilograms"
            | "kilos"
            | "tons"
            | "tonnes"
            | "times"
            | "acres"
            | "hectares"
            | "square"
            | "mm"
            | "cm"
            | "points"
            | "nights"
            | "night"
            | "morning"
            | "evening"
            | "afternoon"
            | "storey"
            | "stories"
            | "storeys"
            | "floors"
            | "consecutive"
            | "straight"
            | "round"
            | "rounds"
            | "time"
    )
}

/// Words that make the following number an age ("aged 4", "aged from four to 10",
/// "ages 5 to 12"): a measure of the people, not how many there were.
pub fn is_age_word(w: &str) -> bool {
    matches!(w, "aged" | "age" | "ages" | "ageing")
}

/// The rest of an age adjective written with digits ("5-year-old" is `5`, `-`,
/// "year-old").
pub fn is_age_adjective(w: &str) -> bool {
    matches!(
        w,
        "year-old" | "years-old" | "month-old" | "months-old" | "week-old" | "day-old"
    )
}

/// Verbs that military statements use for killing enemy fighters ("destroyed over 60
/// terrorists", "neutralised 30 bandits", "40 militants were eliminated"). They count
/// deaths only when the counted thing is a combatant ([`is_combatant_noun`]): "destroyed
/// 13 fighting positions" is not a toll.
pub fn is_kill_euphemism(w: &str) -> bool {
    matches!(
        w,
        "destroyed"
            | "destroying"
            | "eliminated"
            | "eliminating"
            | "liquidated"
            | "liquidating"
            | "neutralized"
            | "neutralised"
            | "neutralizing"
            | "neutralising"
            | "annihilated"
    )
}

/// Plural nouns for fighters, the only things a [`is_kill_euphemism`] verb kills.
pub fn is_combatant_noun(w: &str) -> bool {
    matches!(
        w,
        "terrorists"
            | "militants"
            | "fighters"
            | "insurgents"
            | "gunmen"
            | "jihadists"
            | "rebels"
            | "bandits"
            | "extremists"
            | "mercenaries"
            | "militiamen"
            | "soldiers"
            | "troops"
            | "attackers"
    )
}

/// Words that make the following number a label ("Resolution 2254", "Route 5").
pub fn is_label_word(w: &str) -> bool {
    matches!(
        w,
        "resolution"
            | "route"
            | "highway"
            | "brigade"
            | "division"
            | "regiment"
            | "battalion"
            | "article"
            | "no"
            | "number"
            | "chapter"
            | "section"
            | "room"
            | "flight"
            | "channel"
            | "road"
            | "street"
            | "gate"
            | "building"
            | "block"
            | "phase"
            | "camp"
            | "hill"
            | "sector"
            | "zone"
            | "apartment"
            | "platform"
            | "level"
            | "grade"
            | "class"
            | "page"
            | "paragraph"
            | "item"
            | "version"
            | "model"
            | "episode"
            | "season"
            | "session"
            | "aged"
            | "age"
            | "ages"
            | "mig"
            | "su"
            | "g"
            | "p"
            | "kilometer"
            | "kilometre"
            | "km"
            | "junction"
            | "exit"
            | "checkpoint"
            | "post"
            | "position"
            | "point"
            | "year"
            | "years"
    )
}

/// Prepositions and words that, before a four-digit number, make it a year.
pub fn is_year_context(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "before"
            | "after"
            | "year"
            | "early"
            | "late"
            | "mid"
            | "and"
            | "to"
            | "the"
            | "between"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "circa"
            | "through"
            | "throughout"
            | "for"
            | "at"
            | "on"
    )
}

/// Month names and their abbreviations, and weekdays.
pub fn is_day_or_month(w: &str) -> bool {
    is_month(w)
        || matches!(
            w,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        )
}

/// Month names and abbreviations ("may" is checked for capitalisation by the caller).
pub fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Group nouns whose members a partitive counts: "five of his entourage".
pub fn is_collective_noun(w: &str) -> bool {
    matches!(
        w,
        "entourage"
            | "family"
            | "crew"
            | "staff"
            | "escort"
            | "bodyguard"
            | "convoy"
            | "patrol"
            | "unit"
            | "team"
            | "household"
            | "relatives"
            | "companions"
    )
}

/// Singular nouns for a person: "killed a pilot", "a soldier was wounded" count one.
pub fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "soldier"
            | "civilian"
            | "child"
            | "boy"
            | "girl"
            | "man"
            | "woman"
            | "baby"
            | "infant"
            | "toddler"
            | "teenager"
            | "teen"
            | "youth"
            | "policeman"
            | "policewoman"
            | "officer"
            | "pilot"
            | "fighter"
            | "militant"
            | "rebel"
            | "commander"
            | "leader"
            | "journalist"
            | "reporter"
            | "photographer"
            | "cameraman"
            | "doctor"
            | "nurse"
            | "medic"
            | "paramedic"
            | "teacher"
            | "student"
            | "pupil"
            | "worker"
            | "farmer"
            | "shepherd"
            | "resident"
            | "member"
            | "person"
            | "citizen"
            | "guard"
            | "driver"
            | "passenger"
            | "activist"
            | "protester"
            | "demonstrator"
            | "official"
            | "employee"
            | "volunteer"
            | "gunman"
            | "attacker"
            | "bomber"
            | "jihadist"
            | "insurgent"
            | "sniper"
            | "colonel"
            | "general"
            | "sergeant"
            | "captain"
            | "lieutenant"
            | "cleric"
            | "imam"
            | "priest"
            | "judge"
            | "lawyer"
            | "politician"
            | "mayor"
            | "governor"
            | "contractor"
            | "engineer"
            | "elder"
            | "tribesman"
            | "villager"
            | "trooper"
            | "serviceman"
            | "marine"
            | "recruit"
            | "conscript"
            | "son"
            | "daughter"
            | "father"
            | "mother"
            | "brother"
            | "sister"
            | "husband"
            | "wife"
            | "refugee"
            | "tourist"
            | "hostage"
            | "detainee"
            | "prisoner"
            | "diplomat"
            | "envoy"
            | "spokesman"
            | "chief"
    )
}
