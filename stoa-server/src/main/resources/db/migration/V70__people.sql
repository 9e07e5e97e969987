-- People: profiles, look-alike usernames, invite links.

-- A profile: a display name in any script (at most 64 characters, cleaned and reviewed by the
-- policy), a short bio, and an avatar (a square image, reviewed against the image banks).
ALTER TABLE accounts ADD COLUMN display_name VARCHAR(256);
ALTER TABLE accounts ADD COLUMN bio VARCHAR(1024);
ALTER TABLE accounts ADD COLUMN avatar_media_id VARCHAR(32) REFERENCES media (id);
CREATE INDEX accounts_avatar ON accounts (avatar_media_id);  -- an avatar in use is visible to anyone logged in
-- The username's confusable skeleton (org.stoa.engine.text.Skeleton): no two accounts made since
-- share one. Filled for older accounts by V71; not UNIQUE, since older databases may hold pairs.
ALTER TABLE accounts ADD COLUMN username_skeleton VARCHAR(128);
CREATE INDEX accounts_username_skeleton ON accounts (username_skeleton);

-- An invite link: whoever opens it, logged in, sends its owner a contact request in one tap.
CREATE TABLE invites (
    code        VARCHAR(32) PRIMARY KEY,              -- random, unguessable; the link carries it
    account_id  BIGINT      NOT NULL REFERENCES accounts (id),
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT,                                -- NULL: never
    max_uses    INTEGER,                               -- NULL: any number
    uses        INTEGER     NOT NULL DEFAULT 0,
    revoked_at  BIGINT
);
CREATE INDEX invites_account ON invites (account_id, created_at);
