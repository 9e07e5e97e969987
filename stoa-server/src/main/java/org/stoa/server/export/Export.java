package org.stoa.server.export;

import java.time.Instant;

/**
 * An export as stored. {@code attempts} counts the builds started: a server stopped mid-build
 * starts another on its next start, up to a limit. Size and SHA-256 are the whole archive file's.
 */
record Export(long id, long accountId, ExportStatus status, Instant requestedAt, int attempts, Instant readyAt,
              Instant expiresAt, Long size, String sha256, String failure) {

    /** Ready, but past its expiry: the archive is gone (or about to be, at the next sweep). */
    boolean expiredAt(Instant now) {
        return status == ExportStatus.EXPIRED || (status == ExportStatus.READY && !expiresAt.isAfter(now));
    }
}
