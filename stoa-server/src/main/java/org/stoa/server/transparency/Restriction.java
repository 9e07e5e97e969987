package org.stoa.server.transparency;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stoa.engine.policy.Category;
import org.stoa.engine.policy.Feature;
import org.stoa.server.enforcement.DecisionRecord.Automation;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionRecord.Source;
import org.stoa.server.enforcement.SanctionKind;

/**
 * One decision that restricted something (content refused, held, withdrawn or removed, or an
 * account sanctioned), with what its statement of reasons and the transparency report need and
 * nothing that names a person or quotes a message.
 */
record Restriction(long id, Outcome outcome, Instant decidedAt, String whatHappened, Content content, Ground ground,
                   Origin origin, Imposed sanction, HeldReview held, List<Instant> reportsFiled, Long appealOf) {

    /** The outcomes that restrict something, with their statement of reasons; the rest restrict nothing. */
    static final Set<Outcome> OUTCOMES = EnumSet.of(Outcome.REFUSED, Outcome.HELD, Outcome.WITHDRAWN, Outcome.REMOVED,
            Outcome.SANCTIONED, Outcome.MODIFIED);

    /** What a decision was about. */
    enum ContentKind {
        TEXT, IMAGE, ACCOUNT
    }

    /** What the decision was about, and when it was sent (for an account, the decision's time). */
    record Content(Set<ContentKind> kinds, Instant sentAt) {
        Content {
            kinds = Set.copyOf(kinds);
        }
    }

    /**
     * What it rests on: the rule's category (null for a moderator's own call under no particular
     * rule), the rule as the policy words it, and the policy version.
     */
    record Ground(Category category, String ruleId, Integer ruleVersion, String ruleTitle, String ruleExplanation,
                  String policyVersion) {}

    /**
     * Where the case came from ({@code source}; for an appeal's outcome, the original's), how the
     * content was found, and how far software decided.
     */
    record Origin(Source source, Detection detection, Automation automation) {}

    /** The sanction a decision imposed, as imposed ({@code endsAt} null: permanent). */
    record Imposed(SanctionKind kind, Set<Feature> features, Instant startsAt, Instant endsAt) {

        /** Null for a warning, which takes nothing away, and for a permanent ban. */
        Duration length() {
            return endsAt == null ? null : Duration.between(startsAt, endsAt);
        }

        /**
         * The length as settings and policies write it, in the largest unit that divides it ({@code 1d},
         * {@code 36h}, {@code 90m}); {@code permanent} for a ban without end, {@code none} for a warning.
         */
        String lengthLabel() {
            if (kind == SanctionKind.WARNING) return "none";
            Duration d = length();
            if (d == null) return "permanent";
            long ms = d.toMillis();
            if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
            if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
            if (ms % 60_000 == 0) return ms / 60_000 + "m";
            if (ms % 1000 == 0) return ms / 1000 + "s";
            return ms + "ms";
        }
    }

    /** A hold's review: when a moderator took the message out of the queue, and how; both null while it waits. */
    record HeldReview(Instant reviewedAt, Outcome endedBy) {}

    Restriction {
        reportsFiled = List.copyOf(reportsFiled);
    }
}
