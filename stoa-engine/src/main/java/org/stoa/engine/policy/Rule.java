package org.stoa.engine.policy;

import java.util.List;
import org.stoa.engine.review.RuleRef;

/**
 * One rule of a policy: what it looks for ({@code conditions}, all or any of them), what it does,
 * and what it tells the person affected ({@code title}, {@code explanation}).
 */
public record Rule(String id, int version, String title, String explanation, Category category, RuleScope scope,
                   boolean requireAll, List<Condition> conditions, Action action, int severity, Mode mode) {

    public Rule {
        conditions = List.copyOf(conditions);
    }

    public RuleRef ref() {
        return new RuleRef(id, version, title, explanation, category, action, severity, mode);
    }
}
