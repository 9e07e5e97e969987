package org.stoa.engine.text;

import java.util.List;

/**
 * A Bloom filter of the words the keys are made of, so that an ordinary word of a spaced script
 * (plain letters, a gap after it) that is in no term costs one read of a small table instead of
 * a walk down the trie, whose deep nodes are rarely in the processor's cache. It holds, for every
 * key, its letters up to the end of each of its words, with the spaces between words left out (a
 * plain word may be several of a term's words glued together: {@code darkweb}). A word the filter
 * rejects leads to no term's word end; one it accepts (rarely by mistake) is walked as usual.
 */
final class WordFilter {

    private static final long START = 0x2545F4914F6CDD1DL;

    /** Blocked: the bits of one word all lie in one {@code long}, so a lookup reads one cache line. */
    private final long[] blocks;
    private final int mask;

    private WordFilter(int blocks) {
        this.blocks = new long[blocks];
        this.mask = blocks - 1;
    }

    static WordFilter build(List<TermTrie.Key> keys) {
        int words = 0;
        for (TermTrie.Key key : keys) {
            for (int c : key.code()) words += c == ' ' ? 1 : 0;
            words++;
        }
        // About 16 bits a word: with three bits set per word, one lookup in 200 is a false alarm.
        WordFilter filter = new WordFilter(Integer.highestOneBit(Math.max(64, words / 4)) << 1);
        for (TermTrie.Key key : keys) {
            long hash = START;
            int[] code = key.code();
            for (int i = 0; i < code.length; i++) {
                if (code[i] != ' ') hash = mix(hash, code[i]);
                if (i + 1 == code.length || code[i + 1] == ' ') filter.add(finish(hash));
            }
        }
        return filter;
    }

    static long start() {
        return START;
    }

    static long mix(long hash, int c) {
        return (hash + c) * 0x9E3779B97F4A7C15L;
    }

    static long finish(long hash) {
        hash ^= hash >>> 31;
        hash *= 0xBF58476D1CE4E5B9L;
        return hash ^ hash >>> 29;
    }

    private void add(long hash) {
        blocks[(int) (hash >>> 40) & mask] |= bits(hash);
    }

    /** False if no key has a word ending that reads as these letters; true if one may. */
    boolean mayContain(long hash) {
        long bits = bits(hash);
        return (blocks[(int) (hash >>> 40) & mask] & bits) == bits;
    }

    private static long bits(long hash) {
        return 1L << hash | 1L << (hash >>> 6) | 1L << (hash >>> 12);
    }
}
