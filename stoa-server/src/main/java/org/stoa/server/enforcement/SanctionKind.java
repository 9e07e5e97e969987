package org.stoa.server.enforcement;

import java.util.EnumSet;
import java.util.Set;
import org.stoa.engine.policy.Feature;

/** What a sanction takes away. A warning takes nothing; a suspension all sending; a ban everything but reading. */
public enum SanctionKind {
    WARNING, RESTRICTION, SUSPENSION, BAN;

    private static final Set<Feature> SENDING = EnumSet.of(Feature.SEND_GROUP, Feature.SEND_DIRECT, Feature.POST_CHANNEL);

    /** The features a sanction of this kind takes away, given those a restriction names. */
    Set<Feature> features(Set<Feature> named) {
        return switch (this) {
            case WARNING -> Set.of();
            case RESTRICTION -> Set.copyOf(named);
            case SUSPENSION -> SENDING;
            case BAN -> EnumSet.allOf(Feature.class);
        };
    }
}
