//! The one place the `WHERE` clauses of event and document listings are written, for
//! both SQL dialects: an [`EventFilter`] or a [`DocFilter`] becomes conditions and
//! arguments, with placeholders (`?1` for SQLite, `$1` for PostgreSQL) and the few
//! dialect-specific pieces (case-insensitive comparison, full-text search) filled in.
//! Each backend binds the [`Arg`]s with its own driver.

use crate::sqlite::u64_sql;
use crate::{countries, DocFilter, EventFilter};

/// Which SQL the conditions are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// SQLite (FTS5 table `documents_fts`, `COLLATE NOCASE`).
    Sqlite,
    /// PostgreSQL (`tsvector` column `tsv`, `lower()`).
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    Postgres,
}

/// One bound argument.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    /// A string.
    Text(String),
    /// An integer.
    Int(i64),
}

/// Conditions (each starting with ` AND `) and their arguments, in placeholder order.
#[derive(Debug, Clone)]
pub(crate) struct Conditions {
    dialect: Dialect,
    /// The SQL to append after a `WHERE …`.
    pub sql: String,
    /// Arguments: placeholder `n` is `args[n - 1]`.
    pub args: Vec<Arg>,
}

impl Conditions {
    fn new(dialect: Dialect) -> Self {
        Conditions {
            dialect,
            sql: String::new(),
            args: Vec::new(),
        }
    }

    /// Appends `clause` with every `?` bound to one new argument `v`.
    pub fn push(&mut self, clause: &str, v: Arg) {
        self.args.push(v);
        let mark = match self.dialect {
            Dialect::Sqlite => format!("?{}", self.args.len()),
            Dialect::Postgres => format!("${}", self.args.len()),
        };
        self.sql.push_str(&clause.replace('?', &mark));
    }

    /// `column = ?`, ignoring case.
    fn equal_nocase(&mut self, column: &str, v: &str) {
        let clause = match self.dialect {
            Dialect::Sqlite => format!(" AND {column} = ? COLLATE NOCASE"),
            Dialect::Postgres => format!(" AND lower({column}) = lower(?)"),
        };
        self.push(&clause, Arg::Text(v.to_string()));
    }

    /// The document `d` matches the full-text query `q`.
    fn full_text(&mut self, q: &str) {
        let clause = match self.dialect {
            Dialect::Sqlite => {
                " AND d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            }
            Dialect::Postgres => " AND d.tsv @@ websearch_to_tsquery('simple', ?)",
        };
        self.push(clause, Arg::Text(q.to_string()));
    }
}

/// Conditions on events `e` (joined with their documents `d`) that `filter` asks for;
/// the limit is the caller's.
pub(crate) fn event_conditions(filter: &EventFilter, dialect: Dialect) -> Conditions {
    let mut w = Conditions::new(dialect);
    if let Some(c) = &filter.country {
        let code = countries::code_of(c).map_or(c.as_str(), |c| c);
        w.equal_nocase("e.country", code);
    }
    if let Some(a) = &filter.admin1 {
        w.equal_nocase("e.admin1", a);
    }
    if let Some(s) = &filter.since {
        w.push(" AND e.event_date >= ?", Arg::Text(s.clone()));
    }
    if let Some(u) = &filter.until {
        // Dates may carry a time part; compare on the day.
        w.push(
            " AND substr(e.event_date, 1, 10) <= ?",
            Arg::Text(u.clone()),
        );
    }
    if let Some(t) = &filter.event_type {
        let clause = match dialect {
            Dialect::Sqlite => {
                " AND (e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE)"
            }
            Dialect::Postgres => {
                " AND (lower(e.event_type) = lower(?) OR lower(e.sub_event_type) = lower(?))"
            }
        };
        w.push(clause, Arg::Text(t.clone()));
    }
    if let Some(a) = &filter.actor {
        w.push(
            " AND (lower(e.actor1) LIKE ? OR lower(e.actor2) LIKE ?)",
            Arg::Text(format!("%{}%", a.to_lowercase())),
        );
    }
    if let Some(m) = filter.min_fatalities {
        w.push(
            " AND e.fatalities >= ?",
            Arg::Int(u64_sql(Some(m)).unwrap_or(i64::MAX)),
        );
    }
    if let Some(q) = &filter.query {
        w.full_text(q);
    }
    if let Some(id) = &filter.doc_id {
        w.push(" AND e.doc_id = ?", Arg::Text(id.clone()));
    }
    w
}

/// Conditions on documents `d` that `filter` asks for; order, limit and offset are the
/// caller's.
pub(crate) fn doc_conditions(filter: &DocFilter, dialect: Dialect) -> Conditions {
    let mut w = Conditions::new(dialect);
    if !filter.include_duplicates {
        w.sql.push_str(" AND d.duplicate_of IS NULL");
    }
    if let Some(q) = &filter.query {
        w.full_text(q);
    }
    if let Some(s) = &filter.since {
        w.push(" AND d.published >= ?", Arg::Text(s.clone()));
    }
    if let Some(u) = &filter.until {
        w.push(" AND substr(d.published, 1, 10) <= ?", Arg::Text(u.clone()));
    }
    if let Some(p) = &filter.publisher {
        w.equal_nocase("d.publisher", p);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_dialect_pieces() {
        let f = EventFilter {
            country: Some("Syria".into()),
            min_fatalities: Some(3),
            query: Some("\"Hama\"".into()),
            ..EventFilter::default()
        };
        let lite = event_conditions(&f, Dialect::Sqlite);
        assert_eq!(
            lite.sql,
            " AND e.country = ?1 COLLATE NOCASE AND e.fatalities >= ?2 AND d.rowid IN \
             (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?3)"
        );
        let pg = event_conditions(&f, Dialect::Postgres);
        assert_eq!(
            pg.sql,
            " AND lower(e.country) = lower($1) AND e.fatalities >= $2 AND d.tsv @@ \
             websearch_to_tsquery('simple', $3)"
        );
        assert_eq!(
            pg.args,
            vec![
                Arg::Text("SY".into()),
                Arg::Int(3),
                Arg::Text("\"Hama\"".into())
            ]
        );
        let d = doc_conditions(&DocFilter::default(), Dialect::Postgres);
        assert_eq!(d.sql, " AND d.duplicate_of IS NULL");
    }
}
