package org.stoa.server.moves;

import java.time.Instant;
import java.util.List;
import org.stoa.server.accounts.AccountRef;

/**
 * A move card as its recipient sees it: who moved ({@code from}) and where ({@code to}: a username
 * here, or the verified {@code name@host} on another Stoa server; {@code toAccount} for a move on
 * this server), whether the recipient was a contact (accepting adds the new account as one), and the
 * groups of the recipient's the old account was in (accepting re-invites the new account to them).
 */
public record MoveCardView(long id, long moveId, AccountRef from, String to, AccountRef toAccount, boolean sameServer,
                           boolean wasContact, List<GroupOffer> groups, MoveCardStatus status, Instant createdAt,
                           Instant decidedAt) {

    /** A group the old account was in and the recipient owns or runs; {@code reinvitedAt} once re-invited. */
    public record GroupOffer(long conversationId, String title, Instant reinvitedAt) {}

    public MoveCardView {
        groups = List.copyOf(groups);
    }

    MoveCardView withGroups(List<GroupOffer> offers) {
        return new MoveCardView(id, moveId, from, to, toAccount, sameServer, wasContact, offers, status, createdAt, decidedAt);
    }
}
