package org.stoa.engine.bank;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.stoa.engine.image.PdqHash;

/**
 * A multi-index over PDQ hashes that finds every stored hash within Hamming distance 31 of a
 * query, exactly. Each hash is cut into 16 slices of 16 bits; two hashes within distance 31
 * differ in at most one bit in at least one slice (16 slices x 2 bits = 32 > 31), so probing each
 * slice's table at its own value and its 16 one-bit neighbours finds every candidate, and the
 * full distance decides. Radii above 31 are refused rather than answered incompletely.
 *
 * <p>Layout, for at most 100 bytes per hash: the hashes sit in pages of 4,096 (32 bytes each);
 * each table is a compact bucket array (65,537 offsets and 3-byte ids, 48 bytes per hash for 16
 * tables) plus small per-bucket arrays for hashes added since the last compaction. Readers take no
 * lock and never wait: an add writes the hash, then publishes each bucket's new array with release
 * semantics, so the next lookup sees it; a removal sets a bit the same way. When the recent adds
 * outgrow 1/32 of the compacted part (their small per-bucket arrays cost several times more per
 * hash), the writer rebuilds the tables off to the side and swaps them in with one volatile write.
 * Ids are never reused, so a reader holding an old bucket never meets a different hash under an
 * id; removed slots are reclaimed when a bank is reloaded.
 *
 * <p>Writers must be serialised by the caller; lookups may run concurrently with them.
 */
final class PdqIndex {

    static final int MAX_RADIUS = 31;
    /** Ids are stored in 3 bytes. */
    static final int CAPACITY = 1 << 24;

