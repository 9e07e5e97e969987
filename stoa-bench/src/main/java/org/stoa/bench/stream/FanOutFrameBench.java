package org.stoa.bench.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;
import org.stoa.server.stream.EventBody;
import org.stoa.server.stream.EventType;
import org.stoa.server.stream.StreamEvent;

/**
 * The frames of one message fanned out to a group's members, as the streams write them: each
 * member's frame as bytes, ready for the socket. {@code perRecipient} is how frames were made before
 * issue 15 (a String concatenated per member, then encoded to UTF-8 by Jetty's {@code sendText});
 * {@code sharedBody} is how they are made now ({@link StreamEvent#frame()}: the data encoded once per
 * fan-out, each member's eventSeq put before a copy of it). Run with {@code -prof gc} for the bytes
 * allocated per fan-out.
 *
 * <pre>
 *   java -jar stoa-bench/target/stoa-bench.jar FanOutFrameBench -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutFrameBench {

    /** A message as {@code message.created} carries it (the shape of {@code MessageView}'s JSON). */
    private static final String LATIN = "{\"id\":1048576,\"conversationId\":4242,\"seq\":73412,\"senderId\":1201,"
            + "\"clientId\":\"3f5c0a9e1b7d4c2a8e6f0b1d2c3e4f5a\",\"status\":\"delivered\","
            + "\"text\":\"Lunch at one? The place by the harbour has a table for ten if we tell them before noon.\","
            + "\"createdAt\":\"2026-12-05T16:20:31.123Z\"}";
    private static final String CHINESE = LATIN.replace("Lunch at one? The place by the harbour has a table for ten if we tell them before noon.",
            "一点钟吃午饭吗？港口边那家店中午前告诉他们的话有十个人的桌子。");

    @Param({"10", "1000"})
    int members;

    @Param({"latin", "chinese"})
    String text;

    private String data;
    private long firstSeq;

    @Setup
    public void setUp() {
        data = text.equals("latin") ? LATIN : CHINESE;
        firstSeq = 981_234;
    }

    @Benchmark
    public void perRecipient(Blackhole out) {
        for (int i = 0; i < members; i++) {
            String frame = "{\"eventSeq\":" + (firstSeq + i) + ",\"type\":\"" + EventType.MESSAGE_CREATED.wireName() + "\",\"data\":" + data + "}";
            out.consume(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Benchmark
    public void sharedBody(Blackhole out) {
        EventBody body = new EventBody(EventType.MESSAGE_CREATED, data);
        for (int i = 0; i < members; i++) out.consume(new StreamEvent(1000 + i, firstSeq + i, body).frame());
    }
}
