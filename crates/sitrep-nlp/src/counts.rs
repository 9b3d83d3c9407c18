//! The `counts` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `counts` stage.
#[derive(Debug, Default, Clone)]
pub struct Counts;

impl Stage for Counts {
    fn name(&self) -> &'static str {
        "counts"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Times]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Counts]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.counts.get_or_insert_with(Vec::new);
        Ok(())
    }
}
