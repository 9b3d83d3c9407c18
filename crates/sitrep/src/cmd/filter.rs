//! The filter options shared by `sitrep events`, `incidents`, `trend`, `compare` and
//! `report`: one set of flags, one meaning ([`sitrep_store::EventFilter`]), the same as
//! the server's query parameters.

use sitrep_store::EventFilter;

/// Filter flags (all optional; set ones combine with AND).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Country: ISO2 code (SY) or English name (Syria).
    #[arg(long)]
    pub country: Option<String>,
    /// First-level division (province / governorate), exact, case-insensitive.
    #[arg(long)]
    pub admin1: Option<String>,
    /// On or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// On or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Event type or sub-event type (e.g. Battles, "Air/drone strike").
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Part of an actor name (actor1 or actor2), case-insensitive.
    #[arg(long)]
    pub actor: Option<String>,
    /// Only records with at least this many fatalities.
    #[arg(long)]
    pub min_fatalities: Option<u64>,
    /// Full-text query (SQLite FTS5 syntax) over the source articles' title and text.
    #[arg(long, short = 'q')]
    pub query: Option<String>,
}

impl FilterArgs {
    /// The store filter these flags mean.
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            event_type: self.event_type.clone(),
            actor: self.actor.clone(),
            min_fatalities: self.min_fatalities,
            query: self.query.clone(),
            ..EventFilter::default()
        }
    }
}

/// Opens an existing database, or explains how to make one.
pub fn open_db(db: &std::path::Path) -> anyhow::Result<sitrep_store::SqliteStore> {
    if !db.exists() {
        anyhow::bail!(
            "database {} does not exist\nhelp: create it with `sitrep ingest PATH --db {}`",
            db.display(),
            db.display()
        );
    }
    Ok(sitrep_store::SqliteStore::open(db)?)
}
