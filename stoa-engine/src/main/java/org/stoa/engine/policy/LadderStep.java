package org.stoa.engine.policy;

import java.time.Duration;
import java.util.Set;

/** What an account's strike total leads to once it reaches {@code atStrikes}. */
public sealed interface LadderStep {

    int atStrikes();

    /** A notice, nothing taken away. */
    record Warning(int atStrikes) implements LadderStep {}

    /** Some features taken away for a while. */
    record Restriction(int atStrikes, Set<Feature> features, Duration duration) implements LadderStep {
        public Restriction {
            features = Set.copyOf(features);
        }
    }

    /** All sending taken away for a while. */
    record Suspension(int atStrikes, Duration duration) implements LadderStep {}

    /**
     * All sending taken away for good; only for categories the policy marks severe, otherwise the
     * step becomes a suspension of {@code fallback}.
     */
    record Ban(int atStrikes, Duration fallback) implements LadderStep {}
}
