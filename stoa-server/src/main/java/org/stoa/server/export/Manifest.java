package org.stoa.server.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.http.Json;

/**
 * {@code manifest.json}: the format, whose data it is, when it was made, every other file with its
 * size and SHA-256, and the server's Ed25519 signature over all of that (the manifest without its
 * {@code signature} member, as {@link CanonicalJson}), with the key that made it.
 */
record Manifest(String format, AccountRef account, Instant createdAt, List<FileEntry> files, Signature signature) {

    static final String FORMAT = "stoa-export/1";
    static final String FILE = "manifest.json";

    /** One file of the archive. */
    record FileEntry(String path, long size, String sha256) {}

    /** Who signed, and the signature (base64url, no padding). */
    record Signature(String algorithm, String keyId, String publicKey, String value) {}

    /** The manifest for {@code files}, signed by {@code key}. */
    static Manifest signed(AccountRef account, Instant createdAt, List<FileEntry> files, ServerKey key) {
        Manifest unsigned = new Manifest(FORMAT, account, createdAt, List.copyOf(files), null);
        byte[] value = key.sign(signedBytes(Json.MAPPER.valueToTree(unsigned)));
        Ed25519PublicKey pub = key.publicKey();
        return new Manifest(FORMAT, account, createdAt, unsigned.files(),
                new Signature("Ed25519", pub.keyId(), pub.x(), Base64.getUrlEncoder().withoutPadding().encodeToString(value)));
    }

    /** What the signature covers: the manifest without its signature, in canonical form. */
    static byte[] signedBytes(JsonNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        copy.remove("signature");
        return CanonicalJson.bytes(copy);
    }
}
