package org.stoa.server.conversations;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A member's standing in a conversation; owners and admins manage groups. */
public enum MemberRole {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MemberRole fromWireName(String name) {
        for (MemberRole r : values()) {
            if (r.wireName().equals(name)) return r;
        }
        throw new IllegalArgumentException("role must be 'owner', 'admin' or 'member'");
    }

    boolean canManage() {
        return this != MEMBER;
    }
}
