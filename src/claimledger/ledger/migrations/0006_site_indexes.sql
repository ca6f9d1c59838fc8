-- 0006_site_indexes (SQLite): what the site's pages look up, in a ledger of a million claims.
--
-- The home page lists the latest documents (newest ingested first): walk an index instead of
-- sorting every document. An event page shows the comments of the events a later reconcile
-- merged into it: find those by merged_into (only merged events have one).

CREATE INDEX documents_ingested ON documents(ingested_at);
CREATE INDEX events_merged_into ON events(merged_into) WHERE merged_into IS NOT NULL;
