package org.stoa.server.conversations;

import java.time.Instant;
import java.util.List;

/**
 * A conversation with its members, as every member sees it; a group may have a description and an
 * avatar, may be public (in the directory, joinable) and in slow mode (one message per member every
 * {@code slowModeSeconds}, 0 when off).
 */
public record ConversationView(
        long id, ConversationType type, String title, String description, String avatarId, long createdBy, Instant createdAt,
        long lastSeq, List<MemberView> members, GroupVisibility visibility, int slowModeSeconds) {}
