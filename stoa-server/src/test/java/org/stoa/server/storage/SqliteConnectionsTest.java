package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConnectionsTest {

    private static int pragma(Handle h, String name) {
        return h.createQuery("PRAGMA " + name).mapTo(Integer.class).one();
    }

    @Test
    void theWriterKeepsItsStatementJournalsAndMorePagesInMemoryAndLeavesTheLogsFlushToWalSync(@TempDir Path dir) {
        try (Database db = Database.openSqlite(dir.resolve("stoa.db"))) {
            try (Handle writer = db.openWriteHandle()) {
                assertThat(pragma(writer, "temp_store")).as("2: memory").isEqualTo(2);
                assertThat(pragma(writer, "cache_size")).as("64 MiB, in KiB").isEqualTo(-64 * 1024);
                assertThat(pragma(writer, "foreign_keys")).isEqualTo(1);
                assertThat(pragma(writer, "synchronous")).as("1: normal, the log flushed by WalSync before each ack").isEqualTo(1);
                assertThat(writer.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
            }
            db.reads().useHandle(reader -> {
                assertThat(pragma(reader, "temp_store")).as("0: a large sort of a read may spill to disk").isEqualTo(0);
                assertThat(pragma(reader, "foreign_keys")).isEqualTo(1);
            });
        }
    }
}
