package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Policy;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.RuleHit;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionRecord.Status;
import org.stoa.server.storage.Tx;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Records decisions and carries out their consequences in the same transaction: the decision
 * record, strikes and the ladder's sanction, the audit entry, and the notice to the account
 * concerned. Nothing is decided without the person affected being told why.
 */
public final class Enforcer {

    private final DecisionStore decisions;
    private final SanctionManager sanctions;
    private final AuditLog audit;
    private final EventLog events;
    private final Supplier<Policy> policy;

    public Enforcer(DecisionStore decisions, SanctionManager sanctions, AuditLog audit, EventLog events,
                    Supplier<Policy> policy) {
        this.decisions = decisions;
        this.sanctions = sanctions;
        this.audit = audit;
        this.events = events;
        this.policy = policy;
    }

    /**
     * Records {@code draft}. A final, enforced decision that took content away (refused, withdrawn,
     * removed) adds its rule's severity as strikes; shadow decisions only count. Returns the decision
     * as its subject will read it.
     */
    public DecisionView record(Tx tx, DecisionDraft draft) {
        long id = decisions.insert(tx, draft, policy.get().version());
        boolean enforced = draft.rule() == null || draft.rule().mode() == Mode.ENFORCE;
        Optional<Sanction> sanction = Optional.empty();
        int points = 0;
        if (enforced && draft.rule() != null && draft.status() == Status.FINAL && takesContent(draft.outcome())) {
            points = draft.rule().severity();
            sanction = sanctions.strike(tx, draft.accountId(), id, points, draft.rule().category(), policy.get().enforcement());
        }
        if (points > 0 || sanction.isPresent()) decisions.setStrikesAndSanction(tx, id, points, sanction.map(Sanction::id).orElse(null));
        audit.append(tx, draft.moderatorId(), "decision." + draft.outcome().name().toLowerCase(Locale.ROOT),
                draft.accountId(), id, draft.rule() == null ? null : draft.rule().id(), draft.visibility());
        DecisionView view = DecisionView.of(decisions.find(tx.handle(), id).orElseThrow(), sanction.orElse(null));
        if (enforced) events.append(tx, List.of(draft.accountId()), EventType.MODERATION_DECISION, view);
        if (enforced && DecisionStore.REVIEWED_BY_MODERATORS.contains(draft.outcome())) queueChanged(tx);
        return view;
    }

    /**
     * Records an automated review of {@code content}: one decision for the enforced outcome, if an
     * enforced rule matched ({@code outcome} says what happened to the content: refused, held,
     * flagged or withdrawn), and one per shadow hit, which only counts what would have happened.
     */
    public Optional<DecisionView> recordReview(Tx tx, ReviewedContent content, Decision decision, Outcome outcome) {
        for (RuleHit shadow : decision.hits().stream().filter(h -> !h.enforced()).toList()) {
            record(tx, draft(content, Outcome.SHADOW, List.of(shadow), shadow, decision.policyVersion(), Status.FINAL));
        }
        return decision.primary().map(primary -> {
            Status status = outcome == Outcome.HELD || outcome == Outcome.FLAGGED ? Status.PENDING : Status.FINAL;
            List<RuleHit> enforced = decision.hits().stream().filter(RuleHit::enforced).toList();
            return record(tx, draft(content, outcome, enforced, primary, decision.policyVersion(), status));
        });
    }

    /**
     * Records a refused send, unless an earlier attempt with the same {@code clientId} was refused
     * already: a retry gets the first decision again (one offence, one set of strikes).
     */
    public DecisionView refuseOnce(Tx tx, ReviewedContent content, Decision decision) {
        Optional<DecisionRecord> earlier = decisions.refusal(tx.handle(), content.accountId(), content.conversationId(),
                content.clientId());
        if (earlier.isPresent()) return view(tx.handle(), earlier.get().id()).orElseThrow();
        return recordReview(tx, content, decision, Outcome.REFUSED).orElseThrow();
    }

