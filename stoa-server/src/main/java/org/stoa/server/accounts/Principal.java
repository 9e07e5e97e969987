package org.stoa.server.accounts;

/** The account behind an authenticated request, and the session it used. */
public record Principal(long accountId, String username, Role role, long sessionId) {}
