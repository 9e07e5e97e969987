-- Moderation and enforcement: decision records (statements of reasons), strikes, sanctions,
-- reports, the audit log, and the image hashes computed once at upload.

ALTER TABLE messages ADD COLUMN decision_id BIGINT;   -- the decision behind a held, withdrawn or removed message

CREATE TABLE media_hashes (
    sha256  VARCHAR(64) PRIMARY KEY,
    hashes  TEXT        NOT NULL                      -- the engine's ImageHashes as JSON
);

-- One row per decision: what was restricted, the facts, the ground, how automated, the source,
-- and the redress. Drives the notice, the audit log, and later appeals and transparency reports.
CREATE TABLE decisions (
    id                 INTEGER PRIMARY KEY,
    account_id         BIGINT       NOT NULL REFERENCES accounts (id),   -- whose content or account
    conversation_id    BIGINT,
    message_id         BIGINT,
    media_sha256       VARCHAR(64),
    outcome            VARCHAR(24)  NOT NULL,  -- refused, held, flagged, shadow, withdrawn, removed, approved, sanctioned, lifted, dismissed
    visibility         VARCHAR(200),           -- what happened to the content, in words
    excerpt            TEXT,                   -- the content concerned, as sent (images: its media id)
    evidence           TEXT,                   -- JSON: every rule hit with its evidence
    rule_id            VARCHAR(64),
    rule_version       INTEGER,
    rule_title         VARCHAR(200),
    rule_explanation   TEXT,
    category           VARCHAR(24),
    mode               VARCHAR(8)   NOT NULL,  -- enforce or shadow
    policy_version     VARCHAR(80),
    source             VARCHAR(16)  NOT NULL,  -- automated, user_report, moderator
    automation         VARCHAR(12)  NOT NULL,  -- fully, partially, not
    strikes            INTEGER      NOT NULL DEFAULT 0,
    sanction_id        BIGINT,
    moderator_id       BIGINT,
    moderator_reason   TEXT,
    report_id          BIGINT,
    client_id          VARCHAR(64),            -- a refused send's clientId: a retry gets the same decision
    status             VARCHAR(16)  NOT NULL,  -- final, or pending while a human has yet to decide
    reviewed_at        BIGINT,                 -- when a moderator dealt with it in the review queue
    created_at         BIGINT       NOT NULL
);
CREATE INDEX decisions_account ON decisions (account_id, id);
CREATE INDEX decisions_rule ON decisions (rule_id, mode);
CREATE INDEX decisions_client ON decisions (account_id, conversation_id, client_id);
CREATE INDEX decisions_message ON decisions (message_id);

CREATE TABLE strikes (
    id           INTEGER PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    decision_id  BIGINT NOT NULL REFERENCES decisions (id),
    points       INTEGER NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX strikes_account ON strikes (account_id, expires_at);

CREATE TABLE sanctions (
    id           INTEGER PRIMARY KEY,
    account_id   BIGINT       NOT NULL REFERENCES accounts (id),
    decision_id  BIGINT       NOT NULL REFERENCES decisions (id),
    kind         VARCHAR(16)  NOT NULL,  -- warning, restriction, suspension, ban
    features     VARCHAR(200) NOT NULL,  -- comma-separated features taken away ('' for a warning)
    starts_at    BIGINT       NOT NULL,
    ends_at      BIGINT,                 -- NULL: permanent (bans only)
    lifted_at    BIGINT,
    lifted_by    BIGINT,
    lift_reason  TEXT,
    created_at   BIGINT       NOT NULL
);
CREATE INDEX sanctions_account ON sanctions (account_id);

CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    reporter_id  BIGINT       NOT NULL REFERENCES accounts (id),
    account_id   BIGINT       NOT NULL REFERENCES accounts (id),  -- the account reported (a message's sender)
    message_id   BIGINT,
    reason       TEXT         NOT NULL,
    status       VARCHAR(16)  NOT NULL,  -- open, resolved
    outcome      VARCHAR(200),
    decision_id  BIGINT,
    created_at   BIGINT       NOT NULL,
    resolved_at  BIGINT
);
CREATE INDEX reports_status ON reports (status, id);
CREATE INDEX reports_reporter ON reports (reporter_id, id);

-- Append-only: every automated and human action, with actor (NULL: the system), time and decision.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           BIGINT       NOT NULL,
    actor_id     BIGINT,
    action       VARCHAR(40)  NOT NULL,
    account_id   BIGINT,
    decision_id  BIGINT,
    rule_id      VARCHAR(64),
    details      TEXT
);
CREATE INDEX audit_at ON audit_log (at);
