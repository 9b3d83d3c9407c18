//! The event lexicons: trigger words for ACLED's sub-event types, actor phrases in
//! ACLED's naming, and the cue phrases for sources (modality), history and statistics.
//!
//! Everything is compiled once into aho-corasick automata (`OnceLock`), matched
//! ASCII-case-insensitively on whole words. Wire copy is mostly ASCII, and the FA-KES
//! corpus has its commas and apostrophes stripped, so patterns avoid punctuation.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

/// The ACLED sub-event types sitrep codes (plus two internal ones resolved later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sub {
    /// Explosions/Remote violence: Chemical weapon.
    Chemical,
    /// Explosions/Remote violence: Suicide bomb.
    SuicideBomb,
    /// Explosions/Remote violence: Grenade.
    Grenade,
    /// Explosions/Remote violence: Remote explosive/landmine/IED.
    Ied,
    /// Explosions/Remote violence: Air/drone strike.
    AirStrike,
    /// Explosions/Remote violence: Shelling/artillery/missile attack.
    Shelling,
    /// Battles: territory changed hands (resolved to government / non-state by actor1).
    Territory,
    /// Battles: Government regains territory.
    GovRegains,
    /// Battles: Non-state actor overtakes territory.
    NonStateOvertakes,
    /// Battles: Armed clash.
    ArmedClash,
    /// Violence against civilians: Attack.
    CivAttack,
    /// Violence against civilians: Abduction/forced disappearance.
    Abduction,
    /// Protests: Peaceful protest.
    Protest,
    /// Riots: Violent demonstration.
    Riot,
    /// Strategic developments: Arrests.
    Arrests,
    /// "attack(s)" without a weapon: armed clash or attack on civilians, by the victim.
    GenericAttack,
    /// "killed" with an armed agent and no other trigger: resolved like `GenericAttack`.
    Kill,
}

impl Sub {
    /// ACLED event type.
    pub fn event_type(self) -> &'static str {
        match self {
            Sub::Chemical
            | Sub::SuicideBomb
            | Sub::Grenade
            | Sub::Ied
            | Sub::AirStrike
            | Sub::Shelling => "Explosions/Remote violence",
            Sub::Territory
            | Sub::GovRegains
            | Sub::NonStateOvertakes
            | Sub::ArmedClash
            | Sub::GenericAttack
            | Sub::Kill => "Battles",
            Sub::CivAttack | Sub::Abduction => "Violence against civilians",
            Sub::Protest => "Protests",
            Sub::Riot => "Riots",
            Sub::Arrests => "Strategic developments",
        }
    }

    /// ACLED sub-event type.
    pub fn sub_event_type(self) -> &'static str {
        match self {
            Sub::Chemical => "Chemical weapon",
            Sub::SuicideBomb => "Suicide bomb",
            Sub::Grenade => "Grenade",
            Sub::Ied => "Remote explosive/landmine/IED",
            Sub::AirStrike => "Air/drone strike",
            Sub::Shelling => "Shelling/artillery/missile attack",
            Sub::GovRegains => "Government regains territory",
            Sub::Territory | Sub::NonStateOvertakes => "Non-state actor overtakes territory",
            Sub::ArmedClash | Sub::GenericAttack | Sub::Kill => "Armed clash",
            Sub::CivAttack => "Attack",
            Sub::Abduction => "Abduction/forced disappearance",
            Sub::Protest => "Peaceful protest",
            Sub::Riot => "Violent demonstration",
            Sub::Arrests => "Arrests",
        }
    }

    /// How specific the trigger is: the highest wins in a sentence.
    pub fn priority(self) -> u8 {
        match self {
            Sub::Chemical => 12,
            Sub::SuicideBomb => 11,
            Sub::Grenade => 10,
            Sub::Ied => 9,
            Sub::AirStrike => 8,
            Sub::Shelling => 7,
            Sub::Territory | Sub::GovRegains | Sub::NonStateOvertakes => 6,
            Sub::CivAttack | Sub::Abduction => 5,
            Sub::ArmedClash => 4,
            Sub::Protest | Sub::Riot | Sub::Arrests => 3,
            Sub::GenericAttack => 2,
            Sub::Kill => 1,
        }
    }

    /// Back from an ACLED sub-event type name (for tests and PLOVER mapping).
    pub fn from_name(name: &str) -> Option<Sub> {
        Some(match name {
            "Chemical weapon" => Sub::Chemical,
            "Suicide bomb" => Sub::SuicideBomb,
            "Grenade" => Sub::Grenade,
            "Remote explosive/landmine/IED" => Sub::Ied,
            "Air/drone strike" => Sub::AirStrike,
            "Shelling/artillery/missile attack" => Sub::Shelling,
            "Government regains territory" => Sub::GovRegains,
            "Non-state actor overtakes territory" => Sub::NonStateOvertakes,
            "Armed clash" => Sub::ArmedClash,
            "Attack" => Sub::CivAttack,
            "Abduction/forced disappearance" => Sub::Abduction,
            "Peaceful protest" => Sub::Protest,
            "Violent demonstration" => Sub::Riot,
            "Arrests" => Sub::Arrests,
            _ => return None,
        })
    }
}

