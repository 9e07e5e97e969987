package org.stoa.engine.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
 * Every edit family the issue names, applied to photo-like images made here (and to the shared
 * reference photos), must still match the original's whole-image PDQ hash through
 * {@link HashBank#lookup(ImageHashes, int)}; unrelated images must never match.
 */
class RobustMatchTest {

    private static final int RADIUS = 31;
    private static final ImageHasher HASHER = new ImageHasher();
    private static final Map<String, BufferedImage> PHOTOS = new LinkedHashMap<>();
    private static final HashBank BANK = new HashBank("test");

    static final Map<String, Function<BufferedImage, byte[]>> REQUIRED = new LinkedHashMap<>();
    static final Map<String, Function<BufferedImage, byte[]>> STRETCH = new LinkedHashMap<>();

    static {
        REQUIRED.put("re-encode jpeg q50", i -> TestImages.jpeg(i, 0.5f));
        REQUIRED.put("re-encode progressive q70", i -> TestImages.jpeg(i, 0.7f, true));
        REQUIRED.put("resize 50%", i -> TestImages.jpeg(TestImages.scale(i, 0.5), 0.85f));
        REQUIRED.put("resize 130%", i -> TestImages.jpeg(TestImages.scale(i, 1.3), 0.85f));
        REQUIRED.put("thumbnail 160px", i -> TestImages.jpeg(TestImages.scale(i, 160.0 / Math.max(i.getWidth(), i.getHeight())), 0.8f));
        REQUIRED.put("thumbnail 100px", i -> TestImages.jpeg(TestImages.scale(i, 100.0 / Math.max(i.getWidth(), i.getHeight())), 0.8f));
        REQUIRED.put("re-encode jpeg q20", i -> TestImages.jpeg(i, 0.2f));
        REQUIRED.put("greyscale", i -> TestImages.jpeg(TestImages.grey(i), 0.85f));
        REQUIRED.put("brighter +40", i -> TestImages.jpeg(TestImages.tone(i, 1f, 40f), 0.85f));
        REQUIRED.put("darker -40", i -> TestImages.jpeg(TestImages.tone(i, 1f, -40f), 0.85f));
        REQUIRED.put("contrast x1.4", i -> TestImages.jpeg(TestImages.tone(i, 1.4f, -50f), 0.85f));
        REQUIRED.put("small watermark", i -> TestImages.jpeg(TestImages.watermark(i, "@reposter", 0.05, false), 0.85f));
        REQUIRED.put("png", i -> TestImages.encode(i, "png"));
        REQUIRED.put("gif", i -> TestImages.encode(i, "gif"));
        REQUIRED.put("bmp", i -> TestImages.encode(i, "bmp"));
        REQUIRED.put("mirror", i -> TestImages.jpeg(TestImages.mirror(i), 0.85f));
        REQUIRED.put("rotate 90", i -> TestImages.jpeg(TestImages.rotate(i, 1), 0.85f));
        REQUIRED.put("rotate 180", i -> TestImages.jpeg(TestImages.rotate(i, 2), 0.85f));
        REQUIRED.put("rotate 270", i -> TestImages.jpeg(TestImages.rotate(i, 3), 0.85f));
        REQUIRED.put("white border 10%", i -> TestImages.jpeg(TestImages.border(i, 0.10, Color.WHITE), 0.85f));
        REQUIRED.put("coloured border 20%", i -> TestImages.jpeg(TestImages.border(i, 0.20, new Color(200, 40, 90)), 0.85f));
        REQUIRED.put("black letterbox 25%", i -> TestImages.jpeg(TestImages.border(i, 0.25, Color.BLACK), 0.85f));
        REQUIRED.put("screenshot light", i -> TestImages.jpeg(TestImages.screenshot(i, false), 0.85f));
        REQUIRED.put("screenshot dark", i -> TestImages.jpeg(TestImages.screenshot(i, true), 0.85f));
        REQUIRED.put("full-screen viewer screenshot", i -> TestImages.jpeg(TestImages.fullScreenViewer(i), 0.85f));
        REQUIRED.put("screenshot resized 50%", i -> TestImages.jpeg(TestImages.scale(TestImages.screenshot(i, false), 0.5), 0.8f));
        REQUIRED.put("crop 3%", i -> TestImages.jpeg(TestImages.crop(i, 0.03), 0.85f));
        STRETCH.put("crop 6%", i -> TestImages.jpeg(TestImages.crop(i, 0.06), 0.85f));
        STRETCH.put("crop 8%", i -> TestImages.jpeg(TestImages.crop(i, 0.08), 0.85f));
        STRETCH.put("crop 10%", i -> TestImages.jpeg(TestImages.crop(i, 0.10), 0.85f));
        STRETCH.put("large watermark", i -> TestImages.jpeg(TestImages.watermark(i, "SAMPLE", 0.25, true), 0.85f));
    }

    @BeforeAll
    static void bankTheOriginals() throws IOException {
        for (int s = 1; s <= 6; s++) {
            PHOTOS.put("synthetic-" + s, s % 2 == 0 ? TestImages.photo(s, 1200, 900) : TestImages.photo(s, 800, 1100));
        }
        for (String f : SharedTestData.PDQ_PHOTOS) {
            PHOTOS.put(f, ImageIO.read(SharedTestData.pdqImage(f).toFile()));
        }
        for (Map.Entry<String, BufferedImage> p : PHOTOS.entrySet()) {
            PdqResult whole = whole(HASHER.hash(TestImages.jpeg(p.getValue(), 0.92f)));
            assertThat(whole.quality()).as(p.getKey()).isGreaterThanOrEqualTo(50);
            BANK.add(new BankEntry(HashType.PDQ, whole.hash().toHex(), p.getKey()));
        }
    }

    @Test
    void everyRequiredEditFamilyStillMatchesItsOriginal() {
        List<String> misses = new ArrayList<>();
        for (var family : REQUIRED.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("robust %-30s", family.getKey()));
            for (var photo : PHOTOS.entrySet()) {
                BankMatch m = BANK.lookup(HASHER.hash(family.getValue().apply(photo.getValue())), RADIUS).orElse(null);
                row.append(m == null ? "   -" : String.format(" %3d", m.distance()));
                if (m == null || !m.label().equals(photo.getKey())) misses.add(family.getKey() + " / " + photo.getKey() + " -> " + m);
            }
            System.out.println(row);
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void stretchFamiliesAreMeasured() {
        int matched = 0;
        int total = 0;
        for (var family : STRETCH.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("stretch %-29s", family.getKey()));
            for (var photo : PHOTOS.entrySet()) {
                BankMatch m = BANK.lookup(HASHER.hash(family.getValue().apply(photo.getValue())), RADIUS).orElse(null);
                row.append(m == null ? "   -" : String.format(" %3d", m.distance()));
                total++;
                if (m != null) {
                    assertThat(m.label()).as("a stretch edit may miss but never match another photo").isEqualTo(photo.getKey());
                    matched++;
                }
            }
            System.out.println(row);
        }
        System.out.printf("stretch matched %d of %d%n", matched, total);
        assertThat(total).isPositive();
    }

    @Test
    void unrelatedImagesNeverMatch() {
        HashBank others = new HashBank("others");
        List<ImageHashes> probes = new ArrayList<>();
        int minDistance = Integer.MAX_VALUE;
        List<PdqResult> all = new ArrayList<>();
        for (int s = 100; s < 160; s++) {
            ImageHashes h = HASHER.hash(TestImages.jpeg(TestImages.photo(s, 640, 480), 0.85f));
            PdqResult w = whole(h);
            for (PdqResult o : all) minDistance = Math.min(minDistance, o.hash().distance(w.hash()));
            all.add(w);
            probes.add(h);
        }
        for (int i = 0; i < probes.size(); i++) {
            if (i % 2 == 0) others.add(new BankEntry(HashType.PDQ, all.get(i).hash().toHex(), "photo " + i));
        }
        System.out.println("unrelated: smallest pairwise distance " + minDistance);
        for (int i = 1; i < probes.size(); i += 2) {
            assertThat(others.lookup(probes.get(i), RADIUS)).as("photo %d", i).isEmpty();
            assertThat(BANK.lookup(probes.get(i), RADIUS)).as("photo %d against the originals", i).isEmpty();
        }
        assertThat(minDistance).isGreaterThan(RADIUS);
    }

    @Test
    void aBankedScreenshotBlocksTheBarePicture() throws IOException {
        BufferedImage photo = PHOTOS.get("synthetic-2");
        HashBank screenshots = new HashBank("screenshots");
        ImageHashes shot = HASHER.hash(TestImages.jpeg(TestImages.screenshot(photo, false), 0.85f));
        for (BankEntry e : BankEntry.allOf(shot, "reported screenshot")) screenshots.add(e);
        assertThat(screenshots.lookup(HASHER.hash(TestImages.jpeg(photo, 0.8f)), RADIUS))
                .hasValueSatisfying(m -> assertThat(m.label()).isEqualTo("reported screenshot"));
    }

    static PdqResult whole(ImageHashes h) {
        return ((PerceptualHashes.Computed) h.perceptual()).whole();
    }
}
