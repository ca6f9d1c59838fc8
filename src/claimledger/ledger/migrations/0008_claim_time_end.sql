-- 0008_claim_time_end (SQLite): claims by the end of their time range.
--
-- "since" keeps claims whose time range ends on or after a date; claims_time starts with
-- time_start, so only this index finds the few claims of a recent window without reading all.

CREATE INDEX claims_time_end ON claims(time_end);
