//! The built-in gazetteer: GeoNames countries, first- and second-level divisions,
//! populated places of ≥ 500 people (neighbourhoods, PPLX, included) and continents, with
//! aliases and demonyms.
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

/// One gazetteer entry (its strings borrow the decoded gazetteer text).
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// What it is.
    pub kind: EntryKind,
    /// GeoNames id.
    pub geonameid: u64,
    /// GeoNames name (English admin-1 names for admin-1 entries).
    pub name: &'a str,
    /// ISO 3166-1 alpha-2 country code (empty for continents).
    pub country: &'a str,
    /// GeoNames admin-1 code within the country (empty when none).
    pub admin1: &'a str,
    /// GeoNames admin-2 code within the admin-1 (empty when none).
    pub admin2: &'a str,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Population (0 when unknown).
    pub population: u32,
    /// National capital.
    pub capital: bool,
    /// A neighbourhood: a section of a populated place (GeoNames PPLX).
    pub neighbourhood: bool,
}

/// (country, admin-1 code, admin-2 code).
type Admin2Key<'a> = (&'a str, &'a str, &'a str);

/// The decoded gazetteer with its lookup tables.
///
/// Names are indexed by the 64-bit hash of their normalised key in one sorted vector:
/// no per-key allocation, so the 600,000 keys load fast. A bucket table on the hash's top
/// bits points into that vector, so a lookup touches two cache lines instead of binary
/// searching 10 MB. A hash collision (odds ~1e-7 over the whole table) could only add a
/// spurious candidate.
#[derive(Debug)]
pub struct Gazetteer<'a> {
    /// All entries.
    pub entries: Vec<Entry<'a>>,
    /// (hash of normalised name, entry index, primary name?) sorted by hash.
    names: Vec<(u64, u32, bool)>,
    /// `buckets[b]` = index in `names` of the first hash whose top [`BUCKET_BITS`] bits
    /// are `≥ b` (one extra entry at the end: `names.len()`).
    buckets: Vec<u32>,
    /// Normalised demonym -> country entry index.
    demonyms: FxHashMap<String, u32>,
    /// (country, admin1 code) -> admin-1 entry index.
    admin1: FxHashMap<(&'a str, &'a str), u32>,
    /// (country, admin1 code, admin2 code) -> admin-2 entry index.
    admin2: FxHashMap<Admin2Key<'a>, u32>,
    /// Country code -> country entry index.
    countries: FxHashMap<&'a str, u32>,
}

/// Bits of the hash that pick a bucket (2^18 buckets of ~2.7 names each).
const BUCKET_BITS: u32 = 18;

fn bucket_of(h: u64) -> usize {
    (h >> (64 - BUCKET_BITS)) as usize
}

fn key_hash(key: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(key)
}

/// Appends one character folded for keys: Latin letters with diacritics to ASCII lower
/// case, hyphens and spaces to a space, dots and apostrophes dropped.
fn fold(c: char, out: &mut String) {
    // ASCII first (almost every character of English text), same result as below.
    if c.is_ascii() {
        match c {
            '-' | '_' | '/' => out.push(' '),
            '\'' | '`' | '.' => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c.to_ascii_lowercase()),
        }
        return;
    }
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

/// The common English ASCII form of a name, as conflict data (ACLED) writes it: diacritics
/// folded with case kept, ayn/hamza marks and backquotes dropped, runs of spaces collapsed
/// ("Nād ‘Alī" and "Nad `Ali" -> "Nad Ali"; "Deir ez-Zor" unchanged).
pub fn ascii_name(s: &str) -> String {
    if s.is_ascii() && !s.contains('`') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    for c in s.chars() {
        match c {
            '`' => {}
            '‐' | '–' | '‑' => out.push('-'),
            c if c.is_ascii() => out.push(c),
            c if c.is_whitespace() => out.push(' '),
            c => {
                buf.clear();
                fold(c, &mut buf);
                if c.is_uppercase() {
                    let mut it = buf.chars();
                    if let Some(f) = it.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(it.as_str());
                    }
                } else {
                    out.push_str(&buf);
                }
            }
        }
    }
    let mut clean = String::with_capacity(out.len());
    for w in out.split(' ').filter(|w| !w.is_empty()) {
        if !clean.is_empty() {
            clean.push(' ');
        }
        clean.push_str(w);
    }
    clean
}

