package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalSyncTest {

    /** A log whose flushes wait until the test lets each one finish. */
    private static final class HeldFlush implements WalSync.Flush {
        final AtomicInteger started = new AtomicInteger();
        final Semaphore finish = new Semaphore(0);

        @Override
        public void flush() {
            started.incrementAndGet();
            finish.acquireUninterruptibly();
        }
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).until(condition);
    }

    @Test
    void aBatchGoesOnOnlyOnceTheFlushAfterItsCommitIsDone() {
        HeldFlush disk = new HeldFlush();
        List<String> done = new CopyOnWriteArrayList<>();
        try (WalSync sync = WalSync.flushingWith(disk, () -> {})) {
            sync.whenDurable(failure -> done.add("first " + failure));
            await("the flush has started", () -> disk.started.get() == 1);
            assertThat(done).as("while the disk has not answered").isEmpty();
            disk.finish.release();
            await("the batch went on", () -> done.size() == 1);
            assertThat(done).containsExactly("first null");
        }
    }

    @Test
    void itSaysWhenAFlushIsUnderWayAndWhenItHasCaughtUp() {
        HeldFlush disk = new HeldFlush();
        AtomicInteger caughtUp = new AtomicInteger();
        try (WalSync sync = WalSync.flushingWith(disk, caughtUp::incrementAndGet)) {
            assertThat(sync.flushing()).isFalse();
            sync.whenDurable(failure -> { });
            assertThat(sync.flushing()).as("a commit waits for its flush").isTrue();
            await("the flush has started", () -> disk.started.get() == 1);
            sync.whenDurable(failure -> { });
            disk.finish.release();
            await("the second flush has started", () -> disk.started.get() == 2);
            assertThat(caughtUp).as("with a commit still waiting").hasValue(0);
            assertThat(sync.flushing()).isTrue();
            disk.finish.release();
            await("caught up", () -> caughtUp.get() == 1);
            assertThat(sync.flushing()).isFalse();
        }
    }

    @Test
    void batchesCommittedDuringAFlushShareTheNextOneInTheirOrder() {
        HeldFlush disk = new HeldFlush();
        List<Integer> done = new CopyOnWriteArrayList<>();
        try (WalSync sync = WalSync.flushingWith(disk, () -> {})) {
            sync.whenDurable(failure -> done.add(0));
            await("the first flush has started", () -> disk.started.get() == 1);
            for (int i = 1; i <= 5; i++) {
                int batch = i;
                sync.whenDurable(failure -> done.add(batch));
            }
            disk.finish.release(2);
            await("every batch went on", () -> done.size() == 6);
            assertThat(done).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(disk.started).as("flushes for six batches").hasValue(2);
        }
    }

    @Test
    void aFlushThatFailsIsReportedToTheBatchesItCoveredAndTheNextOneTriesAgain() {
        AtomicInteger flushes = new AtomicInteger();
        List<Exception> outcomes = new CopyOnWriteArrayList<>();
        try (WalSync sync = WalSync.flushingWith(() -> {
            if (flushes.incrementAndGet() == 1) throw new IOException("Input/output error");
        }, () -> {})) {
            sync.whenDurable(outcomes::add);
            await("the failed flush is reported", () -> outcomes.size() == 1);
            sync.whenDurable(outcomes::add);
            await("the next flush is reported", () -> outcomes.size() == 2);
        }
        assertThat(outcomes.get(0)).hasMessage("Input/output error");
        assertThat(outcomes.get(1)).isNull();
    }

    @Test
    void closingRunsWhatIsStillWaitingAndRefusesMore() {
        HeldFlush disk = new HeldFlush();
        List<Integer> done = new CopyOnWriteArrayList<>();
        WalSync sync = WalSync.flushingWith(disk, () -> {});
        sync.whenDurable(failure -> done.add(1));
        sync.whenDurable(failure -> done.add(2));
        disk.finish.release(2);
        sync.close();
        assertThat(done).containsExactly(1, 2);
        assertThatThrownBy(() -> sync.whenDurable(failure -> done.add(3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWriterOnSqliteCompletesItsJobsThroughTheLogsFlush(@TempDir Path dir) {
        Path file = dir.resolve("stoa.db");
        try (Database db = Database.openSqlite(file); Writer writer = new Writer(db, Clock.systemUTC(), new SimpleMeterRegistry())) {
            writer.execute(tx -> tx.handle().execute("CREATE TABLE scratch (body TEXT NOT NULL)"));
            for (int i = 0; i < 20; i++) {
                int n = i;
                writer.execute(tx -> tx.handle().execute("INSERT INTO scratch (body) VALUES (?)", "row " + n));
            }
            int rows = db.reads().withHandle(h -> h.createQuery("SELECT count(*) FROM scratch").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(20);
        }
    }
}
