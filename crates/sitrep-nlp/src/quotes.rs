//! The `quotes` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `quotes` stage.
#[derive(Debug, Default, Clone)]
pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.quotes.get_or_insert_with(Vec::new);
        Ok(())
    }
}
