package org.stoa.server.appeals;

/** What the appellant asks for: the decision undone, its sanction reduced, or a clearer reason. */
public enum RequestedOutcome {
    REVERSE, REDUCE, CLARIFY
}
