package org.stoa.server.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request that cannot be served, answered as {@code application/problem+json} (RFC 9457) with a
 * stable {@code code}; {@code extensions} become extra members of the problem object.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extensions;
    private final Duration retryAfter;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(int status, String code, String detail, Map<String, Object> extensions) {
        this(status, code, detail, extensions, null);
    }

    private ApiException(int status, String code, String detail, Map<String, Object> extensions, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.extensions = new LinkedHashMap<>(extensions);
        this.retryAfter = retryAfter;
    }

    /**
     * A refusal to try again later (429 or 503): the answer carries {@code retryAfterSeconds} and a
     * {@code Retry-After} header.
     */
    public static ApiException retryLater(int status, String code, String detail, Duration after, Map<String, Object> extensions) {
        return new ApiException(status, code, detail, extensions, after);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** When to try again, for a refusal made by {@link #retryLater}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(403, code, detail);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(404, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }
}
