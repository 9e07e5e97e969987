package org.stoa.server.enforcement;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.WireName;

/**
 * A sanction on an account: its kind, the features it takes away, when it starts and ends
 * ({@code endsAt} null only for a ban), and the decision behind it. {@code ladderStep} is the strike
 * total of the ladder step it came from (null for a moderator's own); a warning records when the
 * account acknowledged it.
 */
public record Sanction(long id, long accountId, long decisionId, SanctionKind kind, Set<Feature> features,
                       Instant startsAt, Instant endsAt, Instant liftedAt, String liftReason, Integer ladderStep,
                       Instant acknowledgedAt, Long channelId) {

    public Sanction {
        features = Set.copyOf(features);
    }

    /** The features column as stored: their wire names, comma-separated ('' for none). */
    public static Set<Feature> features(String csv) {
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        if (csv == null || csv.isBlank()) return out;
        Arrays.stream(csv.split(",")).map(s -> WireName.parse(Feature.class, s).orElseThrow()).forEach(out::add);
        return out;
    }

    /** A sanction on a channel of the account, not on the account: it takes nothing from the account. */
    public boolean onChannel() {
        return channelId != null;
    }

    public boolean activeAt(Instant now) {
        return kind != SanctionKind.WARNING && liftedAt == null && !startsAt.isAfter(now)
                && (endsAt == null || endsAt.isAfter(now));
    }

    /** Not yet over: started, not lifted, and not ended (warnings included, which take nothing away). */
    public boolean currentAt(Instant now) {
        return liftedAt == null && !startsAt.isAfter(now) && (endsAt == null || endsAt.isAfter(now));
    }

    public boolean blocks(Feature feature, Instant now) {
        return activeAt(now) && features.contains(feature);
    }
}
