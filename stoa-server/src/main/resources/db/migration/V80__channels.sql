-- Channels: public accounts that owners and editors post to and anyone may follow. A post is stored
-- once, in the channel log (channel_posts, with a per-channel seq and a position in the one log of
-- every channel, log_seq); a subscriber's stream reads the log after its cursor, so a post to a
-- channel of 100,000 subscribers writes one row, not 100,000.

CREATE TABLE channels (
    id                INTEGER PRIMARY KEY,
    handle            VARCHAR(32)  NOT NULL UNIQUE,   -- lower case, as typed after @
    title             VARCHAR(100) NOT NULL,
    description       TEXT         NOT NULL,
    visibility        VARCHAR(16)  NOT NULL,          -- public, unlisted
    owner_id          BIGINT       NOT NULL REFERENCES accounts (id),
    subscriber_count  BIGINT       NOT NULL DEFAULT 0,
    last_seq          BIGINT       NOT NULL DEFAULT 0, -- the channel's last post has this seq
    created_at        BIGINT       NOT NULL
);
CREATE INDEX channels_owner ON channels (owner_id);

CREATE TABLE channel_editors (
    channel_id  BIGINT NOT NULL REFERENCES channels (id),
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (channel_id, account_id)
);

-- from_log_seq: the log position when the subscription began; the stream carries what comes after.
CREATE TABLE channel_subscriptions (
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    channel_id    BIGINT NOT NULL REFERENCES channels (id),
    from_log_seq  BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (account_id, channel_id)
);
CREATE INDEX channel_subscriptions_channel ON channel_subscriptions (channel_id, account_id, from_log_seq);

-- The log: posts, and the notices that tell subscribers of a sanction and its end.
CREATE TABLE channel_posts (
    id           INTEGER PRIMARY KEY,
    channel_id   BIGINT       NOT NULL REFERENCES channels (id),
    seq          BIGINT       NOT NULL,
    log_seq      BIGINT       NOT NULL UNIQUE,
    kind         VARCHAR(8)   NOT NULL,               -- post, notice
    author_id    BIGINT       REFERENCES accounts (id),
    client_id    VARCHAR(64),
    text         TEXT,
    media_id     VARCHAR(64),
    notice       TEXT,                                -- a notice's restriction, as JSON
    status       VARCHAR(16)  NOT NULL,               -- delivered, removed
    decision_id  BIGINT,
    created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX channel_posts_seq ON channel_posts (channel_id, seq);
CREATE UNIQUE INDEX channel_posts_client ON channel_posts (channel_id, author_id, client_id);

-- The one counter row of the log (id 1, made by the first post): its lock until commit keeps log_seq
-- gap-free and in commit order.
CREATE TABLE channel_log (
    id        INTEGER PRIMARY KEY,
    last_seq  BIGINT NOT NULL
);

-- A channel's sanctions are sanctions of its owner's account that name the channel.
ALTER TABLE sanctions ADD COLUMN channel_id BIGINT;
CREATE INDEX sanctions_channel ON sanctions (channel_id);
