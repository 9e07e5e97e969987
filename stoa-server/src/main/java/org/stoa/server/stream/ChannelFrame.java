package org.stoa.server.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One entry of the channel log as every subscriber's stream sends it: the frame is built and
 * encoded to UTF-8 once per entry, not once per subscriber, and every stream writes the same bytes.
 * {@code logSeq} is the entry's place in the log of all channels, which a client resumes from with
 * {@code channelSince=} as it resumes its own events with {@code since=}.
 */
public record ChannelFrame(long logSeq, byte[] utf8) implements Outbound {

    public static ChannelFrame of(long logSeq, EventType type, String dataJson) {
        return new ChannelFrame(logSeq, ("{\"channelSeq\":" + logSeq + ",\"type\":\"" + type.wireName() + "\",\"data\":" + dataJson + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The frame's bytes for one stream to write: a view of the shared array, which nobody writes to. */
    ByteBuffer frame() {
        return ByteBuffer.wrap(utf8);
    }
}
