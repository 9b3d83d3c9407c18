//! The `entities` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `entities` stage.
#[derive(Debug, Default, Clone)]
pub struct Entities;

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Places]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.entities.get_or_insert_with(Vec::new);
        Ok(())
    }
}
