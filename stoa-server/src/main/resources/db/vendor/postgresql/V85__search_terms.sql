-- Search (issue 13), kept on the write path in the transaction that writes what is indexed: one row
-- a distinct folded term (stoa-engine's SearchText: words, CJK characters and overlapping pairs).
-- search_terms: documents readers need a right to (kind 1, a message, scoped by its conversation;
-- channel posts can be a kind of their own), so a term's documents in one scope are one range of
-- the key, read newest first. directory_terms: what anyone may find (kind 1 accounts, 2 public
-- groups), by kind and term so that a prefix is one range.
-- Terms compare as bytes (COLLATE "C"), as SQLite compares them, so a prefix's range is the same;
-- no declared length, which PostgresTypes would drop with the collation.
CREATE TABLE search_terms (
    term      VARCHAR COLLATE "C" NOT NULL,
    kind      SMALLINT    NOT NULL,
    scope_id  BIGINT      NOT NULL,
    doc_id    BIGINT      NOT NULL,
    PRIMARY KEY (term, kind, scope_id, doc_id)
);

CREATE TABLE directory_terms (
    kind    SMALLINT    NOT NULL,
    term    VARCHAR COLLATE "C" NOT NULL,
    doc_id  BIGINT      NOT NULL,
    PRIMARY KEY (kind, term, doc_id)
);
CREATE INDEX directory_terms_doc ON directory_terms (kind, doc_id);