const TRIGGERS: &[(&str, Sub)] = &[
    // Chemical weapons.
    ("chemical attack", Sub::Chemical),
    ("chemical attacks", Sub::Chemical),
    ("chemical weapons attack", Sub::Chemical),
    ("chemical weapon attack", Sub::Chemical),
    ("chemical weapons", Sub::Chemical),
    ("nerve gas", Sub::Chemical),
    ("poison gas", Sub::Chemical),
    ("poisonous gas", Sub::Chemical),
    ("toxic gas", Sub::Chemical),
    ("gas attack", Sub::Chemical),
    ("sarin", Sub::Chemical),
    ("chlorine", Sub::Chemical),
    // Suicide bombs.
    ("suicide bomber", Sub::SuicideBomb),
    ("suicide bombers", Sub::SuicideBomb),
    ("suicide bombing", Sub::SuicideBomb),
    ("suicide bombings", Sub::SuicideBomb),
    ("suicide bomb", Sub::SuicideBomb),
    ("suicide attack", Sub::SuicideBomb),
    ("suicide attacker", Sub::SuicideBomb),
    ("suicide blast", Sub::SuicideBomb),
    ("suicide car bomb", Sub::SuicideBomb),
    ("suicide car bombs", Sub::SuicideBomb),
    ("suicide truck bomb", Sub::SuicideBomb),
    ("suicide vest", Sub::SuicideBomb),
    ("blew himself up", Sub::SuicideBomb),
    // Grenades.
    ("grenade", Sub::Grenade),
    ("grenades", Sub::Grenade),
    // IEDs and bombs.
    ("car bomb", Sub::Ied),
    ("car bombs", Sub::Ied),
    ("car bombing", Sub::Ied),
    ("truck bomb", Sub::Ied),
    ("roadside bomb", Sub::Ied),
    ("ied", Sub::Ied),
    ("ieds", Sub::Ied),
    ("improvised explosive", Sub::Ied),
    ("explosive device", Sub::Ied),
    ("explosive devices", Sub::Ied),
    ("landmine", Sub::Ied),
    ("land mine", Sub::Ied),
    ("landmines", Sub::Ied),
    ("bomb blast", Sub::Ied),
    ("bomb blasts", Sub::Ied),
    ("bomb attack", Sub::Ied),
    ("bomb attacks", Sub::Ied),
    ("bomb explosion", Sub::Ied),
    ("bomb explosions", Sub::Ied),
    ("booby-trapped", Sub::Ied),
    ("booby trapped", Sub::Ied),
    ("laden with explosives", Sub::Ied),
    ("explosion", Sub::Ied),
    ("explosions", Sub::Ied),
    ("bomb", Sub::Ied),
    ("blast", Sub::Ied),
    // Air and drone strikes.
    ("airstrike", Sub::AirStrike),
    ("airstrikes", Sub::AirStrike),
    ("air strike", Sub::AirStrike),
    ("air strikes", Sub::AirStrike),
    ("air stikes", Sub::AirStrike),
    ("air raid", Sub::AirStrike),
    ("air raids", Sub::AirStrike),
    ("air attack", Sub::AirStrike),
    ("air attacks", Sub::AirStrike),
    ("aerial bomb", Sub::AirStrike),
    ("aerial bombs", Sub::AirStrike),
    ("aerial bombardment", Sub::AirStrike),
    ("aerial bombardments", Sub::AirStrike),
    ("barrel bomb", Sub::AirStrike),
    ("barrel bombs", Sub::AirStrike),
    ("drone strike", Sub::AirStrike),
    ("drone strikes", Sub::AirStrike),
    ("warplanes", Sub::AirStrike),
    ("warplane", Sub::AirStrike),
    ("air force", Sub::AirStrike),
    ("fighter jets", Sub::AirStrike),
    ("jets", Sub::AirStrike),
    ("helicopter", Sub::AirStrike),
    ("helicopters", Sub::AirStrike),
    ("raids", Sub::AirStrike),
    ("strikes", Sub::AirStrike),
    ("strike", Sub::AirStrike),
    ("bombed", Sub::AirStrike),
    ("bombs", Sub::AirStrike),
    // Shelling, rockets, missiles.
    ("shelling", Sub::Shelling),
    ("shelled", Sub::Shelling),
    ("shells", Sub::Shelling),
    ("mortar", Sub::Shelling),
    ("mortars", Sub::Shelling),
    ("rocket", Sub::Shelling),
    ("rockets", Sub::Shelling),
    ("rocket attack", Sub::Shelling),
    ("rocket attacks", Sub::Shelling),
    ("artillery", Sub::Shelling),
    ("missile", Sub::Shelling),
    ("missiles", Sub::Shelling),
    ("bombardment", Sub::Shelling),
    // Territory.
    // "Re-" verbs with no named agent: the state taking back what it held (resolved
    // to a non-state takeover when the agent is an armed group).
    ("captured", Sub::Territory),
    ("capturing", Sub::Territory),
    ("seized", Sub::Territory),
    ("seizing", Sub::Territory),
    ("took control", Sub::Territory),
    ("taken control", Sub::Territory),
    ("seized control", Sub::Territory),
    ("overran", Sub::Territory),
    ("recaptured", Sub::GovRegains),
    ("retook", Sub::GovRegains),
    ("regained control", Sub::GovRegains),
    ("gained ground", Sub::Territory),
    ("stormed", Sub::Territory),
    ("wrested back", Sub::GovRegains),
    ("wrested control", Sub::Territory),
    ("retaken", Sub::GovRegains),
    ("retaking", Sub::GovRegains),
    ("liberated", Sub::Territory),
    ("restored control", Sub::Territory),
    ("took over", Sub::Territory),
    // Armed clashes.
    ("clashes", Sub::ArmedClash),
    ("clashed", Sub::ArmedClash),
    ("clash", Sub::ArmedClash),
    ("fighting", Sub::ArmedClash),
    ("battles", Sub::ArmedClash),
    ("battle", Sub::ArmedClash),
    ("battling", Sub::ArmedClash),
    ("firefight", Sub::ArmedClash),
    ("gun battle", Sub::ArmedClash),
    ("ambush", Sub::ArmedClash),
    ("ambushed", Sub::ArmedClash),
    ("offensive", Sub::ArmedClash),
    ("counter-offensive", Sub::ArmedClash),
    ("counteroffensive", Sub::ArmedClash),
    ("counterattack", Sub::ArmedClash),
    ("assault", Sub::ArmedClash),
    ("military operation", Sub::ArmedClash),
    // State media: "put the terrorists in the line of its fire".
    ("line of its fire", Sub::ArmedClash),
    ("line of fire", Sub::ArmedClash),
    ("engaged", Sub::ArmedClash),
    // Violence against civilians.
    ("executed", Sub::CivAttack),
    ("execution", Sub::CivAttack),
    ("executions", Sub::CivAttack),
    ("massacre", Sub::CivAttack),
    ("massacred", Sub::CivAttack),
    ("shot dead", Sub::CivAttack),
    ("sniper", Sub::CivAttack),
    ("snipers", Sub::CivAttack),
    ("sniping", Sub::CivAttack),
    ("explosive bullets", Sub::CivAttack),
    ("beheaded", Sub::CivAttack),
    ("stabbed", Sub::CivAttack),
    ("kidnapped", Sub::Abduction),
    ("kidnapping", Sub::Abduction),
    ("abducted", Sub::Abduction),
    ("abduction", Sub::Abduction),
    ("taken hostage", Sub::Abduction),
    // Protests, riots, arrests.
    ("protest", Sub::Protest),
    ("protests", Sub::Protest),
    ("protesters", Sub::Protest),
    ("protestors", Sub::Protest),
    ("demonstrators", Sub::Protest),
    ("demonstration", Sub::Protest),
    ("demonstrations", Sub::Protest),
    ("riot", Sub::Riot),
    ("riots", Sub::Riot),
    ("rioters", Sub::Riot),
    ("arrested", Sub::Arrests),
    ("detained", Sub::Arrests),
    ("rounded up", Sub::Arrests),
    // Generic.
    ("attack", Sub::GenericAttack),
    ("attacks", Sub::GenericAttack),
    ("attacked", Sub::GenericAttack),
    ("attacking", Sub::GenericAttack),
    ("targeted", Sub::GenericAttack),
    ("killed", Sub::Kill),
    ("killing", Sub::Kill),
    ("kill", Sub::Kill),
    ("kills", Sub::Kill),
];

