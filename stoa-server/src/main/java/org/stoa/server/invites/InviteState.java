package org.stoa.server.invites;

/** Whether an invite link still works, and if not, why. */
enum InviteState {
    OPEN, EXPIRED, USED_UP, REVOKED
}
