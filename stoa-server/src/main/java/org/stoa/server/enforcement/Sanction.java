package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.Set;
import org.stoa.engine.policy.Feature;

/**
 * A sanction on an account: its kind, the features it takes away, when it starts and ends
 * ({@code endsAt} null only for a ban), and the decision behind it.
 */
public record Sanction(long id, long accountId, long decisionId, SanctionKind kind, Set<Feature> features,
                       Instant startsAt, Instant endsAt, Instant liftedAt, String liftReason) {

    public Sanction {
        features = Set.copyOf(features);
    }

    public boolean activeAt(Instant now) {
        return kind != SanctionKind.WARNING && liftedAt == null && !startsAt.isAfter(now)
                && (endsAt == null || endsAt.isAfter(now));
    }

    public boolean blocks(Feature feature, Instant now) {
        return activeAt(now) && features.contains(feature);
    }
}
