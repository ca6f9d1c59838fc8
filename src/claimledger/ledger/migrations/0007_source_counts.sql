-- 0007_source_counts (SQLite): counting each source's claims without reading claim rows.
--
-- The site ranks sources by their live claims (not retracted, of current document versions). With
-- (source_id, retracted_by_extraction) in one index the count is an index scan; the claims of
-- superseded versions, subtracted, are found through the versions that have a successor.

CREATE INDEX claims_source_live ON claims(source_id, retracted_by_extraction);
CREATE INDEX documents_superseded ON documents(superseded_by) WHERE superseded_by IS NOT NULL;
