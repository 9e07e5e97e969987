-- Replies, edits, forwards, captions and files, and messages hidden by one member for themselves.
-- reply_to and forwarded_from name other messages without a foreign key: a reference within the
-- table would tie the order rows are copied in (stoa admin migrate) to their ids.
ALTER TABLE messages ADD COLUMN reply_to BIGINT;            -- the message this one answers (same conversation)
ALTER TABLE messages ADD COLUMN edited_at BIGINT;           -- the last accepted edit
ALTER TABLE messages ADD COLUMN forwarded_from BIGINT;      -- the message this one is a forward of

-- An upload is an image (width and height known) or a file (a name, width and height 0).
ALTER TABLE media ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'image';
ALTER TABLE media ADD COLUMN file_name VARCHAR(255);

-- "Delete for me": the message stays for everyone else.
CREATE TABLE hidden_messages (
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    message_id  BIGINT NOT NULL REFERENCES messages (id),
    hidden_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, message_id)
);
