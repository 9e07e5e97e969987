package org.stoa.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.stoa.engine.image.ImageDecodeException;
import org.stoa.engine.image.ImageDecoder;
import org.stoa.engine.image.ImageFormat;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.image.ImageHashes;
import org.stoa.engine.image.PerceptualHashes;
import org.stoa.engine.image.ImageInfo;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Role;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.CpuPool;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Writer;

/** Image uploads: checked to be what they claim, bounded in size and pixels, stored by content. */
public final class MediaService {

    private final MediaStore store;
    private final MediaFiles files;
    private final ImageDecoder decoder;
    private final ImageHasher hasher;
    private final MediaHashes mediaHashes;
    private final Writer writer;
    private final long maxBytes;
    private final Limits limits;
    private final CpuPool pool;
    private final SecureRandom random = new SecureRandom();

    public MediaService(MediaStore store, MediaFiles files, MediaHashes mediaHashes, ImageDecoder decoder, Writer writer,
                        long maxBytes, Limits limits, CpuPool pool) {
        this.limits = limits;
        this.pool = pool;
        this.store = store;
        this.files = files;
        this.mediaHashes = mediaHashes;
        this.decoder = decoder;
        this.hasher = new ImageHasher(decoder);
        this.writer = writer;
        this.maxBytes = maxBytes;
    }

    public MediaRecord upload(Principal me, String contentType, long declaredLength, InputStream body) {
        ImageFormat declared = ImageFormat.fromMimeType(contentType)
                .filter(f -> f != ImageFormat.BMP)
                .orElseThrow(() -> new ApiException(415, "unsupported_media_type",
                        "upload images as image/jpeg, image/png, image/gif or image/webp with a matching Content-Type"));
        if (declaredLength > maxBytes) throw tooLarge();
        limits.acquire(Limit.UPLOADS, me.accountId());
        byte[] bytes;
        Checked checked;
        // The place is taken before the body is read: the bytes held in memory are bounded too.
        try (CpuPool.Place place = pool.admit()) {
            bytes = readAtMost(body, maxBytes);
            if (bytes.length == 0) throw ApiException.badRequest("empty_body", "the upload is empty; send the image bytes as the body");
            checked = place.run(() -> check(bytes, declared));
        }
        ImageInfo info = checked.info();
        ImageHashes hashes = checked.hashes();
        String sha256 = hashes.sha256();
        try {
            files.store(sha256, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media " + sha256, e);
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        MediaRecord record = new MediaRecord(id, sha256, declared.mimeType(), bytes.length, info.width(), info.height(),
                me.accountId(), Instant.now());
        return writer.execute(tx -> {
            store.insert(tx, record);
            mediaHashes.store(tx, hashes);
            return new MediaRecord(id, sha256, record.contentType(), record.sizeBytes(), record.width(), record.height(),
                    record.uploaderId(), Instant.ofEpochMilli(tx.now()));
        });
    }

    private record Checked(ImageInfo info, ImageHashes hashes) {}

    /** Decodes and hashes the image, proving it is what it claims to be: CPU work, run on the pool. */
    private Checked check(byte[] bytes, ImageFormat declared) {
        try {
            ImageInfo info = decoder.probe(bytes);
            if (info.format() != declared) {
                throw new ApiException(415, "media_type_mismatch", "the bytes are a " + info.format()
                        + " image but the Content-Type says " + declared.mimeType());
            }
            // Hashing decodes the image: that is the proof the bytes are what they claim to be.
            ImageHashes hashes = hasher.hash(bytes);
            if (hashes.perceptual() instanceof PerceptualHashes.Unavailable u) {
                throw new ImageDecodeException(u.kind(), u.reason());
            }
            return new Checked(info, hashes);
        } catch (ImageDecodeException e) {
            throw switch (e.kind()) {
                case TOO_LARGE -> new ApiException(422, "image_too_large", e.getMessage());
                case UNSUPPORTED_FORMAT -> new ApiException(415, "unsupported_media_type",
                        "the bytes are not a " + declared + " image: " + e.getMessage());
                case CORRUPT -> ApiException.badRequest("corrupt_image", e.getMessage());
            };
        }
    }

    /**
     * The media, if {@code me} may see it: its uploader, a member where it was sent, anyone while it
     * is an account's avatar, or a moderator while a message carrying it is in the review queue.
     */
    public Optional<MediaRecord> accessible(Principal me, String mediaId) {
        if (mediaId.length() > 64) return Optional.empty();
        Optional<MediaRecord> own = store.accessible(mediaId, me.accountId()).or(() -> store.avatar(mediaId));
        if (own.isPresent() || me.role() == Role.USER) return own;
        return store.inReview(mediaId);
    }

    public MediaFiles files() {
        return files;
    }

    private ApiException tooLarge() {
        return new ApiException(413, "body_too_large", "images are at most " + (maxBytes >> 20) + " MB");
    }

    private byte[] readAtMost(InputStream in, long limit) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("upload_interrupted", "the upload ended early; send it again");
        }
    }

}