/// What an actor phrase denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A state's military (`Military Forces of X`).
    Military,
    /// A state's police (`Police Forces of X`).
    Police,
    /// A named armed group (name given).
    Group,
    /// Unnamed rebels (`Rebel Groups (X)`).
    Rebels,
    /// Unknown armed men (`Unidentified Armed Group (X)`).
    Unidentified,
    /// Civilians (`Civilians (X)`).
    Civilians,
}

/// An actor phrase: its kind, and the country (ISO) or the group's ACLED name.
#[derive(Debug, Clone, Copy)]
pub struct ActorEntry {
    /// Kind.
    pub kind: ActorKind,
    /// ISO country for state forces; ACLED name for groups; empty for "the country of
    /// the event" (e.g. bare "army", "civilians").
    pub who: &'static str,
}

const fn a(kind: ActorKind, who: &'static str) -> ActorEntry {
    ActorEntry { kind, who }
}

/// Named armed groups and fixed phrases.
const ACTORS: &[(&str, ActorEntry)] = &[
    ("taliban", a(ActorKind::Group, "Taliban")),
    ("talibs", a(ActorKind::Group, "Taliban")),
    ("islamic state", a(ActorKind::Group, "Islamic State")),
    ("daesh", a(ActorKind::Group, "Islamic State")),
    ("isis", a(ActorKind::Group, "Islamic State")),
    ("isil", a(ActorKind::Group, "Islamic State")),
    ("is militants", a(ActorKind::Group, "Islamic State")),
    ("is fighters", a(ActorKind::Group, "Islamic State")),
    ("is group", a(ActorKind::Group, "Islamic State")),
    ("al-nusra", a(ActorKind::Group, "Al-Nusra Front")),
    ("al nusra", a(ActorKind::Group, "Al-Nusra Front")),
    ("nusra front", a(ActorKind::Group, "Al-Nusra Front")),
    ("jabhat al-nusra", a(ActorKind::Group, "Al-Nusra Front")),
    ("jabhat fath al sham", a(ActorKind::Group, "Al-Nusra Front")),
    (
        "jabhat fateh al-sham",
        a(ActorKind::Group, "Al-Nusra Front"),
    ),
    ("fateh al-sham", a(ActorKind::Group, "Al-Nusra Front")),
    (
        "hayat tahrir al-sham",
        a(ActorKind::Group, "Hayat Tahrir al-Sham"),
    ),
    (
        "syrian democratic forces",
        a(ActorKind::Group, "Syrian Democratic Forces"),
    ),
    ("sdf", a(ActorKind::Group, "Syrian Democratic Forces")),
    ("ypg", a(ActorKind::Group, "YPG")),
    ("kurdish fighters", a(ActorKind::Group, "YPG")),
    ("kurdish militia", a(ActorKind::Group, "YPG")),
    ("kurds", a(ActorKind::Group, "YPG")),
    ("asayish", a(ActorKind::Group, "Asayish")),
    ("jaish al-islam", a(ActorKind::Group, "Jaish al-Islam")),
    ("jaish al islam", a(ActorKind::Group, "Jaish al-Islam")),
    ("hezbollah", a(ActorKind::Group, "Hezbollah")),
    ("al-qaeda", a(ActorKind::Group, "Al Qaeda")),
    ("al qaeda", a(ActorKind::Group, "Al Qaeda")),
    ("free syrian army", a(ActorKind::Group, "Free Syrian Army")),
    ("al-shabaab", a(ActorKind::Group, "Al-Shabaab")),
    ("boko haram", a(ActorKind::Group, "Boko Haram")),
    ("houthis", a(ActorKind::Group, "Houthis")),
    ("houthi", a(ActorKind::Group, "Houthis")),
    ("us-led coalition", a(ActorKind::Group, "US-led Coalition")),
    (
        "u.s.-led coalition",
        a(ActorKind::Group, "US-led Coalition"),
    ),
    (
        "international coalition",
        a(ActorKind::Group, "US-led Coalition"),
    ),
    ("russian and syrian", a(ActorKind::Military, "RU")),
    ("russian and regime", a(ActorKind::Military, "RU")),
    ("russian or syrian", a(ActorKind::Military, "RU")),
    ("syrian and russian", a(ActorKind::Military, "SY")),
    ("syrian or russian", a(ActorKind::Military, "SY")),
    ("regime and russian", a(ActorKind::Military, "SY")),
    ("assad regime", a(ActorKind::Military, "SY")),
    ("syrian regime", a(ActorKind::Military, "SY")),
    ("regime", a(ActorKind::Military, "SY")),
    ("pro-regime forces", a(ActorKind::Military, "SY")),
    ("pro-government forces", a(ActorKind::Military, "SY")),
    ("syaaf", a(ActorKind::Military, "SY")),
    ("rebels", a(ActorKind::Rebels, "")),
    ("rebel", a(ActorKind::Rebels, "")),
    ("rebel fighters", a(ActorKind::Rebels, "")),
    ("opposition fighters", a(ActorKind::Rebels, "")),
    ("insurgents", a(ActorKind::Rebels, "")),
    ("militants", a(ActorKind::Unidentified, "")),
    ("terrorists", a(ActorKind::Unidentified, "")),
    ("gunmen", a(ActorKind::Unidentified, "")),
    ("armed men", a(ActorKind::Unidentified, "")),
    ("army", a(ActorKind::Military, "")),
    ("troops", a(ActorKind::Military, "")),
    ("soldiers", a(ActorKind::Military, "")),
    ("government forces", a(ActorKind::Military, "")),
    ("security forces", a(ActorKind::Military, "")),
    ("air force", a(ActorKind::Military, "")),
    ("military", a(ActorKind::Military, "")),
    ("police", a(ActorKind::Police, "")),
    ("policemen", a(ActorKind::Police, "")),
    ("police officers", a(ActorKind::Police, "")),
    ("civilians", a(ActorKind::Civilians, "")),
    ("civilian", a(ActorKind::Civilians, "")),
    ("children", a(ActorKind::Civilians, "")),
    ("people", a(ActorKind::Civilians, "")),
    ("residents", a(ActorKind::Civilians, "")),
    ("women", a(ActorKind::Civilians, "")),
    ("families", a(ActorKind::Civilians, "")),
    ("worshippers", a(ActorKind::Civilians, "")),
    ("villagers", a(ActorKind::Civilians, "")),
    ("students", a(ActorKind::Civilians, "")),
];

