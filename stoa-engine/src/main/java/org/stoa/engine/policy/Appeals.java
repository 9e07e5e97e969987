package org.stoa.engine.policy;

import java.time.Duration;
import java.util.Set;

/**
 * How appeals run under a policy: how long after a decision it can be appealed ({@code window}, at
 * least six months as the EU Digital Services Act asks), how soon an appeal must be decided, and
 * the categories whose overdue appeals are reversed rather than only escalated to admins.
 */
public record Appeals(Duration window, Duration decideWithin, Set<Category> reverseWhenOverdue) {

    public static final Duration MINIMUM_WINDOW = Duration.ofDays(183);

    public static final Appeals DEFAULT = new Appeals(MINIMUM_WINDOW, Duration.ofDays(7), Set.of());

    public Appeals {
        if (window.compareTo(MINIMUM_WINDOW) < 0) throw new IllegalArgumentException("the appeal window is at least 183 days");
        reverseWhenOverdue = Set.copyOf(reverseWhenOverdue);
    }
}
