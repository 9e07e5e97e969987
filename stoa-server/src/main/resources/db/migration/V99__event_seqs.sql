-- Each account's last eventSeq, in rows of their own instead of a column of the wide accounts rows:
-- a group message advances every member's, and SQLite's log writes every page a commit changes
-- whole (a few bytes a row here, so a few pages for every account that is active). An account's
-- first event makes its row.
CREATE TABLE event_seqs (
    account_id  BIGINT PRIMARY KEY REFERENCES accounts (id),
    seq         BIGINT NOT NULL
);
INSERT INTO event_seqs (account_id, seq) SELECT id, event_seq FROM accounts WHERE event_seq > 0;
ALTER TABLE accounts DROP COLUMN event_seq;