/// Nationality adjectives for state forces.
const NATIONALITIES: &[(&str, &str)] = &[
    ("syrian", "SY"),
    ("russian", "RU"),
    ("afghan", "AF"),
    ("israeli", "IL"),
    ("turkish", "TR"),
    ("iraqi", "IQ"),
    ("american", "US"),
    ("u.s.", "US"),
    ("us", "US"),
    ("iranian", "IR"),
    ("jordanian", "JO"),
    ("lebanese", "LB"),
    ("pakistani", "PK"),
    ("yemeni", "YE"),
    ("saudi", "SA"),
    ("french", "FR"),
    ("british", "GB"),
];

/// Nouns that, after a nationality, name that state's military (or police).
const FORCE_NOUNS: &[(&str, ActorKind)] = &[
    ("army", ActorKind::Military),
    ("forces", ActorKind::Military),
    ("troops", ActorKind::Military),
    ("soldiers", ActorKind::Military),
    ("military", ActorKind::Military),
    ("air force", ActorKind::Military),
    ("warplanes", ActorKind::Military),
    ("jets", ActorKind::Military),
    ("fighter jets", ActorKind::Military),
    ("aircraft", ActorKind::Military),
    ("helicopters", ActorKind::Military),
    ("airstrike", ActorKind::Military),
    ("airstrikes", ActorKind::Military),
    ("air strike", ActorKind::Military),
    ("air strikes", ActorKind::Military),
    ("air raids", ActorKind::Military),
    ("raids", ActorKind::Military),
    ("strikes", ActorKind::Military),
    ("government forces", ActorKind::Military),
    ("security forces", ActorKind::Military),
    ("regime", ActorKind::Military),
    ("government", ActorKind::Military),
    ("artillery", ActorKind::Military),
    ("navy", ActorKind::Military),
    ("police", ActorKind::Police),
    ("policemen", ActorKind::Police),
    ("police officers", ActorKind::Police),
    ("civilians", ActorKind::Civilians),
    ("children", ActorKind::Civilians),
];

