package org.stoa.server.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Role {
    USER, MODERATOR, ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
