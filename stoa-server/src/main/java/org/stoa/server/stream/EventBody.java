package org.stoa.server.stream;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What every recipient's frame of one event shares, its type and data: encoded to UTF-8 once,
 * however many streams send it. An event fanned out to the N members of a group is one body and N
 * {@link StreamEvent}s, each of which only prepends its own eventSeq.
 */
public final class EventBody {

    private final EventType type;
    private final Supplier<String> serialize;
    /** The data as JSON: given, or set by the first stream that sends it (a race only serializes it twice). */
    private volatile String dataJson;
    /** {@code ,"type":"...","data":{...}}}: set by the first stream that sends it (a race only encodes it twice). */
    private volatile byte[] tail;

    public EventBody(EventType type, String dataJson) {
        this(type, null, dataJson);
    }

    private EventBody(EventType type, Supplier<String> serialize, String dataJson) {
        this.type = type;
        this.serialize = serialize;
        this.dataJson = dataJson;
    }

    /**
     * A body whose data is serialized when first needed: a message event is stored as a reference
     * to the message, so the writer's thread, which appends it, never needs its JSON.
     */
    static EventBody serializedOnFirstUse(EventType type, Supplier<String> serialize) {
        return new EventBody(type, serialize, null);
    }

    EventType type() {
        return type;
    }

    String dataJson() {
        String d = dataJson;
        if (d == null) {
            d = serialize.get();
            dataJson = d;
        }
        return d;
    }

    /** The frame after its eventSeq, as UTF-8; shared, so never written to. */
    byte[] tail() {
        byte[] t = tail;
        if (t == null) {
            t = (",\"type\":\"" + type.wireName() + "\",\"data\":" + dataJson() + "}").getBytes(StandardCharsets.UTF_8);
            tail = t;
        }
        return t;
    }
}
