package org.stoa.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** An HTTP answer with its body parsed as JSON when it is JSON. */
public record Response(int status, HttpHeaders headers, byte[] raw, JsonNode json) {

    public String contentType() {
        return headers.firstValue("content-type").orElse("");
    }

    public String code() {
        return json == null ? null : json.path("code").asText(null);
    }

    public long id() {
        return json.path("id").asLong();
    }

    @Override
    public String toString() {
        return status + " " + (json != null ? json.toString() : "<" + raw.length + " bytes>");
    }
}
