-- A tamper-evident audit log: each entry carries the hash of the one before it and its own
-- (SHA-256 over its canonical form, see AuditChain). The entries already written get their chain
-- from the next migration (V51, in Java: SQLite cannot hash), in the order they were written.
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN hash VARCHAR(64);
