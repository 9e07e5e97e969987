package org.stoa.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.stoa.server.config.StoaConfig;
import org.stoa.server.config.StorageUrl;

/**
 * The database every store uses: SQLite under {@code data.dir} by default, or the PostgreSQL
 * database {@code storage.url} names. Migrated on open; one connection for the {@link Writer} and a
 * small pool of read-only connections for reads from any thread.
 */
public final class Database implements AutoCloseable {

    private final DatabaseEngine engine;
    private final HikariDataSource readPool;
    private final HikariDataSource writePool;
    private final Jdbi reads;
    private final Jdbi writes;
    private final Housekeeping housekeeping;
    private final Function<Runnable, Durability> durability;

    private Database(DatabaseEngine engine, HikariDataSource readPool, HikariDataSource writePool, Housekeeping housekeeping,
                     Function<Runnable, Durability> durability) {
        this.engine = engine;
        this.durability = durability;
        this.readPool = readPool;
        this.writePool = writePool;
        this.housekeeping = housekeeping;
        this.reads = Jdbi.create(readPool).setStatementBuilderFactory(engine.statements());
        this.writes = Jdbi.create(writePool).setStatementBuilderFactory(engine.statements());
    }

    /**
     * The database {@code config} names: PostgreSQL when {@code storage.url} is set, else SQLite in
     * the data folder. The data folder, which holds media and hash banks on either engine, is made
     * the server user's alone first.
     */
    public static Database open(StoaConfig config) {
        PrivateFiles.folder(config.dataDir().toAbsolutePath());
        return config.storageUrl().map(Database::openPostgres).orElseGet(() -> openSqlite(config.databaseFile()));
    }

    public static Database openSqlite(Path file) {
        PrivateFiles.folder(file.toAbsolutePath().getParent());
        // SQLite gives its -wal and -shm files the database file's permissions.
        PrivateFiles.file(file);
        SQLiteDataSource source = sqliteSource(file, new SQLiteConfig(), SQLiteConfig.SynchronousMode.FULL);
        SqliteEngine engine = new SqliteEngine();
        migrate(Flyway.configure().dataSource(source), engine);

        HikariConfig read = pool("stoa-read", source, Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        read.setConnectionInitSql("PRAGMA query_only = 1");
        // The writer's statements that change several rows (every account's next eventSeq, a
        // group's events) keep a statement journal, and SQLite keeps it in a temporary file by
        // default: a write system call per page, more than the log itself took. They are small and
        // live for one statement, so in memory; reads keep spilling large sorts to disk.
        SQLiteConfig writerConfig = new SQLiteConfig();
        writerConfig.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // A send touches pages all over the database (each member's newest events, the search terms'
        // leaves); with SQLite's default 2 MB of cache the writer read many of them back from the file
        // with a system call each. Up to 64 MiB, taken only as pages are used.
        writerConfig.setCacheSize(-64 * 1024);
        // The writer's commits write the log without waiting for the disk; WalSync flushes it on its
        // own thread before any of them is acknowledged (durable before we answer 201).
        HikariConfig write = pool("stoa-write", sqliteSource(file, writerConfig, SQLiteConfig.SynchronousMode.NORMAL), 1);
        write.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + WalCheckpointer.WRITER_BACKSTOP_PAGES);
        for (HikariConfig c : new HikariConfig[] {read, write}) {
            c.setMaxLifetime(0); // SQLite connections do not go stale, and statements are cached on them
        }
        return open(engine, read, write, file.toString(), () -> WalCheckpointer.start(source, file), caughtUp -> WalSync.forDatabase(file, caughtUp));
    }

    private static SQLiteDataSource sqliteSource(Path file, SQLiteConfig config, SQLiteConfig.SynchronousMode synchronous) {
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        // Ids come back through RETURNING. Left on, the driver matches every statement's SQL against a
        // pattern and, after each INSERT, prepares and runs "SELECT last_insert_rowid()" for keys no one reads.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    public static Database openPostgres(StorageUrl url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url.jdbcUrl());
        url.user().ifPresent(source::setUser);
        url.password().ifPresent(source::setPassword);
        source.setApplicationName("stoa");
        PostgresEngine engine = new PostgresEngine();
        try {
            migrate(Flyway.configure().dataSource(source).callbacks(new PostgresTypes()), engine);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the database " + url + ": " + rootMessage(e), e);
        }
        HikariConfig read = pool("stoa-read", source, Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        read.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        return open(engine, read, pool("stoa-write", source, 1), url.toString(), Housekeeping.None::new, caughtUp -> new Durability.OnCommit());
    }

    private static void migrate(FluentConfiguration flyway, DatabaseEngine engine) {
        flyway.locations("classpath:db/migration", engine.vendorMigrations()).load().migrate();
    }

    private static HikariConfig pool(String name, DataSource source, int size) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(source);
        c.setPoolName(name);
        c.setMaximumPoolSize(size);
        return c;
    }

    private static Database open(DatabaseEngine engine, HikariConfig read, HikariConfig write, String where,
                                 Supplier<Housekeeping> housekeeping, Function<Runnable, Durability> durability) {
        HikariDataSource readPool = null;
        try {
            readPool = new HikariDataSource(read);
            return new Database(engine, readPool, new HikariDataSource(write), housekeeping.get(), durability);
        } catch (RuntimeException e) {
            if (readPool != null) readPool.close();
            throw new IllegalStateException("cannot open the database " + where + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    public DatabaseEngine engine() {
        return engine;
    }

    /** Read-only access from any thread. */
    public Jdbi reads() {
        return reads;
    }

    /**
     * What tells a {@link Writer} that its commits are on disk, and runs {@code caughtUp} when there is
     * nothing left to flush: one for each writer, closed by it.
     */
    Durability newDurability(Runnable caughtUp) {
        return durability.apply(caughtUp);
    }

    /** What the {@link Writer} runs on {@code writer}, its handle, between two of its transactions. */
    void betweenTransactions(Handle writer) {
        housekeeping.betweenTransactions(writer);
    }

    /** A handle on the writer's connection (the pool holds one), with the engine's statement preparation. */
    Handle openWriteHandle() {
        return writes.open();
    }

    /** Gives up a write handle whose connection broke; the next {@link #openWriteHandle()} connects anew. */
    void discardWriteHandle(Handle broken) {
        try {
            writePool.evictConnection(broken.getConnection());
            broken.close();
        } catch (RuntimeException ignored) {
            // closing a broken connection
        }
    }

    @Override
    public void close() {
        readPool.close();
        writePool.close();
        housekeeping.close(); // the last: SQLite's checkpointer holds the database file open
    }
}
