package org.stoa.server.conversations;

/**
 * Where a message stands. Delivered messages are in the timeline; a held one waits for a moderator
 * (no {@code seq} yet); a withdrawn (after OCR) or removed (by a moderator) one keeps its place but
 * shows its content to nobody but moderators, who keep it for review and appeal.
 */
public enum MessageStatus {
    DELIVERED, HELD, WITHDRAWN, REMOVED;

    /** Taken down after delivery or review: the content is hidden from everyone but moderators. */
    public boolean takenDown() {
        return this == WITHDRAWN || this == REMOVED;
    }
}
