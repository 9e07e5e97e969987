package org.stoa.server.enforcement;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.Enforcement;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.LadderStep;
import org.stoa.engine.policy.WireName;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.CommittedCache;
import org.stoa.server.storage.SharedCaches;
import org.stoa.server.storage.Tx;

/**
 * Strikes and sanctions: checks what an account may do (a cached answer, asked on every send),
 * turns strike totals into sanctions through the policy's ladder, and lifts them. Sanctions end by
 * themselves: every check compares the end with the clock, so nothing has to run at the end time.
 */
public final class SanctionManager {

    private final SanctionStore store;
    private final Clock clock;
    private final CommittedCache<Long, List<Sanction>> cache;
    private final boolean onlyWriter;
    private final List<BiConsumer<Tx, Sanction>> channelLifts = new CopyOnWriteArrayList<>();

    /**
     * {@code onlyWriter}: this server's writer is the only one (SQLite), so the cached answer is
     * current; with several nodes on one PostgreSQL a send also checks inside its write, because a
     * sanction made on another node may not have reached this node's cache yet.
     */
    public SanctionManager(Jdbi reads, Clock clock, SharedCaches caches, boolean onlyWriter) {
        this.store = new SanctionStore(reads);
        this.clock = clock;
        this.cache = caches.committed("sanctions", 100_000, Long::valueOf);
        this.onlyWriter = onlyWriter;
    }

    /**
     * Calls {@code listener} in the transaction that lifts a channel's sanction, however it is lifted
     * (a moderator, an appeal's reversal), so the channel can tell its subscribers.
     */
    public void onChannelLift(BiConsumer<Tx, Sanction> listener) {
        channelLifts.add(listener);
    }

    /** Sanctions not yet over, strongest first. */
    public List<Sanction> active(long accountId) {
        return activeAt(all(accountId), clock.instant());
    }

    /** The same, as the writer's transaction sees them at its time. */
    public List<Sanction> active(Tx tx, long accountId) {
        return activeAt(store.sanctionsOf(tx.handle(), accountId), Instant.ofEpochMilli(tx.now()));
    }

    private static List<Sanction> activeAt(List<Sanction> all, Instant now) {
        return all.stream().filter(s -> s.activeAt(now))
                .sorted(Comparator.comparing((Sanction s) -> s.endsAt() == null ? Instant.MAX : s.endsAt()).reversed())
                .toList();
    }

    public List<Sanction> history(long accountId) {
        return store.sanctionsOf(accountId);
    }

    public int activeStrikes(long accountId) {
        return store.activeStrikes(accountId, clock.millis());
    }

    /** Throws a 403 naming the sanction, what it covers, its end and its decision, if {@code feature} is taken away. */
    public void require(long accountId, Feature feature) {
        Instant now = clock.instant();
        active(accountId).stream().filter(s -> s.blocks(feature, now)).findFirst().ifPresent(s -> {
            throw restricted(s, feature);
        });
    }

    /**
     * {@link #require} again inside a write, as the database has it now, where another node may
     * have sanctioned the account since this node's cache last heard; nothing to do on a single node.
     */
    public void requireInWrite(Tx tx, long accountId, Feature feature) {
        if (onlyWriter) return;
        Instant now = Instant.ofEpochMilli(tx.now());
        active(tx, accountId).stream().filter(s -> s.blocks(feature, now)).findFirst().ifPresent(s -> {
            throw restricted(s, feature);
        });
    }

    static ApiException restricted(Sanction s, Feature feature) {
        String until = s.endsAt() == null ? "permanently" : "until " + s.endsAt();
        String what = switch (feature) {
            case SEND_GROUP -> "send messages in groups";
            case SEND_DIRECT -> "send direct messages";
            case CREATE_GROUP -> "create groups";
            case ADD_CONTACTS -> "add contacts";
            case POST_CHANNEL -> "post in channels";
        };
        return new ApiException(403, "account_restricted",
                "your account may not " + what + " " + until + " (" + WireName.of(s.kind()) + " after decision "
                        + s.decisionId() + "); you can still read your conversations",
                Map.of("sanction", s));
    }

