package org.stoa.engine.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code shared} folder beside the repository (test data the team shares), if there is one. */
final class SharedTestData {

    private SharedTestData() {}

    /** {@code shared/<relative>} in the first ancestor of the working directory that has it. */
    static Optional<Path> find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
