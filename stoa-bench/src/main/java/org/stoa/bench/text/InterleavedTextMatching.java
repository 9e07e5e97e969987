package org.stoa.bench.text;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.stoa.engine.text.TermList;
import org.stoa.engine.text.TermMatcher;

/**
 * The comparison of {@link TextMatchingBenchmark} made robust to a busy machine: JMH runs one
 * matcher after the other, so a neighbour's build landing on one of them decides the ratio. Here
 * the speed set is cut into chunks, each chunk is scanned by every matcher in turn (the order
 * rotating from round to round), and each matcher's time is the sum over chunks of the least
 * thread CPU time it took on that chunk: what it costs when nothing else gets in its way.
 *
 * <pre>java -cp stoa-bench/target/stoa-bench.jar org.stoa.bench.text.InterleavedTextMatching DIR [ROUNDS]</pre>
 */
public final class InterleavedTextMatching {

    private static final int CHUNKS = 40;

    private InterleavedTextMatching() {}

    /** Scans messages {@code from} to {@code to}; returns a count, so that nothing is optimized away. */
    private interface Scan {
        long run(int from, int to);
    }

    public static void main(String[] args) {
        String dir = args.length > 0 ? args[0] : SpeedSet.DEFAULT_DIR;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<String> terms = SpeedSet.terms(dir);
        List<String> messages = SpeedSet.messages(dir);
        List<String> lowerCased = messages.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
        List<byte[]> utf8 = messages.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
        long bytes = messages.stream().mapToLong(m -> m.getBytes(StandardCharsets.UTF_8).length + 1).sum();
        TermMatcher stoa = TermMatcher.build(new TermList("speed", terms));
        AhoCorasickDoubleArrayTrie<String> hankcs = Baselines.hankcs(terms);
        long[] hits = {0};
        AhoCorasickDoubleArrayTrie.IHit<String> count = (begin, end, term) -> hits[0]++;

        String[] names = {"stoa", "stoa from UTF-8 bytes", "hankcs lower-case + match", "hankcs match only"};
        Runnable malformed = () -> { };
        Scan[] scans = {
            (from, to) -> messages.subList(from, to).stream().mapToLong(m -> stoa.find(m).size()).sum(),
            (from, to) -> utf8.subList(from, to).stream().mapToLong(m -> stoa.findInUtf8(m, 0, m.length, malformed).size()).sum(),
            (from, to) -> {
                messages.subList(from, to).forEach(m -> hankcs.parseText(m.toLowerCase(Locale.ROOT), count));
                return hits[0];
            },
            (from, to) -> {
                lowerCased.subList(from, to).forEach(m -> hankcs.parseText(m, count));
                return hits[0];
            },
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] least = new long[names.length][CHUNKS];
        for (long[] row : least) Arrays.fill(row, Long.MAX_VALUE);
        int size = messages.size() / CHUNKS;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                int from = chunk * size;
                int to = chunk == CHUNKS - 1 ? messages.size() : from + size;
                for (int turn = 0; turn < names.length; turn++) {
                    int which = (turn + round) % names.length;
                    long started = threads.getCurrentThreadCpuTime();
                    sink += scans[which].run(from, to);
                    least[which][chunk] = Math.min(least[which][chunk], threads.getCurrentThreadCpuTime() - started);
                }
            }
        }
        double stoaSeconds = Arrays.stream(least[0]).sum() / 1e9;
        System.out.printf("%d terms, %d messages, %d bytes, %d rounds of %d chunks (checksum %d)%n",
                terms.size(), messages.size(), bytes, rounds, CHUNKS, sink % 1000);
        for (int i = 0; i < names.length; i++) {
            double seconds = Arrays.stream(least[i]).sum() / 1e9;
            System.out.printf("%-26s %6.0f ms  %6.1f MB/s  time / stoa's %.2f%n", names[i], seconds * 1e3,
                    bytes / 1e6 / seconds, seconds / stoaSeconds);
        }
    }
}
