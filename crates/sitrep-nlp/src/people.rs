//! The `people` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `people` stage.
#[derive(Debug, Default, Clone)]
pub struct People;

impl Stage for People {
    fn name(&self) -> &'static str {
        "people"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.entities.get_or_insert_with(Vec::new);
        Ok(())
    }
}
