-- Most messages carry no image, and every one of them put a NULL entry in this index: a page
-- written with every commit for nothing (SQLite's log writes each changed page whole). The lookups
-- by image (media_id = ...) only need the messages that have one.
DROP INDEX messages_media;
CREATE INDEX messages_media ON messages (media_id) WHERE media_id IS NOT NULL;
