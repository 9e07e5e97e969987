package org.stoa.server.accounts;

/** How an account appears inside other objects. */
public record AccountRef(long id, String username) {}
