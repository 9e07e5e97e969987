package org.stoa.server.storage;

import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/**
 * What differs between the engines Stoa stores its data in, decided once by {@link Database#open}
 * (Synapse's database engine object). The SQL itself is shared: the stores write SQL both engines
 * run ({@code RETURNING}, {@code ON CONFLICT}, epoch-millisecond {@code BIGINT} times, small
 * integers for booleans), and the migrations are one set (see {@link PostgresTypes} for row ids and lengths).
 */
public sealed interface DatabaseEngine permits SqliteEngine, PostgresEngine {

    /** {@code sqlite} or {@code postgresql}, as logs and metrics name it. */
    String name();

    /**
     * Whether {@code e} says "run the whole transaction again" (a deadlock, a serialization failure,
     * a lock held by another process, a connection lost mid-transaction) rather than "this job is wrong".
     */
    boolean isRetryable(SQLException e);

    /**
     * Where this engine's own migrations are, beside the shared {@code db/migration}: versions
     * whose SQL must differ between the engines, one file per engine under the same name.
     */
    default String vendorMigrations() {
        return "classpath:db/vendor/" + name();
    }

    /** How statements are prepared: kept open per connection where parsing is the cost (SQLite). */
    StatementBuilderFactory statements();

    /**
     * The most jobs the {@link Writer} commits in one transaction. Each job runs in a savepoint;
     * PostgreSQL keeps only 64 of those per transaction in shared memory before every reader must
     * look them up on disk.
     */
    int maxJobsPerTransaction();

    /**
     * Whether this process's {@link Writer} is the only one writing. True for SQLite (one file, one
     * server); false for PostgreSQL, where other nodes write too, so a writer must read what it
     * depends on from the database rather than from a cache another node cannot invalidate.
     */
    boolean singleWriter();

    /**
     * Whether the engine's log holds every page a commit changed, whole (SQLite's write-ahead log),
     * rather than records of the rows (PostgreSQL's): there rows spread over many pages cost a page
     * each per commit, and new stream events and search terms wait in one place first ({@code RecentRows}).
     */
    boolean logsWholePages();

    /**
     * How long after its last commit the {@link Writer} keeps taking jobs into an open transaction
     * while several clients write at once (zero: it commits as soon as its queue is empty). Where
     * the log holds whole pages (SQLite), a commit's cost is mostly per page, and the sends of one
     * commit share most of their pages: 3 ms apart, the server took a fifth less CPU per group
     * message at 1,200 a second for 2 ms more of median latency (docs/performance.md). On PostgreSQL
     * an open transaction holds the lock every node's writer takes ({@link #beginWrites}), so the
     * other nodes would wait.
     */
    Duration commitSpacing();

    /**
     * Run first in every writer transaction. On PostgreSQL it takes a transaction-scoped advisory
     * lock that every node's writer takes, so writers commit one after another: each batch locks
     * many counter rows (every member's {@code event_seqs} row) in the order its jobs happen to run, and
     * two nodes' batches would otherwise deadlock on them again and again. Reviews, reads and
     * delivery still run on every node at once; only the commits take turns.
     */
    void beginWrites(org.jdbi.v3.core.Handle h);
}
