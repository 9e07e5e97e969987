package org.stoa.server.invites;

import java.time.Instant;
import org.stoa.server.accounts.AccountRef;

/**
 * An invite link as the API gives it: its {@code code}, the {@code url} to share, whose it is
 * ({@code from}), its limits and whether it still works ({@code state}: open, expired, used_up).
 */
record InviteView(String code, String url, AccountRef from, Instant createdAt, Instant expiresAt, Integer maxUses, int uses,
                  InviteState state) {

    static InviteView of(Invite invite, AccountRef from, String baseUrl, Instant now) {
        return new InviteView(invite.code(), baseUrl + "/#/invite/" + invite.code(), from, invite.createdAt(), invite.expiresAt(),
                invite.maxUses(), invite.uses(), invite.state(now));
    }
}
