package org.stoa.server.conversations;

import java.time.Instant;
import org.stoa.server.accounts.AccountRef;

/**
 * One line of a member's conversation list. {@code peer} is the other member of a direct chat;
 * {@code mentionCount} the unread messages that name me ({@code @username}); {@code muted} my own setting.
 */
public record ConversationSummary(
        long id, ConversationType type, String title, String avatarId, AccountRef peer, int memberCount, MemberRole role,
        MessageView lastMessage, long lastSeq, long lastReadSeq, long unreadCount, int mentionCount, boolean muted,
        Instant updatedAt) {}
