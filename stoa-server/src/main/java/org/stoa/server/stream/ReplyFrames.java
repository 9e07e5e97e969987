package org.stoa.server.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.http.Problems;

/** The frames a stream answers a client's frames with, when the answer is a problem. */
public final class ReplyFrames {

    /** The longest {@code requestId} a frame may carry (and that a reply echoes). */
    public static final int MAX_REQUEST_ID = 64;

    private ReplyFrames() {}

    /**
     * The {@code requestId} of {@code frame} to echo in a reply: its string {@code requestId} of at most
     * {@link #MAX_REQUEST_ID} characters, or null (none, too long, or not a JSON object at all).
     */
    public static String requestIdOf(String frame) {
        try {
            JsonNode id = Json.MAPPER.readTree(frame).get("requestId");
            return id != null && id.isTextual() && !id.asText().isEmpty() && id.asText().length() <= MAX_REQUEST_ID ? id.asText() : null;
        } catch (Exception e) {
            return null; // not JSON: nothing to echo
        }
    }

    /**
     * {@code {"type":"stream.error","requestId":...,"status":N,"problem":{...}}}: a frame that could
     * not be read as a request (not JSON, an unknown type, too large); the problem is the one HTTP
     * would answer, and {@code requestId} is echoed when the client gave one.
     */
    public static String error(ApiException e, String requestId) {
        return "{\"type\":\"stream.error\"" + (requestId == null ? "" : ",\"requestId\":" + Json.write(requestId))
                + ",\"status\":" + e.status() + ",\"problem\":" + Problems.toJson(e) + "}";
    }

    static String error(ApiException e) {
        return error(e, null);
    }
}
