package org.stoa.server.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.stoa.server.http.Json;

/**
 * Checks an export archive: the format, the manifest's signature, the seal over the whole file,
 * that the archive holds exactly the files the manifest lists, and each file's size and SHA-256.
 * The key is the one the manifest names; {@code trusted}, when given, must list it (the keys a
 * server publishes at {@code /.well-known/stoa/keys}), or the archive could be anyone's.
 */
public final class ArchiveVerifier {

    /** The largest manifest read: a hostile archive must not exhaust memory. */
    private static final int MAX_MANIFEST = 64 << 20;

    /** What a verified archive is: whose data, made when, how many files, signed by which key. */
    public record Verified(String username, long accountId, Instant createdAt, int files, Ed25519PublicKey key) {}

    /** Why an archive failed, in words. */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private ArchiveVerifier() {}

    public static Verified verify(Path archive, Optional<Collection<Ed25519PublicKey>> trusted) throws IOException, Failure {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            JsonNode manifest = manifest(zip);
            if (!Manifest.FORMAT.equals(manifest.path("format").asText())) {
                throw new Failure("not a " + Manifest.FORMAT + " archive (format: " + manifest.path("format") + ")");
            }
            JsonNode signature = manifest.path("signature");
            if (!"Ed25519".equals(signature.path("algorithm").asText())) throw new Failure("the manifest is not signed with Ed25519");
            Ed25519PublicKey key = Ed25519PublicKey.parse(signature.path("publicKey").asText(null))
                    .orElseThrow(() -> new Failure("the manifest names no valid Ed25519 public key"));
            if (!key.keyId().equals(signature.path("keyId").asText())) throw new Failure("the manifest's key id is not its key's");
            if (trusted.isPresent() && !trusted.get().contains(key)) {
                throw new Failure("signed by key " + key.keyId() + ", which is not among the trusted keys");
            }
            if (!key.verifies(signedBytes(manifest), signatureBytes(signature.path("value").asText()))) {
                throw new Failure("the manifest's signature does not match it: the manifest was changed");
            }
            int files = checkFiles(zip, manifest.path("files"));
            Optional<String> seal = Seal.check(archive, key);
            if (seal.isPresent()) throw new Failure(seal.get());
            try {
                return new Verified(manifest.at("/account/username").asText(), manifest.at("/account/id").asLong(),
                        Instant.parse(manifest.path("createdAt").asText()), files, key);
            } catch (DateTimeParseException e) {
                throw new Failure("the manifest's createdAt is not a time");
            }
        } catch (ZipException | EOFException e) {
            throw new Failure("not a readable zip archive: " + e.getMessage());
        }
    }

    private static JsonNode manifest(ZipFile zip) throws IOException, Failure {
        ZipEntry entry = zip.getEntry(Manifest.FILE);
        if (entry == null) throw new Failure("the archive has no " + Manifest.FILE);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) throw new Failure(Manifest.FILE + " is larger than any real one");
            JsonNode m = Json.MAPPER.readTree(bytes);
            if (m == null || !m.isObject()) throw new Failure(Manifest.FILE + " is not a JSON object");
            return m;
        } catch (JsonProcessingException e) {
            throw new Failure(Manifest.FILE + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Failure(Manifest.FILE + " cannot be read from the archive: " + e.getMessage());
        }
    }

    /** What the signature covers; a manifest holding what no signed one can (a fraction, a null) was changed. */
    private static byte[] signedBytes(JsonNode manifest) throws Failure {
        try {
            return Manifest.signedBytes(manifest);
        } catch (IllegalArgumentException e) {
            throw new Failure("the manifest was changed: " + e.getMessage());
        }
    }

    private static byte[] signatureBytes(String value) throws Failure {
        try {
            byte[] sig = Base64.getUrlDecoder().decode(value);
            if (sig.length != 64) throw new Failure("the manifest's signature is not an Ed25519 signature");
            return sig;
        } catch (IllegalArgumentException e) {
            throw new Failure("the manifest's signature is not base64url");
        }
    }

    /** Every file listed is in the archive with its size and hash, and nothing else is. Answers how many. */
    private static int checkFiles(ZipFile zip, JsonNode listed) throws IOException, Failure {
        if (!listed.isArray()) throw new Failure("the manifest lists no files");
        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode f : listed) {
            if (expected.put(f.path("path").asText(), f) != null) throw new Failure("the manifest lists " + f.path("path") + " twice");
        }
        int seen = 0;
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry e = entries.nextElement();
            if (e.getName().equals(Manifest.FILE)) continue;
            JsonNode f = expected.remove(e.getName());
            if (f == null) throw new Failure(e.getName() + " is in the archive but not in the manifest (or in it twice)");
            MessageDigest digest = sha256();
            long size = 0;
            try (InputStream in = zip.getInputStream(e)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; size += n) digest.update(buf, 0, n);
            } catch (IOException x) {
                throw new Failure(e.getName() + " cannot be read from the archive: " + x.getMessage());
            }
            if (size != f.path("size").asLong(-1) || !HexFormat.of().formatHex(digest.digest()).equals(f.path("sha256").asText())) {
                throw new Failure(e.getName() + " does not match its SHA-256 in the manifest: it was changed");
            }
            seen++;
        }
        if (!expected.isEmpty()) throw new Failure(expected.keySet().iterator().next() + " is in the manifest but missing from the archive");
        return seen;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
