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

        long deliveries = ServeTraining.run();

        // Every send reaches the stream of each of the group's members, its sender included.
        assertThat(deliveries).isGreaterThanOrEqualTo(2_000L * 4);
        assertThat(trainingFolders()).isEqualTo(before);
    }

    private static List<Path> trainingFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("stoa-training")).sorted().toList();
        }
    }
}
