//! The `Stage` trait and the `Pipeline` that runs stages in order.
//!
//! A stage is one module implementing [`Stage`]: it declares the layers it `requires` and
//! the layers it `provides`, and [`Pipeline::new`] refuses an order in which a stage would
//! run before the layers it needs exist (Vector's and spaCy's discipline). Per-document
//! work is synchronous; callers parallelise across documents with rayon.

use sitrep_model::{Doc, Layer, StageRun};
use thiserror::Error;

/// An error raised by one stage on one document.
#[derive(Debug, Error)]
pub enum StageError {
    /// The document lacks a layer this stage needs.
    #[error("stage `{stage}` needs the `{layer}` layer on document `{doc}`, which is missing\nhelp: run the stage that provides `{layer}` first (see `Pipeline::new`)")]
    MissingLayer {
        /// Stage name.
        stage: &'static str,
        /// Missing layer.
        layer: &'static str,
        /// Document id.
        doc: String,
    },
    /// Anything else the stage could not do.
    #[error("stage `{stage}` failed on document `{doc}`: {message}")]
    Failed {
        /// Stage name.
        stage: &'static str,
        /// Document id.
        doc: String,
        /// What went wrong and what to do about it.
        message: String,
    },
}

/// An error building a pipeline.
#[derive(Debug, Error)]
pub enum PipelineError {
    /// A stage needs a layer that no earlier stage provides.
    #[error("stage `{stage}` requires the `{layer}` layer, but no earlier stage provides it\nhelp: put a stage that provides `{layer}` before `{stage}`")]
    Unsatisfied {
        /// Stage name.
        stage: &'static str,
        /// The missing layer.
        layer: &'static str,
    },
    /// A stage name that does not exist.
    #[error("unknown stage `{0}`\nhelp: known stages are: {1}")]
    UnknownStage(String, String),
    /// A stage could not be built (its resources failed to load).
    #[error("could not build stage `{stage}`: {message}")]
    Build {
        /// Stage name.
        stage: &'static str,
        /// Why.
        message: String,
    },
}

/// One step of extraction: reads some layers of a [`Doc`], writes others.
pub trait Stage: Send + Sync {
    /// Short name, e.g. `times`.
    fn name(&self) -> &'static str;
    /// Version of the stage's behaviour; bump when output changes.
    fn version(&self) -> &'static str {
        "1"
    }
    /// Layers that must exist before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage writes (creates, or extends when already present).
    fn provides(&self) -> &'static [Layer];
    /// Runs the stage on one document.
    fn run(&self, doc: &mut Doc) -> Result<(), StageError>;
}

/// Checks, at run time, that `doc` has every layer `stage` requires.
pub fn check_requirements(stage: &dyn Stage, doc: &Doc) -> Result<(), StageError> {
    for layer in stage.requires() {
        if !doc.has_layer(*layer) {
            return Err(StageError::MissingLayer {
                stage: stage.name(),
                layer: layer.name(),
                doc: doc.id.clone(),
            });
        }
    }
    Ok(())
}

/// An ordered list of stages whose requirements are satisfied.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Pipeline {
    /// Builds a pipeline, checking that each stage's requirements are provided by an
    /// earlier stage.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Self, PipelineError> {
        let mut have: Vec<Layer> = Vec::new();
        for s in &stages {
            for r in s.requires() {
                if !have.contains(r) {
                    return Err(PipelineError::Unsatisfied {
                        stage: s.name(),
                        layer: r.name(),
                    });
                }
            }
            have.extend_from_slice(s.provides());
        }
        Ok(Pipeline { stages })
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// The stage runs [`Pipeline::run`] records, in order: what a document extracted by
    /// this pipeline carries in `doc.stages` (a store compares it to find stale layers).
    pub fn stage_runs(&self) -> Vec<StageRun> {
        self.stages
            .iter()
            .map(|s| StageRun {
                stage: s.name().to_string(),
                version: s.version().to_string(),
            })
            .collect()
    }

    /// Runs every stage on `doc`, recording each in `doc.stages`.
    pub fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        for s in &self.stages {
            check_requirements(s.as_ref(), doc)?;
            s.run(doc)?;
            doc.stages.push(StageRun {
                stage: s.name().to_string(),
                version: s.version().to_string(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn provides(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
            if self.2.contains(&Layer::Times) {
                doc.times = Some(vec![]);
            }
            Ok(())
        }
    }

    #[test]
    fn refuses_stage_before_its_requirement() {
        let err = Pipeline::new(vec![
            Box::new(Fake("b", &[Layer::Times], &[])),
            Box::new(Fake("a", &[], &[Layer::Times])),
        ])
        .expect_err("must refuse");
        assert!(err.to_string().contains("help:"), "{err}");
    }

    #[test]
    fn runs_in_order_and_records_provenance() {
        let p = Pipeline::new(vec![
            Box::new(Fake("a", &[], &[Layer::Times])),
            Box::new(Fake("b", &[Layer::Times], &[])),
        ])
        .expect("valid");
        let mut doc = Doc::new("d", "x");
        p.run(&mut doc).expect("runs");
        assert_eq!(doc.stages.len(), 2);
        assert_eq!(doc.stages[1].stage, "b");
    }

    #[test]
    fn run_time_check_names_the_document() {
        let s = Fake("b", &[Layer::Times], &[]);
        let err = check_requirements(&s, &Doc::new("doc-7", "x")).expect_err("missing");
        assert!(err.to_string().contains("doc-7"));
    }
}
