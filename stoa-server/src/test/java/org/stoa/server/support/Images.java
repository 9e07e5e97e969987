package org.stoa.server.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Real images made in the test, and hostile files made byte by byte. */
public final class Images {

    /** The smallest lossless WebP (1 x 1); Java has no WebP encoder to make one. */
    public static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private Images() {}

    public static byte[] encode(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A photo-like picture (gradient sky, shapes, texture) that perceptual hashes see as an image, not a blank. */
    public static BufferedImage photo(long seed, int width, int height) {
        java.util.Random rnd = new java.util.Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)),
                width, height, new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 160 + rnd.nextInt(96)));
            int w = width / 10 + rnd.nextInt(width / 3), h = height / 10 + rnd.nextInt(height / 3);
            int x = rnd.nextInt(width) - w / 2, y = rnd.nextInt(height) - h / 2;
            if (rnd.nextBoolean()) g.fillOval(x, y, w, h); else g.fillRect(x, y, w, h);
        }
        g.dispose();
        return img;
    }

    /**
     * A 16-bit-per-channel RGB PNG of a photo with fine noise: slow to decode for its size, the kind
     * of upload that once held the server's request threads.
     */
    public static byte[] png16(long seed, int width, int height) {
        BufferedImage photo = photo(seed, width, height);
        var colorModel = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
                false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
        var raster = colorModel.createCompatibleWritableRaster(width, height);
        java.util.Random rnd = new java.util.Random(seed);
        int[] pixel = new int[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = photo.getRGB(x, y);
                pixel[0] = ((rgb >> 16) & 0xff) << 8 | rnd.nextInt(256);
                pixel[1] = ((rgb >> 8) & 0xff) << 8 | rnd.nextInt(256);
                pixel[2] = (rgb & 0xff) << 8 | rnd.nextInt(256);
                raster.setPixel(x, y, pixel);
            }
        }
        return encode(new BufferedImage(colorModel, raster, false, null), "png", 0);
    }

    /** Black words on white, big enough for OCR. */
    public static BufferedImage banner(String text, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, height / 5));
        g.drawString(text, width / 20, height / 2);
        g.dispose();
        return img;
    }

    /** Encodes, optionally as a JPEG of the given quality (0..1). */
    public static byte[] encode(BufferedImage img, String format, float jpegQuality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("jpeg")) {
                javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
                javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(jpegQuality);
                try (var ios = ImageIO.createImageOutputStream(out)) {
                    w.setOutput(ios);
                    w.write(null, new javax.imageio.IIOImage(img, null, null), p);
                }
                w.dispose();
            } else if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage resize(BufferedImage img, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PNG whose header claims {@code width x height} but whose data is a few bytes. */
    public static byte[] pngHeaderBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
