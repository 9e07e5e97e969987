package org.stoa.server.accounts;

import java.time.Instant;

/** A live login as its owner sees it: what it was made from ({@code client}), when, and whether it is this one. */
public record SessionView(long id, String client, Instant createdAt, Instant expiresAt, boolean current) {}
