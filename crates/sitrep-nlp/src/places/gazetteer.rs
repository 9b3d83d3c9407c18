//! The built-in gazetteer: GeoNames countries, first- and second-level divisions,
//! populated places of ≥ 1,000 people and continents, with aliases and demonyms.
//!
//! The data is `data/gazetteer.tsv.gz`, built by `cargo xtask gazetteer` from
//! `../shared/gazetteer/` and compiled into the binary with `include_bytes!`, so users need
//! no files. It is decoded once, on first use, into a [`Gazetteer`] held in a `OnceLock`:
//! a vector of entries and a hash map from normalised names (lower-cased, diacritics
//! folded, hyphens to spaces, dots and apostrophes dropped) to entry indices. Candidate
//! spans in text are looked up by the same normalisation, so lookup is one hash probe per
//! window of capitalised tokens.
//!
//! Data from GeoNames (www.geonames.org), CC BY 4.0. See NOTICE.

use rustc_hash::FxHashMap;
use std::io::Read;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../../data/gazetteer.tsv.gz");

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country (GeoNames PCLI and kin).
    Country,
    /// A first-level division.
    Admin1,
    /// A second-level division.
    Admin2,
    /// A populated place.
    Place,
    /// A continent.
    Continent,
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// GeoNames id.
    pub geonameid: u64,
    /// GeoNames name (English admin-1 names for admin-1 entries).
    pub name: Box<str>,
    /// ISO 3166-1 alpha-2 country code (empty for continents).
    pub country: Box<str>,
    /// GeoNames admin-1 code within the country (empty when none).
    pub admin1: Box<str>,
    /// GeoNames admin-2 code within the admin-1 (empty when none).
    pub admin2: Box<str>,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Population (0 when unknown).
    pub population: u32,
    /// National capital.
    pub capital: bool,
}

/// (country, admin-1 code, admin-2 code).
type Admin2Key = (Box<str>, Box<str>, Box<str>);

/// The decoded gazetteer with its lookup tables.
#[derive(Debug)]
pub struct Gazetteer {
    /// All entries.
    pub entries: Vec<Entry>,
    /// Normalised name -> (entry index, whether the key is the entry's primary name).
    names: FxHashMap<Box<str>, Vec<(u32, bool)>>,
    /// Normalised demonym -> country entry index.
    demonyms: FxHashMap<Box<str>, u32>,
    /// (country, admin1 code) -> admin-1 entry index.
    admin1: FxHashMap<(Box<str>, Box<str>), u32>,
    /// (country, admin1 code, admin2 code) -> admin-2 entry index.
    admin2: FxHashMap<Admin2Key, u32>,
    /// Country code -> country entry index.
    countries: FxHashMap<Box<str>, u32>,
}

/// Folds one character to ASCII lower case where it is a Latin letter with a diacritic;
/// returns `None` for characters dropped from keys.
fn fold(c: char, out: &mut String) {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' | 'ắ' | 'Ạ' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'ḍ' | 'Ď' | 'Đ' | 'Ḍ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė'
        | 'Ę' | 'Ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' => "e",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' | 'Ğ' | 'Ġ' | 'Ģ' => "g",
        'ĥ' | 'ħ' | 'ḥ' | 'ḩ' | 'Ḥ' | 'Ḩ' | 'ẖ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ'
        | 'ị' => "i",
        'ĵ' | 'Ĵ' => "j",
        'ķ' | 'Ķ' | 'ḳ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
        | 'Ō' | 'Ő' | 'ọ' | 'ố' | 'ồ' | 'ộ' | 'ơ' | 'ớ' => "o",
        'œ' | 'Œ' => "oe",
        'ŕ' | 'ř' | 'Ř' | 'ṛ' => "r",
        'ś' | 'ş' | 'š' | 'ŝ' | 'ș' | 'Ś' | 'Ş' | 'Š' | 'Ș' | 'ṣ' | 'Ṣ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' | 'Ţ' | 'Ť' | 'Ț' | 'ṭ' | 'Ṭ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū'
        | 'Ů' | 'ư' | 'ụ' | 'ứ' => "u",
        'ý' | 'ÿ' | 'Ý' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' | 'ẕ' | 'ẓ' | 'Ẕ' | 'Ẓ' => "z",
        'þ' | 'Þ' => "th",
        '-' | '‐' | '–' | '_' | '/' => " ",
        '\'' | '’' | 'ʻ' | 'ʼ' | 'ʾ' | 'ʿ' | '‘' | '`' | '.' => "",
        c if c.is_whitespace() => " ",
        c => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push_str(s);
}

