//! The `events` stage (skeleton: to be replaced by the real implementation).

use crate::stage::{Stage, StageError};
use sitrep_model::{Doc, Layer};

/// The `events` stage.
#[derive(Debug, Default, Clone)]
pub struct Events;

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Times,
            Layer::Places,
            Layer::Entities,
            Layer::Counts,
            Layer::Quotes,
        ]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.events.get_or_insert_with(Vec::new);
        Ok(())
    }
}
