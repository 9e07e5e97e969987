package org.stoa.server.enforcement;

import java.util.EnumSet;
import java.util.Set;
import org.stoa.engine.policy.Feature;

/**
 * What a sanction takes away. A warning takes nothing; a suspension all sending; a ban everything but
 * reading. The last four are a channel's ladder, each a sanction of its owner's account that names the
 * channel and takes nothing from the account itself: {@code demoted} (out of the directory, posts still
 * delivered), {@code posting_paused} (no new posts), {@code frozen} (read-only) and {@code closed}.
 */
public enum SanctionKind {
    WARNING, RESTRICTION, SUSPENSION, BAN, DEMOTED, POSTING_PAUSED, FROZEN, CLOSED;

    /** Whether this is one of a channel's sanctions rather than an account's. */
    public boolean onChannel() {
        return ordinal() >= DEMOTED.ordinal();
    }

    private static final Set<Feature> SENDING = EnumSet.of(Feature.SEND_GROUP, Feature.SEND_DIRECT, Feature.POST_CHANNEL);

    /** The features a sanction of this kind takes away, given those a restriction names. */
    Set<Feature> features(Set<Feature> named) {
        return switch (this) {
            case WARNING -> Set.of();
            case RESTRICTION -> Set.copyOf(named);
            case SUSPENSION -> SENDING;
            case BAN -> EnumSet.allOf(Feature.class);
            case DEMOTED, POSTING_PAUSED, FROZEN, CLOSED -> Set.of();
        };
    }
}
