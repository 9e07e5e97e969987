package org.stoa.server.storage;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Keeps prepared statements open per physical connection. JDBI prepares and closes a statement for
 * every call; SQLite then parses the SQL every time, which was a large share of a send's cost.
 * Each connection is used by one thread at a time (the writer, or a pool borrower), so each
 * connection's map needs no locking of its own.
 */
final class StatementCache implements StatementBuilderFactory {

    private static final int PER_CONNECTION = 256;

    private final Map<SQLiteConnection, Cached> byConnection = new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        return new Builder();
    }

    private Cached cacheFor(Connection c) throws SQLException {
        return byConnection.computeIfAbsent(c.unwrap(SQLiteConnection.class), k -> new Cached());
    }

    /**
     * One connection's statements by their SQL, least recently used first, and the same statements
     * by identity: JDBI closes a statement naming it by its SQL as written, not as prepared, so a
     * close finds it by identity, in constant time (a search of the map's values cost a send 2 % of
     * its CPU).
     */
    private static final class Cached {
        final Set<PreparedStatement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
        final Map<String, PreparedStatement> bySql = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) return false;
                statements.remove(eldest.getValue());
                try {
                    eldest.getValue().close();
                } catch (SQLException ignored) {
                    // a statement we no longer want
                }
                return true;
            }
        };

        void put(String sql, PreparedStatement ps) {
            PreparedStatement replaced = bySql.put(sql, ps);
            if (replaced != null) statements.remove(replaced);
            statements.add(ps);
        }
    }

    /** JDBI's way to the cached statements; {@link DirectSql} takes the same way without JDBI. */
    final class Builder extends DefaultStatementBuilder {
        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) return super.create(conn, sql, ctx);
            return prepared(conn, sql);
        }

        /** {@code sql} prepared on {@code conn}, from the cache or prepared now; it stays open. */
        PreparedStatement prepared(Connection conn, String sql) throws SQLException {
            Cached cache = cacheFor(conn);
            PreparedStatement ps = cache.bySql.get(sql);
            if (ps == null || ps.isClosed()) {
                ps = conn.unwrap(SQLiteConnection.class).prepareStatement(sql);
                cache.put(sql, ps);
            }
            return ps;
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            if (stmt instanceof PreparedStatement ps && !(stmt instanceof CallableStatement) && cacheFor(conn).statements.contains(ps)) {
                ps.clearParameters();
                ps.clearBatch();
                return;
            }
            super.close(conn, sql, stmt);
        }
    }
}
