package org.stoa.server.conversations;

/** A member's standing in a conversation; owners and admins manage groups. */
public enum MemberRole {
    OWNER, ADMIN, MEMBER;

    boolean canManage() {
        return this != MEMBER;
    }
}