    /** What a decision's strikes did: the points it added to the total, and the ladder's sanction, if one applied. */
    record Struck(int added, Optional<Sanction> sanction) {
        static final Struck NOTHING = new Struck(0, Optional.empty());
    }

    /**
     * Records a decision's strikes and applies the ladder step the account has now earned, if any.
     * Decisions within the burst window of an open offence join it and count once, at the highest
     * points among them, unless the category is severe. For categories that are not severe, the
     * ladder's warning comes first, and no further step applies until the account acknowledged it.
     * A ban step becomes a time-boxed suspension unless the category is severe.
     */
    Struck strike(Tx tx, long accountId, long decisionId, int points, Category category, Enforcement rules) {
        if (points <= 0) return Struck.NOTHING;
        Handle h = tx.handle();
        long now = tx.now();
        boolean severe = rules.severe(category);
        int before = store.activeStrikes(h, accountId, now);
        SanctionStore.Offence offence = (severe ? Optional.<SanctionStore.Offence>empty()
                : store.openOffence(h, accountId, now - rules.burstWindow().toMillis()))
                .orElse(new SanctionStore.Offence(decisionId, now));
        store.insertStrike(tx, accountId, decisionId, points, now + rules.strikesExpireAfter().toMillis(), offence, !severe);
        int total = store.activeStrikes(h, accountId, now);
        int applied = store.appliedStep(h, accountId, now);
        Optional<LadderStep> earned = rules.stepCrossed(applied, total);
        if (earned.isPresent() && !severe && !(earned.get() instanceof LadderStep.Warning)) {
            Optional<LadderStep.Warning> warning = rules.warning();
            if (warning.isPresent() && applied < warning.get().atStrikes()) {
                earned = Optional.of(warning.get()); // warned first, whatever the total
            } else if (store.standingWarning(h, accountId, now).filter(w -> w.acknowledgedAt() == null).isPresent()) {
                earned = Optional.empty(); // the ladder waits until the warning is acknowledged
            }
        }
        Optional<Sanction> sanction = earned.map(step -> switch (step) {
            case LadderStep.Warning w -> impose(tx, accountId, decisionId, SanctionKind.WARNING, Set.of(), null, w.atStrikes());
            case LadderStep.Restriction r -> impose(tx, accountId, decisionId, SanctionKind.RESTRICTION, r.features(),
                    Instant.ofEpochMilli(now).plus(r.duration()), r.atStrikes());
            case LadderStep.Suspension s -> impose(tx, accountId, decisionId, SanctionKind.SUSPENSION, Set.of(),
                    Instant.ofEpochMilli(now).plus(s.duration()), s.atStrikes());
            case LadderStep.Ban b -> severe
                    ? impose(tx, accountId, decisionId, SanctionKind.BAN, Set.of(), null, b.atStrikes())
                    : impose(tx, accountId, decisionId, SanctionKind.SUSPENSION, Set.of(),
                            Instant.ofEpochMilli(now).plus(b.fallback()), b.atStrikes());
        });
        return new Struck(total - before, sanction);
    }

    /** A moderator's own sanction. {@code endsAt} null is permanent, which only a ban may be. */
    Sanction impose(Tx tx, long accountId, long decisionId, SanctionKind kind, Set<Feature> features, Instant endsAt) {
        return impose(tx, accountId, decisionId, kind, features, endsAt, null);
    }

    private Sanction impose(Tx tx, long accountId, long decisionId, SanctionKind kind, Set<Feature> features, Instant endsAt,
                            Integer ladderStep) {
        if (endsAt == null && kind != SanctionKind.BAN && kind != SanctionKind.WARNING) {
            throw new IllegalArgumentException("only bans are permanent");
        }
        long id = store.insertSanction(tx, accountId, decisionId, kind, kind.features(features), endsAt, ladderStep, null);
        cache.invalidate(tx, accountId);
        return store.sanction(tx.handle(), id).orElseThrow();
    }