/// The lookup key of a name: lower case, diacritics folded, hyphens and runs of spaces to
/// one space, dots and apostrophes dropped. A trailing dot is kept (as `.`) when `keep_dot`
/// so that abbreviations like "Ky." or "Que." only match when written with their dot.
pub fn normalize(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        let before = out.len();
        fold(c, out);
        // collapse runs of spaces (and drop leading ones) as we go
        if out.len() == before + 1
            && out.ends_with(' ')
            && (before == 0 || out[..before].ends_with(' '))
        {
            out.pop();
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
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

impl Gazetteer<'static> {
    /// The built-in gazetteer, decoded once per process (its text lives as long as the
    /// process, like the tables that point into it).
    pub fn get() -> Result<&'static Gazetteer<'static>, GazetteerError> {
        static G: OnceLock<Result<Gazetteer<'static>, String>> = OnceLock::new();
        G.get_or_init(|| {
            let text: &'static str = Box::leak(decompress(DATA)?.into_boxed_str());
            Gazetteer::from_tsv(text)
        })
        .as_ref()
        .map_err(|e| GazetteerError(e.clone()))
    }

    /// The compressed built-in data (for benchmarks).
    pub fn builtin_data() -> &'static [u8] {
        DATA
    }
}

/// Decompresses gzipped gazetteer TSV (the format `cargo xtask gazetteer` writes).
pub fn decompress(bytes: &[u8]) -> Result<String, String> {
    let mut text = String::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    Ok(text)
}

impl<'a> Gazetteer<'a> {
    /// Decodes a gazetteer from its TSV text (borrowed by the entries).
    pub fn from_tsv(text: &'a str) -> Result<Gazetteer<'a>, String> {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(230_000),
            names: Vec::with_capacity(700_000),
            buckets: Vec::new(),
            demonyms: FxHashMap::default(),
            admin1: FxHashMap::default(),
            admin2: FxHashMap::default(),
            countries: FxHashMap::default(),
        };
        let mut key = String::new();
        for (ln, line) in text.lines().enumerate() {
            let mut f = line.split('\t');
            let mut col = || f.next().unwrap_or("");
            let (kind_s, id, name, country, a1, a2, lat, lon, pop, flags, names, dems) = (
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
            );
            let kind = match kind_s {
                "c" => EntryKind::Country,
                "a1" => EntryKind::Admin1,
                "a2" => EntryKind::Admin2,
                "p" => EntryKind::Place,
                "k" => EntryKind::Continent,
                other => return Err(format!("line {}: unknown kind `{other}`", ln + 1)),
            };
            let idx = g.entries.len() as u32;
            match kind {
                EntryKind::Country => {
                    g.countries.insert(country, idx);
                }
                // former divisions and regions (flag `H`) have no code of their own
                EntryKind::Admin1 if !a1.is_empty() => {
                    g.admin1.insert((country, a1), idx);
                }
                EntryKind::Admin2 => {
                    g.admin2.insert((country, a1, a2), idx);
                }
                _ => {}
            }
            alias_key(name, &mut key);
            if key.len() >= 2 {
                g.names.push((key_hash(&key), idx, true));
            }
            for a in names.split('|').filter(|a| !a.is_empty()) {
                alias_key(a, &mut key);
                if key.len() >= 2 {
                    g.names.push((key_hash(&key), idx, false));
                }
            }
            if matches!(kind, EntryKind::Country | EntryKind::Continent) {
                for d in dems.split('|').filter(|a| !a.is_empty()) {
                    normalize(d, &mut key);
                    if !key.is_empty() {
                        g.demonyms.entry(key.clone()).or_insert(idx);
                    }
                }
            }
            g.entries.push(Entry {
                kind,
                geonameid: id.parse().unwrap_or(0),
                name,
                country,
                admin1: a1,
                admin2: a2,
                lat: lat.parse().unwrap_or(0.0),
                lon: lon.parse().unwrap_or(0.0),
                population: pop.parse().unwrap_or(0),
                capital: flags.contains('C'),
                neighbourhood: flags.contains('X'),
            });
        }
        // primary names first, so dedup keeps the primary flag
        g.names.sort_unstable_by_key(|&(h, i, p)| (h, i, !p));
        g.names.dedup_by_key(|&mut (h, i, _)| (h, i));
        g.buckets = Vec::with_capacity((1 << BUCKET_BITS) + 1);
        let mut at = 0usize;
        for b in 0..=(1usize << BUCKET_BITS) {
            while at < g.names.len() && bucket_of(g.names[at].0) < b {
                at += 1;
            }
            g.buckets.push(at as u32);
        }
        Ok(g)
    }

