package org.stoa.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Reads request bodies and path parameters, turning every kind of bad input into a clear 4xx. */
public final class Requests {

    /** JSON bodies are small; images go through their own endpoint. */
    public static final int MAX_JSON_BYTES = 64 * 1024;

    private Requests() {}

    public static <T> T body(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the body as application/json, not " + contentType);
        }
        // Refused by its declared length first, so a client waiting for "100 Continue" never sends it.
        if (ctx.contentLength() > MAX_JSON_BYTES) throw jsonTooLarge();
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_JSON_BYTES) throw jsonTooLarge();
        if (bytes.length == 0) throw ApiException.badRequest("malformed_json", "the request body is empty; send a JSON object");
        String text = strictUtf8(bytes);
        try {
            T value = Json.MAPPER.readValue(text, type);
            if (value == null) throw ApiException.badRequest("malformed_json", "the request body must be a JSON object, not null");
            return value;
        } catch (JsonParseException e) {
            throw ApiException.badRequest("malformed_json", "the request body is not valid JSON in UTF-8: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiException.badRequest("invalid_field", field.isEmpty()
                    ? "the request body must be a JSON object"
                    : "field '" + field + "' has the wrong type");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ApiException.badRequest("invalid_field", field.isEmpty()
                    ? "the request body does not match what this endpoint expects"
                    : "field '" + field + "' is not valid");
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the request body could not be read");
        }
    }

    /**
     * The body as text, refusing anything that is not well-formed UTF-8: overlong forms (C0 AF for
     * "/", which slip past checks made on the decoded text), encoded surrogates, truncated sequences.
     */
    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid_utf8", "the request body is not valid UTF-8; send JSON encoded as UTF-8");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A numeric id from the path; anything else is a 404 for that kind of thing. */
    public static long id(Context ctx, String param, String notFoundCode) {
        String raw = ctx.pathParam(param);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiException.notFound(notFoundCode, "no such id: " + raw);
    }

    public static Long longQuery(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return null;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_" + name, "query parameter '" + name + "' must be a whole number");
        }
    }

    public static Integer intQuery(Context ctx, String name) {
        Long v = longQuery(ctx, name);
        if (v == null) return null;
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw ApiException.badRequest("invalid_" + name, "query parameter '" + name + "' is out of range");
        }
        return v.intValue();
    }

    public static <T> T required(T value, String field) {
        if (value == null) throw ApiException.badRequest("missing_field", "field '" + field + "' is required");
        return value;
    }

    private static ApiException jsonTooLarge() {
        return new ApiException(413, "body_too_large", "JSON bodies are limited to " + MAX_JSON_BYTES / 1024 + " KiB");
    }
}
