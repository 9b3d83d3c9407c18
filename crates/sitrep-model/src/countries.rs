//! The one country table: ISO 3166-1 alpha-2 code, the name ACLED uses, GeoNames' English
//! name, the form after "of" in actor names, other names and nationality adjectives.
//!
//! Every crate that needs a country's name reads it here: the entities stage (to find the
//! document's country and to build "<demonym> <force>" actors), the actor names of
//! [`crate::Actor`], the store and its exports (ACLED's `country` column, `--country`).
//! The table is `data/countries.tsv` (its header documents the columns), compiled in and
//! parsed once.

use std::sync::OnceLock;

/// The table source, compiled in.
pub const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

/// One country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code ("SY").
    pub iso2: String,
    /// The name ACLED uses ("Syria", "Democratic Republic of Congo").
    pub acled: String,
    /// GeoNames' English name ("Democratic Republic of the Congo").
    pub geonames: String,
    /// The form after "of" in actor names ("the United States").
    pub of_form: String,
    /// Other names that mean the country in text ("USA", "America").
    pub names: Vec<String>,
    /// Nationality adjectives ("American", "U.S.").
    pub demonyms: Vec<String>,
}

/// Parses the table format of `data/countries.tsv`. Errors name the line.
pub fn parse(src: &str) -> Result<Vec<Country>, String> {
    let list = |s: &str| -> Vec<String> {
        if s == "-" {
            Vec::new()
        } else {
            s.split('|').map(str::to_string).collect()
        }
    };
    let mut out: Vec<Country> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 6 {
            return Err(format!(
                "data/countries.tsv line {}: expected 6 tab-separated columns, found {}\nhelp: columns are iso2, acled, geonames, of, names, demonyms",
                n + 1,
                cols.len()
            ));
        }
        out.push(Country {
            iso2: cols[0].to_string(),
            acled: cols[1].to_string(),
            geonames: cols[2].to_string(),
            of_form: cols[3].to_string(),
            names: list(cols[4]),
            demonyms: list(cols[5]),
        });
    }
    out.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    Ok(out)
}

/// The built-in table, parsed once, sorted by code (empty only if the compiled-in file
/// is malformed, which the tests rule out).
pub fn countries() -> &'static [Country] {
    static TABLE: OnceLock<Vec<Country>> = OnceLock::new();
    TABLE.get_or_init(|| parse(COUNTRIES_TSV).unwrap_or_default())
}

/// The country of an ISO2 code (case-insensitive).
pub fn by_iso(iso2: &str) -> Option<&'static Country> {
    let t = countries();
    t.binary_search_by(|c| {
        c.iso2
            .as_bytes()
            .iter()
            .map(u8::to_ascii_uppercase)
            .cmp(iso2.as_bytes().iter().map(u8::to_ascii_uppercase))
    })
    .ok()
    .map(|i| &t[i])
}

/// ACLED's name of an ISO2 code (case-insensitive).
pub fn name_of(iso2: &str) -> Option<&'static str> {
    by_iso(iso2).map(|c| c.acled.as_str())
}

/// The ISO2 code of a country given by code, ACLED name, GeoNames name or another name
/// (case-insensitive).
pub fn code_of(name_or_code: &str) -> Option<&'static str> {
    let s = name_or_code.trim();
    countries()
        .iter()
        .find(|c| {
            c.iso2.eq_ignore_ascii_case(s)
                || c.acled.eq_ignore_ascii_case(s)
                || c.geonames.eq_ignore_ascii_case(s)
                || c.names.iter().any(|n| n.eq_ignore_ascii_case(s))
        })
        .map(|c| c.iso2.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_is_unique() {
        let t = parse(COUNTRIES_TSV).expect("parses");
        assert!(t.len() > 240, "{}", t.len());
        for w in t.windows(2) {
            assert!(w[0].iso2 < w[1].iso2, "duplicate code {}", w[1].iso2);
        }
    }

    #[test]
    fn names_and_forms() {
        assert_eq!(name_of("sy"), Some("Syria"));
        assert_eq!(name_of("CD"), Some("Democratic Republic of Congo"));
        assert_eq!(
            by_iso("US").map(|c| c.of_form.as_str()),
            Some("the United States")
        );
        assert_eq!(code_of("Democratic Republic of the Congo"), Some("CD"));
        assert_eq!(code_of("america"), Some("US"));
        assert_eq!(code_of("af"), Some("AF"));
        assert!(by_iso("AF").is_some_and(|c| c.demonyms.contains(&"Afghan".to_string())));
        assert_eq!(name_of("QQ"), None);
    }

    #[test]
    fn bad_rows_name_the_line() {
        let err = parse("# h\nSY\tSyria\n").expect_err("short");
        assert!(err.contains("line 2") && err.contains("help:"), "{err}");
    }
}
