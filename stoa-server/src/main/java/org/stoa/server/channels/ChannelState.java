package org.stoa.server.channels;

import org.stoa.server.enforcement.SanctionKind;

/** Where a channel stands on the moderation ladder: the strongest of its sanctions in force, or active. */
public enum ChannelState {
    ACTIVE, DEMOTED, POSTING_PAUSED, FROZEN, CLOSED;

    static ChannelState of(SanctionKind kind) {
        return switch (kind) {
            case DEMOTED -> DEMOTED;
            case POSTING_PAUSED -> POSTING_PAUSED;
            case FROZEN -> FROZEN;
            case CLOSED -> CLOSED;
            default -> throw new IllegalArgumentException(kind + " is not a channel's sanction");
        };
    }

    /** Whether its owner and editors may post: not while paused, frozen or closed. */
    boolean takesPosts() {
        return this == ACTIVE || this == DEMOTED;
    }

    /** Whether the directory lists it: not while demoted or closed. */
    boolean listed() {
        return this != DEMOTED && this != CLOSED;
    }
}
