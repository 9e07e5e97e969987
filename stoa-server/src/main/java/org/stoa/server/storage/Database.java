package org.stoa.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database: migrated on open, one connection for the {@link Writer} and a small
 * pool of query-only connections for reads (WAL lets readers run beside the writer).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource readPool;
    private final Jdbi reads;
    private final Connection writeConnection;

    private final StatementCache statements = new StatementCache();

    private Database(HikariDataSource readPool, Connection writeConnection) {
        this.readPool = readPool;
        this.reads = Jdbi.create(readPool).setStatementBuilderFactory(statements);
        this.writeConnection = writeConnection;
    }

    public static Database openSqlite(Path file) {
        PrivateFiles.folder(file.toAbsolutePath().getParent());
        // SQLite gives its -wal and -shm files the database file's permissions.
        PrivateFiles.file(file);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL); // durable before we answer 201
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);

        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(source);
        pool.setPoolName("stoa-read");
        pool.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        pool.setConnectionInitSql("PRAGMA query_only = 1");
        pool.setMaxLifetime(0); // SQLite connections do not go stale, and statements are cached on them
        try {
            Connection write = source.getConnection();
            write.setAutoCommit(true);
            return new Database(new HikariDataSource(pool), write);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Read-only access from any thread. */
    public Jdbi reads() {
        return reads;
    }

    /** The writer's handle on its own connection, with cached statements. */
    Handle openWriteHandle() {
        return Jdbi.create(() -> writeConnection).setStatementBuilderFactory(statements).open();
    }

    @Override
    public void close() {
        readPool.close();
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // closing on shutdown; nothing left to save
        }
    }
}
