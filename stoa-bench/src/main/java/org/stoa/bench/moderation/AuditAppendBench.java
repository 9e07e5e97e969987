package org.stoa.bench.moderation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.stoa.server.enforcement.AuditChain;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.Writer;

/**
 * What the audit log's hash chain costs the writer's thread, where refusals append inside the
 * send path's transaction: {@value #ENTRIES} appends in one writer job, through {@link AuditLog}
 * (canonical form, SHA-256, the previous hash from memory, one insert), against the same insert
 * without the chain as the log was written before, and the hash alone. The job's commit (one
 * fsync, shared by the thousand) is in both appends.
 *   java -jar stoa-bench/target/stoa-bench.jar AuditAppendBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
public class AuditAppendBench {

    static final int ENTRIES = 1000;
    private static final String DETAILS = "not delivered: the message was refused before anyone received it";

    private Path dir;
    private Database database;
    private Writer writer;
    private AuditLog audit;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("audit-bench");
        database = Database.openSqlite(dir.resolve("stoa.db"));
        writer = new Writer(database, Clock.systemUTC(), new SimpleMeterRegistry());
        audit = new AuditLog(database.reads(), true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The chain's own work per entry: the canonical form and its SHA-256. */
    @Benchmark
    public String hashOnly() {
        return AuditChain.hash(new AuditChain.Fields(1_767_000_000_000L, null, "decision.refused", 42L, 7L, "gambling-ads", DETAILS),
                AuditChain.GENESIS);
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public Object chained() {
        return writer.execute(tx -> {
            for (int i = 0; i < ENTRIES; i++) audit.append(tx, null, "decision.refused", 42L, (long) i, "gambling-ads", DETAILS);
            return null;
        });
    }

    /** The baseline: the insert the log used before it was chained. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public Object unchained() {
        return writer.execute(tx -> {
            for (int i = 0; i < ENTRIES; i++) {
                tx.handle().createUpdate("""
                                INSERT INTO audit_log (at, actor_id, action, account_id, decision_id, rule_id, details)
                                VALUES (:at, :actor, :action, :account, :decision, :rule, :details)""")
                        .bind("at", tx.now()).bind("actor", (Long) null).bind("action", "decision.refused").bind("account", 42L)
                        .bind("decision", (long) i).bind("rule", "gambling-ads").bind("details", DETAILS).execute();
            }
            return null;
        });
    }
}
