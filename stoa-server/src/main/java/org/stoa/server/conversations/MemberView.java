package org.stoa.server.conversations;

import java.time.Instant;

/**
 * A member of a conversation, with its display name and avatar when it has them ({@code deleted: true} once deleted),
 * and its read marker (the last seq it has read: read ticks and "read by N").
 */
public record MemberView(long id, String username, String displayName, String avatarId, Boolean deleted, MemberRole role,
                         Instant joinedAt, long lastReadSeq) {}
