package org.stoa.server.storage;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One job's view of the writer's transaction: SQL through {@link #handle()}, side effects after
 * commit, and undo steps for what a job keeps in memory beside the database, run if its rows are
 * rolled back.
 */
public final class Tx {

    private final Handle handle;
    private final long now;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();

    Tx(Handle handle, long now) {
        this.handle = handle;
        this.now = now;
    }

    public Handle handle() {
        return handle;
    }

    /** The time of this job in epoch milliseconds, from the server's clock when the writer began it. */
    public long now() {
        return now;
    }

    /** Runs {@code action} once the transaction is durable (e.g. deliver events); skipped on rollback. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /**
     * Runs {@code undo} on the writer's thread if this job's changes are rolled back (the job failed,
     * or the batch's commit did): memory that follows the database, such as the audit chain's head,
     * goes back with it.
     */
    public void onRollback(Runnable undo) {
        onRollback.add(undo);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    /** Undoes in reverse order, once. */
    void rolledBack() {
        for (int i = onRollback.size() - 1; i >= 0; i--) onRollback.get(i).run();
        onRollback.clear();
        afterCommit.clear();
    }
}
