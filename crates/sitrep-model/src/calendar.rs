//! Month names, shared by every crate that reads dates (the cleaner's date lines, feed
//! dates, the `times` stage), so there is one table to fix.

/// Month number (1–12) of an English month name or abbreviation: "Sept.", "september",
/// "Jan". Case-insensitive; a trailing period is ignored.
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let p = l.get(..3)?;
    Some(match p {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("september"), Some(9));
        assert_eq!(month_number("MAY"), Some(5));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Monday"), None);
    }
}
