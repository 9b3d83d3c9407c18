//! Format detection and dispatch to the per-format readers (skeleton).

use crate::{DocIter, ReadOptions};
use std::path::Path;

/// Reads one file with the reader for its format.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    crate::text::read_path(path, opts)
}
