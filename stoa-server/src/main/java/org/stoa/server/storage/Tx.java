package org.stoa.server.storage;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** One job's view of the writer's transaction: SQL through {@link #handle()}, side effects after commit. */
public final class Tx {

    private final Handle handle;
    private final long now;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Handle handle, long now) {
        this.handle = handle;
        this.now = now;
    }

    public Handle handle() {
        return handle;
    }

    /** The time of this transaction in epoch milliseconds, from the server's clock. */
    public long now() {
        return now;
    }

    /** Runs {@code action} once the transaction is durable (e.g. deliver events); skipped on rollback. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
