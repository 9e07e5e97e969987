package org.stoa.server.enforcement;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
import org.stoa.server.storage.Tx;

/**
 * Strikes and sanctions: checks what an account may do (a cached answer, asked on every send),
 * turns strike totals into sanctions through the policy's ladder, and lifts them. Sanctions end by
 * themselves: every check compares the end with the clock, so nothing has to run at the end time.
 */
public final class SanctionManager {

    private final SanctionStore store;
    private final Clock clock;
    private final CommittedCache<Long, List<Sanction>> cache = new CommittedCache<>(100_000);

    public SanctionManager(Jdbi reads, Clock clock) {
        this.store = new SanctionStore(reads);
        this.clock = clock;
    }

    /** Sanctions not yet over, strongest first. */
    public List<Sanction> active(long accountId) {
        Instant now = clock.instant();
        return all(accountId).stream().filter(s -> s.activeAt(now))
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

    /**
     * Adds {@code points} strikes for a decision and applies the ladder step they cross, if any.
     * A ban step becomes a time-boxed suspension unless the category is one the policy marks severe.
     */
    Optional<Sanction> strike(Tx tx, long accountId, long decisionId, int points, Category category, Enforcement rules) {
        if (points <= 0) return Optional.empty();
        int before = store.activeStrikes(tx.handle(), accountId, tx.now());
        store.insertStrike(tx, accountId, decisionId, points, tx.now() + rules.strikesExpireAfter().toMillis());
        return rules.stepCrossed(before, before + points).map(step -> switch (step) {
            case LadderStep.Warning w -> impose(tx, accountId, decisionId, SanctionKind.WARNING, Set.of(), null);
            case LadderStep.Restriction r -> impose(tx, accountId, decisionId, SanctionKind.RESTRICTION, r.features(),
                    Instant.ofEpochMilli(tx.now()).plus(r.duration()));
            case LadderStep.Suspension s -> impose(tx, accountId, decisionId, SanctionKind.SUSPENSION, Set.of(),
                    Instant.ofEpochMilli(tx.now()).plus(s.duration()));
            case LadderStep.Ban b -> rules.severeCategories().contains(category)
                    ? impose(tx, accountId, decisionId, SanctionKind.BAN, Set.of(), null)
                    : impose(tx, accountId, decisionId, SanctionKind.SUSPENSION, Set.of(),
                            Instant.ofEpochMilli(tx.now()).plus(b.fallback()));
        });
    }

    /** {@code endsAt} null is permanent, which only a ban may be. */
    Sanction impose(Tx tx, long accountId, long decisionId, SanctionKind kind, Set<Feature> features, Instant endsAt) {
        if (endsAt == null && kind != SanctionKind.BAN && kind != SanctionKind.WARNING) {
            throw new IllegalArgumentException("only bans are permanent");
        }
        long id = store.insertSanction(tx, accountId, decisionId, kind, kind.features(features), endsAt);
        cache.invalidate(tx, accountId);
        return store.sanction(tx.handle(), id).orElseThrow();
    }

    Optional<Sanction> lift(Tx tx, long sanctionId, long by, String reason) {
        Optional<Sanction> s = store.sanction(tx.handle(), sanctionId);
        if (s.isEmpty() || !store.lift(tx, sanctionId, by, reason)) return Optional.empty();
        cache.invalidate(tx, s.get().accountId());
        return store.sanction(tx.handle(), sanctionId);
    }

    Optional<Sanction> find(Handle h, long sanctionId) {
        return store.sanction(h, sanctionId);
    }


    private List<Sanction> all(long accountId) {
        return cache.get(accountId, id -> Optional.of(store.sanctionsOf(id))).orElseThrow();
    }
}
