-- 0004_ingest_runs (SQLite): what a failure was about, and extraction leases.
--
-- A failure now names the stored document it concerns (an extraction that failed or ran out of
-- time) and the stage it happened at. extraction_locks lets two ingests of the same input run at
-- once and extract each document once: an ingest takes the lease of a document before extracting
-- it, and another ingest that finds an unexpired lease leaves the document to it. Leases are
-- finished or taken over, never deleted; an ingest killed mid-way leaves a lease that expires.

ALTER TABLE failures ADD COLUMN document_id TEXT;
ALTER TABLE failures ADD COLUMN stage TEXT;          -- read | extract | store
CREATE INDEX failures_input ON failures(input);
CREATE INDEX failures_document ON failures(document_id);

CREATE TABLE extraction_locks (
    document_id      TEXT NOT NULL REFERENCES documents(id),
    pipeline_version TEXT NOT NULL,
    owner            TEXT NOT NULL,     -- host:pid:nonce of the ingest holding the lease
    claimed_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    finished_at      TEXT,
    PRIMARY KEY (document_id, pipeline_version)
);
