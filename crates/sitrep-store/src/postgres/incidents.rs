//! Incidents in PostgreSQL: the same reconciliation as SQLite's (the algorithm is
//! [`crate::reconcile`]'s, run through [`IncidentDb`]), incident queries and dataset
//! imports. Kept apart from the document writer in `postgres.rs`: an upsert batch calls
//! [`dirty_before`] and [`reconcile_pending`] around its write, inside its transaction
//! and under the same advisory write lock, so concurrent writers reconcile in turn.

use super::{add, copy_staged, describe, event_row, push_filter, write_lock, EVENT_SELECT};
use crate::reconcile::{
    self, build_incident, Incident, IncidentCache, IncidentDb, IncidentReport, NearRow, Select,
    NEAR_SQL,
};
use crate::sqlite::{enum_name, enum_parse, u64_from, u64_sql};
use crate::{EventFilter, EventRow, ImportedEvent, IncidentCursor, ReconcileSummary, StoreError};
use postgres::types::{ToSql, Type};
use postgres::{Row, Statement, Transaction};

/// The PostgreSQL side of [`IncidentDb`]: a transaction and the URL for messages.
pub(super) struct Db<'a, 't> {
    /// The open transaction.
    pub tx: &'a mut Transaction<'t>,
    /// Connection URL (password hidden), for errors.
    pub url: &'a str,
    /// Incidents written since the last [`IncidentDb::flush`] (a batch writes hundreds:
    /// they go in one binary COPY rather than a round trip each).
    pub queued: Vec<Incident>,
    /// Reports to point at an incident since the last flush: (incident id, row id).
    pub attach: Vec<(String, i64)>,
}

/// The statement that writes one incident, prepared once (an import writes one per row).
pub(super) struct Writer {
    upsert: Statement,
}

impl Writer {
    /// Prepares the statement on `tx`'s connection.
    pub(super) fn new(tx: &mut Transaction) -> Result<Self, postgres::Error> {
        let params: Vec<String> = (1..=22).map(|n| format!("${n}")).collect();
        Ok(Writer {
            upsert: tx.prepare(&format!(
                "INSERT INTO incidents({INCIDENT_COLUMNS}) VALUES ({}) {ON_CONFLICT_SQL}",
                params.join(", ")
            ))?,
        })
    }
}

impl Db<'_, '_> {
    fn err(&self, e: postgres::Error) -> StoreError {
        StoreError::Postgres {
            url: self.url.to_string(),
            message: describe(&e),
            help: "the transaction was rolled back; re-running the command is safe".into(),
        }
    }

    fn query_rows(
        &mut self,
        clause: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<EventRow>, StoreError> {
        let sql = format!(
            "{EVENT_SELECT} WHERE d.duplicate_of IS NULL{clause} ORDER BY e.event_date NULLS FIRST, e.id"
        );
        let rows = self.tx.query(sql.as_str(), args).map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| {
                event_row(r).map_err(|message| StoreError::Corrupt {
                    path: self.url.into(),
                    doc: r.get(1),
                    what: "event evidence",
                    message,
                })
            })
            .collect()
    }
}

impl IncidentDb for Db<'_, '_> {
    type Error = StoreError;

    fn rows(&mut self, sel: Select<'_>) -> Result<Vec<EventRow>, StoreError> {
        match sel {
            Select::Incidents(ids) => self.query_rows(" AND e.incident_id = ANY($1)", &[&ids]),
            Select::Pending => self.query_rows(" AND e.incident_id IS NULL", &[]),
        }
    }

    fn near(&mut self, country: &str, from: &str, until: &str) -> Result<Vec<NearRow>, StoreError> {
        let sql = NEAR_SQL
            .replace("?1", "$1")
            .replace("?2", "$2")
            .replace("?3", "$3");
        let rows = self
            .tx
            .query(&sql, &[&country, &from, &until])
            .map_err(|e| self.err(e))?;
        Ok(rows
            .iter()
            .map(|r| NearRow {
                incident_id: r.get(0),
                event_date: r.get(1),
                date_precision: enum_parse(r.get(2)),
                location_precision: enum_parse(r.get(3)),
                admin1: r.get(4),
            })
            .collect())
    }

