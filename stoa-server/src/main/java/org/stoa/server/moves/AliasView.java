package org.stoa.server.moves;

import java.time.Instant;

/**
 * An account the caller's continues ({@code username}: a name here or {@code name@host}), since when,
 * and when that account moved here, if it did (a move on this server).
 */
public record AliasView(String username, Instant createdAt, Instant movedHereAt) {}
