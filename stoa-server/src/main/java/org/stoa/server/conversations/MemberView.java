package org.stoa.server.conversations;

import java.time.Instant;

/** A member of a conversation, with its display name and avatar when it has them. */
public record MemberView(long id, String username, String displayName, String avatarId, MemberRole role, Instant joinedAt) {}
