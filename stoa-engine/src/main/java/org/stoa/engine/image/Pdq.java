package org.stoa.engine.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Meta's PDQ perceptual hash (see {@code shared/specs/pdq.md}): luma, two passes of a Jarosz box
 * blur, 64 x 64 decimation, the 16 x 16 lowest non-DC DCT frequencies, thresholded at their
 * median. The eight dihedral hashes come from sign changes and transposes of one DCT.
 *
 * <p>Box blurs along rows and along columns commute, so both row passes run first and the column
 * passes run only on the 64 columns that decimation samples: the result equals the reference
 * order up to float rounding at a fraction of the work. Stateless and thread-safe.
 */
public final class Pdq {

    /** Below this quality a hash describes a near-blank image and must not be matched. */
    public static final int MIN_MATCH_QUALITY = 50;

    private static final int GRID = 64;
    private static final int FREQS = 16;
    /** DCT basis without the DC row: {@code D[i][j] = sqrt(2/64) cos(pi/128 (i+1)(2j+1))}. */
    private static final float[] DCT = dctMatrix();

    private Pdq() {}

    public static PdqResult hash(LumaImage image) {
        float[] grid = blurAndDecimate(image);
        int quality = quality(grid);
        float[] dct = dct16(grid);
        List<PdqHash> hashes = new ArrayList<>(8);
        float[] variant = new float[FREQS * FREQS];
        for (Dihedral d : Dihedral.values()) {
            transform(dct, d, variant);
            hashes.add(bits(variant));
        }
        return new PdqResult(hashes, quality);
    }

    private static float[] blurAndDecimate(LumaImage image) {
        int w = image.width();
        int h = image.height();
        int rowWindow = (w + 127) / 128;
        int colWindow = (h + 127) / 128;
        float[] rows = new float[w * h];
        float[] a = new float[Math.max(w, h)];
        float[] b = new float[Math.max(w, h)];
        float[] src = image.pixels();
        for (int y = 0; y < h; y++) {
            box(src, y * w, w, rowWindow, a, 0);
            box(a, 0, w, rowWindow, rows, y * w);
        }
        float[] grid = new float[GRID * GRID];
        for (int j = 0; j < GRID; j++) {
            int x = (int) ((j + 0.5) * w / GRID);
            for (int y = 0; y < h; y++) {
                a[y] = rows[y * w + x];
            }
            box(a, 0, h, colWindow, b, 0);
            box(b, 0, h, colWindow, a, 0);
            for (int i = 0; i < GRID; i++) {
                grid[i * GRID + j] = a[(int) ((i + 0.5) * h / GRID)];
            }
        }
        return grid;
    }

    /**
     * The Jarosz box: output {@code i} is the mean of the inputs in
     * {@code [i - (window - half), i + half - 1]} clipped to the vector, {@code half = (window + 2) / 2}.
     */
    private static void box(float[] in, int inOff, int n, int window, float[] out, int outOff) {
        int half = (window + 2) / 2;
        int before = window - half;
        int after = half - 1;
        double sum = 0;
        int hi = Math.min(after, n - 1);
        for (int k = 0; k <= hi; k++) {
            sum += in[inOff + k];
        }
        int lo = 0;
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (sum / (hi - lo + 1));
            if (hi + 1 < n) {
                sum += in[inOff + ++hi];
            }
            if (i - before >= 0) {
                sum -= in[inOff + lo++];
            }
        }
    }

    private static int quality(float[] grid) {
        int sum = 0;
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                float u = grid[i * GRID + j];
                if (i + 1 < GRID) sum += Math.abs((int) ((u - grid[(i + 1) * GRID + j]) * 100 / 255));
                if (j + 1 < GRID) sum += Math.abs((int) ((u - grid[i * GRID + j + 1]) * 100 / 255));
            }
        }
        return Math.min(100, sum / 90);
    }

    /** {@code D * A * D^T} for the 64 x 64 grid {@code A}. */
    private static float[] dct16(float[] grid) {
        float[] t = new float[FREQS * GRID];
        for (int i = 0; i < FREQS; i++) {
            for (int j = 0; j < GRID; j++) {
                float d = DCT[i * GRID + j];
                for (int k = 0; k < GRID; k++) {
                    t[i * GRID + k] += d * grid[j * GRID + k];
                }
            }
        }
        float[] out = new float[FREQS * FREQS];
        for (int i = 0; i < FREQS; i++) {
            for (int l = 0; l < FREQS; l++) {
                float s = 0;
                for (int k = 0; k < GRID; k++) {
                    s += t[i * GRID + k] * DCT[l * GRID + k];
                }
                out[i * FREQS + l] = s;
            }
        }
        return out;
    }

    /** The DCT of the rotated or mirrored image, from the original's DCT (pdq.md, "Dihedral variants"). */
    private static void transform(float[] a, Dihedral d, float[] out) {
        for (int i = 0; i < FREQS; i++) {
            for (int j = 0; j < FREQS; j++) {
                float v = a[i * FREQS + j];
                boolean iOdd = (i & 1) == 1;
                boolean jOdd = (j & 1) == 1;
                boolean sumOdd = iOdd != jOdd;
                switch (d) {
                    case ORIGINAL -> out[i * FREQS + j] = v;
                    case ROTATE_90 -> out[j * FREQS + i] = jOdd ? v : -v;
                    case ROTATE_180 -> out[i * FREQS + j] = sumOdd ? -v : v;
                    case ROTATE_270 -> out[j * FREQS + i] = iOdd ? v : -v;
                    case FLIP_X -> out[i * FREQS + j] = iOdd ? v : -v;
                    case FLIP_Y -> out[i * FREQS + j] = jOdd ? v : -v;
                    case FLIP_PLUS_1 -> out[j * FREQS + i] = v;
                    case FLIP_MINUS_1 -> out[j * FREQS + i] = sumOdd ? -v : v;
                }
            }
        }
    }

    /** Bit {@code k} is set when coefficient {@code k} exceeds the lower median, as in the reference. */
    private static PdqHash bits(float[] coefficients) {
        float[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        float median = sorted[(sorted.length - 1) / 2];
        long[] words = new long[4];
        for (int k = 0; k < coefficients.length; k++) {
            if (coefficients[k] > median) words[k >> 6] |= 1L << (k & 63);
        }
        return PdqHash.fromWords(words, 0);
    }

    private static float[] dctMatrix() {
        float[] d = new float[FREQS * GRID];
        double scale = Math.sqrt(2.0 / GRID);
        for (int i = 0; i < FREQS; i++) {
            for (int j = 0; j < GRID; j++) {
                d[i * GRID + j] = (float) (scale * Math.cos(Math.PI / 128 * (i + 1) * (2 * j + 1)));
            }
        }
        return d;
    }
}
