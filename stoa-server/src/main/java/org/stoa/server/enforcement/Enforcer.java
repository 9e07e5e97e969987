package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Policy;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.policy.WireName;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.RuleHit;
import org.stoa.engine.review.RuleRef;
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
        return record(tx, draft, id -> draft.visibility());
    }

    /**
     * Records an appeal's outcome ({@link DecisionDraft#appealOutcome}) and carries it out:
     * {@code carryOut} gets the new decision's id, does what the outcome means in this same
     * transaction, and answers in words what that was, which the record keeps as what happened.
     * The subject is told only then, with the whole of it.
     */
    public DecisionView recordAppealOutcome(Tx tx, DecisionDraft draft, Function<Long, String> carryOut) {
        if (draft.appealOf() == null) throw new IllegalArgumentException("not an appeal's outcome");
        return record(tx, draft, carryOut);
    }

    private DecisionView record(Tx tx, DecisionDraft draft, Function<Long, String> carryOut) {
        RuleRef rule = draft.rule();
        boolean enforced = rule == null || rule.mode() == Mode.ENFORCE;
        long id = insert(tx, draft, enforced);
        SanctionManager.Struck struck = SanctionManager.Struck.NOTHING;
        if (enforced && rule != null && draft.status() == Status.FINAL && draft.outcome().takesContent()) {
            struck = sanctions.strike(tx, draft.accountId(), id, rule.severity(), rule.category(), policy.get().enforcement());
        }
        Optional<Sanction> sanction = struck.sanction();
        if (struck.added() > 0 || sanction.isPresent()) {
            decisions.setStrikesAndSanction(tx, id, struck.added(), sanction.map(Sanction::id).orElse(null));
        }
        String visibility = carryOut.apply(id);
        if (!Objects.equals(visibility, draft.visibility())) decisions.setVisibility(tx, id, visibility);
        audit.append(tx, draft.moderatorId(), "decision." + WireName.of(draft.outcome()),
                draft.accountId(), id, rule == null ? null : rule.id(), visibility);
        DecisionRecord recorded = decisions.find(tx.handle(), id).orElseThrow();
        DecisionView view = DecisionView.of(recorded, sanction.or(() -> recorded.sanctionId() == null ? Optional.empty()
                : sanctions.find(tx.handle(), recorded.sanctionId())).orElse(null));
        if (enforced || draft.appealOf() != null) events.append(tx, List.of(draft.accountId()), EventType.MODERATION_DECISION, view);
        if (enforced && DecisionStore.REVIEWED_BY_MODERATORS.contains(draft.outcome())) queueChanged(tx);
        return view;
    }

    /** Inserts the record; a final, enforced decision that took something from someone opens its appeal window. */
    private long insert(Tx tx, DecisionDraft draft, boolean enforced) {
        Policy p = policy.get();
        boolean appealable = enforced && draft.status() == Status.FINAL && draft.outcome().appealable() && draft.appealOf() == null;
        return decisions.insert(tx, draft, p.version(), appealable ? tx.now() + p.appeals().window().toMillis() : null);
    }

    /**
     * Records an automated review of {@code content}: one decision for the enforced outcome, if an
     * enforced rule matched ({@code outcome} says what happened to the content: refused, held or
     * flagged), and one per shadow hit, which only counts what would have happened.
     */
    public Optional<DecisionView> recordReview(Tx tx, DecisionSubject content, Decision decision, Outcome outcome) {
        for (RuleHit shadow : decision.hits().stream().filter(h -> !h.enforced()).toList()) {
            record(tx, DecisionDraft.review(content, Outcome.SHADOW, List.of(shadow), shadow, decision.policyVersion(), Status.FINAL));
        }
        return decision.primary().map(primary -> {
            Status status = outcome == Outcome.HELD || outcome == Outcome.FLAGGED ? Status.PENDING : Status.FINAL;
            List<RuleHit> enforced = decision.hits().stream().filter(RuleHit::enforced).toList();
            return record(tx, DecisionDraft.review(content, outcome, enforced, primary, decision.policyVersion(), status));
        });
    }

    /**
     * Records the refusal of something that is not a message (a profile's display name, say), with
     * {@code visibility} saying in words what happened to it: the same decision, strikes and
     * appeal window as a refused message.
     */
    public DecisionView refuse(Tx tx, DecisionSubject content, Decision decision, String visibility) {
        RuleHit primary = decision.primary().orElseThrow();
        List<RuleHit> enforced = decision.hits().stream().filter(RuleHit::enforced).toList();
        return record(tx, DecisionDraft.review(content, Outcome.REFUSED, enforced, primary, decision.policyVersion(), Status.FINAL),
                id -> visibility);
    }

    /**
     * Records a refused send, unless an earlier attempt with the same {@code clientId} was refused
     * already: a retry gets the first decision again (one offence, one set of strikes).
     */
    public DecisionView refuseOnce(Tx tx, DecisionSubject content, Decision decision) {
        Optional<DecisionRecord> earlier = decisions.refusal(tx.handle(), content.accountId(), content.conversationId(),
                content.clientId());
        if (earlier.isPresent()) return view(tx.handle(), earlier.get().id()).orElseThrow();
        return recordReview(tx, content, decision, Outcome.REFUSED).orElseThrow();
    }

    /**
     * Records a refused channel post (with {@code visibility} in words), unless an earlier attempt
     * with the same {@code clientId} to the same channel was refused already: the retry gets that decision.
     */
    public DecisionView refusePostOnce(Tx tx, DecisionSubject post, Decision decision, String visibility) {
        Optional<DecisionRecord> earlier = decisions.channelRefusal(tx.handle(), post.accountId(), post.channelId(), post.clientId());
        if (earlier.isPresent()) return view(tx.handle(), earlier.get().id()).orElseThrow();
        return refuse(tx, post, decision, visibility);
    }

    /** The refusal of an earlier post to {@code channelId} with this {@code clientId}, if there was one. */
    public Optional<DecisionView> earlierPostRefusal(Handle h, long authorId, long channelId, String clientId) {
        return decisions.channelRefusal(h, authorId, channelId, clientId).flatMap(r -> view(h, r.id()));
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
        long id = insert(tx, draft, true);
        Sanction s = sanctions.impose(tx, draft.accountId(), id, kind, features, endsAt);
        decisions.setStrikesAndSanction(tx, id, 0, s.id());
        audit.append(tx, draft.moderatorId(), "sanction." + WireName.of(kind), draft.accountId(), id, null,
                draft.origin().reason());
        DecisionView view = DecisionView.of(decisions.find(tx.handle(), id).orElseThrow(), s);
        events.append(tx, List.of(draft.accountId()), EventType.MODERATION_DECISION, view);
        return view;
    }

    /**
     * A moderator's sanction on a channel: a decision about its owner's account (who is told, and may
     * appeal it) with the sanction naming the channel.
     */
    public DecisionView sanctionChannel(Tx tx, DecisionDraft draft, long channelId, SanctionKind kind, Instant endsAt) {
        long id = insert(tx, draft, true);
        Sanction s = sanctions.imposeOnChannel(tx, draft.accountId(), channelId, id, kind, endsAt);
        decisions.setStrikesAndSanction(tx, id, 0, s.id());
        audit.append(tx, draft.moderatorId(), "channel." + WireName.of(kind), draft.accountId(), id,
                draft.rule() == null ? null : draft.rule().id(), draft.origin().reason());
        DecisionView view = DecisionView.of(decisions.find(tx.handle(), id).orElseThrow(), s);
        events.append(tx, List.of(draft.accountId()), EventType.MODERATION_DECISION, view);
        return view;
    }

    /**
     * Carries {@code sanction} over to {@code toAccountId}, the account its account moved to on this
     * server: the same kind, scope and end under a new decision about the new account, decided by
     * software, appealable by it; both decision records link each other and their accounts. Answers
     * the new decision as its account reads it.
     */
    public DecisionView carryOver(Tx tx, Sanction sanction, long toAccountId, String visibility) {
        DecisionRecord original = decisions.find(tx.handle(), sanction.decisionId()).orElseThrow();
        DecisionDraft draft = DecisionDraft.carriedOver(original, toAccountId, visibility);
        long id = insert(tx, draft, true);
        Sanction carried = sanctions.impose(tx, toAccountId, id, sanction.kind(), sanction.features(), sanction.endsAt());
        decisions.setStrikesAndSanction(tx, id, 0, carried.id());
        decisions.linkCarried(tx, original, id, toAccountId);
        audit.append(tx, null, "sanction.carried_over", toAccountId, id, original.ruleId(), visibility);
        audit.append(tx, null, "sanction.carried_over", original.accountId(), original.id(), original.ruleId(), visibility);
        DecisionView view = DecisionView.of(decisions.find(tx.handle(), id).orElseThrow(), carried);
        events.append(tx, List.of(toAccountId), EventType.MODERATION_DECISION, view);
        return view;
    }

    /** The decision behind {@code sanction}, which says what it rests on (its rule and category). */
    public DecisionRecord groundOf(Handle h, Sanction sanction) {
        return decisions.find(h, sanction.decisionId()).orElseThrow();
    }

    /**
     * The account's latest refusal of a move that stands (no appeal reversed it), and when the
     * latest refusal that an appeal reversed was made (epoch ms, 0 if none): a reversal means the
     * sanctions in force then no longer keep the account from moving.
     */
    public MoveRefusals moveRefusals(Handle h, long accountId) {
        DecisionStore.MoveRefusals r = decisions.moveRefusals(h, accountId);
        return new MoveRefusals(r.standing(), r.lastReversedAt());
    }

    public record MoveRefusals(Optional<DecisionRecord> standing, long lastReversedAt) {}

    /** Lifts a sanction early, recording who and why, and tells the account. */
    public Optional<DecisionView> lift(Tx tx, long sanctionId, long moderatorId, String reason) {
        return sanctions.lift(tx, sanctionId, moderatorId, reason).map(s -> {
            DecisionView view = record(tx, DecisionDraft.lift(s, moderatorId, reason));
            return new DecisionView(view.decision(), s, view.redress());
        });
    }

    /**
     * Undoes the enforcement of {@code original}, reversed on appeal: its strikes stop counting, the
     * sanction a moderator imposed with it is lifted, and so is every ladder sanction the remaining
     * strikes no longer earn. Answers the sanctions lifted.
     */
    public List<Sanction> reverse(Tx tx, DecisionRecord original, Long reviewerId, String reason) {
        List<Sanction> lifted = new ArrayList<>(sanctions.revoke(tx, original.accountId(), original.id(), reason));
        if (original.outcome() == Outcome.SANCTIONED && original.sanctionId() != null) {
            sanctions.lift(tx, original.sanctionId(), reviewerId, reason).ifPresent(lifted::add);
        }
        // A sanction that a move carried to another account goes with the one it was carried from.
        for (Sanction s : List.copyOf(lifted)) {
            decisions.find(tx.handle(), s.decisionId()).map(DecisionRecord::carriedTo)
                    .flatMap(to -> decisions.find(tx.handle(), to.decisionId()))
                    .map(DecisionRecord::sanctionId)
                    .flatMap(id -> sanctions.lift(tx, id, reviewerId, reason))
                    .ifPresent(lifted::add);
        }
        return lifted;
    }

    /**
     * Replaces the sanction {@code old} with one of a new scope or end under the appeal's outcome
     * {@code outcomeDecisionId}: the old one is lifted as replaced, both stay on record. Answers the new one.
     */
    public Sanction replaceSanction(Tx tx, Sanction old, long outcomeDecisionId, Set<Feature> features, Instant endsAt,
                                    Long reviewerId) {
        sanctions.lift(tx, old.id(), reviewerId, "replaced on appeal by decision " + outcomeDecisionId);
        // A channel's sanction is replaced on the same channel (a new end; it takes no features).
        Sanction replacement = old.onChannel()
                ? sanctions.imposeOnChannel(tx, old.accountId(), old.channelId(), outcomeDecisionId, old.kind(), endsAt)
                : sanctions.impose(tx, old.accountId(), outcomeDecisionId, old.kind(), features, endsAt);
        decisions.setStrikesAndSanction(tx, outcomeDecisionId, 0, replacement.id());
        return replacement;
    }

    /**
     * The account read and acknowledged the warning from {@code decisionId}: the ladder may climb
     * again. Answers the warning, or empty if the account has no such warning.
     */
    public Optional<Sanction> acknowledgeWarning(Tx tx, long accountId, long decisionId) {
        return sanctions.warningOf(tx.handle(), accountId, decisionId).map(warning -> {
            if (warning.acknowledgedAt() == null) {
                audit.append(tx, accountId, "warning.acknowledged", accountId, decisionId, null, null);
            }
            return sanctions.acknowledge(tx, warning);
        });
    }

    /**
     * A message's pending decisions become final and leave the review queue once a moderator
     * decided; answers the decisions taken out of the queue, oldest first.
     */
    public List<Long> reviewed(Tx tx, long messageId, Long pendingDecisionId) {
        if (pendingDecisionId != null) decisions.finish(tx, pendingDecisionId);
        List<Long> taken = decisions.reviewed(tx, messageId);
        if (!taken.isEmpty()) queueChanged(tx);
        return taken;
    }

    /** A channel post's pending decisions become final and leave the review queue once a moderator decided. */
    public void reviewedPost(Tx tx, long channelPostId, Long pendingDecisionId) {
        if (pendingDecisionId != null) decisions.finish(tx, pendingDecisionId);
        if (!decisions.reviewedPost(tx, channelPostId).isEmpty()) queueChanged(tx);
    }

    /** Tells moderators' and admins' streams that the review queue changed, so their consoles follow it live. */
    private void queueChanged(Tx tx) {
        events.appendToStaff(tx, EventType.MODERATION_QUEUE, Map.of());
    }

    public List<DecisionRecord> decisionsOf(long accountId) {
        return decisions.ofAccount(accountId, 200);
    }

    public Map<String, Long> shadowHits() {
        return decisions.shadowHits();
    }

    public Optional<Sanction> sanction(Handle h, long sanctionId) {
        return sanctions.find(h, sanctionId);
    }

    /** The content quoted by refused sends whose appeal window closed is deleted from their decisions too. */
    public void forgetContent(Tx tx, List<Long> decisionIds) {
        decisions.forgetExcerpts(tx, decisionIds);
    }

    /** Many decisions as their readers see them, in a fixed number of queries. */
    public Map<Long, DecisionView> views(Handle h, List<Long> decisionIds) {
        Map<Long, DecisionView> out = new HashMap<>();
        List<DecisionRecord> records = decisions.findAll(h, decisionIds);
        Map<Long, Sanction> byId = sanctions.findAll(h, records.stream().map(DecisionRecord::sanctionId)
                .filter(Objects::nonNull).toList());
        for (DecisionRecord d : records) out.put(d.id(), DecisionView.of(d, d.sanctionId() == null ? null : byId.get(d.sanctionId())));
        return out;
    }

    /**
     * The decisions about an account as it reads them (shadow decisions changed nothing for it and
     * stay with moderators), oldest first after {@code afterId}: every one of them, a page at a time.
     */
    public List<DecisionView> pageAbout(Handle h, long accountId, long afterId, int limit) {
        Map<Long, DecisionView> views = views(h, decisions.enforcedIdsAbout(h, accountId, afterId, limit));
        return views.keySet().stream().sorted().map(views::get).toList();
    }

    public Optional<DecisionView> view(Handle h, long decisionId) {
        return decisions.find(h, decisionId).map(d -> DecisionView.of(d,
                d.sanctionId() == null ? null : sanctions.find(h, d.sanctionId()).orElse(null)));
    }
}
