package org.stoa.server.stream;

/**
 * One entry of the channel log as every subscriber's stream sends it: the frame is built once per
 * entry, not once per subscriber. {@code logSeq} is the entry's place in the log of all channels,
 * which a client resumes from with {@code channelSince=} as it resumes its own events with {@code since=}.
 */
public record ChannelFrame(long logSeq, String frame) implements Outbound {

    public static ChannelFrame of(long logSeq, EventType type, String dataJson) {
        return new ChannelFrame(logSeq, "{\"channelSeq\":" + logSeq + ",\"type\":\"" + type.wireName() + "\",\"data\":" + dataJson + "}");
    }
}
