package org.stoa.server.appeals;

/** An appeal waits (open, and overdue once its deadline passed) until it is decided. */
public enum AppealStatus {
    OPEN, DECIDED
}
