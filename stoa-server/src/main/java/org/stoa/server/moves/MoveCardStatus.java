package org.stoa.server.moves;

/** A move card as its recipient left it: not answered, accepted, ignored, or withdrawn with its move. */
public enum MoveCardStatus {
    PENDING, ACCEPTED, IGNORED, WITHDRAWN
}
