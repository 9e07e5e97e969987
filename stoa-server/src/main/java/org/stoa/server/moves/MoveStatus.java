package org.stoa.server.moves;

/** A move's lifecycle: in force, cancelled within its first 7 days, or replaced by a later move. */
public enum MoveStatus {
    ACTIVE, CANCELLED, SUPERSEDED
}