/// The lookup key of a name: lower case, diacritics folded, hyphens and runs of spaces to
/// one space, dots and apostrophes dropped. A trailing dot is kept (as `.`) when `keep_dot`
/// so that abbreviations like "Ky." or "Que." only match when written with their dot.
pub fn normalize(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        fold(c, out);
    }
    // collapse spaces
    let mut prev_space = true;
    let mut r = String::with_capacity(out.len());
    for c in out.chars() {
        if c == ' ' {
            if !prev_space {
                r.push(' ');
            }
            prev_space = true;
        } else {
            r.push(c);
            prev_space = false;
        }
    }
    while r.ends_with(' ') {
        r.pop();
    }
    *out = r;
}

/// Key of an alias as stored: abbreviations (ending in a dot, ≤ 5 letters, no inner
/// space) keep a trailing `.` so they need the dot in the text too.
fn alias_key(s: &str, buf: &mut String) {
    normalize(s, buf);
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if s.ends_with('.') && letters <= 5 && !s.contains(' ') {
        buf.push('.');
    }
}

/// Why the gazetteer could not load (only if the built-in data is corrupt).
#[derive(Debug, thiserror::Error)]
#[error("the built-in gazetteer (crates/sitrep-nlp/data/gazetteer.tsv.gz) is unreadable: {0}\nhelp: rebuild it with `cargo xtask gazetteer` and rebuild sitrep")]
pub struct GazetteerError(String);

