package org.stoa.server.conversations;

import org.stoa.engine.review.ReviewContext;

public enum ConversationType {
    DIRECT, GROUP;

    ReviewContext.Scope reviewScope() {
        return this == DIRECT ? ReviewContext.Scope.DIRECT : ReviewContext.Scope.GROUP;
    }
}
