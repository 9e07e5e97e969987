package org.stoa.engine.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The reference vectors in {@code shared/testdata/pdq}, beside the repository root when present. */
final class SharedTestData {

    private SharedTestData() {}

    static Optional<Path> pdqDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/pdq");
            if (Files.isRegularFile(candidate.resolve("expected.txt"))) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
