package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ServeTrainingTest {

    @Test
    void chatsThroughARealServerAndLeavesNoDataFolderBehind() throws Exception {
        List<Path> before = trainingFolders();

        ServeTraining.Trained trained = ServeTraining.run();

        // 1,000 sends over HTTP and 2,000 over the stream, every one accepted; each group message
        // (1,000 + 1,000) reaches the streams of all 4 members, its sender's included, and each
        // direct one (1,000) both members' streams.
        assertThat(trained.accepted()).isEqualTo(3_000);
        assertThat(trained.deliveries()).isEqualTo(2_000L * 4 + 1_000 * 2);
        assertThat(trainingFolders()).isEqualTo(before);
    }

    private static List<Path> trainingFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("stoa-training")).sorted().toList();
        }
    }
}