    fn write(&mut self, i: &Incident, attach: &[i64]) -> Result<(), StoreError> {
        self.attach
            .extend(attach.iter().map(|&id| (i.incident_id.clone(), id)));
        self.queued.push(i.clone());
        Ok(())
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        let queued = std::mem::take(&mut self.queued);
        let attach = std::mem::take(&mut self.attach);
        flush_writes(self.tx, &queued, &attach).map_err(|e| self.err(e))
    }

    fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM incidents WHERE incident_id = $1", &[&id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn clear(&mut self) -> Result<(), StoreError> {
        self.tx
            .batch_execute(
                "DELETE FROM incidents WHERE dataset = 'sitrep';
                 UPDATE events SET incident_id = NULL WHERE dataset = 'sitrep';",
            )
            .map_err(|e| self.err(e))
    }
}

/// The columns of `incidents`, in the order [`Values::params`] gives them.
const INCIDENT_COLUMNS: &str = "incident_id, dataset, country, admin1, location, latitude,
    longitude, location_precision, event_date, date_precision, event_type, sub_event_type,
    actor1, actor2, fatalities, fatalities_low, fatalities_high, injured,
    claimed_fatalities, disputed, n_reports, reports";

/// What an incident written again replaces.
const ON_CONFLICT_SQL: &str = "ON CONFLICT (incident_id) DO UPDATE SET
    dataset = excluded.dataset, country = excluded.country, admin1 = excluded.admin1,
    location = excluded.location, latitude = excluded.latitude,
    longitude = excluded.longitude, location_precision = excluded.location_precision,
    event_date = excluded.event_date, date_precision = excluded.date_precision,
    event_type = excluded.event_type, sub_event_type = excluded.sub_event_type,
    actor1 = excluded.actor1, actor2 = excluded.actor2,
    fatalities = excluded.fatalities, fatalities_low = excluded.fatalities_low,
    fatalities_high = excluded.fatalities_high, injured = excluded.injured,
    claimed_fatalities = excluded.claimed_fatalities, disputed = excluded.disputed,
    n_reports = excluded.n_reports, reports = excluded.reports";

/// An incident's columns as PostgreSQL takes them, in `incidents`' order
/// ([`INCIDENT_COLUMNS`]).
struct Values<'a> {
    i: &'a Incident,
    reports: String,
    n_reports: i32,
    loc_p: Option<String>,
    date_p: Option<String>,
    figures: [Option<i64>; 5],
}

impl<'a> Values<'a> {
    fn of(i: &'a Incident) -> Self {
        Values {
            i,
            reports: serde_json::to_string(&i.reports).unwrap_or_else(|_| "[]".into()),
            n_reports: i32::try_from(i.n_reports).unwrap_or(i32::MAX),
            loc_p: i.location_precision.as_ref().and_then(enum_name),
            date_p: i.date_precision.as_ref().and_then(enum_name),
            figures: [
                u64_sql(i.fatalities),
                u64_sql(i.fatalities_low),
                u64_sql(i.fatalities_high),
                u64_sql(i.injured),
                u64_sql(i.claimed_fatalities),
            ],
        }
    }

    fn params(&self) -> [&(dyn ToSql + Sync); 22] {
        let i = self.i;
        [
            &i.incident_id,
            &i.dataset,
            &i.country,
            &i.admin1,
            &i.location,
            &i.latitude,
            &i.longitude,
            &self.loc_p,
            &i.event_date,
            &self.date_p,
            &i.event_type,
            &i.sub_event_type,
            &i.actor1,
            &i.actor2,
            &self.figures[0],
            &self.figures[1],
            &self.figures[2],
            &self.figures[3],
            &self.figures[4],
            &i.disputed,
            &self.n_reports,
            &self.reports,
        ]
    }

    /// The column types of [`Values::params`], for binary COPY.
    fn types() -> Vec<Type> {
        let mut t = vec![Type::TEXT; 5];
        t.extend([Type::FLOAT8, Type::FLOAT8]);
        t.extend(vec![Type::TEXT; 7]);
        t.extend(vec![Type::INT8; 5]);
        t.extend([Type::BOOL, Type::INT4, Type::TEXT]);
        t
    }
}

