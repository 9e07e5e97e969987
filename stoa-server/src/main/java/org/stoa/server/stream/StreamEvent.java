package org.stoa.server.stream;

/** One event in one account's stream; {@code dataJson} is the event's data, already serialized. */
public record StreamEvent(long accountId, long eventSeq, EventType type, String dataJson) implements Outbound {

    /** The WebSocket frame: {@code {"eventSeq":N,"type":"...","data":{...}}}. */
    public String frame() {
        return "{\"eventSeq\":" + eventSeq + ",\"type\":\"" + type.wireName() + "\",\"data\":" + dataJson + "}";
    }
}