/// Source cues: parties to the conflict and their media (the record is `claimed` when
/// these are its only sources).
pub const PARTY_SOURCES: &[&str] = &[
    "sana",
    "state media",
    "state tv",
    "state television",
    "state news agency",
    "official news agency",
    "military source",
    "military sources",
    "army said",
    "army statement",
    "army command",
    "general command",
    "military statement",
    "ministry of defence",
    "defence ministry",
    "defense ministry",
    "al-manar",
    "al manar",
    "al masdar",
    "al-masdar",
    "amn",
    "al-alam",
    "al alam",
    "russian center",
    "russian coordination center",
    "coordination center",
    "police command",
    "opposition statement",
    "revolution general commission",
    "srgc",
    "amaq",
    "taliban spokesman",
];

/// Source cues: neutral sources (the record is `reported` when one is present).
pub const NEUTRAL_SOURCES: &[&str] = &[
    "observatory",
    "sohr",
    "monitor",
    "activists",
    "activist",
    "civil defense",
    "civil defence",
    "white helmets",
    "unicef",
    "united nations",
    "u.n.",
    "officials said",
    "official said",
    "officials say",
    "medical sources",
    "medics",
    "witnesses",
    "residents said",
    "reuters",
    "afp",
    "human rights",
    "network for human rights",
    "governor",
    "hospital",
];

