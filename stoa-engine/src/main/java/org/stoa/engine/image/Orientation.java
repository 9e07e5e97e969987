package org.stoa.engine.image;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG: how the stored pixels must be turned to show the picture
 * upright. Phones store portrait photos sideways with orientation 6 or 8; hashing the stored
 * pixels would give a rotated hash, and showing them would show the photo on its side.
 */
enum Orientation {
    NORMAL, MIRROR_HORIZONTAL, ROTATE_180, MIRROR_VERTICAL, TRANSPOSE, ROTATE_90_CW, TRANSVERSE, ROTATE_270_CW;

    private static final int TAG_ORIENTATION = 0x0112;

    BufferedImage apply(BufferedImage image) {
        if (this == NORMAL) return image;
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = switch (this) {
            case NORMAL -> new AffineTransform();
            case MIRROR_HORIZONTAL -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case ROTATE_180 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case MIRROR_VERTICAL -> new AffineTransform(1, 0, 0, -1, 0, h);
            case TRANSPOSE -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case ROTATE_90_CW -> new AffineTransform(0, 1, -1, 0, h, 0);
            case TRANSVERSE -> new AffineTransform(0, -1, -1, 0, h, w);
            case ROTATE_270_CW -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        return new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, null);
    }

    /** Whether turning upright swaps width and height. */
    boolean transposes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /** The orientation in a JPEG's EXIF block; {@link #NORMAL} when absent or malformed. */
    static Orientation ofJpeg(byte[] b) {
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xFF) == 0xFF) {
            int marker = b[p + 1] & 0xFF;
            int length = u16(b, p + 2, false);
            if (marker == 0xDA || length < 2) break; // image data starts: no EXIF ahead
            int body = p + 4;
            if (marker == 0xE1 && body + 6 <= b.length && b[body] == 'E' && b[body + 1] == 'x'
                    && b[body + 2] == 'i' && b[body + 3] == 'f' && b[body + 4] == 0) {
                return fromTiff(b, body + 6, Math.min(b.length, p + 2 + length));
            }
            p += 2 + length;
        }
        return NORMAL;
    }

    private static Orientation fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) return NORMAL;
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) return NORMAL;
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) return NORMAL;
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int e = (int) ifd + 2 + 12 * i;
            if (e + 12 > end) break;
            if (u16(b, e, little) == TAG_ORIENTATION) {
                int value = u16(b, e + 8, little);
                return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int i, boolean little) {
        int x = b[i] & 0xFF;
        int y = b[i + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int i, boolean little) {
        long lo = u16(b, little ? i : i + 2, little);
        long hi = u16(b, little ? i + 2 : i, little);
        return hi << 16 | lo;
    }
}
