-- The log's counter row, in its own migration (PostgreSQL makes ids identities after the one creating a table).
INSERT INTO channel_log (id, last_seq) VALUES (1, 0);
