package org.stoa.bench.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photo-sized JPEGs for the benchmarks: the real photos of {@code shared/testdata/pdq/images}
 * (found beside the repository) scaled and cropped to the wanted size and re-encoded at quality
 * 85; where they are absent, seeded synthetic scenes (gradients, shapes, noise).
 */
public final class BenchImages {

    private BenchImages() {}

    /** The {@code n}-th JPEG of {@code width x height}. */
    public static byte[] jpeg(int n, int width, int height) {
        List<Path> sources = sharedPhotos();
        BufferedImage src = sources.isEmpty() ? synthetic(n) : read(sources.get(n % sources.size()));
        // vary the crop so that images made from the same source differ
        Random rnd = new Random(n);
        int cw = (int) (src.getWidth() * (0.7 + 0.3 * rnd.nextDouble()));
        int ch = (int) (src.getHeight() * (0.7 + 0.3 * rnd.nextDouble()));
        BufferedImage crop = src.getSubimage(rnd.nextInt(src.getWidth() - cw + 1), rnd.nextInt(src.getHeight() - ch + 1), cw, ch);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(crop, 0, 0, width, height, null);
        g.dispose();
        return encode(out, 0.85f);
    }

    /**
     * The {@code n}-th photo as a 16-bit-per-channel RGB PNG with noise in the low bits: an upload
     * that is slow to decode for its size.
     */
    public static byte[] png16(int n, int width, int height) {
        BufferedImage photo;
        try {
            photo = ImageIO.read(new java.io.ByteArrayInputStream(jpeg(n, width, height)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var model = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
                false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
        var raster = model.createCompatibleWritableRaster(width, height);
        Random rnd = new Random(n);
        int[] px = new int[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = photo.getRGB(x, y);
                px[0] = (c >> 16 & 0xFF) << 8 | rnd.nextInt(256);
                px[1] = (c >> 8 & 0xFF) << 8 | rnd.nextInt(256);
                px[2] = (c & 0xFF) << 8 | rnd.nextInt(256);
                raster.setPixel(x, y, px);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(model, raster, false, null), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] encode(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream o = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(o);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage synthetic(long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(rnd.nextInt()), 1600, 1200, new Color(rnd.nextInt())));
        g.fillRect(0, 0, 1600, 1200);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(rnd.nextInt(), true));
            g.fillOval(rnd.nextInt(1600) - 100, rnd.nextInt(1200) - 100, 20 + rnd.nextInt(500), 20 + rnd.nextInt(500));
        }
        g.dispose();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int n = rnd.nextInt(17) - 8;
                int c = img.getRGB(x, y);
                img.setRGB(x, y, clamp((c >> 16 & 0xFF) + n) << 16 | clamp((c >> 8 & 0xFF) + n) << 8 | clamp((c & 0xFF) + n));
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.clamp(v, 0, 255);
    }

    private static BufferedImage read(Path p) {
        try {
            return ImageIO.read(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct real photos among the shared vectors (not the edited copies or 256-pixel tiles). */
    private static List<Path> sharedPhotos() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path images = dir.resolve("shared/testdata/pdq/images");
            if (Files.isDirectory(images)) {
                try (Stream<Path> files = Files.list(images)) {
                    return files.filter(p -> List.of("aaa-orig.jpg", "c.png", "pen-and-coaster.png", "q0122.jpg",
                            "q0291.jpg", "q0746.jpg", "q1050.jpg", "q2821.jpg").contains(p.getFileName().toString()))
                            .sorted().toList();
                } catch (IOException e) {
                    return new ArrayList<>();
                }
            }
        }
        return List.of();
    }

    /** Writes {@code count} JPEGs of about one megapixel (1024 x 1024 down to 1280 x 800) into {@code dir}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int[][] sizes = {{1024, 1024}, {1280, 800}, {1200, 900}, {800, 1280}};
        for (int i = 0; i < count; i++) {
            int[] s = sizes[i % sizes.length];
            Files.write(dir.resolve(String.format("photo-%02d.jpg", i)), jpeg(i, s[0], s[1]));
        }
        System.out.println("wrote " + count + " photos to " + dir);
    }
}
