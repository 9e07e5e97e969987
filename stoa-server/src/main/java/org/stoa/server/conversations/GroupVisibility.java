package org.stoa.server.conversations;

/** Who can find and join a group: its members' invitations only, or anyone through the directory. */
public enum GroupVisibility {
    PRIVATE, PUBLIC
}
