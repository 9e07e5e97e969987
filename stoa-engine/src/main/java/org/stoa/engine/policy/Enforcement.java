package org.stoa.engine.policy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How strikes turn into sanctions. */
public record Enforcement(Duration strikesExpireAfter, Set<Category> severeCategories, List<LadderStep> ladder) {

    public static final Enforcement DEFAULT = new Enforcement(Duration.ofDays(90), Set.of(Category.MALWARE), List.of(
            new LadderStep.Warning(1),
            new LadderStep.Restriction(3, Set.of(Feature.SEND_GROUP), Duration.ofHours(24)),
            new LadderStep.Suspension(6, Duration.ofDays(7)),
            new LadderStep.Ban(10, Duration.ofDays(30))));

    public Enforcement {
        severeCategories = Set.copyOf(severeCategories);
        ladder = ladder.stream().sorted(Comparator.comparingInt(LadderStep::atStrikes)).toList();
    }

    /** The highest step crossed when an account's active strikes go from {@code before} to {@code after}. */
    public Optional<LadderStep> stepCrossed(int before, int after) {
        return ladder.stream().filter(s -> s.atStrikes() > before && s.atStrikes() <= after)
                .reduce((a, b) -> b);
    }
}
