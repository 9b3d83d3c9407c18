//! One module per subcommand; each has `Args` (clap) and `run`.

pub mod docs;
pub mod eval_events;
pub mod eval_extraction;
pub mod eval_incidents;
pub mod eval_places;
pub mod eval_quotes;
pub mod eval_times;
pub mod events;
pub mod extract;
pub mod filter;
pub mod import;
pub mod incidents;
pub mod ingest;
pub mod report;
pub mod serve;
pub mod trend;
