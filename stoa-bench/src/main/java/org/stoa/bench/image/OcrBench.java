package org.stoa.bench.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.stoa.engine.ocr.OcrResult;
import org.stoa.engine.ocr.OcrService;
import org.stoa.engine.ocr.OcrSettings;
import org.stoa.engine.ocr.OcrStatus;

/**
 * OCR (English + Simplified Chinese models) of a 1000 x 600 banner with five lines of text, on
 * one worker, cache bypassed. Fails at setup where Tesseract is not installed.
 *   java -jar stoa-bench/target/stoa-bench.jar OcrBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class OcrBench {

    private OcrService ocr;
    private byte[] png;
    private long n;

    @Setup
    public void setUp() throws IOException {
        ocr = OcrService.start(OcrSettings.defaults().withWorkers(1));
        if (ocr.status() instanceof OcrStatus.Unavailable u) throw new IllegalStateException(u.reason());
        BufferedImage img = new BufferedImage(1000, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(250, 245, 235));
        g.fillRect(0, 0, 1000, 600);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        g.drawString("Claim your free crypto prize now", 40, 100);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
        g.drawString("Send 0.1 BTC to verify your wallet", 40, 200);
        g.drawString("Offer ends tonight at midnight", 40, 280);
        g.setFont(new Font("WenQuanYi Zen Hei", Font.PLAIN, 40));
        g.drawString("免费领取比特币奖励", 40, 400);
        g.drawString("立即联系客服", 40, 500);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        png = out.toByteArray();
    }

    @Benchmark
    public OcrResult recognise() throws Exception {
        return ocr.recognizeNow("bench-" + n++, png); // a new key each time: measure OCR, not the cache
    }

    @TearDown
    public void tearDown() {
        ocr.close();
    }
}
