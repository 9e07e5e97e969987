package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.stoa.server.enforcement.AuditChain;

/**
 * Chains the audit entries written before the log had its hash chain, oldest first, exactly as the
 * server chains new ones; the server then carries on from the newest entry's hash. Once, in the
 * migration: an existing database is tamper-evident from its first entry on.
 */
public final class V51__Chain_existing_audit_entries extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (PreparedStatement select = c.prepareStatement(
                     "SELECT id, at, actor_id, action, account_id, decision_id, rule_id, details FROM audit_log ORDER BY id");
             PreparedStatement update = c.prepareStatement("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?");
             ResultSet rs = select.executeQuery()) {
            String prev = AuditChain.GENESIS;
            while (rs.next()) {
                String hash = AuditChain.hash(AuditChain.fields(rs), prev);
                update.setString(1, prev);
                update.setString(2, hash);
                update.setLong(3, rs.getLong("id"));
                update.executeUpdate();
                prev = hash;
            }
        }
    }
}
