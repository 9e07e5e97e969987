-- Data exports: one row per archive an account asked for. The archive itself is a file under
-- <data>/exports/, kept 7 days after it is ready and then deleted; the row stays (expired), so the
-- one-a-day limit and the account's history of exports still hold.
CREATE TABLE exports (
    id            INTEGER PRIMARY KEY,
    account_id    BIGINT       NOT NULL REFERENCES accounts (id),
    status        VARCHAR(16)  NOT NULL,            -- preparing, ready, failed, expired
    requested_at  BIGINT       NOT NULL,
    attempts      INTEGER      NOT NULL DEFAULT 0,  -- builds started: a server stopping mid-build starts another
    ready_at      BIGINT,
    expires_at    BIGINT,
    size_bytes    BIGINT,
    sha256        VARCHAR(64),                      -- of the whole archive file
    failure       TEXT                              -- why it failed, in words for its account
);
CREATE INDEX exports_account ON exports (account_id, requested_at);
CREATE INDEX exports_status ON exports (status, expires_at);
