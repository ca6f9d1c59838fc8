-- 0002_reconcile (SQLite): what `claimledger reconcile` derives from the claims.
--
-- Copies and derivatives of documents, the features and blocks each claim was compared in,
-- the pairwise links between claims (with the rule and scores that made them), events as
-- connected components of those links, and each claim's membership with the reason it
-- joined. Nothing is deleted: a derivation no longer found is marked retracted_by_run, a
-- membership that ended gets until_run, an event absorbed by another gets merged_into.

CREATE TABLE reconcile_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    settings     TEXT NOT NULL DEFAULT '{}',   -- JSON: the thresholds the run used
    documents    INTEGER NOT NULL DEFAULT 0,   -- documents newly compared
    claims       INTEGER NOT NULL DEFAULT 0,   -- claims newly placed
    events       INTEGER NOT NULL DEFAULT 0,   -- events written (new or changed)
    derivations  INTEGER NOT NULL DEFAULT 0    -- derivation links found
);

-- One row per compared document version: its MinHash signature and rare features.
CREATE TABLE document_signatures (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    minhash     BLOB NOT NULL,                 -- uint32 hash values, little-endian
    data        TEXT NOT NULL,                 -- JSON: sentences (spans) and rare features
    run_id      INTEGER NOT NULL REFERENCES reconcile_runs(id)
);

-- Inverted index of rare features (figures, names, quotes) for candidate derivatives.
CREATE TABLE document_features (
    feature     TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (feature, document_id)
);
CREATE INDEX document_features_document ON document_features(document_id);

CREATE TABLE derivations (
    id               INTEGER PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents(id),   -- the copy or rewrite
    derived_from     TEXT NOT NULL REFERENCES documents(id),   -- the report it derives from
    kind             TEXT NOT NULL,            -- duplicate | copy | rewrite
    score            REAL NOT NULL,
    evidence         TEXT NOT NULL,            -- JSON: aligned sentence pairs, shared features, hints
    run_id           INTEGER NOT NULL REFERENCES reconcile_runs(id),
    retracted_by_run INTEGER REFERENCES reconcile_runs(id),
    UNIQUE (document_id, derived_from)
);
CREATE INDEX derivations_from ON derivations(derived_from);

-- The normalised features of a claim as reconcile compared it (JSON), once per claim.
CREATE TABLE claim_features (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id),
    role     TEXT NOT NULL,                    -- event | context | none
    data     TEXT NOT NULL,
    run_id   INTEGER NOT NULL REFERENCES reconcile_runs(id)
);

-- Blocking keys (country|family|week): claims are only compared within a block.
CREATE TABLE claim_blocks (
    block    TEXT NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    PRIMARY KEY (block, claim_id)
);
CREATE INDEX claim_blocks_claim ON claim_blocks(claim_id);

-- Pairwise links (claim_a < claim_b) and why: the rule and its component scores.
CREATE TABLE claim_links (
    claim_a  TEXT NOT NULL REFERENCES claims(id),
    claim_b  TEXT NOT NULL REFERENCES claims(id),
    rule     TEXT NOT NULL,
    score    REAL NOT NULL,
    evidence TEXT NOT NULL,                    -- JSON: component scores
    run_id   INTEGER NOT NULL REFERENCES reconcile_runs(id),
    PRIMARY KEY (claim_a, claim_b)
);
CREATE INDEX claim_links_b ON claim_links(claim_b);

CREATE TABLE events (
    id          TEXT PRIMARY KEY,              -- "e_" + hash of its smallest member claim id
    type        TEXT NOT NULL,                 -- the members' most specific claim type
    time_start  TEXT,
    time_end    TEXT,
    country     TEXT,
    place       TEXT,
    status      TEXT NOT NULL,                 -- single-source | corroborated | disputed | confirmed
    claims      INTEGER NOT NULL DEFAULT 0,    -- member claims (not context)
    parties     TEXT NOT NULL DEFAULT '|',     -- "|UA|US|": the claimants' parties, for filtering
    data        TEXT NOT NULL,                 -- JSON summary: parties, origins, estimates, timeline
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    run_id      INTEGER NOT NULL REFERENCES reconcile_runs(id),
    merged_into TEXT REFERENCES events(id)     -- set when a later run joined it into another event
);
CREATE INDEX events_time ON events(time_start, time_end);
CREATE INDEX events_status ON events(status);

CREATE TABLE event_claims (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL REFERENCES events(id),
    claim_id  TEXT NOT NULL REFERENCES claims(id),
    role      TEXT NOT NULL,                   -- member | context
    rule      TEXT NOT NULL,                   -- why it joined (the strongest link's rule)
    score     REAL NOT NULL,
    evidence  TEXT NOT NULL,                   -- JSON: the link it joined by, with its scores
    run_id    INTEGER NOT NULL REFERENCES reconcile_runs(id),
    until_run INTEGER REFERENCES reconcile_runs(id)  -- set when the membership ended
);
CREATE INDEX event_claims_event ON event_claims(event_id);
CREATE INDEX event_claims_claim ON event_claims(claim_id);
