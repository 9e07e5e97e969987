package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.stoa.engine.text.SearchText;

/**
 * Indexes what was written before search existed, as the write path indexes new things: every
 * message with a text that was not recalled (in search_terms; who may read it is decided when
 * searching), and every account not deleted under its username and display name (in directory_terms).
 */
public final class V87__Search_existing_messages_and_accounts extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (PreparedStatement select = c.prepareStatement(
                     "SELECT id, conversation_id, text FROM messages WHERE text IS NOT NULL AND recalled_at IS NULL");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO search_terms (term, kind, scope_id, doc_id) VALUES (?, 1, ?, ?)");
             ResultSet rs = select.executeQuery()) {
            int pending = 0;
            while (rs.next()) {
                for (String term : SearchText.indexTerms(rs.getString("text"))) {
                    insert.setString(1, term);
                    insert.setLong(2, rs.getLong("conversation_id"));
                    insert.setLong(3, rs.getLong("id"));
                    insert.addBatch();
                    if (++pending % BATCH == 0) insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement select = c.prepareStatement(
                     "SELECT id, username, display_name FROM accounts WHERE deleted_at IS NULL");
             PreparedStatement insert = c.prepareStatement("INSERT INTO directory_terms (kind, term, doc_id) VALUES (1, ?, ?)");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String names = rs.getString("username") + "\n" + (rs.getString("display_name") == null ? "" : rs.getString("display_name"));
                for (String term : SearchText.indexTerms(names)) {
                    insert.setString(1, term);
                    insert.setLong(2, rs.getLong("id"));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
