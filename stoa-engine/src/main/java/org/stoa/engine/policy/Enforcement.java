package org.stoa.engine.policy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How strikes turn into sanctions. Decisions within {@code burstWindow} of the first of them count
 * as one offence, at the highest severity among them, unless their category is severe: a ladder
 * climbs with a person's behaviour, not with the speed of the detectors.
 */
public record Enforcement(Duration strikesExpireAfter, Duration burstWindow, Set<Category> severeCategories,
                          List<LadderStep> ladder) {

    public static final Duration DEFAULT_BURST_WINDOW = Duration.ofMinutes(10);

    public static final Enforcement DEFAULT = new Enforcement(Duration.ofDays(90), DEFAULT_BURST_WINDOW,
            Set.of(Category.MALWARE), List.of(
            new LadderStep.Warning(1),
            new LadderStep.Restriction(3, Set.of(Feature.SEND_GROUP), Duration.ofHours(24)),
            new LadderStep.Suspension(6, Duration.ofDays(7)),
            new LadderStep.Ban(10, Duration.ofDays(30))));

    public Enforcement {
        severeCategories = Set.copyOf(severeCategories);
        ladder = ladder.stream().sorted(Comparator.comparingInt(LadderStep::atStrikes)).toList();
    }

    /** The highest step crossed going from {@code before} strikes to {@code after}. */
    public Optional<LadderStep> stepCrossed(int before, int after) {
        return ladder.stream().filter(s -> s.atStrikes() > before && s.atStrikes() <= after)
                .reduce((a, b) -> b);
    }

    /** The ladder's warning, if it has one: for non-severe categories, the step every account meets first. */
    public Optional<LadderStep.Warning> warning() {
        return ladder.stream().filter(s -> s instanceof LadderStep.Warning).map(s -> (LadderStep.Warning) s).findFirst();
    }

    public boolean severe(Category category) {
        return severeCategories.contains(category);
    }
}
