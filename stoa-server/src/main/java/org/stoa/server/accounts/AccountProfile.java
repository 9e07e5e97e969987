package org.stoa.server.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An account as anyone may see it ({@code GET /api/v1/accounts/{username}}): its name, its profile
 * ({@code displayName}, {@code bio} and {@code avatarId}, the media id of its avatar, each absent
 * when not set) and, once it moved, where it went ({@code movedTo}: a username on this server or
 * {@code name@host} on another), for as long as the account exists, banned or not. {@code movedTo}
 * is null when it has not moved.
 */
public record AccountProfile(long id, String username, String displayName, String bio, String avatarId,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String movedTo, Instant movedAt) {

    /** How this account appears inside other objects. */
    public AccountRef ref() {
        return new AccountRef(id, username, displayName, avatarId, null);
    }
}
