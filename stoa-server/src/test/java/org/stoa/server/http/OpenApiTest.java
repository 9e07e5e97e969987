package org.stoa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * swagger-parser reads openapi.yaml as OpenAPI 3.0, which names every attribute it does not
     * expect: that is how an unquoted ", " or ": " in a flow mapping, which YAML splits into a key of
     * its own, shows up. Its messages must be none.
     */
    @Test
    void aRealOpenApiParserReadsTheDocumentWithoutAMessage() throws IOException {
        String yaml;
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.0.3");
        assertThat(api.getPaths().get("/api/v1/conversations/{id}/messages").getPost().getRequestBody().getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/SendMessage");
        Schema<?> message = api.getComponents().getSchemas().get("SendMessage");
        Schema<?> text = message.getProperties().get("text");
        assertThat(text.getDescription()).isEqualTo("up to 4,000 characters (code points)");
        assertThat(api.getPaths().get("/api/v1/reports").getPost().getResponses()).containsKey("429");
        assertThat(api.getPaths().get("/api/v1/transparency/report").getGet().getResponses()).containsKeys("400", "429");
        Schema<?> statement = api.getComponents().getSchemas().get("StatementOfReasons");
        assertThat(statement.getProperties().get("automated_detection").getEnum()).containsExactly("Yes", "No");
    }

    private static void assertRefsResolve(JsonNode root, JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            assertThat(root.at(ref.substring(1)).isMissingNode()).as("dangling " + ref).isFalse();
        }
        node.forEach(child -> assertRefsResolve(root, child));
    }
}
