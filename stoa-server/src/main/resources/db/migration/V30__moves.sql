-- One-step contact migration: a new account names an old one as its alias, the old one moves to
-- it, and every contact (and the owners and admins of its groups) gets a move card.

-- Where an account went ('name' on this server, 'name@host[:port]' on another), for its public
-- profile as long as the account exists; NULL when it has not moved or cancelled its move.
ALTER TABLE accounts ADD COLUMN moved_to VARCHAR(300);
ALTER TABLE accounts ADD COLUMN moved_at BIGINT;

-- Accounts this one continues: 'name' on this server or 'name@host[:port]' elsewhere, lower case.
CREATE TABLE account_aliases (
    account_id  BIGINT       NOT NULL REFERENCES accounts (id),
    alias       VARCHAR(300) NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (account_id, alias)
);
CREATE INDEX account_aliases_alias ON account_aliases (alias);

CREATE TABLE moves (
    id             INTEGER PRIMARY KEY,
    account_id     BIGINT       NOT NULL REFERENCES accounts (id),  -- the old account, which moved
    to_address     VARCHAR(300) NOT NULL,                           -- as in accounts.moved_to
    to_account_id  BIGINT REFERENCES accounts (id),                 -- the new account, on this server
    status         VARCHAR(16)  NOT NULL,                           -- active, cancelled, superseded
    created_at     BIGINT       NOT NULL,
    ended_at       BIGINT
);
CREATE INDEX moves_account ON moves (account_id, id);

-- A card per contact of the old account (who had not blocked it) and per owner or admin of one of
-- its groups; accepting one adds the new account as a contact and re-invites it to those groups.
CREATE TABLE move_cards (
    id            INTEGER PRIMARY KEY,
    move_id       BIGINT      NOT NULL REFERENCES moves (id),
    recipient_id  BIGINT      NOT NULL REFERENCES accounts (id),
    was_contact   INTEGER     NOT NULL,
    status        VARCHAR(16) NOT NULL,  -- pending, accepted, ignored, withdrawn
    created_at    BIGINT      NOT NULL,
    decided_at    BIGINT,
    UNIQUE (move_id, recipient_id)
);
CREATE INDEX move_cards_recipient ON move_cards (recipient_id, status);

-- The groups a card offers to re-invite the new account to: the old one was in them and the
-- recipient owns or runs them.
CREATE TABLE move_card_groups (
    card_id          BIGINT NOT NULL REFERENCES move_cards (id),
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id),
    reinvited_at     BIGINT,
    PRIMARY KEY (card_id, conversation_id)
);

-- A same-server move carries the old account's sanctions to the new one: the new decision names
-- the one it was carried from, and that one the decision it was carried to, with their accounts.
ALTER TABLE decisions ADD COLUMN carried_from_decision BIGINT;
ALTER TABLE decisions ADD COLUMN carried_from_account BIGINT;
ALTER TABLE decisions ADD COLUMN carried_to_decision BIGINT;
ALTER TABLE decisions ADD COLUMN carried_to_account BIGINT;
