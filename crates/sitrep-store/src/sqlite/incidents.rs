//! Incidents in SQLite: reconciliation inside the upsert transaction (new reports attach
//! to stored incidents), recompute from scratch, incident queries and dataset imports.
//!
//! The matching and the figures are [`crate::reconcile`]'s; this module only reads rows,
//! seeds the clusterer with stored incidents and writes the results.

use super::{
    add, enum_name, enum_parse, event_rows, push_filter, to_json, u64_from, u64_sql, Page,
};
use crate::reconcile::{
    self, build_incident, Incident, IncidentCache, IncidentDb, IncidentReport, NearRow, Select,
    NEAR_SQL,
};
use crate::{EventFilter, EventRow, ImportedEvent, IncidentCursor, ReconcileSummary, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, Transaction};
use std::path::Path;

fn user_err(e: StoreError) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

/// Reads rows matching `extra` into a vector.
fn rows(conn: &Connection, extra: &[(&str, Value)]) -> rusqlite::Result<Vec<EventRow>> {
    let mut out = Vec::new();
    event_rows(
        conn,
        Path::new("(transaction)"),
        &EventFilter::default(),
        Page::All,
        extra,
        &mut |r| {
            out.push(r);
            Ok(())
        },
    )?
    .map_err(user_err)?;
    Ok(out)
}

/// A JSON array of strings (for `json_each`).
fn json_list(ids: &[String]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// The SQLite side of [`IncidentDb`]: a connection inside a write transaction.
struct Db<'a>(&'a Connection);

impl IncidentDb for Db<'_> {
    type Error = rusqlite::Error;

    fn rows(&mut self, sel: Select<'_>) -> rusqlite::Result<Vec<EventRow>> {
        match sel {
            Select::Incidents(ids) => rows(
                self.0,
                &[(
                    " AND e.incident_id IN (SELECT value FROM json_each(?))",
                    Value::Text(json_list(ids)),
                )],
            ),
            Select::Pending => rows(self.0, &[(" AND e.incident_id IS NULL", Value::Null)]),
        }
    }

    fn near(&mut self, country: &str, from: &str, until: &str) -> rusqlite::Result<Vec<NearRow>> {
        let mut st = self.0.prepare_cached(NEAR_SQL)?;
        let rows = st.query_map(params![country, from, until], |r| {
            Ok(NearRow {
                incident_id: r.get(0)?,
                event_date: r.get(1)?,
                date_precision: enum_parse(r.get(2)?),
                location_precision: enum_parse(r.get(3)?),
                admin1: r.get(4)?,
            })
        })?;
        rows.collect()
    }

    fn write(&mut self, i: &Incident, attach: &[i64]) -> rusqlite::Result<()> {
        write_incident_row(self.0, i)?;
        let mut up = self
            .0
            .prepare_cached("UPDATE events SET incident_id = ?1 WHERE id = ?2")?;
        for id in attach {
            up.execute(params![i.incident_id, id])?;
        }
        Ok(())
    }

    fn delete(&mut self, id: &str) -> rusqlite::Result<()> {
        self.0
            .prepare_cached("DELETE FROM incidents WHERE incident_id = ?1")?
            .execute([id])?;
        Ok(())
    }

    fn clear(&mut self) -> rusqlite::Result<()> {
        self.0.execute_batch(
            "DELETE FROM incidents WHERE dataset = 'sitrep';
             UPDATE events SET incident_id = NULL WHERE dataset = 'sitrep';",
        )
    }
}

/// Remembers the incidents of `doc_id`'s events before they are deleted, so they are
/// rebuilt from their remaining reports.
pub(crate) fn note_dirty(
    tx: &Transaction,
    doc_id: &str,
    dirty: &mut Vec<String>,
) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "SELECT DISTINCT incident_id FROM events WHERE doc_id = ?1 AND incident_id IS NOT NULL",
    )?;
    let ids = st.query_map([doc_id], |r| r.get::<_, String>(0))?;
    for id in ids {
        dirty.push(id?);
    }
    Ok(())
}

