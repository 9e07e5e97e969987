package org.stoa.engine.policy;

import java.util.Set;

/**
 * How moving to another account runs under a policy: accounts under a sanction that rests on one
 * of {@code denyWhenSanctionedFor} may not move (so that a scammer cannot lead the people they
 * deceived to a fresh account). Any other account may, whatever its sanction: telling one's
 * contacts where one went is part of leaving.
 */
public record Moves(Set<Category> denyWhenSanctionedFor) {

    public static final Moves DEFAULT = new Moves(Set.of());

    public Moves {
        denyWhenSanctionedFor = Set.copyOf(denyWhenSanctionedFor);
    }

    public boolean denies(Category category) {
        return category != null && denyWhenSanctionedFor.contains(category);
    }
}
