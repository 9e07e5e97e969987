package org.stoa.engine.review;

import java.util.List;

/** The outcome of a review: deliver, refuse with reasons for the sender, or hold for a human. */
public sealed interface Decision {

    Decision DELIVER = new Deliver();

    record Deliver() implements Decision {}

    record Refuse(List<Reason> reasons) implements Decision {
        public Refuse {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) throw new IllegalArgumentException("a refusal needs at least one reason");
        }
    }

    record Hold(List<Reason> reasons) implements Decision {
        public Hold {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) throw new IllegalArgumentException("a hold needs at least one reason");
        }
    }
}
