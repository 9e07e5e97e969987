-- Channels, finished (issue 13). A decision about a channel post names the channel (a refused post
-- has no row: its retry with the same clientId finds the first decision by channel and clientId) and
-- the post when there is one (held, removed). Images posted to a channel are found by their media id
-- when someone asks to read one.
ALTER TABLE decisions ADD COLUMN channel_id BIGINT;
ALTER TABLE decisions ADD COLUMN channel_post_id BIGINT;
CREATE INDEX decisions_channel_post ON decisions (channel_post_id);
CREATE INDEX channel_posts_media ON channel_posts (media_id);
