package org.stoa.server.conversations;

import java.time.Instant;
import java.util.List;

/** A conversation with its members, as every member sees it. */
public record ConversationView(
        long id, ConversationType type, String title, long createdBy, Instant createdAt, long lastSeq,
        List<MemberView> members) {}
