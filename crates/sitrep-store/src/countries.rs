//! Country names and codes for the store and its exports: a re-export of the one country
//! table in `sitrep-model` (ACLED's `country` column takes [`name_of`]; `--country`
//! accepts a code or any name through [`code_of`]).

pub use sitrep_model::countries::{code_of, name_of};
