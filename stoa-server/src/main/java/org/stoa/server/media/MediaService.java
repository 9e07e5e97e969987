package org.stoa.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;
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
import org.stoa.server.http.UserText;
import org.stoa.server.limits.CpuPool;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Writer;

/**
 * Uploads, checked to be what they claim and stored by content: images (bounded in size and
 * pixels, hashed for the banks) and files (PDF, text, office documents, archives: bounded by
 * {@code media.maxFileBytes}, sniffed, programs refused, SHA-256 and MD5 for the banks' exact entries).
 */
public final class MediaService {

    private final MediaStore store;
    private final MediaFiles files;
    private final ImageDecoder decoder;
    private final ImageHasher hasher;
    private final MediaHashes mediaHashes;
    private final Writer writer;
    private final long maxBytes;
    private final long maxFileBytes;
    private final Limits limits;
    private final CpuPool pool;
    private final SecureRandom random = new SecureRandom();

    public MediaService(MediaStore store, MediaFiles files, MediaHashes mediaHashes, ImageDecoder decoder, Writer writer,
                        long maxBytes, long maxFileBytes, Limits limits, CpuPool pool) {
        this.maxFileBytes = maxFileBytes;
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

    /**
     * An image, or a file when {@code contentType} is one of the accepted file types ({@code fileName}
     * then names it; an image ignores it). The body is opened only once the upload is acceptable by its
     * headers: a client waiting for "100 Continue" sends nothing that would be refused.
     */
    public MediaRecord upload(Principal me, String contentType, String fileName, long declaredLength, Supplier<InputStream> body) {
        Optional<ImageFormat> image = ImageFormat.fromMimeType(contentType).filter(f -> f != ImageFormat.BMP);
        if (image.isPresent()) return uploadImage(me, image.get(), declaredLength, body);
        String fileType = FileTypes.accepted(contentType).orElseThrow(() -> new ApiException(415, "unsupported_media_type",
                "upload images as image/jpeg, image/png, image/gif or image/webp, or files as one of "
                        + FileTypes.acceptedList() + ", with a matching Content-Type"));
        return uploadFile(me, fileType, fileName, declaredLength, body);
    }

    private MediaRecord uploadFile(Principal me, String type, String rawName, long declaredLength, Supplier<InputStream> body) {
        String name = fileName(rawName);
        if (declaredLength > maxFileBytes) throw fileTooLarge();
        limits.acquire(Limit.UPLOADS, me.accountId());
        byte[] bytes;
        ImageHashes hashes;
        try (CpuPool.Place place = pool.admit()) {
            bytes = readAtMost(body.get(), maxFileBytes, this::fileTooLarge);
            if (bytes.length == 0) throw ApiException.badRequest("empty_body", "the upload is empty; send the file's bytes as the body");
            hashes = place.run(() -> {
                FileTypes.check(bytes, type);
                return new ImageHashes(hex("SHA-256", bytes), hex("MD5", bytes),
                        new PerceptualHashes.Unavailable(ImageDecodeException.Kind.UNSUPPORTED_FORMAT, "a file, not an image"));
            });
        }
        return store(MediaRecord.file(newId(), hashes.sha256(), type, bytes.length, name, me.accountId(), Instant.now()),
                bytes, hashes);
    }

    /** A file's name as it will be offered for download: one line, no folders, at most 255 characters. */
    private static String fileName(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("missing_file_name", "name the file: ?name=report.pdf");
        }
        String name = UserText.singleLine(raw).replace('/', '_').replace('\\', '_').strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("invalid_file_name", "the file name is empty once cleaned");
        }
        if (name.codePointCount(0, name.length()) > 255) {
            throw ApiException.badRequest("invalid_file_name", "file names are at most 255 characters");
        }
        return name;
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private MediaRecord uploadImage(Principal me, ImageFormat declared, long declaredLength, Supplier<InputStream> body) {
        if (declaredLength > maxBytes) throw tooLarge();
        limits.acquire(Limit.UPLOADS, me.accountId());
        byte[] bytes;
        Checked checked;
        // The place is taken before the body is read: the bytes held in memory are bounded too.
        try (CpuPool.Place place = pool.admit()) {
            bytes = readAtMost(body.get(), maxBytes, this::tooLarge);
            if (bytes.length == 0) throw ApiException.badRequest("empty_body", "the upload is empty; send the image bytes as the body");
            checked = place.run(() -> check(bytes, declared));
        }
        ImageInfo info = checked.info();
        ImageHashes hashes = checked.hashes();
        return store(MediaRecord.image(newId(), hashes.sha256(), declared.mimeType(), bytes.length, info.width(), info.height(),
                me.accountId(), Instant.now()), bytes, hashes);
    }

    private String newId() {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private MediaRecord store(MediaRecord record, byte[] bytes, ImageHashes hashes) {
        try {
            files.store(record.sha256(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media " + record.sha256(), e);
        }
        return writer.execute(tx -> {
            store.insert(tx, record);
            mediaHashes.store(tx, hashes);
            return record.at(Instant.ofEpochMilli(tx.now()));
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

    private ApiException fileTooLarge() {
        return new ApiException(413, "body_too_large", "files are at most " + (maxFileBytes >> 20) + " MB");
    }

    private static byte[] readAtMost(InputStream in, long limit, Supplier<ApiException> tooLarge) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) throw tooLarge.get();
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("upload_interrupted", "the upload ended early; send it again");
        }
    }

}
