package org.stoa.bench.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The baseline: PDQ as the reference Java hasher computes it, per pixel through
 * {@code BufferedImage.getRGB}, with all four blur passes over the full image. Only for comparing
 * speed with {@link org.stoa.engine.image.Pdq}; returns the 256 bits as four longs.
 */
final class ReferenceStylePdq {

    private ReferenceStylePdq() {}

    static long[] hash(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] a = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                a[y * w + x] = 0.299f * (rgb >> 16 & 0xFF) + 0.587f * (rgb >> 8 & 0xFF) + 0.114f * (rgb & 0xFF);
            }
        }
        float[] b = new float[w * h];
        int rw = (w + 127) / 128;
        int cw = (h + 127) / 128;
        for (int pass = 0; pass < 2; pass++) {
            for (int y = 0; y < h; y++) box(a, y * w, 1, w, rw, b);
            for (int x = 0; x < w; x++) box(b, x, w, h, cw, a);
        }
        float[] grid = new float[64 * 64];
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                grid[i * 64 + j] = a[(int) ((i + 0.5) * h / 64) * w + (int) ((j + 0.5) * w / 64)];
            }
        }
        float[] dct = new float[16 * 64];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 64; j++) {
                dct[i * 64 + j] = (float) (Math.sqrt(2.0 / 64) * Math.cos(Math.PI / 128 * (i + 1) * (2 * j + 1)));
            }
        }
        float[] t = new float[16 * 64];
        for (int i = 0; i < 16; i++) {
            for (int k = 0; k < 64; k++) {
                float s = 0;
                for (int j = 0; j < 64; j++) s += dct[i * 64 + j] * grid[j * 64 + k];
                t[i * 64 + k] = s;
            }
        }
        float[] out = new float[256];
        for (int i = 0; i < 16; i++) {
            for (int l = 0; l < 16; l++) {
                float s = 0;
                for (int k = 0; k < 64; k++) s += t[i * 64 + k] * dct[l * 64 + k];
                out[i * 16 + l] = s;
            }
        }
        float[] sorted = out.clone();
        Arrays.sort(sorted);
        float median = sorted[127];
        long[] bits = new long[4];
        for (int k = 0; k < 256; k++) if (out[k] > median) bits[k >> 6] |= 1L << (k & 63);
        return bits;
    }

    /** One Jarosz box pass along a strided vector of {@code n}, written in place into {@code out}. */
    private static void box(float[] in, int off, int stride, int n, int window, float[] out) {
        int half = (window + 2) / 2;
        int before = window - half;
        int after = half - 1;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - before);
            int hi = Math.min(n - 1, i + after);
            float s = 0;
            for (int k = lo; k <= hi; k++) s += in[off + k * stride];
            out[off + i * stride] = s / (hi - lo + 1);
        }
    }
}
