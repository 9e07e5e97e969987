package org.stoa.server.moderation;

import java.util.Map;
import java.util.Optional;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Role;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;

/**
 * Who may do moderators' and admins' work: the role, in good standing. A staff account under a
 * sanction (a restriction, suspension or ban in force; a warning takes nothing) has no staff
 * powers until it ends or is lifted: it is a user like any other meanwhile. Every moderation and
 * admin service asks here itself, so the rule holds whichever route, command or test calls it.
 */
public final class Staff {

    private final SanctionManager sanctions;

    public Staff(SanctionManager sanctions) {
        this.sanctions = sanctions;
    }

    /** Whether {@code p} has staff powers now. */
    public boolean is(Principal p) {
        return isStaffRole(p.role()) && standingSanction(p).isEmpty();
    }

    /** A 403 unless {@code p} is a moderator or an admin in good standing. */
    public Principal require(Principal p) {
        if (!isStaffRole(p.role())) throw ApiException.forbidden("not_allowed", "this needs the role moderator or admin");
        return inGoodStanding(p);
    }

    /** A 403 unless {@code p} is an admin in good standing. */
    public Principal requireAdmin(Principal p) {
        if (p.role() != Role.ADMIN) throw ApiException.forbidden("not_allowed", "this needs the role admin");
        return inGoodStanding(p);
    }

    /**
     * A 403 unless {@code actor} may impose or lift sanctions on {@code target}: nobody on
     * themselves ({@code cannot_sanction_self}), and only an admin on a moderator or another admin
     * ({@code staff_protected}). Users are anyone's to sanction.
     */
    public void requireMaySanction(Principal actor, Account target) {
        require(actor);
        if (target.id() == actor.accountId()) {
            throw ApiException.forbidden("cannot_sanction_self", "nobody sanctions their own account, or lifts its sanctions");
        }
        if (isStaffRole(target.role()) && actor.role() != Role.ADMIN) {
            throw new ApiException(403, "staff_protected", target.username() + (target.role() == Role.ADMIN ? " is an admin" : " is a moderator")
                    + ": only an admin may sanction moderators and admins, or lift their sanctions",
                    Map.of("targetRole", WireName.of(target.role())));
        }
    }

    private Principal inGoodStanding(Principal p) {
        standingSanction(p).ifPresent(s -> {
            String until = s.endsAt() == null ? "permanently" : "until " + s.endsAt();
            throw new ApiException(403, "staff_powers_suspended", "your " + WireName.of(p.role()) + " powers are suspended "
                    + until + " by a " + WireName.of(s.kind()) + " (decision " + s.decisionId()
                    + "); an admin can lift it, and you can appeal it", Map.of("sanction", s));
        });
        return p;
    }

    private Optional<Sanction> standingSanction(Principal p) {
        return sanctions.active(p.accountId()).stream().findFirst();
    }

    private static boolean isStaffRole(Role role) {
        return role == Role.MODERATOR || role == Role.ADMIN;
    }
}
