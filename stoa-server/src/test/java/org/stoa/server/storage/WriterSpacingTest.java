package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer keeps commits apart only while several clients write at once. */
class WriterSpacingTest {

    private static double spacingWaits(SimpleMeterRegistry metrics) {
        return metrics.get(Writer.class.getName() + ".spacingWaits").counter().count();
    }

    @Test
    void oneClientThatWaitsForEachAnswerIsNeverHeldBack(@TempDir Path dir) {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = Database.openSqlite(dir.resolve("stoa.db")); Writer writer = new Writer(db, Clock.systemUTC(), metrics)) {
            writer.execute(tx -> tx.handle().execute("CREATE TABLE scratch (body TEXT NOT NULL)"));
            for (int i = 0; i < 300; i++) {
                int n = i;
                writer.execute(tx -> tx.handle().execute("INSERT INTO scratch (body) VALUES (?)", "row " + n));
            }
            assertThat(spacingWaits(metrics)).isZero();
            assertThat(metrics.get(Writer.class.getName() + ".batchSize").summary().count()).isEqualTo(301);
        }
    }

    @Test
    void severalClientsWritingAtOnceShareCommitsKeptApart(@TempDir Path dir) throws InterruptedException {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Database db = Database.openSqlite(dir.resolve("stoa.db")); Writer writer = new Writer(db, Clock.systemUTC(), metrics)) {
            writer.execute(tx -> tx.handle().execute("CREATE TABLE scratch (body TEXT NOT NULL)"));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.startVirtualThread(() -> {
                    while (!stop.get()) writer.execute(tx -> tx.handle().execute("INSERT INTO scratch (body) VALUES ('x')"));
                }));
            }
            try {
                Awaitility.await("the writer waiting in an open transaction after the commit before it")
                        .atMost(Duration.ofSeconds(20)).until(() -> spacingWaits(metrics) >= 10);
            } finally {
                stop.set(true);
                for (Thread t : clients) t.join();
            }
            long rows = db.reads().withHandle(h -> h.createQuery("SELECT count(*) FROM scratch").mapTo(Long.class).one());
            long batches = (long) metrics.get(Writer.class.getName() + ".batchSize").summary().count();
            assertThat(batches - 1).as("commits for %d rows", rows).isLessThan(rows);
        }
    }
}
