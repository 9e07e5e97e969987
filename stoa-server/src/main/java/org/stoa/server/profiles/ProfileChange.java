package org.stoa.server.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.stoa.server.http.ApiException;

/**
 * What a {@code PATCH /api/v1/me/profile} changes: each field present is set ({@code null} or an
 * empty string clears it), each field absent stays as it is.
 *
 * @param displayName empty: unchanged; {@code ""}: cleared
 * @param bio empty: unchanged; {@code ""}: cleared
 * @param avatarMediaId empty: unchanged; {@code ""}: cleared
 */
record ProfileChange(Optional<String> displayName, Optional<String> bio, Optional<String> avatarMediaId) {

    private static final Set<String> FIELDS = Set.of("displayName", "bio", "avatarMediaId");

    static ProfileChange of(JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("invalid_field", "the request body must be a JSON object");
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field", "a profile has no field '" + name.substring(0, Math.min(name.length(), 40))
                        + "'; it has displayName, bio and avatarMediaId");
            }
        }
        if (body.isEmpty()) throw ApiException.badRequest("empty_change", "send at least one of displayName, bio and avatarMediaId");
        return new ProfileChange(text(body, "displayName"), text(body, "bio"), text(body, "avatarMediaId"));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) return Optional.empty();
        if (value.isNull()) return Optional.of("");
        if (!value.isTextual()) throw ApiException.badRequest("invalid_field", "field '" + field + "' must be a string or null");
        return Optional.of(value.textValue());
    }
}
