-- Version 1: documents, events, full-text search over title + text.
CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    content_hash    TEXT NOT NULL,
    title           TEXT,
    published       TEXT,
    publisher       TEXT,
    syndicated_from TEXT,
    language        TEXT,
    url             TEXT,
    byline          TEXT,
    source          TEXT,
    text            TEXT NOT NULL,
    layers          TEXT NOT NULL,
    ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    doc_id             TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    event_date         TEXT,
    date_precision     TEXT,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT,
    actor2             TEXT,
    country            TEXT,
    admin1             TEXT,
    admin2             TEXT,
    location           TEXT,
    latitude           REAL,
    longitude          REAL,
    location_precision TEXT,
    fatalities         INTEGER,
    injured            INTEGER,
    killed_or_wounded  INTEGER,
    modality           TEXT NOT NULL,
    notes              TEXT,
    evidence           TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_country ON events(country, admin1);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
