package org.stoa.server.support;

import java.util.Map;

/** A registered, logged-in account and its API client. */
public record User(long id, String username, String token, Api api) {

    public StreamClient stream(Long since) {
        return StreamClient.connect(api.port(), token, since);
    }

    public Response send(long conversationId, String clientId, String text) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("clientId", clientId, "text", text));
    }
}
