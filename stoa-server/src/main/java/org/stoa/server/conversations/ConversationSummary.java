package org.stoa.server.conversations;

import java.time.Instant;
import org.stoa.server.accounts.AccountRef;

/** One line of a member's conversation list. {@code peer} is the other member of a direct chat. */
public record ConversationSummary(
        long id, ConversationType type, String title, AccountRef peer, int memberCount, MemberRole role,
        MessageView lastMessage, long lastSeq, long lastReadSeq, long unreadCount, Instant updatedAt) {}
