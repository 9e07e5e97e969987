package org.stoa.server.storage;

/**
 * When a batch the {@link Writer} committed is on disk, so that what waits for it (the jobs' futures,
 * their after-commit actions: acknowledgements, doorbells) may go on. On PostgreSQL a commit returns
 * once its log is flushed, so at once; on SQLite the commit only writes the log and {@link WalSync}
 * flushes it on its own thread while the writer runs the next batch, and tells the writer when it
 * has caught up.
 */
sealed interface Durability extends AutoCloseable permits Durability.OnCommit, WalSync {

    /** What runs once a batch is durable, or once making it durable failed. */
    @FunctionalInterface
    interface Then {
        /** {@code failure} is null when the batch is on disk. */
        void run(Exception failure);
    }

    /**
     * Runs {@code then} once everything committed before this call is on disk. Callbacks run one at
     * a time, in the order of their calls.
     */
    void whenDurable(Then then);

    /**
     * Whether a flush is under way or due, so that a commit now would wait for it: the writer keeps its
     * transaction open and takes more jobs into it meanwhile, one commit and one flush for all of them.
     */
    boolean flushing();

    /** Returns once every callback has run. */
    @Override
    void close();

    /** The commit itself was durable: {@code then} runs on the caller's thread. */
    final class OnCommit implements Durability {
        @Override
        public void whenDurable(Then then) {
            then.run(null);
        }

        @Override
        public boolean flushing() {
            return false;
        }

        @Override
        public void close() {}
    }
}
