-- 0001_initial (SQLite): the whole ledger schema.
--
-- Nothing is ever deleted: a changed article is a new row in documents (the
-- old one gets superseded_by), a claim a newer extraction no longer produces
-- gets retracted_by_extraction. Claim ids are stable across re-extraction, so
-- annotations attached to them survive.

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,            -- Document.id: hash of identity_key + text_hash
    identity_key  TEXT NOT NULL,               -- the URL, else "text:" + text_hash
    url           TEXT,
    version       INTEGER NOT NULL,            -- 1, 2, ... per identity_key
    text          TEXT NOT NULL,
    text_hash     TEXT NOT NULL,
    title         TEXT,
    author        TEXT,
    published     TEXT,
    published_tz  TEXT,
    outlet        TEXT,
    language      TEXT,
    content_type  TEXT NOT NULL DEFAULT 'text',
    path          TEXT,
    excluded      TEXT NOT NULL DEFAULT '[]',  -- JSON [{"start", "end", "reason"}]
    truncated     INTEGER NOT NULL DEFAULT 0,
    body_start    INTEGER NOT NULL DEFAULT 0,
    meta          TEXT NOT NULL DEFAULT '{}',  -- JSON object
    ingested_at   TEXT NOT NULL,
    superseded_by TEXT REFERENCES documents(id),
    UNIQUE (identity_key, version)
);
CREATE INDEX documents_url ON documents(url);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,                 -- canonical name; unnamed sources get no row
    kind        TEXT NOT NULL,
    party       TEXT,
    affiliation TEXT,
    UNIQUE (name, kind)
);

CREATE TABLE places (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,          -- "geonames:<id>", else "name:<name>|<admin1>|<country>"
    name        TEXT NOT NULL,
    geonames_id INTEGER,
    admin1      TEXT,
    country     TEXT,
    lat         REAL,
    lon         REAL,
    feature     TEXT
);

CREATE TABLE extractions (
    id               INTEGER PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents(id),
    pipeline_version TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    claim_count      INTEGER NOT NULL DEFAULT 0,
    retracted_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX extractions_document ON extractions(document_id);

CREATE TABLE claims (
    seq                     INTEGER PRIMARY KEY,  -- stable rowid, used as the FTS rowid
    id                      TEXT NOT NULL UNIQUE, -- Claim.id: hash of document id + content span
    document_id             TEXT NOT NULL REFERENCES documents(id),
    span_start              INTEGER NOT NULL,
    span_end                INTEGER NOT NULL,
    content                 TEXT NOT NULL,
    attribution             TEXT NOT NULL,
    type                    TEXT NOT NULL,
    source_id               INTEGER REFERENCES sources(id),
    source_text             TEXT,
    source_role             TEXT,
    source_affiliation      TEXT,
    cue                     TEXT,
    cue_lemma               TEXT,
    sentence                TEXT NOT NULL,
    event_start             TEXT,
    event_end               TEXT,
    event_precision         TEXT,
    stated_start            TEXT,
    stated_end              TEXT,
    stated_precision        TEXT,
    time_start              TEXT,                 -- effective YYYY-MM-DD range for since/until:
    time_end                TEXT,                 -- event_time, else stated_at, else published
    verification            TEXT NOT NULL DEFAULT 'unknown',
    confidence              REAL,
    pipeline_version        TEXT,
    extraction_id           INTEGER REFERENCES extractions(id),  -- latest extraction that produced it
    retracted_by_extraction INTEGER REFERENCES extractions(id),  -- set when a later one did not
    data                    TEXT NOT NULL,        -- the full claim JSON (claim.schema.json)
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX claims_document ON claims(document_id, span_start, span_end);
CREATE INDEX claims_source ON claims(source_id);
CREATE INDEX claims_type ON claims(type);
CREATE INDEX claims_time ON claims(time_start, time_end);

CREATE TABLE claim_places (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    place_id INTEGER NOT NULL REFERENCES places(id),
    PRIMARY KEY (claim_id, place_id)
);
CREATE INDEX claim_places_place ON claim_places(place_id);

CREATE TABLE annotations (
    id         INTEGER PRIMARY KEY,
    claim_id   TEXT NOT NULL REFERENCES claims(id),
    author     TEXT,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX annotations_claim ON annotations(claim_id);

CREATE TABLE failures (
    id     INTEGER PRIMARY KEY,
    input  TEXT NOT NULL,
    reason TEXT NOT NULL,
    code   TEXT NOT NULL,
    at     TEXT NOT NULL
);

-- Full-text index over claims, kept in step by triggers (so every write path,
-- including an upsert's DO UPDATE, updates it in the same transaction).
CREATE VIRTUAL TABLE claims_fts USING fts5(
    content, sentence, source_name, source_text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, content, sentence, source_name, source_text)
    VALUES (new.seq, new.content, new.sentence,
            (SELECT name FROM sources WHERE id = new.source_id), new.source_text);
END;

CREATE TRIGGER claims_fts_update AFTER UPDATE OF content, sentence, source_id, source_text ON claims BEGIN
    DELETE FROM claims_fts WHERE rowid = old.seq;
    INSERT INTO claims_fts (rowid, content, sentence, source_name, source_text)
    VALUES (new.seq, new.content, new.sentence,
            (SELECT name FROM sources WHERE id = new.source_id), new.source_text);
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE rowid = old.seq;
END;
