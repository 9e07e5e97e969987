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
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.PdqResult;
import org.stoa.engine.image.PerceptualHashes;
import org.stoa.engine.image.SharedTestData;
import org.stoa.engine.image.TestImages;

/**
 * Real photographs inside borders and phone screenshots must match their banked original (the
 * whole-image PDQ a shared hash list holds) at least 90 % of the time, and never another photo.
 * The photos: the nature photographs of mate-backgrounds and the real photos among the shared
 * PDQ vectors, at most 1600 pixels long, portrait crops of four of them (banked as photos of their
 * own), and three 256-pixel photos of the vectors inside borders. Not inside screenshots: a phone
 * shows them at four times their size, and PDQ of a 256-pixel photo blown up that much is 22 to
 * 90 bits from its own hash before any framing (its blur is 2 pixels wide there, so its hash
 * follows pixel-level detail that the enlargement smooths away).
 */
class FramingMatchTest {

    private static final int RADIUS = 31;
    private static final double REQUIRED_RATE = 0.90;
    private static final ImageHasher HASHER = new ImageHasher();

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
        BORDERS.put("uneven red border", i -> TestImages.frame(i, 0.03, 0.06, 0.09, 0.12, new Color(180, 20, 30), ""));
        BORDERS.put("white border 10% at 50%", i -> TestImages.scale(TestImages.border(i, 0.10, Color.WHITE), 0.5));
        SCREENSHOTS.put("chat screenshot light", i -> TestImages.screenshot(i, false));
        SCREENSHOTS.put("chat screenshot dark", i -> TestImages.screenshot(i, true));
        SCREENSHOTS.put("full-screen viewer", TestImages::fullScreenViewer);
        SCREENSHOTS.put("full-screen viewer at 50%", i -> TestImages.scale(TestImages.fullScreenViewer(i), 0.5));
        SCREENSHOTS.put("full-screen viewer at 720 x 1560", i -> TestImages.resize(TestImages.fullScreenViewer(i), 720, 1560));
        SCREENSHOTS.put("photo viewer light", i -> TestImages.photoViewer(i, true));
        SCREENSHOTS.put("photo viewer dark", i -> TestImages.photoViewer(i, false));
        SCREENSHOTS.put("chat screenshot light at 50%", i -> TestImages.scale(TestImages.screenshot(i, false), 0.5));
        SCREENSHOTS.put("desktop photo viewer", TestImages::desktopViewer);
    }

    /** One framed copy of one photo, hashed as an upload. */
    private record Probe(String framing, String photo, ImageHashes hashes) {}

    private static final Map<String, PdqResult> ORIGINALS = new LinkedHashMap<>();
    private static final HashBank BANK = new HashBank("originals");
    private static final List<Probe> BORDERED = new ArrayList<>();
    private static final List<Probe> SCREENSHOTTED = new ArrayList<>();

    @BeforeAll
    static void bankTheOriginalsAndFrameThem() throws IOException {
        Map<String, BufferedImage> photos = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(SharedTestData.naturePhotos());
        for (String f : SharedTestData.PDQ_PHOTOS) files.add(SharedTestData.pdqImage(f));
        for (Path f : files) photos.put(f.getFileName().toString(), atMost1600(ImageIO.read(f.toFile())));
        for (String f : List.of("Dune.jpg", "LadyBird.jpg", "TwoWings.jpg", "aaa-orig.jpg")) {
            photos.put(f + " portrait", TestImages.centreCrop(photos.get(f), 3.0 / 4));
        }
        Map<String, BufferedImage> small = new LinkedHashMap<>();
        for (String f : List.of("q0122.jpg", "q0291.jpg", "q1050.jpg")) {
            small.put(f, ImageIO.read(SharedTestData.pdqImage(f).toFile()));
        }
        Map<String, BufferedImage> all = new LinkedHashMap<>(photos);
        all.putAll(small);
        for (Map.Entry<String, BufferedImage> p : all.entrySet()) {
            PdqResult whole = whole(HASHER.hash(TestImages.jpeg(p.getValue(), 0.92f)));
            assertThat(whole.matchable()).as(p.getKey()).isTrue();
            ORIGINALS.put(p.getKey(), whole);
            BANK.add(new BankEntry(HashType.PDQ, whole.hash().toHex(), p.getKey()));
        }
        frame(BORDERS, all, BORDERED);
        frame(SCREENSHOTS, photos, SCREENSHOTTED);
    }

    @Test
    void photosInsideBordersMatchTheirOriginals() {
        assertThat(matchRate("border", BORDERED)).isGreaterThanOrEqualTo(REQUIRED_RATE);
    }

    @Test
    void photosInsidePhoneScreenshotsMatchTheirOriginals() {
        assertThat(matchRate("screenshot", SCREENSHOTTED)).isGreaterThanOrEqualTo(REQUIRED_RATE);
    }

    /** Against a bank of every other photo, so that a near match to its own cannot hide a false one. */
    @Test
    void noFramedPhotoMatchesAnotherPhoto() {
        Map<String, HashBank> others = new LinkedHashMap<>();
        for (String photo : ORIGINALS.keySet()) {
            HashBank bank = new HashBank("all but " + photo);
            ORIGINALS.forEach((label, hash) -> {
                if (!label.equals(photo)) bank.add(new BankEntry(HashType.PDQ, hash.hash().toHex(), label));
            });
            others.put(photo, bank);
        }
        List<Probe> probes = new ArrayList<>(BORDERED);
        probes.addAll(SCREENSHOTTED);
        for (Probe p : probes) {
            assertThat(others.get(p.photo()).lookup(p.hashes(), RADIUS)).as("%s of %s", p.framing(), p.photo()).isEmpty();
        }
        System.out.printf("framing: none of %d framed copies matched another of %d photos%n", probes.size(), ORIGINALS.size());
    }

    @Test
    void unrelatedPicturesInTheSameFramesMatchNoPhoto() throws IOException {
        List<String> framings = List.of("white border 5%", "black border 10%", "instant-photo frame");
        List<String> shots = List.of("chat screenshot light", "full-screen viewer", "photo viewer dark");
        int probes = 0;
        for (Path f : SharedTestData.otherBackgrounds()) {
            BufferedImage picture = atMost1600(TestImages.copy(ImageIO.read(f.toFile()), BufferedImage.TYPE_INT_RGB));
            List<BufferedImage> copies = new ArrayList<>(List.of(picture));
            for (String b : framings) copies.add(BORDERS.get(b).apply(picture));
            for (String s : shots) copies.add(SCREENSHOTS.get(s).apply(picture));
            for (BufferedImage copy : copies) {
                assertThat(BANK.lookup(HASHER.hash(TestImages.jpeg(copy, 0.85f)), RADIUS)).as(f.getFileName().toString()).isEmpty();
                probes++;
            }
        }
        System.out.printf("framing: none of %d copies of %d unrelated pictures matched a photo%n", probes, SharedTestData.otherBackgrounds().size());
    }

    private static void frame(Map<String, Function<BufferedImage, BufferedImage>> framings, Map<String, BufferedImage> photos,
            List<Probe> out) {
        for (var framing : framings.entrySet()) {
            for (var photo : photos.entrySet()) {
                byte[] framed = TestImages.jpeg(framing.getValue().apply(photo.getValue()), 0.85f);
                out.add(new Probe(framing.getKey(), photo.getKey(), HASHER.hash(framed)));
            }
        }
    }

    /** Share of framed copies that find their own original; a match to any other photo fails at once. */
    private static double matchRate(String family, List<Probe> probes) {
        int matched = 0;
        String framing = "";
        StringBuilder row = new StringBuilder();
        for (Probe p : probes) {
            if (!p.framing().equals(framing)) {
                if (!row.isEmpty()) System.out.println(row);
                framing = p.framing();
                row = new StringBuilder(String.format("framing %-34s", framing));
            }
            BankMatch m = BANK.lookup(p.hashes(), RADIUS).orElse(null);
            row.append(m == null ? "   -" : String.format(" %3d", m.distance()));
            if (m != null) {
                assertThat(m.label()).as("%s of %s matched another photo", p.framing(), p.photo()).isEqualTo(p.photo());
                matched++;
            }
        }
        System.out.println(row);
        double rate = (double) matched / probes.size();
        System.out.printf("framing %s: %d of %d matched (%.1f %%)%n", family, matched, probes.size(), 100 * rate);
        return rate;
    }

    private static BufferedImage atMost1600(BufferedImage photo) {
        double scale = Math.min(1, 1600.0 / Math.max(photo.getWidth(), photo.getHeight()));
        return scale < 1 ? TestImages.scale(photo, scale) : photo;
    }

    private static PdqResult whole(ImageHashes h) {
        return ((PerceptualHashes.Computed) h.perceptual()).whole();
    }
}
