//! Plain-text reader (skeleton).

use crate::{DocIter, IngestError, ReadOptions};
use sitrep_model::Doc;
use std::path::Path;

/// Reads a UTF-8 text file as one document.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let res = std::fs::read_to_string(path)
        .map_err(|source| IngestError::Io {
            path: path.to_path_buf(),
            source,
        })
        .map(|text| {
            let mut d = Doc::new(path.display().to_string(), text);
            d.published = opts.published.clone();
            d
        });
    Box::new(std::iter::once(res))
}
