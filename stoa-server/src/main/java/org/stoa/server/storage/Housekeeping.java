package org.stoa.server.storage;

import org.jdbi.v3.core.Handle;

/**
 * What the database needs done beside the stores' statements: on SQLite, copying the write-ahead log
 * into the database file and starting the log afresh ({@link WalCheckpointer}); nothing on PostgreSQL.
 */
sealed interface Housekeeping extends AutoCloseable permits WalCheckpointer, Housekeeping.None {

    /** Runs on the {@link Writer}'s thread, on its connection, after a transaction and before the next. */
    void betweenTransactions(Handle writer);

    /** Runs after the database's pools are closed. */
    @Override
    void close();

    /** PostgreSQL looks after its own log. */
    final class None implements Housekeeping {
        @Override
        public void betweenTransactions(Handle writer) {}

        @Override
        public void close() {}
    }
}
