package org.stoa.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Plain JDBC, on a handle's connection and in its transaction, for the few statements every send
 * runs on the writer's thread. For a one-row statement JDBI's binding, mapping and configuration
 * lookups cost about as much as SQLite's own work: in a profile of the writer at 1,200 group
 * messages a second they were half of its Java samples. Parameters are positional ({@code ?}) and
 * may be {@code Long}, {@code Integer}, {@code String} or {@code null}. On SQLite the statements
 * stay prepared on their connection ({@link StatementCache}); elsewhere each is closed after use
 * (PostgreSQL's driver keeps its own cache of prepared statements).
 */
public final class DirectSql {

    private DirectSql() {}

    @FunctionalInterface
    private interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    /** Runs an INSERT, UPDATE, DELETE or other statement without rows; answers the rows changed. */
    public static int update(Handle h, String sql, Object... args) {
        return run(h, sql, ps -> {
            bind(ps, args);
            return ps.executeUpdate();
        });
    }

    /** The first column of the first row, if there is a row (a SELECT, or a statement with RETURNING). */
    public static Optional<Long> firstLong(Handle h, String sql, Object... args) {
        return run(h, sql, ps -> {
            bind(ps, args);
            try (ResultSet rs = results(ps)) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
        });
    }

    /** The first column of the one row the statement must give. */
    public static long oneLong(Handle h, String sql, Object... args) {
        return firstLong(h, sql, args).orElseThrow(() -> new IllegalStateException("no row from " + sql));
    }

    /** The first two columns of every row, as pairs of longs. */
    public static List<long[]> longPairs(Handle h, String sql, Object... args) {
        return run(h, sql, ps -> {
            bind(ps, args);
            List<long[]> rows = new ArrayList<>();
            try (ResultSet rs = results(ps)) {
                while (rs.next()) rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
            return rows;
        });
    }

    /** Runs the statement once per row of parameters, as one JDBC batch. */
    public static void batch(Handle h, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) return;
        // A failed batch leaves no rows in a statement that stays prepared: the drivers clear it (DirectSqlTest).
        run(h, sql, ps -> {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** {@code ?, ?, ?} for an IN list of {@code n} values (at least one). */
    public static String placeholders(int n) {
        if (n < 1) throw new IllegalArgumentException("an IN list needs at least one value");
        return "?" + ", ?".repeat(n - 1);
    }

    private static <T> T run(Handle h, String sql, Work<T> work) {
        Connection c = h.getConnection();
        try {
            if (h.getStatementBuilder() instanceof StatementCache.Builder cache) return work.run(cache.prepared(c, sql));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return work.run(ps);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("could not run " + sql, e, null);
        }
    }

    /** The rows of a SELECT or of a write with RETURNING (which some drivers refuse to run as a query). */
    private static ResultSet results(PreparedStatement ps) throws SQLException {
        if (!ps.execute()) throw new SQLException("the statement gave no rows");
        return ps.getResultSet();
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case null -> ps.setNull(i + 1, Types.NULL);
                case Long v -> ps.setLong(i + 1, v);
                case Integer v -> ps.setInt(i + 1, v);
                case String v -> ps.setString(i + 1, v);
                default -> throw new IllegalArgumentException("no binding for a " + args[i].getClass().getSimpleName());
            }
        }
    }
}
