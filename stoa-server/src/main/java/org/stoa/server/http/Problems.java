package org.stoa.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Writes RFC 9457 problem documents. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    public static void write(Context ctx, ApiException e) {
        ctx.status(e.status());
        ctx.contentType(CONTENT_TYPE);
        // A refusal to come back later says when in the body and, for any HTTP client, in the header.
        e.retryAfter().ifPresent(after -> ctx.header("Retry-After", Long.toString(retryAfterSeconds(after))));
        ctx.result(toJson(e));
    }

    public static String toJson(ApiException e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "urn:stoa:problem:" + e.code());
        node.put("title", title(e.code()));
        node.put("status", e.status());
        node.put("detail", e.detail());
        node.put("code", e.code());
        for (Map.Entry<String, Object> x : e.extensions().entrySet()) {
            node.set(x.getKey(), Json.MAPPER.valueToTree(x.getValue()));
        }
        e.retryAfter().ifPresent(after -> node.put("retryAfterSeconds", retryAfterSeconds(after)));
        return node.toString();
    }

    /** Whole seconds, rounded up, at least one: what {@code Retry-After} can say. */
    static long retryAfterSeconds(Duration after) {
        return Math.max(1, (after.toMillis() + 999) / 1000);
    }

    /** "not_a_member" becomes "Not a member": one fixed title per problem type. */
    static String title(String code) {
        String words = code.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
