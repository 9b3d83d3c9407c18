//! The `places` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `places` stage.
#[derive(Debug, Default, Clone)]
pub struct Places;

impl Places {
    /// Builds the stage, loading the built-in gazetteer.
    pub fn new() -> Result<Self, crate::PipelineError> {
        Ok(Places)
    }
}

impl Stage for Places {
    fn name(&self) -> &'static str {
        "places"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Places]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.places.get_or_insert_with(Vec::new);
        Ok(())
    }
}
