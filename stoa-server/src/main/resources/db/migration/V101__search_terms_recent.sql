-- New search terms wait here before they join search_terms (RecentRows, on SQLite), as new events
-- wait in events_recent: search_terms is clustered by term, so a commit wrote a page for every
-- distinct word of its messages (41 % of the log at 1,200 group messages a second). Here a commit's
-- terms land on the table's last page or two; they move in bulk every 100 ms, and a search moves
-- what waits before it reads. PostgreSQL inserts into search_terms directly and leaves this empty.
CREATE TABLE search_terms_recent (
    term      VARCHAR(64) NOT NULL,
    kind      SMALLINT    NOT NULL,
    scope_id  BIGINT      NOT NULL,
    doc_id    BIGINT      NOT NULL
);
