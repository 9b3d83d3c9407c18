//! Checking and normalising what users type into queries: days and full-text searches.
//!
//! Every front end (the CLI, a server) calls these before building an
//! [`EventFilter`](crate::EventFilter) or [`DocFilter`](crate::DocFilter), so
//! `--since 2017-1-5` means the 5th of January, `--since notadate` is an error rather
//! than an empty result, and a word like `al-Nusra` is searched as a word rather than
//! read as FTS5 syntax.

/// Normalises a calendar day written `YYYY-MM-DD` (one-digit months and days allowed:
/// `2017-1-5` gives `2017-01-05`); refuses anything else, and days that do not exist
/// (`2017-02-30`, `2017-13-01`). The error says what is wrong and shows the format.
pub fn parse_day(s: &str) -> Result<String, String> {
    let bad = || format!("`{s}` is not a date: use YYYY-MM-DD, e.g. 2017-03-12");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return Err(bad());
    }
    let (y, m, d): (u32, u32, u32) = match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&m) {
        return Err(format!("`{s}`: there is no month {m} (months are 1 to 12)"));
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d == 0 || d > days {
        return Err(format!("`{s}`: that month has no day {d} (it has {days})"));
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// Turns what a user typed into an FTS5 query that searches for those words: each
/// whitespace-separated word becomes a quoted phrase (so `al-Nusra`, `U.N.` and
/// `Assad's` are words, not syntax), and the words are ANDed as FTS5 does by default.
/// Users who want FTS5 syntax (`AND`, `OR`, `NEAR`, `prefix*`, `"phrases"`) ask for it
/// (`--fts` on the command line) and the query is passed as is.
pub fn fts_words(input: &str) -> String {
    input
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The SQL dialect a filter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// SQLite (`COLLATE NOCASE`, FTS5).
    Sqlite,
    /// PostgreSQL (`lower()`, `tsvector`).
    Postgres,
}

/// The condition of the page after a cursor in `ORDER BY {t}.event_date` (undated rows
/// first), `{t}.{id_col}`: a later date, or the same date and a greater id. `id_arg` and
/// `date_arg` are the placeholder numbers of the cursor's id and date (`None`: the
/// cursor's row is undated, so every dated row and the undated ones with a greater id
/// follow).
pub(crate) fn keyset_after(
    t: &str,
    id_col: &str,
    id_arg: usize,
    date_arg: Option<usize>,
    dialect: Dialect,
) -> String {
    let mark = |n: usize| match dialect {
        Dialect::Sqlite => format!("?{n}"),
        Dialect::Postgres => format!("${n}"),
    };
    let id = mark(id_arg);
    match date_arg {
        None => format!(" AND ({t}.event_date IS NOT NULL OR {t}.{id_col} > {id})"),
        Some(d) => {
            let d = mark(d);
            format!(" AND ({t}.event_date > {d} OR ({t}.event_date = {d} AND {t}.{id_col} > {id}))")
        }
    }
}

/// A value bound to one filter clause.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SqlValue {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
}

/// The WHERE clauses of `filter` for table alias `t` (`e`: events joined with documents
/// `d`; `i`: incidents), each `" AND …"` with every `?` standing for its one value: one
/// meaning of each filter field for events and incidents, on both backends.
pub(crate) fn filter_clauses(
    filter: &crate::EventFilter,
    t: &str,
    dialect: Dialect,
) -> Vec<(String, SqlValue)> {
    let eq = |col: &str| match dialect {
        Dialect::Sqlite => format!("{t}.{col} = ? COLLATE NOCASE"),
        Dialect::Postgres => format!("lower({t}.{col}) = lower(?)"),
    };
    let fts = |d: &str| match dialect {
        Dialect::Sqlite => {
            format!("{d}.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        }
        Dialect::Postgres => format!("{d}.tsv @@ websearch_to_tsquery('simple', ?)"),
    };
    let incidents = t == "i";
    let text = |v: &str| SqlValue::Text(v.to_string());
    let mut out = Vec::new();
    if let Some(c) = &filter.country {
        let code = crate::countries::code_of(c).unwrap_or(c.as_str());
        out.push((format!(" AND {}", eq("country")), text(code)));
    }
    if let Some(a) = &filter.admin1 {
        out.push((format!(" AND {}", eq("admin1")), text(a)));
    }
    if let Some(s) = &filter.since {
        out.push((format!(" AND {t}.event_date >= ?"), text(s)));
    }
    if let Some(u) = &filter.until {
        // Dates may carry a time part; compare on the day.
        out.push((format!(" AND substr({t}.event_date, 1, 10) <= ?"), text(u)));
    }
    if let Some(ty) = &filter.event_type {
        out.push((
            format!(" AND ({} OR {})", eq("event_type"), eq("sub_event_type")),
            text(ty),
        ));
    }
    if let Some(a) = &filter.actor {
        out.push((
            format!(" AND (lower({t}.actor1) LIKE ? OR lower({t}.actor2) LIKE ?)"),
            SqlValue::Text(format!("%{}%", a.to_lowercase())),
        ));
    }
    if let Some(m) = filter.min_fatalities {
        out.push((
            format!(" AND {t}.fatalities >= ?"),
            SqlValue::Int(i64::try_from(m).unwrap_or(i64::MAX)),
        ));
    }
    if let Some(ds) = &filter.dataset {
        out.push((format!(" AND {}", eq("dataset")), text(ds)));
    }
    if let Some(q) = &filter.query {
        let clause = if incidents {
            format!(
                " AND i.incident_id IN (SELECT e2.incident_id FROM events e2 JOIN documents d2
                    ON d2.id = e2.doc_id WHERE {})",
                fts("d2")
            )
        } else {
            format!(" AND {}", fts("d"))
        };
        out.push((clause, text(q)));
    }
    if let Some(id) = &filter.doc_id {
        let clause = if incidents {
            " AND i.incident_id IN (SELECT incident_id FROM events WHERE doc_id = ?)"
        } else {
            " AND e.doc_id = ?"
        };
        out.push((clause.to_string(), text(id)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked_and_normalised() {
        assert_eq!(parse_day("2017-1-5").as_deref(), Ok("2017-01-05"));
        assert_eq!(parse_day("2016-02-29").as_deref(), Ok("2016-02-29"));
        for bad in [
            "notadate",
            "2017-02-30",
            "2017-13-01",
            "2017-00-10",
            "17-01-01",
            "2017-01-01x",
            "",
        ] {
            assert!(parse_day(bad).is_err(), "{bad}");
        }
        assert!(parse_day("2017-02-30").unwrap_err().contains("no day 30"));
    }

    #[test]
    fn plain_words_are_quoted() {
        assert_eq!(fts_words("al-Nusra"), "\"al-Nusra\"");
        assert_eq!(fts_words(" U.N.  Assad's "), "\"U.N.\" \"Assad's\"");
        assert_eq!(fts_words("say \"hi\""), "\"say\" \"\"\"hi\"\"\"");
    }
}
