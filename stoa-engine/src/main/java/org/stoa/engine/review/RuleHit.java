package org.stoa.engine.review;

import java.util.List;
import org.stoa.engine.policy.Mode;

/** One rule that matched, and exactly what matched (one piece of evidence per condition met). */
public record RuleHit(RuleRef rule, List<Evidence> evidence) {

    public RuleHit {
        evidence = List.copyOf(evidence);
        if (evidence.isEmpty()) throw new IllegalArgumentException("a hit needs evidence");
    }

    public boolean enforced() {
        return rule.mode() == Mode.ENFORCE;
    }

    /** The evidence in one sentence for the person affected. */
    public String describe() {
        return String.join("; ", evidence.stream().map(Evidence::describe).toList());
    }
}
