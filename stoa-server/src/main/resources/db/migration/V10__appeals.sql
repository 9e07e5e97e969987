-- Due process: appeals decided by someone else with reasons, proportionate strikes (bursts count
-- as one offence; a warning is acknowledged before the ladder climbs), and the content of refused
-- messages kept for the appeal window so that a reversal can deliver them.

ALTER TABLE decisions ADD COLUMN appeal_of BIGINT;         -- an appeal's outcome: the decision appealed
ALTER TABLE decisions ADD COLUMN appealable_until BIGINT;  -- end of the appeal window; NULL: not appealable
CREATE INDEX decisions_appeal_of ON decisions (appeal_of);

-- Strikes of one burst share an offence (the first decision's id) and count once, at their highest
-- points; severe categories never merge. A reversed decision's strikes stop counting.
ALTER TABLE strikes ADD COLUMN offence_id BIGINT;
ALTER TABLE strikes ADD COLUMN offence_started_at BIGINT;
ALTER TABLE strikes ADD COLUMN mergeable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE strikes ADD COLUMN revoked_at BIGINT;
UPDATE strikes SET offence_id = decision_id, offence_started_at = created_at;
CREATE INDEX strikes_decision ON strikes (decision_id);

-- The ladder step (its atStrikes) a sanction came from (NULL: a moderator's own); when a warning
-- was acknowledged; and whether it was lifted because a reversal left it no longer earned.
ALTER TABLE sanctions ADD COLUMN ladder_step INTEGER;
ALTER TABLE sanctions ADD COLUMN acknowledged_at BIGINT;
ALTER TABLE sanctions ADD COLUMN unearned INTEGER NOT NULL DEFAULT 0;
UPDATE sanctions SET acknowledged_at = created_at WHERE kind = 'warning';

CREATE TABLE appeals (
    id                   INTEGER PRIMARY KEY,
    decision_id          BIGINT       NOT NULL REFERENCES decisions (id),
    appellant_id         BIGINT       NOT NULL REFERENCES accounts (id),
    statement            TEXT         NOT NULL,
    requested_outcome    VARCHAR(16)  NOT NULL,  -- reverse, reduce, clarify
    status               VARCHAR(16)  NOT NULL,  -- open, decided
    filed_at             BIGINT       NOT NULL,
    decide_by            BIGINT       NOT NULL,
    window_closes_at     BIGINT       NOT NULL,
    escalated_at         BIGINT,                 -- when it fell overdue and went to the top for admins
    outcome              VARCHAR(16),            -- upheld, reversed, modified
    reason               TEXT,
    reviewer_id          BIGINT,                 -- never shown to the appellant; NULL: the policy (overdue)
    independent          INTEGER,
    rule_id              VARCHAR(64),            -- the rule and version the reviewer relied on
    rule_version         INTEGER,
    policy_version       VARCHAR(80),
    outcome_decision_id  BIGINT,                 -- the new decision record, linked to the original
    sanction_before_id   BIGINT,                 -- modified: the sanction replaced and its replacement
    sanction_after_id    BIGINT,
    decided_at           BIGINT,
    UNIQUE (decision_id, appellant_id)
);
CREATE INDEX appeals_status ON appeals (status, decide_by);
CREATE INDEX appeals_appellant ON appeals (appellant_id, id);

-- What a refused send carried, readable only by moderators and its sender (through its decision),
-- until the appeal window closes; then deleted, with the decision's excerpt.
CREATE TABLE refused_messages (
    decision_id      BIGINT      PRIMARY KEY REFERENCES decisions (id),
    conversation_id  BIGINT      NOT NULL,
    sender_id        BIGINT      NOT NULL,
    client_id        VARCHAR(64) NOT NULL,
    text             TEXT,
    media_id         VARCHAR(32),
    delete_after     BIGINT      NOT NULL
);
CREATE INDEX refused_messages_delete ON refused_messages (delete_after);
