package org.stoa.server.media;

import java.time.Instant;

/**
 * An upload: its bytes live in the media folder under their SHA-256. An image has its pixel size;
 * a file has its name as the uploader gave it (width and height 0).
 */
public record MediaRecord(String id, String sha256, MediaKind kind, String contentType, long sizeBytes, int width, int height,
                          String fileName, long uploaderId, Instant createdAt) {

    public static MediaRecord image(String id, String sha256, String contentType, long size, int width, int height,
                                    long uploaderId, Instant createdAt) {
        return new MediaRecord(id, sha256, MediaKind.IMAGE, contentType, size, width, height, null, uploaderId, createdAt);
    }

    public static MediaRecord file(String id, String sha256, String contentType, long size, String fileName,
                                   long uploaderId, Instant createdAt) {
        return new MediaRecord(id, sha256, MediaKind.FILE, contentType, size, 0, 0, fileName, uploaderId, createdAt);
    }

    public MediaRecord at(Instant created) {
        return new MediaRecord(id, sha256, kind, contentType, sizeBytes, width, height, fileName, uploaderId, created);
    }
}