impl Gazetteer {
    /// The built-in gazetteer, decoded once.
    pub fn get() -> Result<&'static Gazetteer, GazetteerError> {
        static G: OnceLock<Result<Gazetteer, String>> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_gz(DATA))
            .as_ref()
            .map_err(|e| GazetteerError(e.clone()))
    }

    /// The compressed built-in data (for benchmarks of [`Gazetteer::from_gz`]).
    pub fn builtin_data() -> &'static [u8] {
        DATA
    }

    /// Decodes a gazetteer from gzipped TSV (the format `cargo xtask gazetteer` writes).
    pub fn from_gz(bytes: &[u8]) -> Result<Gazetteer, String> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        Self::from_tsv(&text)
    }

    /// Decodes a gazetteer from its TSV text.
    pub fn from_tsv(text: &str) -> Result<Gazetteer, String> {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(230_000),
            names: FxHashMap::default(),
            demonyms: FxHashMap::default(),
            admin1: FxHashMap::default(),
            admin2: FxHashMap::default(),
            countries: FxHashMap::default(),
        };
        g.names.reserve(600_000);
        let mut key = String::new();
        for (ln, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 12 {
                return Err(format!("line {}: {} columns, expected 12", ln + 1, f.len()));
            }
            let kind = match f[0] {
                "c" => EntryKind::Country,
                "a1" => EntryKind::Admin1,
                "a2" => EntryKind::Admin2,
                "p" => EntryKind::Place,
                "k" => EntryKind::Continent,
                other => return Err(format!("line {}: unknown kind `{other}`", ln + 1)),
            };
            let idx = g.entries.len() as u32;
            let e = Entry {
                kind,
                geonameid: f[1].parse().unwrap_or(0),
                name: f[2].into(),
                country: f[3].into(),
                admin1: f[4].into(),
                admin2: f[5].into(),
                lat: f[6].parse().unwrap_or(0.0),
                lon: f[7].parse().unwrap_or(0.0),
                population: f[8].parse().unwrap_or(0),
                capital: f[9].contains('C'),
            };
            match kind {
                EntryKind::Country => {
                    g.countries.insert(e.country.clone(), idx);
                }
                EntryKind::Admin1 => {
                    g.admin1.insert((e.country.clone(), e.admin1.clone()), idx);
                }
                EntryKind::Admin2 => {
                    g.admin2
                        .insert((e.country.clone(), e.admin1.clone(), e.admin2.clone()), idx);
                }
                _ => {}
            }
            alias_key(f[2], &mut key);
            let primary = key.clone();
            g.push_name(&key, idx, true);
            for a in f[10].split('|').filter(|a| !a.is_empty()) {
                alias_key(a, &mut key);
                if key != primary {
                    g.push_name(&key, idx, false);
                }
            }
            if kind == EntryKind::Country {
                for d in f[11].split('|').filter(|a| !a.is_empty()) {
                    normalize(d, &mut key);
                    if !key.is_empty() {
                        g.demonyms.entry(key.as_str().into()).or_insert(idx);
                    }
                }
            }
            g.entries.push(e);
        }
        Ok(g)
    }

    fn push_name(&mut self, key: &str, idx: u32, primary: bool) {
        if key.len() < 2 {
            return;
        }
        match self.names.get_mut(key) {
            Some(v) => {
                if !v.iter().any(|(i, _)| *i == idx) {
                    v.push((idx, primary));
                }
            }
            None => {
                self.names.insert(key.into(), vec![(idx, primary)]);
            }
        }
    }

    /// Entries whose name or alias has the normalised `key`.
    pub fn lookup(&self, key: &str) -> &[(u32, bool)] {
        self.names.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The country a normalised demonym ("afghan", "syrians") refers to.
    pub fn demonym(&self, key: &str) -> Option<u32> {
        self.demonyms.get(key).copied()
    }

    /// The entry at `idx`.
    pub fn entry(&self, idx: u32) -> &Entry {
        &self.entries[idx as usize]
    }

    /// The country entry for an ISO code.
    pub fn country(&self, code: &str) -> Option<u32> {
        self.countries.get(code).copied()
    }

    /// The admin-1 entry containing `e` (itself when `e` is an admin-1).
    pub fn admin1_of(&self, e: &Entry) -> Option<u32> {
        if e.admin1.is_empty() {
            return None;
        }
        self.admin1
            .get(&(e.country.clone(), e.admin1.clone()))
            .copied()
    }

    /// The admin-2 entry containing `e`.
    pub fn admin2_of(&self, e: &Entry) -> Option<u32> {
        if e.admin2.is_empty() {
            return None;
        }
        self.admin2
            .get(&(e.country.clone(), e.admin1.clone(), e.admin2.clone()))
            .copied()
    }

    /// Number of distinct name keys.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_spellings_to_one_key() {
        let mut a = String::new();
        normalize("Deir ez-Zor", &mut a);
        assert_eq!(a, "deir ez zor");
        normalize("Bāmyān", &mut a);
        assert_eq!(a, "bamyan");
        normalize("U.S.", &mut a);
        assert_eq!(a, "us");
    }

    #[test]
    fn loads_and_finds_countries_divisions_and_demonyms() {
        let g = Gazetteer::get().expect("built-in gazetteer loads");
        assert!(g.entries.len() > 200_000, "{}", g.entries.len());
        let af = g.lookup("afghanistan");
        assert!(af.iter().any(|(i, _)| g.entry(*i).geonameid == 1_149_361));
        let bam = g.lookup("bamiyan");
        assert!(bam
            .iter()
            .any(|(i, _)| g.entry(*i).kind == EntryKind::Admin1 && &*g.entry(*i).name == "Bamyan"));
        let dz = g.lookup("dayr az zawr");
        assert!(dz.iter().any(|(i, _)| &*g.entry(*i).name == "Deir ez-Zor"));
        let syr = g.demonym("syrian").expect("Syrian is a demonym");
        assert_eq!(&*g.entry(syr).country, "SY");
    }
}