/// Writes (replaces) the incident record only.
fn write_incident_row(
    tx: &mut Transaction,
    w: &Writer,
    i: &Incident,
) -> Result<(), postgres::Error> {
    tx.execute(&w.upsert, &Values::of(i).params())?;
    Ok(())
}

/// Writes queued incidents and points reports at them: each list in one binary COPY into
/// a staging table, then one statement.
fn flush_writes(
    tx: &mut Transaction,
    queued: &[Incident],
    attach: &[(String, i64)],
) -> Result<(), postgres::Error> {
    if !queued.is_empty() {
        copy_staged(tx, "sitrep_stage_incidents", &Values::types(), |w| {
            for i in queued {
                w.write(&Values::of(i).params())?;
            }
            Ok(queued.len())
        })?;
        tx.batch_execute(&format!(
            "INSERT INTO incidents({INCIDENT_COLUMNS})
                 SELECT {INCIDENT_COLUMNS} FROM sitrep_stage_incidents {ON_CONFLICT_SQL};
             DELETE FROM sitrep_stage_incidents;"
        ))?;
    }
    if !attach.is_empty() {
        copy_staged(tx, "sitrep_stage_attach", &[Type::TEXT, Type::INT8], |w| {
            for (incident, id) in attach {
                w.write(&[incident, id])?;
            }
            Ok(attach.len())
        })?;
        tx.batch_execute(
            "UPDATE events e SET incident_id = a.incident_id
                 FROM sitrep_stage_attach a WHERE e.id = a.id;
             DELETE FROM sitrep_stage_attach;",
        )?;
    }
    Ok(())
}

/// Returns (the caller holds the write lock) the incidents of the stored events of `doc_ids`
/// (about to be rewritten or kept): they are rebuilt from their remaining reports after
/// the write. Rebuilding an untouched incident gives it back unchanged.
pub(super) fn dirty_before(
    tx: &mut Transaction,
    doc_ids: &[&str],
) -> Result<Vec<String>, postgres::Error> {
    let rows = tx.query(
        "SELECT DISTINCT incident_id FROM events
         WHERE doc_id = ANY($1) AND incident_id IS NOT NULL AND dataset = 'sitrep'",
        &[&doc_ids],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Attaches new reports to incidents (see [`reconcile::reconcile_pending`]).
pub(super) fn reconcile_pending(
    tx: &mut Transaction,
    url: &str,
    dirty: &[String],
    cache: &mut IncidentCache,
) -> Result<ReconcileSummary, StoreError> {
    reconcile::reconcile_pending(
        &mut Db {
            tx,
            url,
            queued: Vec::new(),
            attach: Vec::new(),
        },
        dirty,
        cache,
    )
}

/// Recomputes every incident from scratch, under the write lock.
pub(super) fn reconcile_all(
    tx: &mut Transaction,
    url: &str,
) -> Result<ReconcileSummary, StoreError> {
    let mut db = Db {
        tx,
        url,
        queued: Vec::new(),
        attach: Vec::new(),
    };
    write_lock(db.tx).map_err(|e| db.err(e))?;
    reconcile::reconcile_from_scratch(&mut db)
}

/// The incidents matching `filter` after `after` (or the one with id `only`), in
/// (event_date, incident_id) order.
pub(super) fn incident_query(
    filter: &EventFilter,
    after: Option<&IncidentCursor>,
    only: Option<&str>,
) -> (String, Vec<Box<dyn ToSql + Sync>>) {
    let mut sql = String::from(
        "SELECT i.incident_id, i.dataset, i.country, i.admin1, i.location, i.latitude,
            i.longitude, i.location_precision, i.event_date, i.date_precision, i.event_type,
            i.sub_event_type, i.actor1, i.actor2, i.fatalities, i.fatalities_low,
            i.fatalities_high, i.injured, i.claimed_fatalities, i.disputed, i.n_reports,
            i.reports
         FROM incidents i WHERE true",
    );
    let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
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
            crate::query::Dialect::Postgres,
        ));
    }
    sql.push_str(" ORDER BY i.event_date NULLS FIRST, i.incident_id");
    if let Some(l) = filter.limit {
        sql.push_str(&format!(" LIMIT {l}"));
    }
    (sql, args)
}

