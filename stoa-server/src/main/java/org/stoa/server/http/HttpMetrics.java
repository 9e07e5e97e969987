package org.stoa.server.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A timer per route template, method and status. */
final class HttpMetrics {

    private static final String START = "stoa.start";
    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, String route, int status) {}

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(Context ctx) {
        ctx.attribute(START, System.nanoTime());
    }

    void stop(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) return;
        String route;
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            route = endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        timers.computeIfAbsent(new Key(ctx.method().name(), route, ctx.statusCode()), k -> Timer.builder("http.server.requests")
                        .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                        .publishPercentiles(0.5, 0.99).register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
