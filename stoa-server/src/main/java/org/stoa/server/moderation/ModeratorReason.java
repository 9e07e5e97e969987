package org.stoa.server.moderation;

import org.stoa.server.http.ApiException;
import org.stoa.server.http.UserText;

/** Every moderator's action carries a written reason, which the person affected reads. */
public final class ModeratorReason {

    public static final int MAX = 2000;

    private ModeratorReason() {}

    /** The reason, cleaned ({@link UserText}) and stripped; a 400 {@code reason_required} if there is none, {@code invalid_reason} if too long. */
    public static String require(String raw) {
        String r = raw == null ? "" : UserText.multiLine(raw).strip();
        if (r.isEmpty()) throw ApiException.badRequest("reason_required", "every moderation action needs a written reason");
        if (r.length() > MAX) throw ApiException.badRequest("invalid_reason", "reasons are at most " + MAX + " characters");
        return r;
    }
}
