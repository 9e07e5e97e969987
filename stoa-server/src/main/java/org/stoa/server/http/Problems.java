package org.stoa.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        if ("websocket".equalsIgnoreCase(ctx.header("Upgrade"))) {
            // Javalin sends no result for an upgrade it refuses: write the problem out directly.
            try {
                ctx.res().getOutputStream().write(toJson(e).getBytes(StandardCharsets.UTF_8));
            } catch (IOException gone) {
                // the client left; nothing to tell it
            }
        } else {
            ctx.result(toJson(e));
        }
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

    /** The stable code for an HTTP status that the server's own code did not choose (Jetty's, Javalin's). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** "not_a_member" becomes "Not a member": one fixed title per problem type. */
    static String title(String code) {
        String words = code.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
