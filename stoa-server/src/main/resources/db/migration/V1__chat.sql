-- Stoa chat schema. Portable SQL where it costs nothing (SQLite now, PostgreSQL later):
-- times are epoch milliseconds in BIGINT, booleans are small integers, ids come from the database.

CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    username       VARCHAR(32)  NOT NULL UNIQUE,
    password_hash  VARCHAR(200) NOT NULL,
    role           VARCHAR(16)  NOT NULL DEFAULT 'user',
    event_seq      BIGINT       NOT NULL DEFAULT 0,  -- last eventSeq handed out to this account
    created_at     BIGINT       NOT NULL
);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id),
    token_hash  VARCHAR(64) NOT NULL UNIQUE,          -- SHA-256 of the bearer token, hex
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE contact_requests (
    id          INTEGER PRIMARY KEY,
    from_id     BIGINT      NOT NULL REFERENCES accounts (id),
    to_id       BIGINT      NOT NULL REFERENCES accounts (id),
    status      VARCHAR(16) NOT NULL,                 -- pending, accepted, declined
    created_at  BIGINT      NOT NULL,
    decided_at  BIGINT
);
CREATE INDEX contact_requests_to ON contact_requests (to_id, status);
CREATE INDEX contact_requests_from ON contact_requests (from_id, status);

CREATE TABLE contacts (
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    contact_id  BIGINT NOT NULL REFERENCES accounts (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, contact_id)
);

CREATE TABLE blocks (
    blocker_id  BIGINT NOT NULL REFERENCES accounts (id),
    blocked_id  BIGINT NOT NULL REFERENCES accounts (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY,
    type             VARCHAR(16)  NOT NULL,           -- direct, group
    title            VARCHAR(100),
    direct_key       VARCHAR(50) UNIQUE,              -- 'lowId:highId' for direct chats: one per pair
    created_by       BIGINT       NOT NULL REFERENCES accounts (id),
    created_at       BIGINT       NOT NULL,
    last_seq         BIGINT       NOT NULL DEFAULT 0,      -- the last message is the one with this seq
    updated_at       BIGINT       NOT NULL
);

CREATE TABLE members (
    conversation_id  BIGINT      NOT NULL REFERENCES conversations (id),
    account_id       BIGINT      NOT NULL REFERENCES accounts (id),
    role             VARCHAR(16) NOT NULL,            -- owner, admin, member
    joined_at        BIGINT      NOT NULL,
    joined_seq       BIGINT      NOT NULL DEFAULT 0,  -- members see messages after the one current when they joined
    last_read_seq    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, account_id)
);
CREATE INDEX members_account ON members (account_id);

CREATE TABLE media (
    id            VARCHAR(32)  PRIMARY KEY,           -- random, unguessable
    sha256        VARCHAR(64)  NOT NULL,
    content_type  VARCHAR(32)  NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    width         INTEGER      NOT NULL,
    height        INTEGER      NOT NULL,
    uploader_id   BIGINT       NOT NULL REFERENCES accounts (id),
    created_at    BIGINT       NOT NULL
);
CREATE INDEX media_sha256 ON media (sha256);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  BIGINT      NOT NULL REFERENCES conversations (id),
    seq              BIGINT,                          -- NULL while held: not part of the timeline
    status           VARCHAR(16) NOT NULL,            -- delivered, held
    sender_id        BIGINT      NOT NULL REFERENCES accounts (id),
    client_id        VARCHAR(64) NOT NULL,
    text             TEXT,
    media_id         VARCHAR(32) REFERENCES media (id),
    created_at       BIGINT      NOT NULL,
    recalled_at      BIGINT,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, sender_id, client_id)
);
CREATE INDEX messages_media ON messages (media_id);

-- Each account's stream: strictly increasing seq per account, replayed on reconnect.
-- Message events point at the message (rendered in its current state); others carry a payload.
CREATE TABLE events (
    account_id  BIGINT      NOT NULL REFERENCES accounts (id),
    seq         BIGINT      NOT NULL,
    type        VARCHAR(40) NOT NULL,
    message_id  BIGINT REFERENCES messages (id),
    payload     TEXT,
    created_at  BIGINT      NOT NULL,
    PRIMARY KEY (account_id, seq)
);
