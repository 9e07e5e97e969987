-- On a cluster each node reads the channel log in order from the last position it handed out.
CREATE INDEX channel_posts_log ON channel_posts (log_seq);
