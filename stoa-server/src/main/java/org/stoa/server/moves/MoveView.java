package org.stoa.server.moves;

import java.time.Instant;
import org.stoa.server.accounts.AccountRef;

/**
 * A move as the account that moved sees it: where to, its state, until when it can be cancelled,
 * when the next move becomes possible, and what became of its cards: how many contacts accepted
 * (added the new account), have yet to answer, ignored it, or had theirs withdrawn by a cancel.
 */
public record MoveView(long id, String to, AccountRef toAccount, boolean sameServer, MoveStatus status, Instant createdAt,
                       Instant endedAt, Instant cancellableUntil, Instant nextMoveAt, int accepted, int pending, int ignored,
                       int withdrawn) {}