/// Writes (replaces) one incident and points its reports at it.
pub(crate) fn write_incident(tx: &Connection, i: &Incident) -> rusqlite::Result<()> {
    write_incident_row(tx, i)?;
    let mut up = tx.prepare_cached("UPDATE events SET incident_id = ?1 WHERE event_id = ?2")?;
    for r in &i.reports {
        up.execute(params![i.incident_id, r.event_id])?;
    }
    Ok(())
}

/// Writes (replaces) the incident record only.
fn write_incident_row(tx: &Connection, i: &Incident) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO incidents(incident_id, dataset, country, admin1, location,
            latitude, longitude, location_precision, event_date, date_precision, event_type,
            sub_event_type, actor1, actor2, fatalities, fatalities_low, fatalities_high,
            injured, claimed_fatalities, disputed, n_reports, reports)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        i.incident_id,
        i.dataset,
        i.country,
        i.admin1,
        i.location,
        i.latitude,
        i.longitude,
        i.location_precision.as_ref().and_then(enum_name),
        i.event_date,
        i.date_precision.as_ref().and_then(enum_name),
        i.event_type,
        i.sub_event_type,
        i.actor1,
        i.actor2,
        u64_sql(i.fatalities),
        u64_sql(i.fatalities_low),
        u64_sql(i.fatalities_high),
        u64_sql(i.injured),
        u64_sql(i.claimed_fatalities),
        i.disputed,
        i.n_reports as i64,
        to_json(&i.reports)?,
    ])?;
    Ok(())
}

/// Recomputes every incident from scratch.
pub(crate) fn reconcile_all(tx: &Connection) -> rusqlite::Result<ReconcileSummary> {
    reconcile::reconcile_from_scratch(&mut Db(tx))
}

/// Attaches new reports to incidents and rebuilds the `dirty` ones (see
/// [`reconcile::reconcile_pending`]).
pub(crate) fn reconcile_pending(
    tx: &Transaction,
    dirty: &[String],
    cache: &mut IncidentCache,
) -> rusqlite::Result<ReconcileSummary> {
    reconcile::reconcile_pending(&mut Db(tx), dirty, cache)
}

/// Streams incidents matching `filter` after the cursor `after` (or only the one with id
/// `only`), in (event_date, incident_id) order.
pub(crate) fn incident_rows(
    conn: &Connection,
    path: &Path,
    filter: &EventFilter,
    after: Option<&IncidentCursor>,
    only: Option<&str>,
    f: &mut dyn FnMut(Incident) -> Result<(), StoreError>,
) -> rusqlite::Result<Result<usize, StoreError>> {
    let mut sql = String::from(
        "SELECT i.incident_id, i.dataset, i.country, i.admin1, i.location, i.latitude,
            i.longitude, i.location_precision, i.event_date, i.date_precision, i.event_type,
            i.sub_event_type, i.actor1, i.actor2, i.fatalities, i.fatalities_low,
            i.fatalities_high, i.injured, i.claimed_fatalities, i.disputed, i.n_reports,
            i.reports
         FROM incidents i WHERE 1 = 1",
    );
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    push_filter(&mut sql, &mut args, filter, "i");
    if let Some(id) = only {
        add(
            &mut sql,
            &mut args,
            " AND i.incident_id = ?",
            Box::new(id.to_string()),
        );
    }
    if let Some(c) = after {
        args.push(Box::new(c.incident_id.clone()));
        let id_arg = args.len();
        let date_arg = c.event_date.as_ref().map(|d| {
            args.push(Box::new(d.clone()));
            args.len()
        });
        sql.push_str(&crate::query::keyset_after(
            "i",
            "incident_id",
            id_arg,
            date_arg,
            crate::query::Dialect::Sqlite,
        ));
    }
    sql.push_str(" ORDER BY i.event_date, i.incident_id");
    if let Some(l) = filter.limit {
        sql.push_str(&format!(" LIMIT {l}"));
    }
    let mut st = conn.prepare(&sql)?;
    let mut q = st.query(rusqlite::params_from_iter(args.iter()))?;
    let mut n = 0;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let reports_json: String = r.get(21)?;
        let reports: Vec<IncidentReport> = match serde_json::from_str(&reports_json) {
            Ok(v) => v,
            Err(e) => {
                return Ok(Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    doc: id,
                    what: "incident reports",
                    message: e.to_string(),
                }))
            }
        };
        let n_reports: i64 = r.get(20)?;
        let inc = Incident {
            incident_id: id,
            dataset: r.get(1)?,
            country: r.get(2)?,
            admin1: r.get(3)?,
            location: r.get(4)?,
            latitude: r.get(5)?,
            longitude: r.get(6)?,
            location_precision: enum_parse(r.get(7)?),
            event_date: r.get(8)?,
            date_precision: enum_parse(r.get(9)?),
            event_type: r.get(10)?,
            sub_event_type: r.get(11)?,
            actor1: r.get(12)?,
            actor2: r.get(13)?,
            fatalities: u64_from(r.get(14)?),
            fatalities_low: u64_from(r.get(15)?),
            fatalities_high: u64_from(r.get(16)?),
            injured: u64_from(r.get(17)?),
            claimed_fatalities: u64_from(r.get(18)?),
            disputed: r.get(19)?,
            n_reports: usize::try_from(n_reports).unwrap_or(0),
            reports,
        };
        if let Err(e) = f(inc) {
            return Ok(Err(e));
        }
        n += 1;
    }
    Ok(Ok(n))
}

