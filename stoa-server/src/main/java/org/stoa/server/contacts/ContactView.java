package org.stoa.server.contacts;

import java.time.Instant;

/** A contact (or a blocked account) with its display name and avatar when it has them, and since when. */
public record ContactView(long id, String username, String displayName, String avatarId, Instant since) {}
