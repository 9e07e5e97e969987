package org.stoa.bench.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;

/**
 * Decode plus every hash (SHA-256, MD5, PDQ with 8 dihedral variants, content regions) of one
 * photo JPEG, against ImageIO decoding alone and a reference-style PDQ (full decode, getRGB per
 * pixel, full-image blur passes).
 *   java -jar stoa-bench/target/stoa-bench.jar ImageHashBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ImageHashBench {

    /** 1 MP (1024 x 1024) and 12 MP (4000 x 3000). */
    @Param({"1024x1024", "4000x3000"})
    String size;

    byte[] jpeg;
    final ImageHasher hasher = new ImageHasher();

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        jpeg = BenchImages.jpeg(0, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    }

    @Benchmark
    public ImageHashes decodeAndHashAll() {
        return hasher.hash(jpeg);
    }

    @Benchmark
    public Object imageIoDecodeOnly() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @Benchmark
    public long[] referenceStylePdq() throws IOException {
        return ReferenceStylePdq.hash(ImageIO.read(new ByteArrayInputStream(jpeg)));
    }
}
