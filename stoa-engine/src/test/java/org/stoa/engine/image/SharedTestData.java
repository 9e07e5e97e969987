package org.stoa.engine.image;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real photos for the image tests: the reference vectors in {@code shared/testdata/pdq} beside the
 * repository, and the nature photographs of Debian's {@code mate-backgrounds} package (which
 * {@code .ci/run} installs). A test that needs them fails, with what is missing, when they are absent.
 */
public final class SharedTestData {

    /** The distinct real photos among the shared vectors (not their edited copies or 256-pixel tiles). */
    public static final List<String> PDQ_PHOTOS = List.of("aaa-orig.jpg", "c.png", "pen-and-coaster.png");

    private static final Path MATE = Path.of("/usr/share/backgrounds/mate");

    private SharedTestData() {}

    /** {@code shared/testdata/pdq} in the first ancestor of the working directory that has it. */
    public static Path pdqDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/pdq");
            if (Files.isRegularFile(candidate.resolve("expected.txt"))) return candidate;
        }
        return fail("shared/testdata/pdq (the PDQ reference vectors) was not found beside the repository: "
                + "the image tests need it; check out the team's shared folder next to the repository");
    }

    public static Path pdqImage(String name) {
        return pdqDir().resolve("images").resolve(name);
    }

    /** The twelve nature photographs of Debian's mate-backgrounds (1600 to 2560 pixels wide). */
    public static List<Path> naturePhotos() {
        List<Path> photos = mateBackgrounds("nature");
        if (photos.size() < 12) fail("expected the twelve photos of mate-backgrounds' nature folder, found " + photos);
        return photos;
    }

    /**
     * The other pictures of mate-backgrounds, none of them a photo of the nature folder: paintings,
     * patterns, desktop backgrounds (one size of each).
     */
    public static List<Path> otherBackgrounds() {
        List<Path> pictures = new ArrayList<>(mateBackgrounds("abstract"));
        pictures.addAll(mateBackgrounds("desktop"));
        return pictures.stream().filter(p -> !p.getFileName().toString().contains("_")).toList();
    }

    private static List<Path> mateBackgrounds(String folder) {
        Path dir = MATE.resolve(folder);
        if (!Files.isDirectory(dir)) {
            fail(dir + " is missing: install Debian's mate-backgrounds package (apt-get install "
                    + "mate-backgrounds; .ci/run does), whose real photos the image tests use");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
