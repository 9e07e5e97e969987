package org.stoa.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * An image as PDQ sees it: one luma value (0..255) per pixel, row-major. Alpha is ignored and
 * grey images keep their grey values, as in the reference hasher.
 */
public record LumaImage(float[] pixels, int width, int height) {

    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    public LumaImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("luma buffer does not match " + width + " x " + height);
        }
    }

    /** Half the size, each pixel the mean of a 2 x 2 block (an odd last row or column is dropped). */
    public LumaImage halved() {
        int w = width / 2;
        int h = height / 2;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int a = 2 * y * width;
            int b = a + width;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (pixels[a + 2 * x] + pixels[a + 2 * x + 1] + pixels[b + 2 * x] + pixels[b + 2 * x + 1]) * 0.25f;
            }
        }
        return new LumaImage(out, w, h);
    }

    /**
     * Reads the raster directly for the layouts ImageIO's decoders produce (interleaved bytes,
     * packed ints); {@code getRGB} per pixel costs more than the whole hash, so it is only the
     * fallback for exotic layouts, and then a row at a time.
     */
    public static LumaImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        Raster raster = image.getRaster();
        if (!fromInterleavedBytes(image, raster, out) && !fromPackedInts(image, raster, out)) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = lumaOf(row[x]);
                }
            }
        }
        return new LumaImage(out, w, h);
    }

    /** In float, in the reference's order: {@code (0.299 R + 0.587 G) + 0.114 B}. */
    private static float lumaOf(int r, int g, int b) {
        return RED * r + GREEN * g + BLUE * b;
    }

    private static float lumaOf(int rgb) {
        return lumaOf((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    private static boolean fromInterleavedBytes(BufferedImage image, Raster raster, float[] out) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || !(image.getColorModel() instanceof ComponentColorModel cm)
                || buffer.getNumBanks() != 1 || sm.getSampleSize(0) != 8) {
            return false;
        }
        int type = cm.getColorSpace().getType();
        int bands = raster.getNumBands();
        boolean grey = type == ColorSpace.TYPE_GRAY && (bands == 1 || bands == 2);
        boolean rgb = cm.getColorSpace().isCS_sRGB() && (bands == 3 || bands == 4);
        if (!grey && !rgb) return false;
        byte[] data = buffer.getData();
        int[] offsets = sm.getBandOffsets();
        int pixelStride = sm.getPixelStride();
        int lineStride = sm.getScanlineStride();
        int base = buffer.getOffset()
                - raster.getSampleModelTranslateY() * lineStride
                - raster.getSampleModelTranslateX() * pixelStride;
        int w = raster.getWidth();
        int h = raster.getHeight();
        for (int y = 0; y < h; y++) {
            int p = base + y * lineStride;
            int o = y * w;
            if (grey) {
                int g = p + offsets[0];
                for (int x = 0; x < w; x++, g += pixelStride) {
                    out[o + x] = data[g] & 0xFF;
                }
            } else {
                int r = p + offsets[0];
                int gr = p + offsets[1];
                int b = p + offsets[2];
                for (int x = 0; x < w; x++, r += pixelStride, gr += pixelStride, b += pixelStride) {
                    out[o + x] = lumaOf(data[r] & 0xFF, data[gr] & 0xFF, data[b] & 0xFF);
                }
            }
        }
        return true;
    }

    private static boolean fromPackedInts(BufferedImage image, Raster raster, float[] out) {
        if (!(raster.getDataBuffer() instanceof DataBufferInt buffer)
                || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm)
                || !(image.getColorModel() instanceof DirectColorModel cm)
                || !cm.getColorSpace().isCS_sRGB()
                || cm.getRedMask() != 0xFF0000 || cm.getGreenMask() != 0xFF00 || cm.getBlueMask() != 0xFF) {
            return false;
        }
        int[] data = buffer.getData();
        int lineStride = sm.getScanlineStride();
        int base = buffer.getOffset()
                - raster.getSampleModelTranslateY() * lineStride - raster.getSampleModelTranslateX();
        int w = raster.getWidth();
        int h = raster.getHeight();
        for (int y = 0; y < h; y++) {
            int p = base + y * lineStride;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = lumaOf(data[p + x]);
            }
        }
        return true;
    }
}
