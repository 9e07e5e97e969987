package org.stoa.engine.review;

import java.util.List;
import org.stoa.engine.policy.Action;

/**
 * The outcome of a review: deliver, refuse, or hold for a human. Every decision names the policy
 * version it ran under and every rule that matched, with its evidence: enforced hits decide the
 * outcome; shadow hits only record what would have happened.
 */
public sealed interface Decision {

    String policyVersion();

    List<RuleHit> hits();

    /** The enforced hit that decided the outcome: the strongest action, then the highest severity. */
    default java.util.Optional<RuleHit> primary() {
        return hits().stream().filter(RuleHit::enforced)
                .min(java.util.Comparator.comparing((RuleHit h) -> h.rule().action()).thenComparing(h -> -h.rule().severity()));
    }

    /** Delivered; {@code hits} may hold flags and shadow hits, never an enforced block or hold. */
    record Deliver(String policyVersion, List<RuleHit> hits) implements Decision {
        public Deliver {
            hits = List.copyOf(hits);
            if (hits.stream().anyMatch(h -> h.enforced() && h.rule().action() != Action.FLAG)) {
                throw new IllegalArgumentException("an enforced block or hold cannot be delivered");
            }
        }
    }

    record Refuse(String policyVersion, List<RuleHit> hits) implements Decision {
        public Refuse {
            hits = List.copyOf(hits);
            if (hits.stream().noneMatch(h -> h.enforced() && h.rule().action() == Action.BLOCK)) {
                throw new IllegalArgumentException("a refusal needs an enforced block");
            }
        }
    }

    record Hold(String policyVersion, List<RuleHit> hits) implements Decision {
        public Hold {
            hits = List.copyOf(hits);
            if (hits.stream().noneMatch(h -> h.enforced() && h.rule().action() == Action.HOLD)) {
                throw new IllegalArgumentException("a hold needs an enforced hold");
            }
        }
    }

    static Decision deliver(String policyVersion, List<RuleHit> hits) {
        return new Deliver(policyVersion, hits);
    }

    /** The outcome the enforced hits call for. */
    static Decision of(String policyVersion, List<RuleHit> hits) {
        boolean block = hits.stream().anyMatch(h -> h.enforced() && h.rule().action() == Action.BLOCK);
        boolean hold = hits.stream().anyMatch(h -> h.enforced() && h.rule().action() == Action.HOLD);
        if (block) return new Refuse(policyVersion, hits);
        if (hold) return new Hold(policyVersion, hits);
        return new Deliver(policyVersion, hits);
    }
}