/// Kinds of cue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A modal or negation that makes the trigger not (yet) an incident.
    Irrealis,
    /// History or running statistics.
    History,
    /// A roll-up over the whole country.
    RollUp,
    /// "claimed to have".
    Claim,
    /// An updated toll.
    Update,
    /// Explicitly no casualties.
    NoCasualties,
    /// "backed by": the trigger is support, not the incident.
    Backing,
    /// "overnight" / "last night".
    Overnight,
}

const CUES: &[(&str, Cue)] = &[
    ("will", Cue::Irrealis),
    ("would", Cue::Irrealis),
    ("could", Cue::Irrealis),
    ("might", Cue::Irrealis),
    ("may", Cue::Irrealis),
    ("plan", Cue::Irrealis),
    ("plans", Cue::Irrealis),
    ("planned", Cue::Irrealis),
    ("planning", Cue::Irrealis),
    ("threatened", Cue::Irrealis),
    ("threatens", Cue::Irrealis),
    ("threat", Cue::Irrealis),
    ("threats", Cue::Irrealis),
    ("warned", Cue::Irrealis),
    ("denied", Cue::Irrealis),
    ("denies", Cue::Irrealis),
    ("aimed at", Cue::Irrealis),
    ("meant to", Cue::Irrealis),
    ("intended to", Cue::Irrealis),
    ("in a bid to", Cue::Irrealis),
    ("attempting to", Cue::Irrealis),
    ("trying to", Cue::Irrealis),
    ("preparing", Cue::Irrealis),
    ("to prevent", Cue::Irrealis),
    ("to end", Cue::Irrealis),
    ("to halt", Cue::Irrealis),
    ("expected to", Cue::Irrealis),
    ("set to", Cue::Irrealis),
    ("if", Cue::Irrealis),
    ("since", Cue::History),
    ("percent of the country", Cue::History),
    ("per cent of the country", Cue::History),
    ("% of the country", Cue::History),
    ("so far", Cue::History),
    ("previously", Cue::History),
    ("has previously", Cue::History),
    ("to date", Cue::History),
    ("in recent days", Cue::History),
    ("in recent weeks", Cue::History),
    ("in recent months", Cue::History),
    ("in the past two weeks", Cue::History),
    ("in the past three weeks", Cue::History),
    ("in the past few weeks", Cue::History),
    ("in the past week", Cue::History),
    ("in the past month", Cue::History),
    ("in the past months", Cue::History),
    ("in the past year", Cue::History),
    ("over the past", Cue::History),
    ("civil war", Cue::History),
    ("year-old conflict", Cue::History),
    ("year-old war", Cue::History),
    ("year-long conflict", Cue::History),
    ("the conflict", Cue::History),
    ("the war", Cue::History),
    ("death toll from the", Cue::History),
    ("consecutive day", Cue::History),
    ("continue to", Cue::History),
    ("continues to", Cue::History),
    ("usually", Cue::History),
    ("across the country", Cue::RollUp),
    ("nationwide", Cue::RollUp),
    ("a series of", Cue::RollUp),
    ("in separate", Cue::RollUp),
    ("claimed to have", Cue::Claim),
    ("claims to have", Cue::Claim),
    ("claimed it had", Cue::Claim),
    ("risen to", Cue::Update),
    ("rose to", Cue::Update),
    ("climbed to", Cue::Update),
    ("updated to", Cue::Update),
    ("has reached", Cue::Update),
    ("no casualties", Cue::NoCasualties),
    ("without casualties", Cue::NoCasualties),
    ("no one was hurt", Cue::NoCasualties),
    ("no one was killed", Cue::NoCasualties),
    ("no deaths", Cue::NoCasualties),
    ("backed by", Cue::Backing),
    ("supported by", Cue::Backing),
    ("overnight", Cue::Overnight),
    ("last night", Cue::Overnight),
];

