-- 0005_attribution_kind (SQLite): what each claim attributes.
--
-- assertion | evaluation | intention | directive | perception, from the cue and its construction
-- (claim.schema.json attribution_kind). Claims stored before this migration keep NULL (not known)
-- until their document is extracted again; nothing is rewritten or deleted.

ALTER TABLE claims ADD COLUMN attribution_kind TEXT;
CREATE INDEX claims_attribution_kind ON claims(attribution_kind);
