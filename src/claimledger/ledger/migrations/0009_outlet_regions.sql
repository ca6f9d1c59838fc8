-- 0009_outlet_regions (SQLite): where each outlet's stories are placed.
--
-- One row per document and first-level region that its current claims' places lie in, keyed by
-- the outlet's host (places/outlet.py), written with each extraction (a document extracted again
-- has its rows replaced, as its claim_places are). An outlet's home region is read from the rows
-- of its other current documents (places/outlet_profile.py). A place resolved with the home
-- region as evidence is not written, so the home never feeds on itself. Documents extracted
-- before this migration count once they are extracted again.

CREATE TABLE outlet_regions (
    host        TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    country     TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin1      TEXT,
    PRIMARY KEY (host, document_id, country, admin1_code)
);
CREATE INDEX outlet_regions_document ON outlet_regions(document_id);
