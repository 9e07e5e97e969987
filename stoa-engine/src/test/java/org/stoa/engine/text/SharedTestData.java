package org.stoa.engine.text;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code shared} folder beside the repository: test data the team shares, which tests need. */
final class SharedTestData {

    private SharedTestData() {}

    /**
     * {@code shared/<relative>} in the first ancestor of the working directory that has it.
     *
     * @throws AssertionError naming what is missing and where it was looked for, so that a test
     *     fails (rather than skips) on a machine without the shared data
     */
    static Path require(String relative) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new AssertionError("shared/" + relative + " is missing: no folder named shared holding it in "
                + workingDirectory + " or any folder above it. The team's test data must sit beside the repository.");
    }
}