/// A whole-word lexicon: an automaton plus the value of each pattern.
pub struct Lexicon<T: Copy> {
    ac: AhoCorasick,
    values: Vec<T>,
}

/// One whole-word match: byte range and value.
#[derive(Debug, Clone, Copy)]
pub struct Hit<T: Copy> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The pattern's value.
    pub value: T,
}

impl<T: Copy> Lexicon<T> {
    fn build(entries: Vec<(String, T)>) -> Option<Self> {
        let ac = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|(p, _)| p.as_str()))
            .ok()?;
        Some(Lexicon {
            ac,
            values: entries.into_iter().map(|(_, v)| v).collect(),
        })
    }

    /// Whole-word matches in `text[from..to]` (byte offsets into `text`).
    pub fn find(&self, text: &str, from: usize, to: usize) -> Vec<Hit<T>> {
        let bytes = text.as_bytes();
        let Some(hay) = text.get(from..to) else {
            return Vec::new();
        };
        self.ac
            .find_iter(hay)
            .filter_map(|m| {
                let (s, e) = (from + m.start(), from + m.end());
                let before_ok = s == 0 || !is_word_byte(bytes[s - 1]);
                let after_ok = e >= bytes.len() || !is_word_byte(bytes[e]);
                (before_ok && after_ok).then(|| Hit {
                    start: s,
                    end: e,
                    value: self.values[m.pattern().as_usize()],
                })
            })
            .collect()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80
}

/// All lexicons, built once.
pub struct Lexicons {
    /// Event triggers.
    pub triggers: Lexicon<Sub>,
    /// Actor phrases.
    pub actors: Lexicon<ActorEntry>,
    /// Source cues: `true` = party, `false` = neutral.
    pub sources: Lexicon<bool>,
    /// Other cue phrases.
    pub cues: Lexicon<Cue>,
}

