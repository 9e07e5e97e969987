package org.stoa.engine.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.image.TestImages;

/** OCR through the system Tesseract; skipped where it is not installed (see .ci/run). */
class OcrServiceTest {

    private static final String CHINESE = "免费领取比特币奖励";
    private static OcrService ocr;

    @BeforeAll
    static void start() {
        ocr = OcrService.start(OcrSettings.defaults().withWorkers(2));
    }

    @AfterAll
    static void stop() {
        ocr.close();
    }

    @Test
    void readsEnglishTextWithWordBoxes() throws Exception {
        assumeAvailable();
        byte[] png = TestImages.encode(banner(new Font(Font.SANS_SERIF, Font.BOLD, 44), "Claim your free crypto prize now"), "png");
        OcrResult r = ocr.recognizeNow("english", png);
        assertThat(r.text()).containsIgnoringCase("claim your free crypto prize");
        assertThat(r.words()).anySatisfy(w -> {
            assertThat(w.text()).isEqualToIgnoringCase("crypto");
            assertThat(w.confidence()).isGreaterThan(50);
            assertThat(w.x()).isBetween(200, 700);
            assertThat(w.height()).isBetween(15, 80);
        });
    }

    @Test
    void readsSimplifiedChinese() throws Exception {
        assumeAvailable();
        Font font = new Font("WenQuanYi Zen Hei", Font.PLAIN, 48);
        assumeTrue(font.canDisplayUpTo(CHINESE) == -1, "no CJK font to draw the test image (fonts-wqy-zenhei)");
        OcrResult r = ocr.recognizeNow("chinese", TestImages.encode(banner(font, CHINESE), "png"));
        assertThat(r.text().replace(" ", "")).contains("比特币");
    }

    @Test
    void resultsAreCachedBySha256() {
        assumeAvailable();
        byte[] png = TestImages.encode(banner(new Font(Font.SERIF, Font.PLAIN, 40), "Cached once"), "png");
        CompletableFuture<OcrResult> first = ocr.recognize("same-image", png);
        assertThat(ocr.recognize("same-image", png)).isSameAs(first);
        assertThat(first.join().text()).containsIgnoringCase("cached");
    }

    @Test
    void withoutLanguageDataOcrSaysWhatIsMissingAndFailsCleanly(@TempDir Path empty) {
        try (OcrService none = OcrService.start(new OcrSettings(Optional.of(empty), List.of("eng"), 1, 1, 1))) {
            assertThat(none.status()).isInstanceOfSatisfying(OcrStatus.Unavailable.class,
                    u -> assertThat(u.reason()).contains("tesseract-ocr-eng"));
            assertThatThrownBy(() -> none.recognizeNow("x", new byte[] {1, 2, 3}))
                    .isInstanceOf(OcrUnavailableException.class);
        }
    }

    @Test
    void bytesThatAreNoImageFailWithTheDecodeError() {
        assumeAvailable();
        assertThatThrownBy(() -> ocr.recognizeNow("junk", "not an image".getBytes()))
                .hasMessageContaining("not a JPEG");
    }

    private static void assumeAvailable() {
        assumeTrue(ocr.status() instanceof OcrStatus.Available, () -> "OCR unavailable: " + ocr.status());
    }

    static BufferedImage banner(Font font, String text) {
        BufferedImage img = new BufferedImage(1000, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(250, 246, 236));
        g.fillRect(0, 0, 1000, 200);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(40, 40, 40));
        g.setFont(font);
        g.drawString(text, 40, 120);
        g.dispose();
        return img;
    }
}
