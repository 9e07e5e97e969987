-- Moderators and admins are found on every review-queue change (the moderation.queue event), inside
-- the writer's transaction: an index over the few staff rows instead of a scan of every account.
CREATE INDEX accounts_staff ON accounts (role) WHERE role <> 'user';
