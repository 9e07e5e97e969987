package org.stoa.server.moderation;

import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Role;
import org.stoa.server.http.ApiException;

/**
 * Who may do moderators' work: moderators and admins. Every moderation service asks here itself,
 * so the rule holds whichever route, command or test calls it.
 */
public final class Staff {

    private Staff() {}

    public static boolean is(Principal p) {
        return p.role() == Role.MODERATOR || p.role() == Role.ADMIN;
    }

    /** A 403 unless {@code p} is a moderator or an admin. */
    public static Principal require(Principal p) {
        if (!is(p)) throw ApiException.forbidden("not_allowed", "this needs the role moderator or admin");
        return p;
    }
}
