package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointerTest {

    private static final int WAL_HEADER_BYTES = 32;
    private static final int FRAME_BYTES = 24 + 4096; // a frame's header and a 4 KiB page

    @Test
    void theWritersCommitsLeaveTheCheckpointToItsOwnThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stoa.db");
        try (Database db = Database.openSqlite(file); Writer writer = new Writer(db, Clock.systemUTC(), new SimpleMeterRegistry())) {
            try (Handle h = db.openWriteHandle()) {
                assertThat(h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one())
                        .isEqualTo(WalCheckpointer.WRITER_BACKSTOP_PAGES);
            }
            writer.execute(tx -> tx.handle().execute("CREATE TABLE scratch (body TEXT NOT NULL)"));
            long before = Files.size(file);
            // About 8 MiB: past SQLite's own threshold of 1,000 pages, far below the writer's.
            String body = "x".repeat(8 * 1024);
            for (int batch = 0; batch < 64; batch++) {
                writer.execute(tx -> {
                    for (int i = 0; i < 16; i++) tx.handle().execute("INSERT INTO scratch (body) VALUES (?)", body);
                    return null;
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.size(file) < before + 8L * 1024 * 1024 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            assertThat(Files.size(file)).as("the database file, once the log is copied into it").isGreaterThan(before + 8L * 1024 * 1024);
        }
    }

    @Test
    void underSteadyWritesTheLogStartsAgainLongBeforeTheWritersOwnCheckpointWouldCopyIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stoa.db");
        Path wal = dir.resolve("stoa.db-wal");
        long backstopBytes = WAL_HEADER_BYTES + (long) WalCheckpointer.WRITER_BACKSTOP_PAGES * FRAME_BYTES;
        try (Database db = Database.openSqlite(file); Writer writer = new Writer(db, Clock.systemUTC(), new SimpleMeterRegistry())) {
            writer.execute(tx -> tx.handle().execute("CREATE TABLE scratch (body TEXT NOT NULL)"));
            int restartsBefore = restarts(wal);
            String body = "x".repeat(8 * 1024);
            // 100 MiB in jobs of 128 KiB, the next always queued before the last is done, so the writer
            // never pauses and this thread's checkpoints never catch up with its commits: one and a half
            // times what the log holds before the writer's own checkpoint would copy and restart it.
            CompletableFuture<Object> previous = CompletableFuture.completedFuture(null);
            for (int job = 0; job < 800; job++) {
                CompletableFuture<Object> next = writer.submit(tx -> {
                    for (int i = 0; i < 16; i++) tx.handle().execute("INSERT INTO scratch (body) VALUES (?)", body);
                    return null;
                });
                Writer.await(previous);
                previous = next;
            }
            Writer.await(previous);
            assertThat(Files.size(wal)).as("the log file, which SQLite overwrites from its start after a restart")
                    .isLessThan(backstopBytes * 3 / 4);
            assertThat(restarts(wal) - restartsBefore).as("times the log started again").isGreaterThanOrEqualTo(3);
        }
    }

    /** The log header's checkpoint sequence number: SQLite adds one each time the log starts again. */
    private static int restarts(Path wal) throws IOException {
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16); // big-endian, as SQLite writes it
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {}
            return header.getInt(12);
        }
    }
}
