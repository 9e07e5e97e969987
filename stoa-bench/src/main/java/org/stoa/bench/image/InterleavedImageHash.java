package org.stoa.bench.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.stoa.engine.image.ImageHasher;

/**
 * The same three operations as {@link ImageHashBench}, interleaved: each round times one decode
 * + all hashes, one ImageIO decode and one reference-style PDQ of the same image back to back,
 * so that a load change on a shared machine hits all three alike. Prints medians and the median
 * of the per-round ratios. JMH runs its benchmarks one after another, which on a machine whose
 * load swings 2x within minutes biases the ratios; this does not replace it, it checks it.
 *   java -cp "stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*" org.stoa.bench.image.InterleavedImageHash [ROUNDS]
 */
public final class InterleavedImageHash {

    private InterleavedImageHash() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ImageHasher hasher = new ImageHasher();
        for (int[] size : new int[][] {{1024, 1024}, {4000, 3000}}) {
            byte[] jpeg = BenchImages.jpeg(0, size[0], size[1]);
            boolean large = size[0] > 2000;
            int n = large ? rounds / 4 : rounds;
            double[] hash = new double[n];
            double[] decode = new double[n];
            double[] reference = new double[n];
            for (int r = -n / 2; r < n; r++) { // the first half-round set is warm-up
                long t0 = System.nanoTime();
                hasher.hash(jpeg);
                long t1 = System.nanoTime();
                ImageIO.read(new ByteArrayInputStream(jpeg));
                long t2 = System.nanoTime();
                ReferenceStylePdq.hash(ImageIO.read(new ByteArrayInputStream(jpeg)));
                long t3 = System.nanoTime();
                if (r < 0) continue;
                hash[r] = (t1 - t0) / 1e6;
                decode[r] = (t2 - t1) / 1e6;
                reference[r] = (t3 - t2) / 1e6;
            }
            double[] ratioDecode = new double[n];
            double[] ratioReference = new double[n];
            for (int r = 0; r < n; r++) {
                ratioDecode[r] = hash[r] / decode[r];
                ratioReference[r] = hash[r] / reference[r];
            }
            System.out.printf("%dx%d, %d rounds: decode+all hashes median %.1f ms (min %.1f), ImageIO decode %.1f ms (min %.1f),"
                            + " reference-style PDQ %.1f ms (min %.1f); per-round ratio to decode %.2f, to reference %.3f%n",
                    size[0], size[1], n, median(hash), min(hash), median(decode), min(decode), median(reference), min(reference),
                    median(ratioDecode), median(ratioReference));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }
}
