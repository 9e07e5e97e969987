package org.stoa.bench.text;

import java.util.List;
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
 * Building a matcher for the speed set's 100,000 terms in a JVM limited to 64 MB of heap (the
 * run fails if it does not fit). {@code cold}: the first build in a fresh JVM, which also loads
 * ICU's data and compiles nothing ahead; {@code warm}: a rebuild in a running service.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xmx64m"})
public class TermListBuildBenchmark {

    @Param(SpeedSet.DEFAULT_DIR)
    public String dir;

    private List<String> terms;

    @Setup
    public void setUp() {
        terms = SpeedSet.terms(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public TermMatcher cold() {
        return TermMatcher.build(new TermList("speed", terms));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public TermMatcher warm() {
        return TermMatcher.build(new TermList("speed", terms));
    }
}
