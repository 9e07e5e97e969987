package org.stoa.server.media;

import java.time.Instant;

/** An uploaded image: its bytes live in the media folder under their SHA-256. */
public record MediaRecord(String id, String sha256, String contentType, long sizeBytes, int width, int height,
                          long uploaderId, Instant createdAt) {}
