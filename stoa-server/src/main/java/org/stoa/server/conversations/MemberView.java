package org.stoa.server.conversations;

import java.time.Instant;

public record MemberView(long id, String username, MemberRole role, Instant joinedAt) {}