/// One incident from a row of [`incident_query`]; the error is the reports JSON's.
pub(super) fn incident_of(r: &Row) -> Result<Incident, String> {
    let reports_json: String = r.get(21);
    let reports: Vec<IncidentReport> =
        serde_json::from_str(&reports_json).map_err(|e| e.to_string())?;
    let n_reports: i32 = r.get(20);
    Ok(Incident {
        incident_id: r.get(0),
        dataset: r.get(1),
        country: r.get(2),
        admin1: r.get(3),
        location: r.get(4),
        latitude: r.get(5),
        longitude: r.get(6),
        location_precision: enum_parse(r.get(7)),
        event_date: r.get(8),
        date_precision: enum_parse(r.get(9)),
        event_type: r.get(10),
        sub_event_type: r.get(11),
        actor1: r.get(12),
        actor2: r.get(13),
        fatalities: u64_from(r.get(14)),
        fatalities_low: u64_from(r.get(15)),
        fatalities_high: u64_from(r.get(16)),
        injured: u64_from(r.get(17)),
        claimed_fatalities: u64_from(r.get(18)),
        disputed: r.get(19),
        n_reports: usize::try_from(n_reports).unwrap_or(0),
        reports,
    })
}

/// Stores an imported dataset as one pseudo-document with one event per row, each its
/// own incident (as the SQLite backend's `import_events`).
pub(super) fn import_events(
    tx: &mut Transaction,
    dataset: &str,
    name: &str,
    events: &[ImportedEvent],
) -> Result<usize, postgres::Error> {
    write_lock(tx)?;
    let writer = Writer::new(tx)?;
    let doc_id = format!("import:{dataset}:{name}");
    tx.execute(
        "DELETE FROM incidents WHERE incident_id IN
            (SELECT incident_id FROM events WHERE doc_id = $1)",
        &[&doc_id],
    )?;
    tx.execute("DELETE FROM events WHERE doc_id = $1", &[&doc_id])?;
    tx.execute("DELETE FROM documents WHERE id = $1", &[&doc_id])?;
    let publisher = crate::reconcile::dataset_publisher(dataset);
    let hash = format!("import:{}:{}", doc_id, events.len());
    let title = format!("{publisher} import: {name}");
    tx.execute(
        "INSERT INTO documents(id, content_hash, title, publisher, source, text, layers)
         VALUES ($1, $2, $3, $4, $5, '', '{}')",
        &[&doc_id, &hash, &title, &publisher, &name],
    )?;
    let st = tx.prepare(
        "INSERT INTO events(doc_id, seq, event_date, date_precision, event_type, sub_event_type,
            actor1, actor2, country, admin1, admin2, location, latitude, longitude,
            location_precision, fatalities, injured, killed_or_wounded, modality, notes, evidence,
            dataset, incident_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20, '[]', $21, $22)",
    )?;
    for (seq, ie) in events.iter().enumerate() {
        let e = &ie.event;
        let row = reconcile::imported_row(dataset, &doc_id, seq, ie);
        let inc = build_incident(&[&row]).map(|i| reconcile::with_estimates(i, ie));
        let incident_id = inc.as_ref().map(|i| i.incident_id.clone());
        let seq32 = i32::try_from(seq).unwrap_or(i32::MAX);
        let (dp, lp, m) = (
            e.date_precision.as_ref().and_then(enum_name),
            e.location_precision.as_ref().and_then(enum_name),
            enum_name(&e.modality),
        );
        let (f, i, k) = (
            u64_sql(e.fatalities),
            u64_sql(e.injured),
            u64_sql(e.killed_or_wounded),
        );
        tx.execute(
            &st,
            &[
                &doc_id,
                &seq32,
                &e.event_date,
                &dp,
                &e.event_type,
                &e.sub_event_type,
                &e.actor1,
                &e.actor2,
                &e.country,
                &e.admin1,
                &e.admin2,
                &e.location,
                &e.latitude,
                &e.longitude,
                &lp,
                &f,
                &i,
                &k,
                &m,
                &ie.notes,
                &dataset,
                &incident_id,
            ],
        )?;
        if let Some(inc) = inc {
            write_incident_row(tx, &writer, &inc)?;
        }
    }
    Ok(events.len())
}
