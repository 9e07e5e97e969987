package org.stoa.engine.policy;

import org.stoa.engine.review.ReviewContext;

/** Where a rule applies. */
public enum RuleScope {
    DIRECT, GROUP, CHANNEL, ANY;

    public boolean covers(ReviewContext.Scope scope) {
        return this == ANY || name().equals(scope.name());
    }
}
