package org.stoa.server.appeals;

import java.time.Instant;
import java.util.Set;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.WireName;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.http.ApiException;

/** What a {@code modified} appeal outcome changes in a sanction: a restriction's scope, or the end. Null keeps the old. */
public record SanctionChange(Set<Feature> features, Instant endsAt) {

    /** {@code old}, if this change fits it; a 400 {@code invalid_sanction} saying why not otherwise. */
    Sanction validFor(Sanction old) {
        if (features == null && endsAt == null) {
            throw ApiException.badRequest("invalid_sanction", "give the sanction a new scope ('features') or end ('endsAt')");
        }
        if (features != null && old.kind() != SanctionKind.RESTRICTION) {
            throw ApiException.badRequest("invalid_sanction", "only a restriction has a scope; change the end of a "
                    + WireName.of(old.kind()));
        }
        if (features != null && features.isEmpty()) {
            throw ApiException.badRequest("invalid_sanction", "a restriction takes away at least one feature");
        }
        if (endsAt != null && !endsAt.isAfter(old.startsAt())) {
            throw ApiException.badRequest("invalid_sanction", "the new end is before the sanction started (" + old.startsAt() + ")");
        }
        return old;
    }
}
