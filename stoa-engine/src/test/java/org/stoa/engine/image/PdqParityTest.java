package org.stoa.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Agreement with the reference implementation's hashes on the shared vectors. */
class PdqParityTest {

    private static final int PORT_TOLERANCE = 10;

    @Test
    void fullResolutionHashesAgreeWithTheReference() throws IOException {
        Path dir = vectors();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
            String[] f = line.split(",");
            PdqResult r = Pdq.hash(LumaImage.of(ImageIO.read(dir.resolve("images").resolve(f[2]).toFile())));
            int expectedQuality = Integer.parseInt(f[1]);
            int distance = r.hash().distance(PdqHash.fromHex(f[0]));
            System.out.printf("parity %-30s distance %3d quality %3d (reference %3d)%n", f[2], distance, r.quality(), expectedQuality);
            if (expectedQuality >= 80) {
                assertThat(distance).as(f[2]).isLessThanOrEqualTo(PORT_TOLERANCE);
            }
            assertThat(r.quality()).as(f[2]).isBetween(expectedQuality - 5, expectedQuality + 5);
        }
    }

    @Test
    void dihedralHashesAgreeWithTheReference() throws IOException {
        Path dir = vectors();
        for (String line : Files.readAllLines(dir.resolve("expected-dihedral.txt"))) {
            List<String> f = List.of(line.split(","));
            if (Integer.parseInt(f.get(8)) < 80) continue;
            PdqResult r = Pdq.hash(LumaImage.of(ImageIO.read(dir.resolve("images").resolve(f.get(9)).toFile())));
            for (Dihedral d : Dihedral.values()) {
                assertThat(r.variant(d).distance(PdqHash.fromHex(f.get(d.ordinal()))))
                        .as("%s %s", f.get(9), d).isLessThanOrEqualTo(PORT_TOLERANCE);
            }
        }
    }

    @Test
    void subsampledHashingStaysWithinTheToleranceOfTheReference() throws IOException {
        Path dir = vectors();
        ImageHasher hasher = new ImageHasher();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
            String[] f = line.split(",");
            if (Integer.parseInt(f[1]) < 80) continue;
            ImageHashes h = hasher.hash(Files.readAllBytes(dir.resolve("images").resolve(f[2])));
            PdqResult whole = ((PerceptualHashes.Computed) h.perceptual()).whole();
            int distance = whole.hash().distance(PdqHash.fromHex(f[0]));
            System.out.printf("subsampled %-30s distance %3d%n", f[2], distance);
            assertThat(distance).as(f[2]).isLessThanOrEqualTo(PORT_TOLERANCE);
        }
    }

    static Path vectors() {
        Optional<Path> dir = SharedTestData.pdqDir();
        assumeTrue(dir.isPresent(), "shared/testdata/pdq not found beside the repository");
        return dir.get();
    }
}
