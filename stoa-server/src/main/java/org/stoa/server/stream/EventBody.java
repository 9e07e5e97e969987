package org.stoa.server.stream;

import java.nio.charset.StandardCharsets;

/**
 * What every recipient's frame of one event shares, its type and data: encoded to UTF-8 once,
 * however many streams send it. An event fanned out to the N members of a group is one body and N
 * {@link StreamEvent}s, each of which only prepends its own eventSeq.
 */
public final class EventBody {

    private final EventType type;
    private final String dataJson;
    /** {@code ,"type":"...","data":{...}}}: set by the first stream that sends it (a race only encodes it twice). */
    private volatile byte[] tail;

    public EventBody(EventType type, String dataJson) {
        this.type = type;
        this.dataJson = dataJson;
    }

    EventType type() {
        return type;
    }

    String dataJson() {
        return dataJson;
    }

    /** The frame after its eventSeq, as UTF-8; shared, so never written to. */
    byte[] tail() {
        byte[] t = tail;
        if (t == null) {
            t = (",\"type\":\"" + type.wireName() + "\",\"data\":" + dataJson + "}").getBytes(StandardCharsets.UTF_8);
            tail = t;
        }
        return t;
    }
}
