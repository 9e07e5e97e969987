package org.stoa.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.PerceptualHashes;
import picocli.CommandLine;

/** {@code stoa hash}, {@code stoa match} and {@code stoa ocr} as a user runs them. */
class ImageCommandsTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, List<String> lines, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new StoaCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString().lines().toList(), err.toString());
    }

    @Test
    void hashPrintsOneLinePerFileAndCarriesOnPastBadOnes() throws IOException {
        Path photo = write("photo.jpg", photo(1), "jpg");
        Path junk = Files.writeString(dir.resolve("junk.jpg"), "not an image");
        Path missing = dir.resolve("missing.png");
        Run r = run("hash", photo.toString(), junk.toString(), missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(0)).startsWith("{\"path\":\"" + photo + "\",\"sha256\":\"")
                .containsPattern("\"pdq\":\"[0-9a-f]{64}\",\"quality\":\\d+")
                .contains("\"md5\":\"", "\"dihedral\":{\"original\":", "\"rotate-90\":");
        assertThat(r.lines().get(1)).contains("\"path\":\"" + junk + "\",\"error\":\"not a JPEG").contains("\"sha256\":\"");
        assertThat(r.lines().get(2)).startsWith("{\"path\":\"" + missing + "\",\"error\":\"cannot read the file");
    }

    @Test
    void matchFindsExactAndNearCopiesAndNothingElse() throws IOException {
        BufferedImage original = photo(2);
        Path originalFile = write("original.png", original, "png");
        String pdq = ((PerceptualHashes.Computed) new ImageHasher().hash(Files.readAllBytes(originalFile)).perceptual())
                .whole().hash().toHex();
        String sha = new ImageHasher().hash(Files.readAllBytes(originalFile)).sha256();
        Path bank = Files.writeString(dir.resolve("bank.txt"),
                "# known scam banners\n\npdq " + pdq + " scam banner 7\nsha256 " + sha + " exact copy\n");
        Path mirrored = write("mirrored.jpg", mirror(original), "jpg");
        Path unrelated = write("unrelated.jpg", photo(3), "jpg");
        Run r = run("match", "--bank", bank.toString(), originalFile.toString(), mirrored.toString(), unrelated.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines()).containsExactly(
                "{\"path\":\"" + originalFile + "\",\"match\":true,\"label\":\"exact copy\",\"signal\":\"sha256\",\"distance\":0,\"variant\":\"bytes\",\"hash\":\"" + sha + "\"}",
                r.lines().get(1),
                "{\"path\":\"" + unrelated + "\",\"match\":false}");
        assertThat(r.lines().get(1)).startsWith("{\"path\":\"" + mirrored + "\",\"match\":true,\"label\":\"scam banner 7\",\"signal\":\"pdq\",\"distance\":");
    }

    @Test
    void matchRefusesAMalformedBankWithTheLine() throws IOException {
        Path bank = Files.writeString(dir.resolve("bank.txt"), "pdq 1234\n");
        Run r = run("match", "--bank", bank.toString(), bank.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 1").contains("64 hex digits");
    }

    @Test
    void ocrWithoutLanguageDataSaysSoForEveryFile() throws IOException {
        Path img = write("text.png", photo(4), "png");
        Path empty = Files.createDirectory(dir.resolve("no-tessdata"));
        Run r = run("ocr", "--tessdata", empty.toString(), img.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("OCR is unavailable");
        assertThat(r.lines()).singleElement().asString().startsWith("{\"path\":\"" + img + "\",\"error\":");
    }

    @Test
    void ocrPrintsTheTextWhenTesseractIsInstalled() throws IOException {
        BufferedImage banner = new BufferedImage(900, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = banner.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 160);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        g.drawString("Verify your wallet today", 30, 100);
        g.dispose();
        Path img = write("banner.png", banner, "png");
        Run r = run("ocr", img.toString());
        assumeFalse(r.err().contains("unavailable"), r.err());
        assertThat(r.lines()).singleElement().asString()
                .startsWith("{\"path\":\"" + img + "\",\"text\":\"").containsIgnoringCase("verify your wallet");
    }

    private Path write(String name, BufferedImage img, String format) throws IOException {
        Path p = dir.resolve(name);
        ImageIO.write(img, format, p.toFile());
        return p;
    }

    static BufferedImage photo(long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(rnd.nextInt()), 640, 480, new Color(rnd.nextInt())));
        g.fillRect(0, 0, 640, 480);
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(rnd.nextInt()));
            g.fillOval(rnd.nextInt(640) - 60, rnd.nextInt(480) - 60, 40 + rnd.nextInt(200), 40 + rnd.nextInt(200));
        }
        g.dispose();
        return img;
    }

    static BufferedImage mirror(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, src.getWidth(), 0, -src.getWidth(), src.getHeight(), null);
        g.dispose();
        return out;
    }
}
