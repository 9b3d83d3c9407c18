//! sitrep's storage layer (skeleton: documents, layers and events in SQLite).