/// The lexicons (compiled on first use; `None` only if an automaton cannot be built).
pub fn lexicons() -> Option<&'static Lexicons> {
    static L: OnceLock<Option<Lexicons>> = OnceLock::new();
    L.get_or_init(|| {
        let triggers = Lexicon::build(
            TRIGGERS
                .iter()
                .map(|(p, s)| ((*p).to_string(), *s))
                .collect(),
        )?;
        let mut actors: Vec<(String, ActorEntry)> =
            ACTORS.iter().map(|(p, e)| ((*p).to_string(), *e)).collect();
        for (adj, iso) in NATIONALITIES {
            for (noun, kind) in FORCE_NOUNS {
                let who = if *kind == ActorKind::Civilians {
                    ""
                } else {
                    iso
                };
                actors.push((format!("{adj} {noun}"), a(*kind, who)));
            }
        }
        let actors = Lexicon::build(actors)?;
        let mut sources: Vec<(String, bool)> = PARTY_SOURCES
            .iter()
            .map(|p| ((*p).to_string(), true))
            .collect();
        sources.extend(NEUTRAL_SOURCES.iter().map(|p| ((*p).to_string(), false)));
        let sources = Lexicon::build(sources)?;
        let cues = Lexicon::build(CUES.iter().map(|(p, c)| ((*p).to_string(), *c)).collect())?;
        Some(Lexicons {
            triggers,
            actors,
            sources,
            cues,
        })
    })
    .as_ref()
}

/// English short name of a country, for ACLED actor names ("Military Forces of Syria").
pub fn country_name(iso: &str) -> Option<&'static str> {
    Some(match iso {
        "SY" => "Syria",
        "AF" => "Afghanistan",
        "IQ" => "Iraq",
        "IL" => "Israel",
        "PS" => "Palestine",
        "YE" => "Yemen",
        "LB" => "Lebanon",
        "TR" => "Turkey",
        "RU" => "Russia",
        "US" => "the United States",
        "PK" => "Pakistan",
        "SO" => "Somalia",
        "NG" => "Nigeria",
        "LY" => "Libya",
        "EG" => "Egypt",
        "ML" => "Mali",
        "UA" => "Ukraine",
        "IR" => "Iran",
        "JO" => "Jordan",
        "SD" => "Sudan",
        "SS" => "South Sudan",
        "ET" => "Ethiopia",
        "IN" => "India",
        "MM" => "Myanmar",
        "SA" => "Saudi Arabia",
        "FR" => "France",
        "GB" => "the United Kingdom",
        "CD" => "Democratic Republic of Congo",
        "CF" => "Central African Republic",
        "BF" => "Burkina Faso",
        "NE" => "Niger",
        "KE" => "Kenya",
        "PH" => "Philippines",
        "MX" => "Mexico",
        "CO" => "Colombia",
        _ => return None,
    })
}

/// ISO code from a parenthesised or "of X" country name in an ACLED actor name.
pub fn country_of_actor(name: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "SY", "AF", "IQ", "IL", "PS", "YE", "LB", "TR", "RU", "US", "PK", "SO", "NG", "LY", "EG",
        "ML", "UA", "IR", "JO", "SD", "SS", "ET", "IN", "MM", "SA", "FR", "GB", "CD", "CF", "BF",
        "NE", "KE", "PH", "MX", "CO",
    ];
    CODES.iter().copied().find(|c| {
        country_name(c).is_some_and(|n| name.ends_with(&format!("({n})")) || name.ends_with(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_build_and_match_whole_words() {
        let l = lexicons().expect("lexicons build");
        let t = "Regime airstrikes hit the strikers; shelling followed.";
        let hits = l.triggers.find(t, 0, t.len());
        let subs: Vec<Sub> = hits.iter().map(|h| h.value).collect();
        assert_eq!(subs, vec![Sub::AirStrike, Sub::Shelling]);
        let acts = l.actors.find(t, 0, t.len());
        assert_eq!(acts.len(), 1);
        assert_eq!(acts[0].value.who, "SY");
    }

    #[test]
    fn nationality_forces_are_generated() {
        let l = lexicons().expect("lexicons build");
        let t = "Afghan policemen and Russian warplanes";
        let acts = l.actors.find(t, 0, t.len());
        assert_eq!(acts.len(), 2);
        assert_eq!(acts[0].value.kind, ActorKind::Police);
        assert_eq!(acts[0].value.who, "AF");
        assert_eq!(acts[1].value.who, "RU");
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(country_of_actor("Civilians (Syria)"), Some("SY"));
        assert_eq!(country_of_actor("Police Forces of Afghanistan"), Some("AF"));
        assert_eq!(Sub::from_name("Air/drone strike"), Some(Sub::AirStrike));
        assert_eq!(Sub::Territory.event_type(), "Battles");
    }
}
