-- Public groups (issue 13): listed in the directory and joinable without an invitation; slow mode
-- lets a member send one message per slow_mode_seconds (0: off), counted from members.last_sent_at.
ALTER TABLE conversations ADD COLUMN visibility VARCHAR(16) NOT NULL DEFAULT 'private';
ALTER TABLE conversations ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN last_sent_at BIGINT;
CREATE INDEX conversations_public ON conversations (visibility, id);
