-- Version 2: near-duplicate (syndicated copy) detection.
-- `simhash` is a 64-bit SimHash of the text's word 3-grams; `simhash_bands` holds its four
-- 16-bit bands so copies within 3 bits are found by an exact index lookup (pigeonhole).
-- `duplicate_of` links a copy to the original it repeats; copies add no events.
-- Existing rows are back-filled by the migration's Rust step.
ALTER TABLE documents ADD COLUMN simhash INTEGER;
ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE TABLE simhash_bands (
    band   INTEGER NOT NULL,
    value  INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (band, value, doc_id)
) WITHOUT ROWID;
CREATE INDEX simhash_bands_doc ON simhash_bands(doc_id);
