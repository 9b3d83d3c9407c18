//! The `times` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `times` stage.
#[derive(Debug, Default, Clone)]
pub struct Times;

impl Stage for Times {
    fn name(&self) -> &'static str {
        "times"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.times.get_or_insert_with(Vec::new);
        Ok(())
    }
}
