package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.stoa.engine.text.Skeleton;

/** Gives the accounts made before look-alike usernames were refused their skeleton, as new ones get it. */
public final class V71__Username_skeletons extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (PreparedStatement select = c.prepareStatement("SELECT id, username FROM accounts");
             PreparedStatement update = c.prepareStatement("UPDATE accounts SET username_skeleton = ? WHERE id = ?");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                update.setString(1, Skeleton.of(rs.getString("username")));
                update.setLong(2, rs.getLong("id"));
                update.executeUpdate();
            }
        }
    }
}
