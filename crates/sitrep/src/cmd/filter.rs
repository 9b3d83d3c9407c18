//! The filter options shared by `sitrep events`, `incidents`, `trend` and `compare`: one
//! set of flags, one meaning ([`sitrep_store::EventFilter`]), the same as the server's
//! query parameters.

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
    #[arg(long, value_parser = sitrep_store::query::parse_day)]
    pub since: Option<String>,
    /// On or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = sitrep_store::query::parse_day)]
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
    /// Words to search for in the source articles' title and text (all must occur),
    /// e.g. `al-Nusra Idlib`.
    #[arg(long, short = 'q')]
    pub query: Option<String>,
    /// Read --query as SQLite FTS5 syntax (AND, OR, NOT, NEAR, "phrases", prefix*).
    #[arg(long)]
    pub fts: bool,
}

impl FilterArgs {
    /// The store filter these flags mean (warns about a country sitrep does not know).
    pub fn filter(&self) -> EventFilter {
        if let Some(c) = &self.country {
            if sitrep_store::countries::code_of(c).is_none() {
                eprintln!(
                    "warning: `{c}` is not a country sitrep knows; nothing will match it\nhelp: use an ISO2 code (SY) or an English name (Syria)"
                );
            }
        }
        let query = self.query.as_ref().map(|q| {
            if self.fts {
                q.clone()
            } else {
                sitrep_store::query::fts_words(q)
            }
        });
        EventFilter {
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            event_type: self.event_type.clone(),
            actor: self.actor.clone(),
            min_fatalities: self.min_fatalities,
            query,
            ..EventFilter::default()
        }
    }
}
