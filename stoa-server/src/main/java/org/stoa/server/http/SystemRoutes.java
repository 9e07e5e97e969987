package org.stoa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/** {@code /healthz}, {@code /metrics} (Prometheus) and {@code /api/v1/openapi.json}. */
public final class SystemRoutes {

    private final Jdbi reads;
    private final PrometheusMeterRegistry metrics;
    private final BooleanSupplier draining;
    /** Converted beside the rest of the start; only its own route waits for it. */
    private final CompletableFuture<String> openApiJson;

    public SystemRoutes(Jdbi reads, PrometheusMeterRegistry metrics, BooleanSupplier draining) {
        this.reads = reads;
        this.metrics = metrics;
        this.draining = draining;
        this.openApiJson = CompletableFuture.supplyAsync(SystemRoutes::loadOpenApi);
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/healthz", ctx -> {
            if (draining.getAsBoolean()) {
                ctx.status(503).json(Map.of("status", "shutting down"));
                return;
            }
            reads.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            ctx.json(Map.of("status", "ok"));
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApiJson.join()));
    }

    /** The API description is kept as YAML (easier to read and review) and served as JSON. */
    private static String loadOpenApi() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the jar");
            return new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.yaml", e);
        }
    }
}
