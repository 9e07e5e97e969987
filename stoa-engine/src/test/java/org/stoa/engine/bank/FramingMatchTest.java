package org.stoa.engine.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.PdqResult;
import org.stoa.engine.image.PerceptualHashes;
import org.stoa.engine.image.SharedTestData;
import org.stoa.engine.image.TestImages;

/**
 * Real photographs inside borders and phone screenshots must match their banked original (the
 * whole-image PDQ a shared hash list holds) at least 90 % of the time, and never another photo.
 * The photos: the nature photographs of mate-backgrounds and the real photos among the shared
 * PDQ vectors, at most 1600 pixels long, and three 256-pixel photos of the vectors inside borders.
 * Not inside screenshots: a phone shows them at four times their size, and PDQ of a 256-pixel
 * photo blown up that much is 22 to 90 bits from its own hash before any framing (its blur is
 * 2 pixels wide there, so its hash follows pixel-level detail the enlargement smooths away).
 */
class FramingMatchTest {

    private static final int RADIUS = 31;
    private static final double REQUIRED_RATE = 0.90;
    private static final ImageHasher HASHER = new ImageHasher();
    private static final Map<String, BufferedImage> PHOTOS = new LinkedHashMap<>();
    private static final Map<String, BufferedImage> SMALL_PHOTOS = new LinkedHashMap<>();
    private static final HashBank BANK = new HashBank("originals");

    static final Map<String, Function<BufferedImage, BufferedImage>> BORDERS = new LinkedHashMap<>();
    static final Map<String, Function<BufferedImage, BufferedImage>> SCREENSHOTS = new LinkedHashMap<>();

    static {
        BORDERS.put("white border 5%", i -> TestImages.border(i, 0.05, Color.WHITE));
        BORDERS.put("white border 15%", i -> TestImages.border(i, 0.15, Color.WHITE));
        BORDERS.put("black border 10%", i -> TestImages.border(i, 0.10, Color.BLACK));
        BORDERS.put("grey border 8%", i -> TestImages.border(i, 0.08, new Color(128, 128, 128)));
        BORDERS.put("blue border 12%", i -> TestImages.border(i, 0.12, new Color(30, 90, 200)));
        BORDERS.put("instant-photo frame", i -> TestImages.frame(i, 0.04, 0.04, 0.04, 0.2, new Color(250, 250, 245), "summer '24"));
        BORDERS.put("black line in a cream mat", i -> TestImages.border(TestImages.border(i, 0.01, Color.BLACK), 0.08, new Color(240, 232, 210)));
        SCREENSHOTS.put("chat screenshot light", i -> TestImages.screenshot(i, false));
        SCREENSHOTS.put("chat screenshot dark", i -> TestImages.screenshot(i, true));
        SCREENSHOTS.put("full-screen viewer", TestImages::fullScreenViewer);
        SCREENSHOTS.put("full-screen viewer at 50%", i -> TestImages.scale(TestImages.fullScreenViewer(i), 0.5));
        SCREENSHOTS.put("photo viewer light", i -> TestImages.photoViewer(i, true));
        SCREENSHOTS.put("photo viewer dark", i -> TestImages.photoViewer(i, false));
        SCREENSHOTS.put("chat screenshot light at 50%", i -> TestImages.scale(TestImages.screenshot(i, false), 0.5));
    }

    @BeforeAll
    static void bankTheOriginals() throws IOException {
        List<Path> files = new ArrayList<>(SharedTestData.naturePhotos());
        for (String f : SharedTestData.PDQ_PHOTOS) files.add(SharedTestData.pdqImage(f));
        for (Path f : files) {
            BufferedImage photo = ImageIO.read(f.toFile());
            double scale = Math.min(1, 1600.0 / Math.max(photo.getWidth(), photo.getHeight()));
            PHOTOS.put(f.getFileName().toString(), scale < 1 ? TestImages.scale(photo, scale) : photo);
        }
        for (String f : List.of("q0122.jpg", "q0291.jpg", "q1050.jpg")) {
            SMALL_PHOTOS.put(f, ImageIO.read(SharedTestData.pdqImage(f).toFile()));
        }
        Map<String, BufferedImage> all = new LinkedHashMap<>(PHOTOS);
        all.putAll(SMALL_PHOTOS);
        for (Map.Entry<String, BufferedImage> p : all.entrySet()) {
            PdqResult whole = whole(TestImages.jpeg(p.getValue(), 0.92f));
            assertThat(whole.matchable()).as(p.getKey()).isTrue();
            BANK.add(new BankEntry(HashType.PDQ, whole.hash().toHex(), p.getKey()));
        }
    }

    @Test
    void photosInsideBordersMatchTheirOriginals() {
        Map<String, BufferedImage> all = new LinkedHashMap<>(PHOTOS);
        all.putAll(SMALL_PHOTOS);
        assertThat(matchRate("border", BORDERS, all)).isGreaterThanOrEqualTo(REQUIRED_RATE);
    }

    @Test
    void photosInsidePhoneScreenshotsMatchTheirOriginals() {
        assertThat(matchRate("screenshot", SCREENSHOTS, PHOTOS)).isGreaterThanOrEqualTo(REQUIRED_RATE);
    }

    /** Share of framed copies that find their own original; a match to any other photo fails at once. */
    private static double matchRate(String family, Map<String, Function<BufferedImage, BufferedImage>> framings,
            Map<String, BufferedImage> photos) {
        int matched = 0;
        int total = 0;
        for (var framing : framings.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("framing %-30s", framing.getKey()));
            for (var photo : photos.entrySet()) {
                byte[] framed = TestImages.jpeg(framing.getValue().apply(photo.getValue()), 0.85f);
                BankMatch m = BANK.lookup(HASHER.hash(framed), RADIUS).orElse(null);
                row.append(m == null ? "   -" : String.format(" %3d", m.distance()));
                total++;
                if (m != null) {
                    assertThat(m.label()).as("%s of %s matched another photo", framing.getKey(), photo.getKey()).isEqualTo(photo.getKey());
                    matched++;
                }
            }
            System.out.println(row);
        }
        double rate = (double) matched / total;
        System.out.printf("framing %s: %d of %d matched (%.1f %%)%n", family, matched, total, 100 * rate);
        return rate;
    }

    private static PdqResult whole(byte[] bytes) {
        return ((PerceptualHashes.Computed) HASHER.hash(bytes).perceptual()).whole();
    }
}
