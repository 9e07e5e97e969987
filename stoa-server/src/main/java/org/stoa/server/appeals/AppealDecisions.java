package org.stoa.server.appeals;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.policy.Rule;
import org.stoa.engine.policy.WireName;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.http.ApiException;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.storage.Tx;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Carries out an appeal's outcome in one transaction, whoever decided it (a moderator, or the
 * policy for an overdue appeal): a new decision linked to the original, what the outcome means
 * (nothing for upheld, everything given back for reversed, the sanction replaced for modified),
 * the appeal's record, the audit entry, and the appellant told on the stream.
 */
public final class AppealDecisions {

    private final AppealStore store;
    private final Enforcer enforcer;
    private final Reversal reversal;
    private final PolicyManager policy;
    private final AuditLog audit;
    private final EventLog events;
    private final Clock clock;

    public AppealDecisions(AppealStore store, Enforcer enforcer, Reversal reversal, PolicyManager policy, AuditLog audit,
                    EventLog events, Clock clock) {
        this.store = store;
        this.enforcer = enforcer;
        this.reversal = reversal;
        this.policy = policy;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The sanction a {@code modified} outcome would replace: the decision's, in force, and not a warning. */
    Sanction modifiable(Handle h, DecisionRecord d) {
        Sanction s = Optional.ofNullable(d.sanctionId()).flatMap(id -> enforcer.sanction(h, id))
                .orElseThrow(() -> ApiException.badRequest("invalid_sanction", "decision " + d.id()
                        + " has no sanction to modify; uphold or reverse it"));
        if (s.kind() == SanctionKind.WARNING) {
            throw ApiException.badRequest("invalid_sanction", "a warning has no scope or end to modify; uphold or reverse it");
        }
        if (!s.currentAt(Instant.ofEpochMilli(clock.millis()))) {
            throw ApiException.conflict("sanction_not_in_force", "the sanction of decision " + d.id()
                    + " is no longer in force; uphold or reverse the decision");
        }
        return s;
    }

    /**
     * Decides {@code appeal} of {@code original}. {@code reviewerId} null means the policy decided;
     * {@code change} goes with {@code modified} only.
     */
    AppealView decide(Tx tx, Appeal appeal, DecisionRecord original, AppealOutcome outcome, String reason, Long reviewerId,
                      boolean independent, SanctionChange change) {
        Optional<Rule> current = Optional.ofNullable(original.ruleId()).flatMap(policy::rule);
        RuleRef reliedOn = current.filter(r -> r.mode() == Mode.ENFORCE).map(Rule::ref).orElse(null);
        Sanction before = outcome == AppealOutcome.MODIFIED ? change.validFor(modifiable(tx.handle(), original)) : null;
        Sanction[] after = new Sanction[1];
        DecisionView outcomeDecision = enforcer.recordAppealOutcome(tx,
                DecisionDraft.appealOutcome(original, outcome.decision(), null, reliedOn, reviewerId, reason),
                id -> switch (outcome) {
                    case UPHELD -> "decision " + original.id() + " stands after an appeal";
                    case REVERSED -> reversal.apply(tx, original, id, reviewerId);
                    case MODIFIED -> {
                        after[0] = enforcer.replaceSanction(tx, before, id,
                                change.features() != null ? change.features() : before.features(),
                                change.endsAt() != null ? change.endsAt() : before.endsAt(), reviewerId);
                        yield "the " + WireName.of(before.kind()) + " from decision " + original.id()
                                + " was changed on appeal: " + describe(before) + " became " + describe(after[0]);
                    }
                });
        store.decide(tx, appeal.id(), new AppealStore.Decided(outcome, reason, reviewerId, independent, original.ruleId(),
                current.map(Rule::version).orElse(original.ruleVersion()), policy.policy().version(),
                outcomeDecision.decision().id(), before == null ? null : before.id(), after[0] == null ? null : after[0].id()));
        audit.append(tx, reviewerId, "appeal.decided", original.accountId(), outcomeDecision.decision().id(), original.ruleId(),
                "appeal " + appeal.id() + " of decision " + original.id() + ": " + WireName.of(outcome)
                        + (independent ? "" : " (not independent: nobody else could decide)"));
        AppealView view = view(tx.handle(), store.find(tx.handle(), appeal.id()).orElseThrow());
        events.append(tx, List.of(appeal.appellantId()), EventType.MODERATION_APPEAL, view);
        return view;
    }

    AppealView view(Handle h, Appeal a) {
        return AppealView.of(a, Instant.ofEpochMilli(clock.millis()),
                a.sanctionBeforeId() == null ? null : enforcer.sanction(h, a.sanctionBeforeId()).orElse(null),
                a.sanctionAfterId() == null ? null : enforcer.sanction(h, a.sanctionAfterId()).orElse(null));
    }

    private static String describe(Sanction s) {
        String scope = s.features().isEmpty() ? "" : " of " + s.features().stream().map(WireName::of).sorted().toList();
        return WireName.of(s.kind()) + scope + (s.endsAt() == null ? ", permanent" : " until " + s.endsAt());
    }
}
