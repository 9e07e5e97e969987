package org.stoa.server.transparency;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Policy;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Writer;
import org.stoa.server.transparency.TransparencyReport.PolicyPeriod;

/**
 * Which policy version was in force when: a row each time a different version is installed, at
 * start-up or on a reload. A report names the versions in force during its period.
 */
public final class PolicyHistory {

    private final Writer writer;

    public PolicyHistory(Writer writer) {
        this.writer = writer;
    }

    /** Records that {@code policy} is in force from now on, unless it already was. */
    public void installed(Policy policy) {
        writer.execute(tx -> tx.handle().createUpdate("""
                        INSERT INTO policy_versions (version, installed_at)
                        SELECT :version, :now WHERE :version IS NOT (SELECT version FROM policy_versions ORDER BY id DESC LIMIT 1)""")
                .bind("version", policy.version()).bind("now", tx.now()).execute());
    }

    /** The versions in force at some time in {@code period}, oldest first. */
    static List<PolicyPeriod> inForce(Handle h, ReportPeriod period) {
        return h.createQuery("""
                        SELECT version, installed_at, until FROM (
                            SELECT version, installed_at, lead(installed_at) OVER (ORDER BY id) AS until FROM policy_versions)
                        WHERE installed_at < :until AND (until IS NULL OR until > :from)
                        ORDER BY installed_at""")
                .bind("from", period.fromMillis()).bind("until", period.untilMillis())
                .map((rs, ctx) -> new PolicyPeriod(rs.getString("version"), Instant.ofEpochMilli(rs.getLong("installed_at")),
                        Rows.nullableInstant(rs, "until")))
                .list();
    }
}
