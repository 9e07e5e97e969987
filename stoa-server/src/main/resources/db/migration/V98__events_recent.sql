-- New stream events wait here before they join events (RecentEvents, on SQLite): no key but SQLite's
-- row id, so a commit's events for many accounts land on the table's last page or two instead of on
-- each account's page of events. Moved in bulk every 100 ms; readers read both tables. No foreign
-- keys: the move into events checks them. PostgreSQL appends to events directly and leaves this empty.
CREATE TABLE events_recent (
    account_id  BIGINT  NOT NULL,
    seq         BIGINT  NOT NULL,
    type        INTEGER NOT NULL,
    message_id  BIGINT,
    payload     TEXT,
    created_at  BIGINT  NOT NULL
);
