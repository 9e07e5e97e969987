package org.stoa.server.storage;

import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/** The embedded default: one file under {@code data.dir}, one writer, statements cached per connection. */
final class SqliteEngine implements DatabaseEngine {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final StatementCache statements = new StatementCache();

    @Override
    public String name() {
        return "sqlite";
    }

    /** Another process (e.g. {@code stoa admin} beside {@code stoa serve}) held the file past the busy timeout. */
    @Override
    public boolean isRetryable(SQLException e) {
        int primary = e.getErrorCode() & 0xff; // extended result codes keep the primary code in the low byte
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

    @Override
    public StatementBuilderFactory statements() {
        return statements;
    }

    @Override
    public int maxJobsPerTransaction() {
        return 512;
    }

    @Override
    public boolean singleWriter() {
        return true;
    }

    @Override
    public boolean logsWholePages() {
        return true;
    }

    @Override
    public Duration commitSpacing() {
        return Duration.ofMillis(3);
    }

    @Override
    public void beginWrites(org.jdbi.v3.core.Handle h) {} // one file, one writer already
}
