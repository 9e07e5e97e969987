package org.stoa.server.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.image.ImageHashes;
import org.stoa.server.http.Json;
import org.stoa.server.storage.CommittedCache;
import org.stoa.server.storage.Tx;

/**
 * Every uploaded image's hashes (SHA-256, MD5, PDQ with its variants and content regions), computed
 * once at upload so that reviewing a send is a bank lookup, not a decode.
 */
public final class MediaHashes {

    private final Jdbi reads;
    private final CommittedCache<String, ImageHashes> cache = CommittedCache.ofImmutable(20_000);

    public MediaHashes(Jdbi reads) {
        this.reads = reads;
    }

    void store(Tx tx, ImageHashes hashes) {
        tx.handle().createUpdate("INSERT INTO media_hashes (sha256, hashes) VALUES (:sha, :json) ON CONFLICT DO NOTHING")
                .bind("sha", hashes.sha256()).bind("json", Json.write(hashes)).execute();
    }

    public Optional<ImageHashes> get(String sha256) {
        return cache.get(sha256, sha -> reads.withHandle(h -> h.createQuery("SELECT hashes FROM media_hashes WHERE sha256 = :s")
                .bind("s", sha).mapTo(String.class).findOne()).map(MediaHashes::parse));
    }

    private static ImageHashes parse(String json) {
        try {
            return Json.MAPPER.readValue(json, ImageHashes.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored image hashes are not readable", e);
        }
    }
}