    private static final int TABLES = 16;
    private static final int BUCKETS = 1 << 16;
    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MIN_COMPACTION = 4096;
    private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);

    /** Hash words (4 longs per id) and removed bits (1 per id) of 4,096 ids. */
    private record Page(long[] words, long[] removed) {
        Page() {
            this(new long[PAGE * 4], new long[PAGE / 64]);
        }
    }

    /**
     * One slice's table: ids of compacted hashes grouped by slice value, and per-bucket arrays of
     * later additions ({@code recent}, null until the first addition after a compaction).
     */
    private record Table(int[] start, byte[] ids, int[][] recent) {}

    private volatile Page[] pages = new Page[0];
    private volatile Table[] tables = emptyTables();
    private int size;
    private int compacted;
    private int live;

    /** A stored hash near a query: its id and distance. */
    record Hit(int id, int distance) {}

    int size() {
        return live;
    }

    /** Ids handed out so far, removed ones included. */
    int idLimit() {
        return size;
    }

    /** Stores a hash and makes it visible to the next lookup; returns its id. */
    int add(PdqHash hash) {
        int id = append(hash);
        Table[] ts = tables;
        if (ts[0].recent() == null) {
            ts = withRecent(ts);
            tables = ts; // before any bucket is published: a reader that sees a bucket sees its table
        }
        for (int t = 0; t < TABLES; t++) {
            int key = hash.slice16(t);
            int[] old = (int[]) BUCKET.getAcquire(ts[t].recent(), key);
            int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = id;
            BUCKET.setRelease(ts[t].recent(), key, grown);
        }
        if (size - compacted > Math.max(MIN_COMPACTION, compacted / 32)) compact();
        return id;
    }

    /**
     * Stores a hash without indexing it: lookups see it after the next {@link #compact()}. Bulk
     * loads use this, as one rebuild at the end costs far less than growing the recent arrays.
     */
    int append(PdqHash hash) {
        if (size == CAPACITY) throw new IllegalStateException("a bank holds at most " + CAPACITY + " PDQ hashes");
        int id = size;
        Page[] ps = pages;
        if (id >> PAGE_BITS == ps.length) {
            ps = Arrays.copyOf(ps, ps.length + 1);
            ps[ps.length - 1] = new Page();
        }
        long[] words = ps[id >> PAGE_BITS].words();
        int o = (id & (PAGE - 1)) * 4;
        words[o] = hash.w0();
        words[o + 1] = hash.w1();
        words[o + 2] = hash.w2();
        words[o + 3] = hash.w3();
        pages = ps; // volatile write: the words are visible before any bucket names this id
        size++;
        live++;
        return id;
    }

    /** Marks an id removed; the next lookup no longer returns it. */
    boolean remove(int id) {
        if (id < 0 || id >= size || removed(pages, id)) return false;
        long[] bits = pages[id >> PAGE_BITS].removed();
        int i = (id & (PAGE - 1)) >> 6;
        BITS.setRelease(bits, i, (long) BITS.getAcquire(bits, i) | 1L << (id & 63));
        live--;
        return true;
    }

    PdqHash hash(int id) {
        return PdqHash.fromWords(pages[id >> PAGE_BITS].words(), (id & (PAGE - 1)) * 4);
    }

    boolean removed(int id) {
        return removed(pages, id);
    }

    /** The id of a live hash equal to {@code hash}, or -1. */
    int find(PdqHash hash) {
        Hit hit = nearest(hash, 0);
        return hit == null ? -1 : hit.id();
    }

    /** The live hash nearest to {@code query} within {@code radius} (at most 31), or null. */
    Hit nearest(PdqHash query, int radius) {
        if (radius < 0 || radius > MAX_RADIUS) {
            throw new IllegalArgumentException("radius must be 0.." + MAX_RADIUS + ", got " + radius);
        }
        Search s = new Search(query, radius);
        Table[] ts = tables;
        // Within distance 15 some slice matches exactly, so exact probes come first and usually settle it.
        int flips = radius < TABLES ? 0 : 16;
        for (int t = 0; t < TABLES && s.best > 0; t++) {
            s.probe(ts[t], query.slice16(t));
        }
        for (int t = 0; t < TABLES && s.best > 0; t++) {
            int key = query.slice16(t);
            for (int b = 0; b < flips && s.best > 0; b++) s.probe(ts[t], key ^ (1 << b));
        }
        return s.bestId < 0 ? null : new Hit(s.bestId, s.best);
    }

    /** One lookup's state: the best hit so far, with the radius as the initial bound. */
    private final class Search {
        final long q0;
        final long q1;
        final long q2;
        final long q3;
        int best;
        int bestId = -1;

        Search(PdqHash q, int radius) {
            q0 = q.w0();
            q1 = q.w1();
            q2 = q.w2();
            q3 = q.w3();
            best = radius + 1;
        }

        void probe(Table table, int key) {
            int[] bucket = table.recent() == null ? null : (int[]) BUCKET.getAcquire(table.recent(), key);
            Page[] ps = pages; // read after the bucket: holds every id the bucket names
            byte[] ids = table.ids();
            for (int p = table.start()[key] * 3, end = table.start()[key + 1] * 3; p < end; p += 3) {
                check(ps, (ids[p] & 0xFF) | (ids[p + 1] & 0xFF) << 8 | (ids[p + 2] & 0xFF) << 16);
            }
            if (bucket != null) {
                for (int id : bucket) check(ps, id);
            }
        }

        private void check(Page[] ps, int id) {
            long[] w = ps[id >> PAGE_BITS].words();
            int o = (id & (PAGE - 1)) * 4;
            int d = Long.bitCount(w[o] ^ q0) + Long.bitCount(w[o + 1] ^ q1)
                    + Long.bitCount(w[o + 2] ^ q2) + Long.bitCount(w[o + 3] ^ q3);
            if (d < best && !removed(ps, id)) {
                best = d;
                bestId = id;
            }
        }
    }

    private static boolean removed(Page[] ps, int id) {
        long[] bits = ps[id >> PAGE_BITS].removed();
        return ((long) BITS.getAcquire(bits, (id & (PAGE - 1)) >> 6) & 1L << (id & 63)) != 0;
    }

    /** Rebuilds every table from all live ids, off to the side, and swaps them in at once. */
    void compact() {
        Page[] ps = pages;
        Table[] fresh = new Table[TABLES];
        int[] counts = new int[BUCKETS + 1];
        for (int t = 0; t < TABLES; t++) {
            Arrays.fill(counts, 0);
            for (int id = 0; id < size; id++) {
                if (!removed(ps, id)) counts[slice(ps, id, t) + 1]++;
            }
            for (int k = 0; k < BUCKETS; k++) counts[k + 1] += counts[k];
            int[] start = counts.clone();
            byte[] ids = new byte[counts[BUCKETS] * 3];
            for (int id = 0; id < size; id++) {
                if (removed(ps, id)) continue;
                int p = counts[slice(ps, id, t)]++ * 3;
                ids[p] = (byte) id;
                ids[p + 1] = (byte) (id >> 8);
                ids[p + 2] = (byte) (id >> 16);
            }
            fresh[t] = new Table(start, ids, null);
        }
        tables = fresh;
        compacted = size;
    }

    private static int slice(Page[] ps, int id, int t) {
        long word = ps[id >> PAGE_BITS].words()[(id & (PAGE - 1)) * 4 + (t >> 2)];
        return (int) (word >>> ((t & 3) << 4)) & 0xFFFF;
    }

    private static Table[] emptyTables() {
        Table[] ts = new Table[TABLES];
        for (int t = 0; t < TABLES; t++) ts[t] = new Table(new int[BUCKETS + 1], new byte[0], null);
        return ts;
    }

    /** The tables with room for recent additions, allocated at the first add after a compaction. */
    private static Table[] withRecent(Table[] ts) {
        Table[] out = new Table[TABLES];
        for (int t = 0; t < TABLES; t++) out[t] = new Table(ts[t].start(), ts[t].ids(), new int[BUCKETS][]);
        return out;
    }
}
