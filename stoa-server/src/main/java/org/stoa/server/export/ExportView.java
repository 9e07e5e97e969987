package org.stoa.server.export;

import java.time.Instant;

/**
 * An export as its account reads it: while preparing, how far it has come ({@code progress}, 0 to
 * 99 percent); once ready, the archive's {@code size} in bytes, its {@code sha256}, when it will be
 * deleted ({@code expiresAt}) and where to download it ({@code archive}); if it failed, why.
 */
public record ExportView(long id, ExportStatus status, Instant requestedAt, Integer progress, Instant readyAt, Long size,
                         String sha256, Instant expiresAt, String archive, String failure) {

    static ExportView of(Export e, Instant now, Integer progress) {
        if (e.expiredAt(now)) {
            return new ExportView(e.id(), ExportStatus.EXPIRED, e.requestedAt(), null, e.readyAt(), null, null, e.expiresAt(), null, null);
        }
        return switch (e.status()) {
            case PREPARING -> new ExportView(e.id(), e.status(), e.requestedAt(), progress == null ? 0 : progress, null, null, null,
                    null, null, null);
            case READY -> new ExportView(e.id(), e.status(), e.requestedAt(), null, e.readyAt(), e.size(), e.sha256(), e.expiresAt(),
                    "/api/v1/me/exports/" + e.id() + "/archive", null);
            case FAILED -> new ExportView(e.id(), e.status(), e.requestedAt(), null, null, null, null, null, null, e.failure());
            case EXPIRED -> throw new IllegalStateException("expired exports are handled above");
        };
    }
}
