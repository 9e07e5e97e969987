package org.stoa.engine.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Meta's PDQ perceptual hash (see {@code shared/specs/pdq.md}): luma, two passes of a Jarosz box
 * blur, 64 x 64 decimation, the 16 x 16 lowest non-DC DCT frequencies, thresholded at their
 * median. The eight dihedral hashes come from sign changes and transposes of one DCT.
 *
 * <p>The blur is linear and separable, and decimation reads only 64 x 64 of its outputs, so both
 * box passes along a side collapse into one small kernel per sampled position, applied only
 * there: the result equals the reference's up to float rounding at a fraction of the work
 * (a pixel is read by one or two of the 64 kernels along its row). Stateless and thread-safe.
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
        return hash(image, ImageRegion.whole(image));
    }

    /**
     * The PDQ hash of a rectangle of the image as if it were an image of its own. The rectangle
     * may reach past the image's edges, which then repeat outwards: hashing an image with its
     * border extended a little undoes much of a slight crop.
     */
    public static PdqResult hash(LumaImage image, ImageRegion region) {
        float[] grid = blurAndDecimate(image, region);
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

    private static float[] blurAndDecimate(LumaImage image, ImageRegion r) {
        int w = image.width();
        Taps across = Taps.of(r.x(), r.width(), w);
        Taps down = Taps.of(r.y(), r.height(), image.height());
        float[] src = image.pixels();
        // rows blurred, at the 64 sampled columns only, for the rows the column kernels read
        int top = down.lowest();
        int rows = down.highest() - top + 1;
        float[] sampled = new float[rows * GRID];
        for (int y = 0; y < rows; y++) {
            for (int j = 0; j < GRID; j++) {
                sampled[y * GRID + j] = across.apply(j, src, (top + y) * w, 1);
            }
        }
        float[] grid = new float[GRID * GRID];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                grid[i * GRID + j] = down.apply(i, sampled, j - top * GRID, GRID);
            }
        }
        return grid;
    }

    /**
     * Two passes of the Jarosz box along one side of {@code n} pixels starting at {@code origin}
     * of a source side of {@code length}, evaluated only where decimation samples: output
     * {@code s} (at pixel {@code floor((s + 0.5) n / 64)}) as weights over source pixels from
     * {@code first[s]}; positions outside the source read its edge pixel. A box's output
     * {@code i} is the mean of the inputs in {@code [i - (window - half), i + half - 1]} clipped
     * to the side, {@code half = (window + 2) / 2}, {@code window = ceil(n / 128)}.
     */
    private record Taps(int[] first, float[][] weights) {

        static Taps of(int origin, int n, int length) {
            int window = (n + 127) / 128;
            int half = (window + 2) / 2;
            int before = window - half;
            int after = half - 1;
            int[] first = new int[GRID];
            float[][] weights = new float[GRID][];
            for (int s = 0; s < GRID; s++) {
                int x = (int) ((s + 0.5) * n / GRID);
                int lo = Math.max(0, x - before);
                int hi = Math.min(n - 1, x + after);
                int from = Math.max(0, lo - before);
                int to = Math.min(n - 1, hi + after);
                first[s] = Math.clamp(origin + from, 0, length - 1);
                double[] acc = new double[Math.clamp(origin + to, 0, length - 1) - first[s] + 1];
                for (int j = lo; j <= hi; j++) {
                    int jlo = Math.max(0, j - before);
                    int jhi = Math.min(n - 1, j + after);
                    double weight = 1.0 / ((hi - lo + 1) * (jhi - jlo + 1));
                    for (int k = jlo; k <= jhi; k++) acc[Math.clamp(origin + k, 0, length - 1) - first[s]] += weight;
                }
                weights[s] = new float[acc.length];
                for (int k = 0; k < acc.length; k++) weights[s][k] = (float) acc[k];
            }
            return new Taps(first, weights);
        }

        int lowest() {
            return first[0];
        }

        int highest() {
            return first[GRID - 1] + weights[GRID - 1].length - 1;
        }

        float apply(int s, float[] data, int offset, int stride) {
            float[] wts = weights[s];
            int p = offset + first[s] * stride;
            float sum = 0;
            for (int k = 0; k < wts.length; k++, p += stride) sum += wts[k] * data[p];
            return sum;
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
