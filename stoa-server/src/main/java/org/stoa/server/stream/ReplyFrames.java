package org.stoa.server.stream;

import org.stoa.server.http.ApiException;
import org.stoa.server.http.Json;
import org.stoa.server.http.Problems;

/** The frames a stream answers a client's frames with, when the answer is a problem. */
public final class ReplyFrames {

    private ReplyFrames() {}

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
