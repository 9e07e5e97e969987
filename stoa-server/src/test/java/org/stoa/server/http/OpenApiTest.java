package org.stoa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;

class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @TempDir
    Path dir;

    @Test
    void theDocumentDescribesExactlyTheRoutesTheServerHas() {
        try (TestServer server = new TestServer(dir)) {
            Response doc = server.anonymous().get("/api/v1/openapi.json");
            assertThat(doc.status()).isEqualTo(200);
            assertThat(doc.json().get("openapi").asText()).startsWith("3.");
            List<String> documented = new ArrayList<>();
            doc.json().get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
                if (METHODS.contains(op.getKey())) documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey());
            }));
            List<String> served = server.routes().stream()
                    .filter(r -> r.contains(" /api/") || r.contains(" /.well-known/") || r.endsWith(" /healthz") || r.endsWith(" /metrics"))
                    .filter(r -> !r.startsWith("HEAD ") && !r.startsWith("OPTIONS ")).toList();
            assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
            assertRefsResolve(doc.json(), doc.json());
        }
    }

    private static void assertRefsResolve(JsonNode root, JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            assertThat(root.at(ref.substring(1)).isMissingNode()).as("dangling " + ref).isFalse();
        }
        node.forEach(child -> assertRefsResolve(root, child));
    }
}
