package org.stoa.bench.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.stoa.bench.image.BenchImages;
import org.stoa.engine.bank.BankEntry;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.bank.HashType;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.PdqHash;
import org.stoa.engine.policy.CompiledPolicy;
import org.stoa.engine.policy.PolicyParser;
import org.stoa.engine.policy.PolicyReview;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.ReviewContext;

/**
 * What moderation adds to a send: one review under the bundled sample policy, of a chat line
 * (term lists and regexes), and of a 1-megapixel photo's hashes (computed at upload) against
 * banks holding 1,000,000 PDQ hashes. SampleTime reports the distribution (p50, p99).
 *   java -jar stoa-bench/target/stoa-bench.jar ReviewBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseTransparentHugePages"})
public class ReviewBench {

    private static final ReviewContext GROUP = new ReviewContext(1, 1, ReviewContext.Scope.GROUP);
    private static final String[] LINES = {
        "hey, are we still on for dinner tomorrow at 7?",
        "I uploaded the slides, can you check page 4 before the meeting",
        "lol that cat video is the best thing I have seen all week",
        "今天下午三点开会，记得带上报告",
        "best 0nl1ne c.a.s.i.n.o bonus, claim your prize now",
        "Reminder: the rent is due on Friday, thanks!",
        "did you see the game last night? what a finish",
        "我们周末去爬山吧，天气预报说是晴天",
    };

    private PolicyReview review;
    private HashBanks banks;
    private Path bankDir;
    private Content.Image image;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bankDir = Files.createTempDirectory("review-bench");
        banks = HashBanks.open(bankDir, HashBanks.DEFAULT_RADIUS);
        Random rnd = new Random(3);
        banks.add("scam-banners", new BankEntry(HashType.SHA256, "00".repeat(32), "creates the bank"));
        banks.bank("scam-banners").orElseThrow().load(() -> IntStream.range(0, 1_000_000).mapToObj(i -> new BankEntry(HashType.PDQ,
                new PdqHash(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()).toHex(), "random")).iterator());
        try (InputStream in = ReviewBench.class.getResourceAsStream("/policy/sample-policy.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            review = new PolicyReview(CompiledPolicy.compile(PolicyParser.parse(text, null)), banks);
        }
        ImageHashes hashes = new ImageHasher().hash(BenchImages.jpeg(11, 1000, 1000));
        image = new Content.Image(GROUP, "m1", hashes);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        banks.close();
    }

    @Benchmark
    public Decision text() {
        return review.review(new Content.Text(GROUP, LINES[next++ & 7]));
    }

    @Benchmark
    public Decision image1Megapixel() {
        return review.review(image);
    }
}
