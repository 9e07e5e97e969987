package org.stoa.server.moderation;

/** A report waits in the review queue while open; a moderator's decision resolves it. */
public enum ReportStatus {
    OPEN, RESOLVED
}
