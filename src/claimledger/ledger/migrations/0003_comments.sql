-- 0003_comments (SQLite): readers' comments ("Leave a Reply") on events, claims and documents,
-- their moderation, and the site's own values (admin password hash, signing secret).
--
-- Comments hang on the stable ids of what they discuss (an event id, a claim id, a document
-- id), never on row numbers, so they survive re-extraction. The e-mail is stored for
-- moderation and rate limits only: no ledger method returns it.

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'claim', 'document')),
    target_id   TEXT NOT NULL,
    author_name TEXT NOT NULL,
    email       TEXT NOT NULL,               -- as typed; never shown
    email_key   TEXT NOT NULL,               -- trimmed and case-folded, for approval and limits
    website     TEXT,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    client_key  TEXT,                        -- keyed hash of the client address, for rate limits
    created_at  TEXT NOT NULL,
    moderated_at TEXT
);
CREATE INDEX comments_target ON comments(target_kind, target_id, status, id);
CREATE INDEX comments_status ON comments(status, id);
CREATE INDEX comments_email ON comments(email_key, created_at);
CREATE INDEX comments_client ON comments(client_key, created_at);

-- An e-mail address whose comment an admin approved: its later comments appear at once.
CREATE TABLE approved_commenters (
    email_key   TEXT PRIMARY KEY,
    approved_at TEXT NOT NULL
);

-- Small named values the site keeps with the ledger (admin_password: an argon2 hash;
-- secret: the key that signs form tokens and admin sessions).
CREATE TABLE site_values (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
