package org.stoa.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stoa.server.export.ArchiveVerifier;
import org.stoa.server.export.Ed25519PublicKey;
import org.stoa.server.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Work with the data export archives accounts download.",
        subcommands = ExportCommand.Verify.class)
final class ExportCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check an export archive: the server's Ed25519 signature over its manifest and over the whole file,"
                    + " and every file's size and SHA-256. One changed byte anywhere fails it.",
                    "Exit status: 0 intact, 1 not intact, 2 could not check."})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE.zip", description = "the archive, as downloaded")
        Path file;

        @Option(names = "--server", paramLabel = "URL",
                description = "trust only the keys this Stoa server publishes (URL/.well-known/stoa/keys), e.g. https://chat.example.org")
        String server;

        @Option(names = "--key", paramLabel = "KEY",
                description = "trust only this Ed25519 public key (the 'x' of a key at /.well-known/stoa/keys); repeatable")
        List<String> keys = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("stoa: no file " + file);
                return 2;
            }
            try {
                Optional<Collection<Ed25519PublicKey>> trusted = trusted();
                ArchiveVerifier.Verified v = ArchiveVerifier.verify(file, trusted);
                out.println("OK: " + file + " is intact: " + v.files() + " files, each matching its SHA-256; the manifest and the"
                        + " whole archive are signed by key " + v.key().keyId() + ".");
                out.println("It holds the data of '" + v.username() + "' (account " + v.accountId() + "), exported " + v.createdAt() + ".");
                if (trusted.isEmpty()) {
                    out.println("That key is the one the archive names; to be sure it is your server's, run again with --server URL.");
                }
                return 0;
            } catch (ArchiveVerifier.Failure e) {
                err.println("FAILED: " + file + ": " + e.getMessage());
                return 1;
            } catch (IOException | IllegalArgumentException e) {
                err.println("stoa: cannot check " + file + ": " + e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
        }

        private Optional<Collection<Ed25519PublicKey>> trusted() throws IOException, InterruptedException {
            if (server == null && keys.isEmpty()) return Optional.empty();
            List<Ed25519PublicKey> trusted = new ArrayList<>();
            for (String k : keys) {
                trusted.add(Ed25519PublicKey.parse(k).orElseThrow(() -> new IllegalArgumentException(
                        "--key " + k + " is not an Ed25519 public key (32 bytes, base64url)")));
            }
            if (server != null) trusted.addAll(published(server));
            return Optional.of(trusted);
        }

        /** The Ed25519 keys a server publishes. */
        private static List<Ed25519PublicKey> published(String server) throws IOException, InterruptedException {
            URI uri = URI.create(server.replaceAll("/+$", "") + "/.well-known/stoa/keys");
            HttpResponse<String> r;
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() != 200) throw new IOException(uri + " answered " + r.statusCode());
            List<Ed25519PublicKey> keys = new ArrayList<>();
            for (JsonNode k : Json.MAPPER.readTree(r.body()).path("keys")) {
                if ("OKP".equals(k.path("kty").asText()) && "Ed25519".equals(k.path("crv").asText())) {
                    Ed25519PublicKey.parse(k.path("x").asText(null)).ifPresent(keys::add);
                }
            }
            if (keys.isEmpty()) throw new IOException(uri + " lists no Ed25519 keys");
            return keys;
        }
    }
}
