package org.stoa.server.storage;

import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/**
 * A PostgreSQL server named by {@code storage.url}, which several Stoa nodes may share. The driver
 * keeps server-side prepared statements itself, so statements are prepared the ordinary way.
 */
final class PostgresEngine implements DatabaseEngine {

    @Override
    public String name() {
        return "postgresql";
    }

    /**
     * Serialization failures and deadlocks (class 40), a lost connection (class 08) and a server
     * shutting down (57P01): the transaction is gone, and running it again is the answer.
     */
    @Override
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) return false;
        return state.startsWith("40") || state.startsWith("08") || state.equals("57P01");
    }

    @Override
    public StatementBuilderFactory statements() {
        return DefaultStatementBuilder.FACTORY;
    }

    @Override
    public int maxJobsPerTransaction() {
        return 64;
    }

    @Override
    public boolean singleWriter() {
        return false;
    }

    @Override
    public boolean logsWholePages() {
        return false;
    }

    @Override
    public Duration commitSpacing() {
        return Duration.ZERO;
    }

    /** Any fixed number every Stoa node uses; it only has to differ from other programs' on the same database. */
    private static final long WRITERS_LOCK = 0x53746f61L; // "Stoa"

    @Override
    public void beginWrites(org.jdbi.v3.core.Handle h) {
        h.execute("SELECT pg_advisory_xact_lock(?)", WRITERS_LOCK);
    }
}
