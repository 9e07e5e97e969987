package org.stoa.server.invites;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * An invite link's record: whose it is, until when it works ({@code expiresAt}, null: always) and
 * how many people may use it ({@code maxUses}, null: any number), and how many did.
 */
record Invite(String code, @JsonIgnore long accountId, Instant createdAt, Instant expiresAt, Integer maxUses, int uses,
              @JsonIgnore Instant revokedAt) {

    /** Why the link no longer works, or null while it does. */
    InviteState state(Instant now) {
        if (revokedAt != null) return InviteState.REVOKED;
        if (expiresAt != null && !now.isBefore(expiresAt)) return InviteState.EXPIRED;
        if (maxUses != null && uses >= maxUses) return InviteState.USED_UP;
        return InviteState.OPEN;
    }
}
