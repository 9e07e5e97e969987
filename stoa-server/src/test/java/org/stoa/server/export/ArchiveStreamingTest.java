package org.stoa.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.accounts.AccountRef;

/**
 * The archive never gathers in memory: what goes into an entry is on disk while the entry is still
 * being written. A check on the file, not on the heap, so it holds whatever memory the test has.
 */
class ArchiveStreamingTest {

    private static final int MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void anEntrysBytesReachTheDiskAsTheyAreWrittenNotWhenTheEntryEnds() throws Exception {
        Path file = dir.resolve("big.zip");
        Random random = new Random(1);
        byte[] chunk = new byte[MB];
        long onDiskHalfway;
        try (ArchiveWriter zip = ArchiveWriter.create(file, Instant.now())) {
            try (OutputStream out = zip.text("conversations/1.jsonl")) {
                for (int i = 1; i <= 64; i++) {
                    random.nextBytes(chunk); // incompressible, so bytes in are bytes out
                    out.write(chunk);
                    if (i == 32) {
                        onDiskHalfway = Files.size(file);
                        assertThat(onDiskHalfway).as("of 32 MB written, on disk").isGreaterThan(31L * MB);
                    }
                }
            }
            zip.finish(new AccountRef(1, "big"), Instant.now(), ServerKey.loadOrCreate(dir.resolve("key.pem")));
        }
        assertThat(Files.size(file)).isGreaterThan(64L * MB);
        assertThat(ArchiveVerifier.verify(file, Optional.empty()).files()).isEqualTo(1);
    }
}