    /// Entries whose name or alias has the normalised `key`, with whether it is the
    /// entry's primary name.
    pub fn lookup(&self, key: &str) -> Vec<(u32, bool)> {
        let h = key_hash(key);
        let b = bucket_of(h);
        let (from, to) = match (self.buckets.get(b), self.buckets.get(b + 1)) {
            (Some(&f), Some(&t)) => (f as usize, t as usize),
            _ => (0, self.names.len()),
        };
        let bucket = &self.names[from..to];
        let lo = bucket.partition_point(|e| e.0 < h);
        bucket[lo..]
            .iter()
            .take_while(|e| e.0 == h)
            .map(|e| (e.1, e.2))
            .collect()
    }

    /// The country (or continent) a normalised demonym ("afghan", "syrians") refers to.
    pub fn demonym(&self, key: &str) -> Option<u32> {
        self.demonyms.get(key).copied()
    }

    /// The entry at `idx`.
    pub fn entry(&self, idx: u32) -> &Entry<'a> {
        &self.entries[idx as usize]
    }

    /// The country entry for an ISO code.
    pub fn country(&self, code: &str) -> Option<u32> {
        self.countries.get(code).copied()
    }

    /// The admin-1 entry containing `e` (itself when `e` is an admin-1).
    pub fn admin1_of(&self, e: &Entry<'_>) -> Option<u32> {
        if e.admin1.is_empty() {
            return None;
        }
        self.admin1.get(&(e.country, e.admin1)).copied()
    }

    /// The admin-2 entry containing `e`.
    pub fn admin2_of(&self, e: &Entry<'_>) -> Option<u32> {
        if e.admin2.is_empty() {
            return None;
        }
        self.admin2.get(&(e.country, e.admin1, e.admin2)).copied()
    }

    /// Number of distinct (name key, entry) pairs.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_shortcut_folds_like_the_general_rule() {
        for b in 0u8..128 {
            let c = char::from(b);
            let mut fast = String::new();
            fold(c, &mut fast);
            let slow = match c {
                '-' | '_' | '/' => " ".to_string(),
                '\'' | '`' | '.' => String::new(),
                c if c.is_whitespace() => " ".to_string(),
                c => c.to_lowercase().collect(),
            };
            assert_eq!(fast, slow, "{b}");
        }
    }

    #[test]
    fn ascii_names_as_conflict_data_writes_them() {
        assert_eq!(ascii_name("Nād ‘Alī"), "Nad Ali");
        assert_eq!(ascii_name("Nad `Ali"), "Nad Ali");
        assert_eq!(ascii_name("Deir ez-Zor"), "Deir ez-Zor");
        assert_eq!(ascii_name("Şanlıurfa"), "Sanliurfa");
        assert_eq!(ascii_name("Ma‘arrat an Nu‘mān"), "Maarrat an Numan");
    }

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
            .any(|(i, _)| g.entry(*i).kind == EntryKind::Admin1 && g.entry(*i).name == "Bamyan"));
        let dz = g.lookup("dayr az zawr");
        assert!(dz.iter().any(|(i, _)| g.entry(*i).name == "Deir ez-Zor"));
        let syr = g.demonym("syrian").expect("Syrian is a demonym");
        assert_eq!(g.entry(syr).country, "SY");
    }
}
