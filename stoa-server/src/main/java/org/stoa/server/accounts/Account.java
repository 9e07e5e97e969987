package org.stoa.server.accounts;

import java.time.Instant;

public record Account(long id, String username, Role role, Instant createdAt) {}
