-- Groups: a description and an avatar beside the title; each member's own mute.

-- A group's description (at most 500 characters, cleaned and reviewed by the policy in the group's
-- rules) and avatar (a square image its setter uploaded, reviewed against the image banks).
ALTER TABLE conversations ADD COLUMN description VARCHAR(2048);
ALTER TABLE conversations ADD COLUMN avatar_media_id VARCHAR(32) REFERENCES media (id);
CREATE INDEX conversations_avatar ON conversations (avatar_media_id);  -- a group avatar in use is visible to anyone logged in

-- A member who muted a conversation sees its unread count but gets no alert for it (1: muted).
ALTER TABLE members ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