/// Stores an imported dataset as one pseudo-document with one event per row, each its
/// own incident (with the dataset's own low / high estimates when it gives them).
pub(crate) fn import_events(
    tx: &Transaction,
    dataset: &str,
    name: &str,
    events: &[ImportedEvent],
) -> rusqlite::Result<usize> {
    let doc_id = format!("import:{dataset}:{name}");
    tx.execute(
        "DELETE FROM incidents WHERE incident_id IN
            (SELECT incident_id FROM events WHERE doc_id = ?1)",
        [&doc_id],
    )?;
    tx.execute("DELETE FROM events WHERE doc_id = ?1", [&doc_id])?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [&doc_id])?;
    let publisher = reconcile::dataset_publisher(dataset);
    tx.execute(
        "INSERT INTO documents(id, content_hash, title, publisher, source, text, layers)
         VALUES (?1, ?2, ?3, ?4, ?5, '', '{}')",
        params![
            doc_id,
            format!("import:{}", events.len()),
            format!("{publisher} import: {name}"),
            publisher,
            name
        ],
    )?;
    super::index_fts(tx, &mut vec![tx.last_insert_rowid()])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO events(doc_id, seq, event_date, date_precision, event_type, sub_event_type,
            actor1, actor2, country, admin1, admin2, location, latitude, longitude,
            location_precision, fatalities, injured, killed_or_wounded, modality, notes, evidence,
            event_id, dataset)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, '[]', ?21, ?22)",
    )?;
    for (seq, ie) in events.iter().enumerate() {
        let e = &ie.event;
        let event_id = reconcile::event_id(&doc_id, seq);
        st.execute(params![
            doc_id,
            seq as i64,
            e.event_date,
            e.date_precision.as_ref().and_then(enum_name),
            e.event_type,
            e.sub_event_type,
            e.actor1,
            e.actor2,
            e.country,
            e.admin1,
            e.admin2,
            e.location,
            e.latitude,
            e.longitude,
            e.location_precision.as_ref().and_then(enum_name),
            u64_sql(e.fatalities),
            u64_sql(e.injured),
            u64_sql(e.killed_or_wounded),
            enum_name(&e.modality),
            ie.notes,
            event_id,
            dataset,
        ])?;
        let row = reconcile::imported_row(dataset, &doc_id, seq, ie);
        if let Some(inc) = build_incident(&[&row]).map(|i| reconcile::with_estimates(i, ie)) {
            write_incident(tx, &inc)?;
        }
    }
    Ok(events.len())
}
