//! sitrep's extraction stages and the pipeline that runs them.
//!
//! Each stage is one module implementing [`Stage`]; [`STAGES`] lists them in their one
//! valid order, and [`default_pipeline`] builds that list. Stages read the document's
//! earlier layers and write their own, always with character offsets into `Doc::text`.
//!
//! Order: sentences → times → places → entities → people → counts → quotes → events.

pub mod counts;
pub mod entities;
pub mod events;
pub mod people;
pub mod places;
pub mod quotes;
pub mod sentences;
pub mod stage;
pub mod testing;
pub mod times;

pub use stage::{Pipeline, PipelineError, Stage, StageError};

/// Names of the built-in stages, in pipeline order.
pub const STAGES: &[&str] = &[
    "sentences",
    "times",
    "places",
    "entities",
    "people",
    "counts",
    "quotes",
    "events",
];

/// Builds one built-in stage by name.
#[allow(clippy::default_constructed_unit_structs)]
pub fn build_stage(name: &str) -> Result<Box<dyn Stage>, PipelineError> {
    Ok(match name {
        "sentences" => Box::new(sentences::Sentences),
        "times" => Box::new(times::Times::default()),
        "places" => Box::new(places::Places::new()?),
        "entities" => Box::new(entities::Entities::new()?),
        "people" => Box::new(people::People::default()),
        "counts" => Box::new(counts::Counts::default()),
        "quotes" => Box::new(quotes::Quotes::default()),
        "events" => Box::new(events::Events::new()?),
        other => {
            return Err(PipelineError::UnknownStage(
                other.to_string(),
                STAGES.join(", "),
            ))
        }
    })
}

/// Builds a pipeline of the named stages (in the order given).
pub fn pipeline_of(names: &[&str]) -> Result<Pipeline, PipelineError> {
    let stages = names
        .iter()
        .map(|n| build_stage(n))
        .collect::<Result<Vec<_>, _>>()?;
    Pipeline::new(stages)
}

/// The full pipeline: every built-in stage in order.
pub fn default_pipeline() -> Result<Pipeline, PipelineError> {
    pipeline_of(STAGES)
}
