package org.stoa.engine.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Photo-like test images and the edits people make to images they re-send. */
public final class TestImages {

    private TestImages() {}

    /** A seeded photo-like scene: a sky-to-ground gradient, overlapping soft shapes, fine texture. */
    public static BufferedImage photo(long seed, int width, int height) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, randomColor(rnd), width * rnd.nextFloat(), height, randomColor(rnd)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.3f + 0.7f * rnd.nextFloat()));
            g.setColor(randomColor(rnd));
            int w = (int) (width * (0.05 + 0.4 * rnd.nextDouble()));
            int h = (int) (height * (0.05 + 0.4 * rnd.nextDouble()));
            int x = rnd.nextInt(width) - w / 2;
            int y = rnd.nextInt(height) - h / 2;
            switch (rnd.nextInt(3)) {
                case 0 -> g.fillOval(x, y, w, h);
                case 1 -> g.fillRect(x, y, w, h);
                default -> g.fillPolygon(new int[] {x, x + w, x + rnd.nextInt(Math.max(1, w))},
                        new int[] {y + h, y + h, y}, 3);
            }
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = rnd.nextInt(13) - 6;
                int rgb = img.getRGB(x, y);
                img.setRGB(x, y, clamp((rgb >> 16 & 0xFF) + n) << 16 | clamp((rgb >> 8 & 0xFF) + n) << 8 | clamp((rgb & 0xFF) + n));
            }
        }
        return img;
    }

    /**
     * A fully saturated hue sweep across the width whose brightness alternates every four rows:
     * nearly every pixel sits on the edge of the RGB cube, where a JPEG's decoded colours clip and
     * its Y channel stops being the luma of its RGB (up to 68 bits apart at quality 70).
     */
    public static BufferedImage saturatedGradient(int width, int height, float hueOffset) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            float brightness = (y / 4) % 2 == 0 ? 0.8f : 1f;
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, Color.HSBtoRGB(hueOffset + (float) x / width, 1f, brightness));
            }
        }
        return img;
    }

    /** An advertising banner: blocks and shapes of pure saturated colours, large text across it. */
    public static BufferedImage banner(long seed, int width, int height) {
        Random rnd = new Random(seed);
        Color[] pure = {Color.RED, Color.BLUE, Color.MAGENTA, new Color(0, 200, 0), new Color(255, 220, 0),
            new Color(0, 220, 255), new Color(140, 0, 255), new Color(255, 90, 0)};
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int blocks = 3 + rnd.nextInt(4);
        for (int i = 0; i < blocks; i++) {
            g.setColor(pure[rnd.nextInt(pure.length)]);
            g.fillRect(i * width / blocks, 0, width / blocks + 1, height);
        }
        for (int i = 0; i < 6; i++) {
            g.setColor(pure[rnd.nextInt(pure.length)]);
            g.fillOval(rnd.nextInt(width), rnd.nextInt(height) - height / 4, 60 + rnd.nextInt(height), 60 + rnd.nextInt(height));
        }
        g.setColor(pure[rnd.nextInt(pure.length)]);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 5));
        g.drawString("SALE " + (10 + rnd.nextInt(80)) + "% OFF", width / 10, height / 2);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 9));
        g.drawString("Limited offer, today only", width / 10, height * 3 / 4);
        g.dispose();
        return img;
    }

    private static Color randomColor(Random rnd) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }

    private static int clamp(int v) {
        return Math.clamp(v, 0, 255);
    }

    public static byte[] jpeg(BufferedImage img, float quality) {
        return jpeg(img, quality, false);
    }

    public static byte[] jpeg(BufferedImage img, float quality, boolean progressive) {
        BufferedImage rgb = copy(img, BufferedImage.TYPE_3BYTE_BGR);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        if (progressive) p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream o = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(o);
            writer.write(null, new IIOImage(rgb, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BufferedImage src = format.equals("bmp") ? copy(img, BufferedImage.TYPE_3BYTE_BGR) : img;
            if (!ImageIO.write(src, format, out)) throw new IllegalArgumentException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage copy(BufferedImage src, int type) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    public static BufferedImage resize(BufferedImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    public static BufferedImage scale(BufferedImage src, double f) {
        return resize(src, Math.max(1, (int) (src.getWidth() * f)), Math.max(1, (int) (src.getHeight() * f)));
    }

    public static BufferedImage grey(BufferedImage src) {
        return copy(src, BufferedImage.TYPE_BYTE_GRAY);
    }

    /** {@code v * contrast + offset} per channel. */
    public static BufferedImage tone(BufferedImage src, float contrast, float offset) {
        return new RescaleOp(contrast, offset, null).filter(copy(src, BufferedImage.TYPE_INT_RGB), null);
    }

    /** Text drawn over the image, its height the given share of the image's. */
    public static BufferedImage watermark(BufferedImage src, String text, double heightShare, boolean centre) {
        BufferedImage out = copy(src, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int size = Math.max(8, (int) (src.getHeight() * heightShare));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.7f));
        g.setColor(Color.WHITE);
        int w = g.getFontMetrics().stringWidth(text);
        int x = centre ? (src.getWidth() - w) / 2 : src.getWidth() - w - size / 2;
        int y = centre ? src.getHeight() / 2 : src.getHeight() - size / 2;
        g.drawString(text, x, y);
        g.dispose();
        return out;
    }

    /** The image on a canvas with a margin (share of the longer side) of one colour all round. */
    public static BufferedImage border(BufferedImage src, double share, Color colour) {
        int m = (int) (Math.max(src.getWidth(), src.getHeight()) * share);
        BufferedImage out = new BufferedImage(src.getWidth() + 2 * m, src.getHeight() + 2 * m, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(src, m, m, null);
        g.dispose();
        return out;
    }

    /**
     * A phone screenshot of the image: a 1080 x 2340 screen with a status bar (clock, icons), an
     * app bar with a title, the image across the width, a caption and a navigation bar.
     */
    public static BufferedImage screenshot(BufferedImage src, boolean dark) {
        int w = 1080;
        int h = 2340;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color bg = dark ? new Color(18, 18, 18) : Color.WHITE;
        Color fg = dark ? new Color(230, 230, 230) : new Color(30, 30, 30);
        g.setColor(bg);
        g.fillRect(0, 0, w, h);
        g.setColor(fg);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        g.drawString("12:34", 50, 62);
        for (int i = 0; i < 3; i++) g.fillRect(w - 200 + i * 55, 30, 36, 36);
        g.setColor(dark ? new Color(33, 33, 36) : new Color(245, 245, 247));
        g.fillRect(0, 100, w, 170);
        g.setColor(fg);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
        g.drawString("Family group", 150, 205);
        g.fillOval(40, 150, 70, 70);
        int ih = (int) ((double) src.getHeight() * w / src.getWidth());
        int top = 300;
        g.drawImage(resize(src, w, ih), 0, top, null);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
        g.drawString("look at this!! 😀 sent 12:31", 40, top + ih + 80);
        g.setColor(dark ? new Color(33, 33, 36) : new Color(245, 245, 247));
        g.fillRect(0, h - 200, w, 200);
        g.setColor(fg);
        for (int i = 0; i < 4; i++) g.fillRoundRect(120 + i * 240, h - 130, 60, 60, 20, 20);
        g.dispose();
        return out;
    }

    /**
     * A phone's full-screen photo viewer: the image fitted into a black 1080 x 2340 screen, with
     * the status bar's clock and icons and the gesture bar drawn over the black.
     */
    public static BufferedImage fullScreenViewer(BufferedImage src) {
        int w = 1080;
        int h = 2340;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w, h);
        int ih = (int) ((double) src.getHeight() * w / src.getWidth());
        g.drawImage(resize(src, w, ih), 0, (h - ih) / 2, null);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        g.drawString("09:41", 50, 62);
        for (int i = 0; i < 3; i++) g.fillRect(w - 200 + i * 55, 30, 36, 36);
        g.fillRoundRect(w / 2 - 140, h - 40, 280, 14, 14, 14);
        g.dispose();
        return out;
    }

    /**
     * The image on a canvas of one colour with margins of their own on each side (shares of the
     * longer side), as an instant-photo frame or a mat: {@code caption} is written in the bottom one.
     */
    public static BufferedImage frame(BufferedImage src, double left, double top, double right, double bottom,
            Color colour, String caption) {
        int side = Math.max(src.getWidth(), src.getHeight());
        int l = (int) (side * left);
        int t = (int) (side * top);
        int b = (int) (side * bottom);
        BufferedImage out = new BufferedImage(src.getWidth() + l + (int) (side * right), src.getHeight() + t + b,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(colour);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(src, l, t, null);
        if (!caption.isEmpty()) {
            g.setColor(new Color(40, 40, 90));
            g.setFont(new Font(Font.SERIF, Font.ITALIC, Math.max(10, b / 3)));
            g.drawString(caption, l + side / 20, t + src.getHeight() + b * 3 / 5);
        }
        g.dispose();
        return out;
    }

    /**
     * A phone's photo viewer in light or dark mode: a 1170 x 2532 screen, the status bar, a top
     * bar (back arrow, date), the image fitted across the width in the middle, and a toolbar
     * with four icons at the bottom.
     */
    public static BufferedImage photoViewer(BufferedImage src, boolean light) {
        int w = 1170;
        int h = 2532;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color bg = light ? Color.WHITE : Color.BLACK;
        Color fg = light ? Color.BLACK : Color.WHITE;
        Color accent = new Color(10, 132, 255);
        g.setColor(bg);
        g.fillRect(0, 0, w, h);
        g.setColor(fg);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 46));
        g.drawString("9:41", 90, 90);
        g.fillRoundRect(w - 190, 55, 90, 40, 12, 12);
        g.setColor(accent);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 50));
        g.drawString("< Photos", 30, 230);
        g.setColor(fg);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        g.drawString("12 March", w / 2 - 100, 210);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
        g.drawString("14:02", w / 2 - 45, 255);
        int ih = (int) ((double) src.getHeight() * w / src.getWidth());
        g.drawImage(resize(src, w, ih), 0, (h - ih) / 2, null);
        g.setColor(accent);
        for (int i = 0; i < 4; i++) g.drawRoundRect(80 + i * 300, h - 250, 70, 70, 16, 16);
        g.setColor(fg);
        g.fillRoundRect(w / 2 - 200, h - 40, 400, 14, 14, 14);
        g.dispose();
        return out;
    }

    /**
     * A computer's photo viewer: a 1920 x 1080 screen in dark grey, a title bar with the file name
     * and window buttons, a toolbar at the bottom, and the image fitted between them, centred.
     */
    public static BufferedImage desktopViewer(BufferedImage src) {
        int w = 1920;
        int h = 1080;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(32, 33, 36));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(50, 52, 56));
        g.fillRect(0, 0, w, 48);
        g.setColor(new Color(220, 220, 220));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        g.drawString("IMG_20240612_181533.jpg - Photos", 70, 32);
        for (int i = 0; i < 3; i++) g.drawRect(w - 150 + i * 48, 14, 20, 20);
        int areaTop = 48;
        int areaHeight = h - areaTop - 64;
        double fit = Math.min((double) (w - 80) / src.getWidth(), (double) areaHeight / src.getHeight());
        int iw = (int) (src.getWidth() * fit);
        int ih = (int) (src.getHeight() * fit);
        g.drawImage(resize(src, iw, ih), (w - iw) / 2, areaTop + (areaHeight - ih) / 2, null);
        g.setColor(new Color(200, 200, 200));
        for (int i = 0; i < 6; i++) g.drawOval(w / 2 - 170 + i * 60, h - 48, 30, 30);
        g.dispose();
        return out;
    }

    /** The middle of the image at the given aspect ratio (width / height), as a portrait crop of a landscape photo. */
    public static BufferedImage centreCrop(BufferedImage src, double aspect) {
        int w = Math.min(src.getWidth(), (int) (src.getHeight() * aspect));
        int h = Math.min(src.getHeight(), (int) (w / aspect));
        return copy(src.getSubimage((src.getWidth() - w) / 2, (src.getHeight() - h) / 2, w, h), BufferedImage.TYPE_INT_RGB);
    }

    public static BufferedImage crop(BufferedImage src, double share) {
        int dx = (int) (src.getWidth() * share / 2);
        int dy = (int) (src.getHeight() * share / 2);
        return copy(src.getSubimage(dx, dy, src.getWidth() - 2 * dx, src.getHeight() - 2 * dy), BufferedImage.TYPE_INT_RGB);
    }

    /** Rotated by a multiple of 90 degrees clockwise, or mirrored left to right. */
    public static BufferedImage rotate(BufferedImage src, int quarterTurns) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = quarterTurns % 2 == 1;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        AffineTransform t = new AffineTransform();
        t.translate(out.getWidth() / 2.0, out.getHeight() / 2.0);
        t.rotate(Math.PI / 2 * quarterTurns);
        t.translate(-w / 2.0, -h / 2.0);
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    public static BufferedImage mirror(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, src.getWidth(), 0, -src.getWidth(), src.getHeight(), null);
        g.dispose();
        return out;
    }
}