    private static DecisionDraft draft(ReviewedContent c, Outcome outcome, List<RuleHit> hits, RuleHit primary,
                                       String policyVersion, Status status) {
        return new DecisionDraft(c.accountId(), c.conversationId(), c.messageId(), c.mediaSha256(), outcome,
                visibility(outcome), c.excerpt(), hits, primary.rule(), policyVersion, DecisionRecord.Source.AUTOMATED,
                DecisionRecord.Automation.FULLY, null, null, null, outcome == Outcome.REFUSED ? c.clientId() : null, status);
    }

    /** What happened to the content, in words for the person affected. */
    static String visibility(Outcome outcome) {
        return switch (outcome) {
            case REFUSED -> "not delivered: the message was refused before anyone received it";
            case HELD -> "withheld from the recipients until a moderator reviews it";
            case FLAGGED -> "delivered; marked for a moderator to look at";
            case SHADOW -> "nothing: the rule runs in shadow mode and only records what it would have done";
            case WITHDRAWN -> "withdrawn from every recipient after delivery";
            case REMOVED -> "removed from every recipient by a moderator";
            case APPROVED -> "delivered after a moderator's review";
            default -> null;
        };
    }

    /** A moderator's own sanction, with their written reason (a permanent ban needs one). */
    public DecisionView sanction(Tx tx, DecisionDraft draft, SanctionKind kind, Set<Feature> features,
                                 Instant endsAt) {
        long id = decisions.insert(tx, draft, policy.get().version());
        Sanction s = sanctions.impose(tx, draft.accountId(), id, kind, features, endsAt);
        decisions.setStrikesAndSanction(tx, id, 0, s.id());
        audit.append(tx, draft.moderatorId(), "sanction." + kind.name().toLowerCase(Locale.ROOT), draft.accountId(), id, null,
                draft.moderatorReason());
        DecisionView view = DecisionView.of(decisions.find(tx.handle(), id).orElseThrow(), s);
        events.append(tx, List.of(draft.accountId()), EventType.MODERATION_DECISION, view);
        return view;
    }

    /** Lifts a sanction early, recording who and why, and tells the account. */
    public Optional<DecisionView> lift(Tx tx, long sanctionId, long moderatorId, String reason) {
        return sanctions.lift(tx, sanctionId, moderatorId, reason).map(s -> {
            DecisionView view = record(tx, DecisionDraft.byModerator(s.accountId(), null, null, Outcome.LIFTED,
                    "the " + s.kind().name().toLowerCase(Locale.ROOT) + " from decision " + s.decisionId() + " was lifted",
                    null, moderatorId, reason, null));
            return new DecisionView(view.decision(), s, view.redress());
        });
    }

    /** A message's pending decisions become final and leave the review queue once a moderator decided. */
    public void reviewed(Tx tx, long messageId, Long pendingDecisionId) {
        if (pendingDecisionId != null) decisions.finish(tx, pendingDecisionId);
        if (decisions.reviewed(tx, messageId) > 0) queueChanged(tx);
    }

    /** Tells moderators' and admins' streams that the review queue changed, so their consoles follow it live. */
    private void queueChanged(Tx tx) {
        events.appendToStaff(tx, EventType.MODERATION_QUEUE, Map.of());
    }

    public List<DecisionRecord> awaitingReview() {
        return decisions.awaitingReview();
    }

    public List<DecisionRecord> decisionsOf(long accountId) {
        return decisions.ofAccount(accountId, 200);
    }

    public Map<String, Long> shadowHits() {
        return decisions.shadowHits();
    }

    public Optional<DecisionView> view(Handle h, long decisionId) {
        return decisions.find(h, decisionId).map(d -> DecisionView.of(d,
                d.sanctionId() == null ? null : sanctions.find(h, d.sanctionId()).orElse(null)));
    }

    private static boolean takesContent(Outcome o) {
        return o == Outcome.REFUSED || o == Outcome.WITHDRAWN || o == Outcome.REMOVED;
    }
}
