package org.stoa.server.export;

/**
 * Where an export stands: being prepared, ready to download (for 7 days), failed (its account may
 * ask again at once), or expired (its archive deleted).
 */
public enum ExportStatus {
    PREPARING, READY, FAILED, EXPIRED
}
