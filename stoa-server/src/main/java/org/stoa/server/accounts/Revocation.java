package org.stoa.server.accounts;

/**
 * Login sessions that just ended: what a logout, a password change, an admin, a ban or an account
 * deletion takes away. Whatever holds a session (a cached token, an open stream, an unused stream
 * ticket) asks {@link #covers} and lets go.
 */
public sealed interface Revocation {

    /** The account whose sessions ended. */
    long accountId();

    boolean covers(Principal principal);

    /** One session, e.g. a logout. */
    record Session(long accountId, long sessionId) implements Revocation {
        @Override
        public boolean covers(Principal p) {
            return p.sessionId() == sessionId;
        }
    }

    /** Every session of an account but {@code keptSessionId} (0 keeps none). */
    record Account(long accountId, long keptSessionId) implements Revocation {
        public static Account all(long accountId) {
            return new Account(accountId, 0);
        }

        @Override
        public boolean covers(Principal p) {
            return p.accountId() == accountId && p.sessionId() != keptSessionId;
        }
    }
}