    /** A sanction on the channel {@code channelId} of {@code ownerId}; {@code endsAt} null only for a closure. */
    Sanction imposeOnChannel(Tx tx, long ownerId, long channelId, long decisionId, SanctionKind kind, Instant endsAt) {
        if (!kind.onChannel()) throw new IllegalArgumentException(kind + " is not a channel's sanction");
        if (endsAt == null && kind != SanctionKind.CLOSED) throw new IllegalArgumentException("only closures are permanent");
        long id = store.insertSanction(tx, ownerId, decisionId, kind, Set.of(), endsAt, null, channelId);
        return store.sanction(tx.handle(), id).orElseThrow();
    }

    /** The channel's sanctions, newest first, as the transaction {@code h} sees them. */
    public List<Sanction> ofChannel(Handle h, long channelId) {
        return store.sanctionsOfChannel(h, channelId);
    }

    /** Lifts a sanction in force; {@code by} null: the policy (an overdue appeal it reversed). */
    Optional<Sanction> lift(Tx tx, long sanctionId, Long by, String reason) {
        Optional<Sanction> s = store.sanction(tx.handle(), sanctionId);
        if (s.isEmpty() || !store.lift(tx, sanctionId, by, reason)) return Optional.empty();
        cache.invalidate(tx, s.get().accountId());
        Sanction lifted = store.sanction(tx.handle(), sanctionId).orElseThrow();
        if (lifted.onChannel()) channelLifts.forEach(l -> l.accept(tx, lifted));
        return Optional.of(lifted);
    }

    /**
     * A decision reversed on appeal: its strikes stop counting, and every ladder sanction still in
     * force that the remaining strikes no longer reach is lifted with {@code reason}. Answers those lifted.
     */
    List<Sanction> revoke(Tx tx, long accountId, long decisionId, String reason) {
        if (!store.revokeStrikes(tx, decisionId)) return List.of();
        Handle h = tx.handle();
        Instant now = Instant.ofEpochMilli(tx.now());
        int total = store.activeStrikes(h, accountId, tx.now());
        List<Sanction> unearned = store.sanctionsOf(h, accountId).stream()
                .filter(s -> s.ladderStep() != null && s.ladderStep() > total && s.currentAt(now)).toList();
        for (Sanction s : unearned) store.liftUnearned(tx, s.id(), reason);
        cache.invalidate(tx, accountId);
        return unearned.stream().map(s -> store.sanction(h, s.id()).orElseThrow()).toList();
    }

    /** The ladder's warning that {@code decisionId} gave {@code accountId}, if any. */
    Optional<Sanction> warningOf(Handle h, long accountId, long decisionId) {
        return store.ofDecision(h, decisionId).filter(s -> s.accountId() == accountId && s.kind() == SanctionKind.WARNING);
    }

    /** Marks a warning acknowledged (once; later calls change nothing) and answers it as it now stands. */
    Sanction acknowledge(Tx tx, Sanction warning) {
        if (store.acknowledge(tx, warning.id())) cache.invalidate(tx, warning.accountId());
        return store.sanction(tx.handle(), warning.id()).orElseThrow();
    }

    /** Warnings from the ladder still standing, newest first; the client shows those not yet acknowledged. */
    public List<Sanction> warnings(long accountId) {
        return store.standingWarnings(accountId, clock.millis());
    }

    Map<Long, Sanction> findAll(Handle h, List<Long> ids) {
        return store.findAll(h, ids);
    }

    Optional<Sanction> find(Handle h, long sanctionId) {
        return store.sanction(h, sanctionId);
    }


    private List<Sanction> all(long accountId) {
        return cache.get(accountId, id -> Optional.of(store.sanctionsOf(id))).orElseThrow();
    }
}
