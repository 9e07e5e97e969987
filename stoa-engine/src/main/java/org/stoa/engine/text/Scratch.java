package org.stoa.engine.text;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers reused from one message to the next, so that scanning a message allocates nothing but
 * its matches. Fresh buffers for every message would stream through the processor's caches and
 * push out the top of the trie, which every search starts from. They are pooled, not kept per
 * thread: a server runs each request on a new virtual thread, where a thread-local would be new
 * every time.
 */
final class Scratch {

    /** Buffers grown past this many units, for a huge text, are not kept. */
    private static final int KEEP_LIMIT = 1 << 16;
    /** More than the cores that can scan at once; the rest are dropped for the collector. */
    private static final int POOL_LIMIT = 4 * Runtime.getRuntime().availableProcessors() + 4;
    private static final ConcurrentLinkedDeque<Scratch> POOL = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    final FoldedText text = new FoldedText();
    int[] stack = new int[160];

    /** Buffers for one scan; hand them back with {@link #release()}. */
    static Scratch acquire() {
        Scratch s = POOL.pollFirst();
        if (s == null) return new Scratch();
        POOLED.decrementAndGet();
        return s;
    }

    /** Returns the buffers to the pool, unless a huge text grew them or the pool is full. */
    void release() {
        if (text.capacity() > KEEP_LIMIT || stack.length > KEEP_LIMIT) return;
        if (POOLED.incrementAndGet() > POOL_LIMIT) {
            POOLED.decrementAndGet();
            return;
        }
        POOL.offerFirst(this);
    }
}
