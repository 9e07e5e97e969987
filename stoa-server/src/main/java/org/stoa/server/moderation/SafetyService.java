package org.stoa.server.moderation;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.Mode;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;

/**
 * What moderation has to do with me: the decisions about me, each a statement of reasons, and my
 * standing (active strikes, sanctions in force). Shadow decisions changed nothing for the account;
 * showing them would tell people what is being watched, so only moderators see those.
 */
public final class SafetyService {

    /** An account's strikes and the sanctions in force on it. */
    public record Standing(int activeStrikes, List<Sanction> sanctions) {}

    private final Jdbi reads;
    private final Enforcer enforcer;
    private final SanctionManager sanctions;

    public SafetyService(Jdbi reads, Enforcer enforcer, SanctionManager sanctions) {
        this.reads = reads;
        this.enforcer = enforcer;
        this.sanctions = sanctions;
    }

    /** A decision, for its subject or a moderator; a 404 for anyone else, as if it did not exist. */
    public DecisionView decision(Principal me, long decisionId) {
        return reads.withHandle(h -> enforcer.view(h, decisionId))
                .filter(v -> Staff.is(me) || mayRead(me, v.decision()))
                .orElseThrow(() -> ApiException.notFound("decision_not_found", "no decision " + decisionId + " about you"));
    }

    public List<DecisionRecord> decisions(Principal me) {
        return enforcer.decisionsOf(me.accountId()).stream().filter(d -> d.mode() != Mode.SHADOW).toList();
    }

    public Standing standing(Principal me) {
        return new Standing(sanctions.activeStrikes(me.accountId()), sanctions.active(me.accountId()));
    }

    private static boolean mayRead(Principal me, DecisionRecord d) {
        return d.accountId() == me.accountId() && d.mode() != Mode.SHADOW;
    }
}
