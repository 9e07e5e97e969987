package org.stoa.server.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One event in one account's stream. The events of one append share their {@link EventBody}, so
 * the data is serialized and encoded once per fan-out, not once per recipient.
 */
public record StreamEvent(long accountId, long eventSeq, EventBody body) implements Outbound {

    private static final byte[] HEAD = "{\"eventSeq\":".getBytes(StandardCharsets.US_ASCII);

    StreamEvent(long accountId, long eventSeq, EventType type, String dataJson) {
        this(accountId, eventSeq, new EventBody(type, dataJson));
    }

    public EventType type() {
        return body.type();
    }

    /** The event's data, already serialized. */
    public String dataJson() {
        return body.dataJson();
    }

    /**
     * The WebSocket frame, {@code {"eventSeq":N,"type":"...","data":{...}}}, in UTF-8: this event's
     * eventSeq before the shared, already encoded rest (one copy, no encoding).
     */
    public ByteBuffer frame() {
        byte[] tail = body.tail();
        int digits = 1;
        for (long v = eventSeq; v >= 10; v /= 10) digits++;
        byte[] out = new byte[HEAD.length + digits + tail.length];
        System.arraycopy(HEAD, 0, out, 0, HEAD.length);
        long v = eventSeq;
        for (int i = HEAD.length + digits - 1; i >= HEAD.length; i--, v /= 10) out[i] = (byte) ('0' + v % 10);
        System.arraycopy(tail, 0, out, HEAD.length + digits, tail.length);
        return ByteBuffer.wrap(out);
    }
}
