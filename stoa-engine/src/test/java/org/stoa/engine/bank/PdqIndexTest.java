package org.stoa.engine.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.stoa.engine.image.PdqHash;

/**
 * The multi-index against a brute-force scan, on random banks where queries have stored hashes
 * at every distance around the radius. Seeded, so a failure reproduces.
 */
class PdqIndexTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void nearestAgreesWithBruteForceAtEveryRadius(long seed) {
        Random rnd = new Random(seed);
        PdqIndex index = new PdqIndex();
        List<PdqHash> stored = new ArrayList<>();
        List<PdqHash> bulk = new ArrayList<>();
        for (int i = 0; i < 3000; i++) bulk.add(random(rnd));
        bulk.forEach(index::append);
        index.compact();
        stored.addAll(bulk);
        List<PdqHash> queries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            PdqHash q = random(rnd);
            queries.add(q);
            // a stored hash at a distance around the radius, added one at a time (the recent part)
            PdqHash near = flip(q, 20 + rnd.nextInt(20), rnd);
            index.add(near);
            stored.add(near);
        }
        for (int i = 0; i < 200; i++) {
            int victim = rnd.nextInt(stored.size());
            if (index.remove(victim)) stored.set(victim, null);
        }
        for (PdqHash q : queries) {
            for (int radius : new int[] {0, 10, 15, 16, 25, 31}) {
                PdqIndex.Hit hit = index.nearest(q, radius);
                int expected = bruteForce(stored, q);
                if (expected <= radius) {
                    assertThat(hit).as("radius %d", radius).isNotNull();
                    assertThat(hit.distance()).isEqualTo(expected);
                    assertThat(index.hash(hit.id()).distance(q)).isEqualTo(expected);
                } else {
                    assertThat(hit).as("radius %d, nearest at %d", radius, expected).isNull();
                }
            }
        }
    }

    @Test
    void addsAndRemovalsAreVisibleToTheNextLookup() {
        Random rnd = new Random(42);
        PdqIndex index = new PdqIndex();
        List<PdqHash> bulk = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) bulk.add(random(rnd));
        bulk.forEach(index::append);
        index.compact();
        PdqHash h = random(rnd);
        PdqHash query = flip(h, 31, rnd);
        assertThat(index.nearest(query, 31)).isNull();
        int id = index.add(h);
        assertThat(index.nearest(query, 31)).isEqualTo(new PdqIndex.Hit(id, 31));
        assertThat(index.remove(id)).isTrue();
        assertThat(index.nearest(query, 31)).isNull();
        assertThat(index.remove(id)).isFalse();
        assertThat(index.size()).isEqualTo(10_000);
    }

    @Test
    void survivesCompactionsTriggeredByManySingleAdds() {
        Random rnd = new Random(9);
        PdqIndex index = new PdqIndex();
        List<PdqHash> stored = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            PdqHash h = random(rnd);
            stored.add(h);
            assertThat(index.add(h)).isEqualTo(i);
        }
        for (int i = 0; i < stored.size(); i += 997) {
            assertThat(index.find(stored.get(i))).isEqualTo(i);
        }
    }

    @Test
    void lookupsRunningDuringAddsAndCompactionsSeeEveryCompletedAdd() throws Exception {
        Random rnd = new Random(11);
        PdqIndex index = new PdqIndex();
        int n = 30_000; // crosses several compactions
        PdqHash[] hashes = new PdqHash[n];
        for (int i = 0; i < n; i++) hashes[i] = random(rnd);
        AtomicInteger published = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                index.add(hashes[i]);
                published.set(i + 1);
            }
        });
        Runnable reader = () -> {
            Random r = new Random(Thread.currentThread().threadId());
            while (published.get() < n && failure.get() == null) {
                int done = published.get(); // every add before this one has returned
                if (done == 0) continue;
                int i = r.nextInt(done);
                PdqIndex.Hit hit = index.nearest(flip(hashes[i], 31, r), 31);
                if (hit == null || hit.distance() > 31) failure.set("add " + i + " of " + done + " not visible");
            }
        };
        Thread r1 = new Thread(reader);
        Thread r2 = new Thread(reader);
        r1.start();
        r2.start();
        writer.start();
        writer.join();
        r1.join();
        r2.join();
        assertThat(failure.get()).isNull();
        assertThat(index.size()).isEqualTo(n);
    }

    @Test
    void refusesRadiiItCannotAnswerExactly() {
        assertThatThrownBy(() -> new PdqIndex().nearest(new PdqHash(0, 0, 0, 0), 32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static int bruteForce(List<PdqHash> stored, PdqHash q) {
        int best = Integer.MAX_VALUE;
        for (PdqHash s : stored) if (s != null) best = Math.min(best, s.distance(q));
        return best;
    }

    static PdqHash random(Random rnd) {
        return new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }

    /** {@code h} with exactly {@code bits} distinct bits flipped. */
    static PdqHash flip(PdqHash h, int bits, Random rnd) {
        long[] w = {h.w0(), h.w1(), h.w2(), h.w3()};
        BitSet chosen = new BitSet(256);
        while (chosen.cardinality() < bits) chosen.set(rnd.nextInt(256));
        chosen.stream().forEach(k -> w[k >> 6] ^= 1L << (k & 63));
        return PdqHash.fromWords(w, 0);
    }
}
