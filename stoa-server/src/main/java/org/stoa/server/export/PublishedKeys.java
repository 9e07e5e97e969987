package org.stoa.server.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.http.Json;
import org.stoa.server.storage.Writer;

/**
 * The export-signing public keys this deployment publishes at {@code /.well-known/stoa/keys}: every
 * node adds its own when it starts, so an archive sealed by any node of a cluster checks against the
 * set that any node serves, and a key stays published after its node is gone (its archives still do).
 */
public final class PublishedKeys {

    private static final TypeReference<Map<String, String>> JWK = new TypeReference<>() {};

    private final Jdbi reads;
    private final Writer writer;

    public PublishedKeys(Jdbi reads, Writer writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /** Publishes {@code key}, once however many times its node starts. */
    public void add(Ed25519PublicKey key) {
        writer.execute(tx -> tx.handle().createUpdate("""
                        INSERT INTO server_keys (key_id, jwk, added_at) VALUES (:id, :jwk, :now)
                        ON CONFLICT (key_id) DO NOTHING""")
                .bind("id", key.keyId()).bind("jwk", Json.write(key.jwk())).bind("now", tx.now()).execute());
    }

    /** The published keys as JSON Web Keys, oldest first. */
    List<Map<String, String>> all() {
        return reads.withHandle(h -> h.createQuery("SELECT jwk FROM server_keys ORDER BY added_at, key_id")
                .mapTo(String.class).list()).stream().map(PublishedKeys::parse).toList();
    }

    private static Map<String, String> parse(String jwk) {
        try {
            return Json.MAPPER.readValue(jwk, JWK);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a published key is not a JSON Web Key: " + jwk, e);
        }
    }
}
