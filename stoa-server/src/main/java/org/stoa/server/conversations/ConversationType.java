package org.stoa.server.conversations;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.stoa.engine.review.ReviewContext;

public enum ConversationType {
    DIRECT, GROUP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConversationType fromWireName(String name) {
        for (ConversationType t : values()) {
            if (t.wireName().equals(name)) return t;
        }
        throw new IllegalArgumentException("type must be 'direct' or 'group'");
    }

    ReviewContext.Scope reviewScope() {
        return this == DIRECT ? ReviewContext.Scope.DIRECT : ReviewContext.Scope.GROUP;
    }
}
