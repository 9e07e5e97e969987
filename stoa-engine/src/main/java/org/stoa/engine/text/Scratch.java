package org.stoa.engine.text;

/**
 * Buffers a thread reuses from one message to the next, so that scanning a message allocates
 * nothing but its matches. Fresh buffers for every message would stream through the processor's
 * caches and push out the top of the trie, which every search starts from.
 */
final class Scratch {

    /** Buffers grown past this many units, for a huge text, are not kept. */
    private static final int KEEP_LIMIT = 1 << 16;
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    final FoldedText text = new FoldedText();
    int[] stack = new int[160];

    static Scratch forThisThread() {
        return PER_THREAD.get();
    }

    /** Call when done with the buffers: lets go of them if a huge text grew them. */
    void release() {
        if (text.capacity() > KEEP_LIMIT || stack.length > KEEP_LIMIT) PER_THREAD.remove();
    }
}
