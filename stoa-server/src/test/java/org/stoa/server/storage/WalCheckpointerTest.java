package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointerTest {

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
}
