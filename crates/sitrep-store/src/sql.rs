//! The `WHERE` clauses of document listings, for both SQL dialects (those of events and
//! incidents are [`crate::query::filter_clauses`]): a [`DocFilter`] becomes conditions and
//! arguments, with placeholders (`?1` for SQLite, `$1` for PostgreSQL) and the few
//! dialect-specific pieces (case-insensitive comparison, full-text search) filled in.
//! Each backend binds the [`Arg`]s with its own driver.

use crate::DocFilter;

/// Which SQL the conditions are written in (the one enum, in [`crate::query`]).
pub(crate) use crate::query::Dialect;

/// One bound argument (the one value type, in [`crate::query`]).
pub(crate) use crate::query::SqlValue as Arg;

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
        let d = doc_conditions(&DocFilter::default(), Dialect::Postgres);
        assert_eq!(d.sql, " AND d.duplicate_of IS NULL");
    }
}
