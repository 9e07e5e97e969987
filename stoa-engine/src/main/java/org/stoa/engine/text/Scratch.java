package org.stoa.engine.text;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers reused from one message to the next, so that scanning a message allocates nothing but
 * its matches. Fresh buffers for every message would stream through the processor's caches and
 * push out the top of the trie, which every search starts from. A platform thread (a batch such
 * as {@code stoa scan}, a worker pool) keeps its own; virtual threads share a pool, as a server
 * runs each request on a new one, where a thread-local would be new every time.
 */
final class Scratch {

    /** Buffers grown past this many units, for a huge text, are not kept. */
    private static final int KEEP_LIMIT = 1 << 16;
    /** More than the cores that can scan at once; the rest are dropped for the collector. */
    private static final int POOL_LIMIT = 4 * Runtime.getRuntime().availableProcessors() + 4;
    private static final ConcurrentLinkedDeque<Scratch> POOL = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger POOLED = new AtomicInteger();
    private static final ThreadLocal<Scratch> OWN = new ThreadLocal<>();

    final FoldedText text = new FoldedText();
    int[] stack = new int[160];
    /** A platform thread's own buffers, which go back to it rather than to the pool. */
    private final boolean own;
    private boolean busy;

    private Scratch(boolean own) {
        this.own = own;
    }

    /** Buffers for one scan; hand them back with {@link #release()}. */
    static Scratch acquire() {
        if (!Thread.currentThread().isVirtual()) {
            Scratch s = OWN.get();
            if (s == null) OWN.set(s = new Scratch(true));
            if (!s.busy) {
                s.busy = true;
                return s;
            }
        }
        Scratch s = POOL.pollFirst();
        if (s == null) return new Scratch(false);
        POOLED.decrementAndGet();
        return s;
    }

    /** Returns the buffers, unless a huge text grew them, or to the pool unless it is full. */
    void release() {
        boolean huge = text.capacity() > KEEP_LIMIT || stack.length > KEEP_LIMIT;
        if (own) {
            busy = false;
            if (huge) OWN.remove();
            return;
        }
        if (huge) return;
        if (POOLED.incrementAndGet() > POOL_LIMIT) {
            POOLED.decrementAndGet();
            return;
        }
        POOL.offerFirst(this);
    }
}
