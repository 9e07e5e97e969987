package org.stoa.server.appeals;

import org.stoa.server.enforcement.DecisionRecord.Outcome;

/**
 * How an appeal ends: the decision stands, is undone in full, or its sanction is changed (a new
 * scope or end). Each is recorded as a new decision linked to the one appealed.
 */
public enum AppealOutcome {
    UPHELD(Outcome.UPHELD), REVERSED(Outcome.REVERSED), MODIFIED(Outcome.MODIFIED);

    private final Outcome decision;

    AppealOutcome(Outcome decision) {
        this.decision = decision;
    }

    Outcome decision() {
        return decision;
    }
}
