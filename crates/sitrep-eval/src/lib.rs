//! sitrep's evaluation: the gold loaders and scorers behind `sitrep eval …`.
//!
//! Kept out of `sitrep-nlp` so the extraction library carries no gold formats, and out of
//! the CLI so tests and benches score the same way the commands do. One module per thing
//! scored; each reads its gold, runs the stages it needs and returns figures built from
//! the one counter pair in [`score`] ([`Prf`], [`Agreement`]):
//!
//! - [`events`]: event records against `EVENTS-GUIDE.md` gold (FA-KES JSON lines, the seed);
//! - [`incidents`]: reconciliation against hand-made incident labels;
//! - [`times`]: the `times` stage against TimeML ([`times::tml`]) or the seed's times;
//! - [`places`]: the geoparser against TR-News ([`places::trnews`]) or GeoVirus
//!   ([`places::geovirus`]);
//! - [`quotes`]: the `quotes` stage against quote gold or PolNeAR ([`quotes::polnear`]);
//! - [`extraction`]: main-content extraction from HTML (ScrapingHub benchmark layout).
//!
//! Errors name the file (and line or document) and end with a `help:` line.

pub mod events;
pub mod extraction;
pub mod incidents;
pub mod places;
pub mod quotes;
pub mod score;
pub mod times;
mod xml;

pub use score::{Agreement, Prf};
