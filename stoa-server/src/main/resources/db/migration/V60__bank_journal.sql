-- Every change to the hash banks, in order: the nodes of a cluster each keep the banks in memory
-- (and in their own data folder) and apply from here what another node changed, before the next
-- review. A change's seq comes from bank_journal.last_seq, taken under that row's lock in the
-- change's transaction, so changes commit in seq order and a node that has applied up to N has
-- seen every change up to N.
CREATE TABLE bank_changes (
    seq         BIGINT      PRIMARY KEY,
    bank        VARCHAR(128) NOT NULL,
    op          VARCHAR(8)  NOT NULL,   -- add, remove
    hash_type   VARCHAR(8)  NOT NULL,   -- sha256, md5, pdq
    hex         VARCHAR(64) NOT NULL,
    label       TEXT        NOT NULL,
    changed_at  BIGINT      NOT NULL
);

-- One row, 'banks', made by the first server that opens the journal.
CREATE TABLE bank_journal (
    name        VARCHAR(16) PRIMARY KEY,
    last_seq    BIGINT      NOT NULL
);
