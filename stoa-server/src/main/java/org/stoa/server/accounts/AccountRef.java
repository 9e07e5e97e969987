package org.stoa.server.accounts;

/**
 * How an account appears inside other objects: its username and, where the query read them, its
 * display name and the media id of its avatar (absent when not set, or not read), and
 * {@code deleted: true} once its owner deleted it.
 */
public record AccountRef(long id, String username, String displayName, String avatarId, Boolean deleted) {

    /** An account named by its username alone. */
    public AccountRef(long id, String username) {
        this(id, username, null, null, null);
    }

    /** {@code deleted} as the API writes it: true, or absent. */
    public static Boolean deleted(Long deletedAt) {
        return deletedAt == null ? null : Boolean.TRUE;
    }
}
