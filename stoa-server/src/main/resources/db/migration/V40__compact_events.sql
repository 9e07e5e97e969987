-- Each account's stream, kept smaller: rows clustered by account and seq (the key is the table, no
-- second index) and the event type as a small code from event_types instead of its name on every
-- row. The server deletes rows older than events.retention. (WITHOUT ROWID is SQLite's way to
-- cluster by the primary key; PostgreSQL needs nothing in its place.)
CREATE TABLE event_types (
    code  INTEGER PRIMARY KEY,
    name  VARCHAR(40) NOT NULL UNIQUE
);
INSERT INTO event_types (name) SELECT DISTINCT type FROM events ORDER BY type;

CREATE TABLE events_compact (
    account_id  BIGINT  NOT NULL REFERENCES accounts (id),
    seq         BIGINT  NOT NULL,
    type        INTEGER NOT NULL REFERENCES event_types (code),
    message_id  BIGINT REFERENCES messages (id),
    payload     TEXT,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (account_id, seq)
) WITHOUT ROWID;
INSERT INTO events_compact (account_id, seq, type, message_id, payload, created_at)
    SELECT e.account_id, e.seq, t.code, e.message_id, e.payload, e.created_at
    FROM events e JOIN event_types t ON t.name = e.type;
DROP TABLE events;
ALTER TABLE events_compact RENAME TO events;
