package org.stoa.bench.text;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stoa.engine.text.TermList;
import org.stoa.engine.text.TermMatcher;

/**
 * One pass over every message of the speed set (about 50 MB), per matcher: Stoa's (every
 * evasion family folded, whole words), hankcs's Aho-Corasick on lower-cased text, and houbb's
 * sensitive-word with its defaults. Time per pass; MB/s is the set's size over it. Each returns
 * its number of matches, so that nothing is optimized away and the counts can be compared.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TextMatchingBenchmark {

    @Param(SpeedSet.DEFAULT_DIR)
    public String dir;

    private List<String> messages;
    private List<String> lowerCased;
    private TermMatcher stoa;
    private AhoCorasickDoubleArrayTrie<String> hankcs;
    private SensitiveWordBs houbb;

    @Setup
    public void setUp() {
        List<String> terms = SpeedSet.terms(dir);
        messages = SpeedSet.messages(dir);
        lowerCased = messages.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
        stoa = TermMatcher.build(new TermList("speed", terms));
        hankcs = Baselines.hankcs(terms);
        houbb = Baselines.houbb(terms);
    }

    @Benchmark
    public long stoa() {
        long matches = 0;
        for (String message : messages) matches += stoa.find(message).size();
        return matches;
    }

    /** Lower-casing is this baseline's only normalization, so it is part of its work. */
    @Benchmark
    public long hankcsLowerCaseAndMatch() {
        long[] matches = {0};
        AhoCorasickDoubleArrayTrie.IHit<String> count = (begin, end, term) -> matches[0]++;
        for (String message : messages) hankcs.parseText(message.toLowerCase(Locale.ROOT), count);
        return matches[0];
    }

    /** The matching alone, on text lower-cased beforehand. */
    @Benchmark
    public long hankcsMatchOnly() {
        long[] matches = {0};
        AhoCorasickDoubleArrayTrie.IHit<String> count = (begin, end, term) -> matches[0]++;
        for (String message : lowerCased) hankcs.parseText(message, count);
        return matches[0];
    }

    /** About ten seconds a pass: fewer, but enough, iterations. */
    @Benchmark
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public long houbb() {
        long matches = 0;
        for (String message : messages) matches += houbb.findAll(message).size();
        return matches;
    }
}
