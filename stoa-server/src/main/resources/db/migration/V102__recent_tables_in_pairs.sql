-- events_recent and search_terms_recent each get a twin (RecentRows, on SQLite): while a move takes
-- one table's rows into events / search_terms, in slices, new rows are appended to the other, and
-- the moved table is emptied in one statement once the last slice is in. Emptied per slice instead,
-- row by row for the slice's accounts or words, every slice rewrote every page of the table (a
-- slice's rows are spread over all of them): a tenth of the bytes written at 1,200 group messages a
-- second, a quarter at 2,400. Readers read both. PostgreSQL inserts into the tables directly and
-- leaves these empty.
CREATE TABLE events_recent_b (
    account_id  BIGINT  NOT NULL,
    seq         BIGINT  NOT NULL,
    type        INTEGER NOT NULL,
    message_id  BIGINT,
    payload     TEXT,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE search_terms_recent_b (
    term      VARCHAR(64) NOT NULL,
    kind      SMALLINT    NOT NULL,
    scope_id  BIGINT      NOT NULL,
    doc_id    BIGINT      NOT NULL
);
