package org.stoa.server.enforcement;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A decision as its subject and moderators read it: the record, the sanction it led to, the redress. */
public record DecisionView(@JsonUnwrapped DecisionRecord decision, Sanction sanction, String redress) {

    static DecisionView of(DecisionRecord d, Sanction s) {
        return new DecisionView(d, s, d.redress());
    }
}
