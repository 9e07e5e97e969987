-- One node prepares each export: it holds a lease while it builds, renewed as it goes; when a node
-- dies mid-build its lease lapses and another node takes the export over.
ALTER TABLE exports ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;

-- Every node's export-signing public key: an archive sealed by any node of a cluster checks against
-- the keys that any node publishes at /.well-known/stoa/keys.
CREATE TABLE server_keys (
    key_id    TEXT   PRIMARY KEY,
    jwk       TEXT   NOT NULL,
    added_at  BIGINT NOT NULL
);
