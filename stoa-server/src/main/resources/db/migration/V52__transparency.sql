-- Transparency reports: the policy versions in force over time, and indexes for reading a period.

-- A row each time a different policy version is installed (start-up or reload).
CREATE TABLE policy_versions (
    id            INTEGER PRIMARY KEY,
    version       VARCHAR(80) NOT NULL,
    installed_at  BIGINT      NOT NULL
);
-- Before this table, each version that decided something was in force from its first decision on.
INSERT INTO policy_versions (version, installed_at)
    SELECT policy_version, min(created_at) FROM decisions WHERE policy_version IS NOT NULL
    GROUP BY policy_version ORDER BY min(created_at);

CREATE INDEX decisions_created ON decisions (created_at);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX reports_decision ON reports (decision_id);
CREATE INDEX reports_resolved ON reports (resolved_at);
CREATE INDEX appeals_filed ON appeals (filed_at);
CREATE INDEX appeals_decided ON appeals (decided_at);
