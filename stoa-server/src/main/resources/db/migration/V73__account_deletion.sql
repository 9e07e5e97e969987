-- Deleted accounts: the row stays (its username is reserved for good, and decisions about it still
-- count in the transparency figures) with its profile, password and personal content erased.
ALTER TABLE accounts ADD COLUMN deleted_at BIGINT;
