package org.stoa.server.moderation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.WireName;
import org.stoa.server.http.ApiException;

/** Features a restriction takes away, as a request names them ("send_group", ...). */
public final class FeatureNames {

    private FeatureNames() {}

    /** The features named; a 400 {@code invalid_feature} naming the choices for an unknown one. Null is none. */
    public static Set<Feature> parse(List<String> names) {
        if (names == null) return Set.of();
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        for (String n : names) {
            out.add(WireName.parse(Feature.class, n).orElseThrow(() -> ApiException.badRequest("invalid_feature",
                    "'" + n + "' is not a feature; use " + WireName.choices(Feature.class))));
        }
        return out;
    }
}
