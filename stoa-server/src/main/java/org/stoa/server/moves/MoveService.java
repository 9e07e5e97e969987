package org.stoa.server.moves;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.Moves;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.config.ServerAddress;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.moves.MoveCardView.GroupOffer;
import org.stoa.server.moves.MoveStore.Move;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Moving to another account, for the account that moves: to one here that named it as its alias,
 * or to one on another Stoa server that publishes it as an alias. In one transaction the move is
 * recorded, the old account's profile says where it went, its sanctions in force go with it (on
 * this server: a move is not a way around a sanction), and every contact and every owner and admin
 * of its groups gets a move card. Any account may move, banned or not, except under a sanction in
 * a category the policy names ({@code moves.denyWhenSanctionedFor}): that refusal is a decision,
 * which can be appealed. One move per {@value #MOVE_EVERY_DAYS} days; cancelling within
 * {@value #CANCEL_WITHIN_DAYS} days withdraws the cards not yet answered.
 */
public final class MoveService {

    static final int MOVE_EVERY_DAYS = 30;
    static final int CANCEL_WITHIN_DAYS = 7;
    private static final Duration MOVE_EVERY = Duration.ofDays(MOVE_EVERY_DAYS);
    private static final Duration CANCEL_WITHIN = Duration.ofDays(CANCEL_WITHIN_DAYS);

    private final Jdbi reads;
    private final Writer writer;
    private final MoveStore store;
    private final AliasStore aliases;
    private final AccountManager accountManager;
    private final AccountStore accounts;
    private final SanctionManager sanctions;
    private final Enforcer enforcer;
    private final PolicyManager policy;
    private final RemoteAliases remote;
    private final AuditLog audit;
    private final EventLog events;
    private final Clock clock;
    private final Optional<ServerAddress> self;

    /** What a move came to: made, or refused by the policy with a decision that says why. */
    private sealed interface Result {
        record Moved(MoveView move) implements Result {}

        record Refused(DecisionView decision) implements Result {}
    }

    public MoveService(Jdbi reads, Writer writer, MoveStore store, AliasStore aliases, AccountManager accountManager,
                SanctionManager sanctions, Enforcer enforcer, PolicyManager policy, RemoteAliases remote, AuditLog audit,
                EventLog events, Clock clock, Optional<ServerAddress> self) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.aliases = aliases;
        this.accountManager = accountManager;
        this.accounts = accountManager.store();
        this.sanctions = sanctions;
        this.enforcer = enforcer;
        this.policy = policy;
        this.remote = remote;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.self = self;
    }

    /**
     * Moves {@code me} to {@code rawTo} after checking {@code password}: a 202 with the move, or a
     * problem saying why not (the target did not name me as its alias, a move too soon, a sanction
     * the policy names, which answers with the decision to appeal).
     */
    public MoveView move(Principal me, String rawTo, String password, String address) {
        if (rawTo == null) throw ApiException.badRequest("missing_field", "field 'to' is required: the account to move to");
        if (password == null) throw ApiException.badRequest("missing_field", "field 'password' is required: this account's password");
        AccountAddress to = AccountAddress.parse(rawTo, self, "invalid_move_target");
        accountManager.requirePassword(me, password, address);
        reads.useHandle(h -> requireMayMove(h, me.accountId(), clock.millis()));
        Optional<Account> target = switch (to) {
            case AccountAddress.Local local -> Optional.of(verifiedLocal(me, local));
            case AccountAddress.Remote r -> {
                verifyRemote(me, r);
                yield Optional.empty();
            }
        };
        Result result = writer.execute(tx -> moveOrRefuse(tx, me, to, target));
        return switch (result) {
            case Result.Moved m -> m.move();
            case Result.Refused r -> throw new ApiException(403, "move_refused", "this account may not move: "
                    + r.decision().decision().visibility() + "; you can appeal decision " + r.decision().decision().id(),
                    Map.of("decisionId", r.decision().decision().id(), "decision", r.decision()));
        };
    }

    /** My latest move, with what became of its cards; a 404 if I never moved. */
    public MoveView current(Principal me) {
        return reads.withHandle(h -> store.latest(h, me.accountId()).map(m -> view(h, m)))
                .orElseThrow(() -> ApiException.notFound("move_not_found", "this account has not moved"));
    }

    /**
     * Cancels my move within {@value #CANCEL_WITHIN_DAYS} days of it: the profile no longer says where
     * I went and the cards not yet answered are withdrawn. Contacts who accepted keep the new
     * account, and sanctions carried over stay with it.
     */
    public MoveView cancel(Principal me) {
        return writer.execute(tx -> {
            Move move = store.latest(tx.handle(), me.accountId()).filter(m -> m.status() == MoveStatus.ACTIVE)
                    .orElseThrow(() -> ApiException.notFound("move_not_found", "this account has no move in force to cancel"));
            Instant until = move.createdAt().plus(CANCEL_WITHIN);
            if (!Instant.ofEpochMilli(tx.now()).isBefore(until)) {
                throw new ApiException(409, "move_not_cancellable", "a move can be cancelled within " + CANCEL_WITHIN_DAYS
                        + " days; this one could be until " + until, Map.of("cancellableUntil", until));
            }
            end(tx, move, MoveStatus.CANCELLED);
            accounts.setMovedTo(tx, me.accountId(), null);
            audit.append(tx, me.accountId(), "account.move_cancelled", me.accountId(), null, null,
                    "move " + move.id() + " to " + move.to() + " cancelled");
            return view(tx.handle(), store.find(tx.handle(), move.id()).orElseThrow());
        });
    }

    /** One move per 30 days: a 409 while one made within them stands, a 429 after one was cancelled. */
    private void requireMayMove(Handle h, long accountId, long now) {
        Optional<Move> latest = store.latest(h, accountId);
        if (latest.isEmpty()) return;
        Move m = latest.get();
        Instant next = m.createdAt().plus(MOVE_EVERY);
        if (!Instant.ofEpochMilli(now).isBefore(next)) return;
        if (m.status() == MoveStatus.ACTIVE) {
            throw new ApiException(409, "already_moved", "this account moved to " + m.to() + " on " + m.createdAt()
                    + "; cancel that move first (DELETE /api/v1/me/move, within " + CANCEL_WITHIN_DAYS + " days of it), or move"
                    + " again after " + next, Map.of("moveId", m.id(), "possibleAt", next));
        }
        throw ApiException.retryLater(429, "move_too_soon", "an account moves at most once every " + MOVE_EVERY_DAYS
                + " days; the next move is possible at " + next, Duration.between(Instant.ofEpochMilli(now), next),
                Map.of("possibleAt", next));
    }

    private Account verifiedLocal(Principal me, AccountAddress.Local to) {
        if (to.username().equals(me.username())) {
            throw ApiException.badRequest("cannot_move_to_self", "an account cannot move to itself; name the new account");
        }
        Account target = accounts.findByUsername(to.username()).orElseThrow(() -> ApiException.notFound("account_not_found",
                "there is no account named '" + to.username() + "' on this server"));
        return reads.withHandle(h -> {
            requireWillingTarget(h, target, me.username());
            return target;
        });
    }

    /** The target named {@code alias} as its alias and has not itself moved away. */
    private void requireWillingTarget(Handle h, Account target, String alias) {
        if (!aliases.names(h, target.id(), alias)) {
            throw new ApiException(409, "alias_not_published", "'" + target.username() + "' has not named '" + alias
                    + "' as its alias: log in as '" + target.username() + "' and add '" + alias + "' under Settings, Moving here"
                    + " (PUT /api/v1/me/aliases), then move", Map.of("alias", alias));
        }
        accounts.profile(h, target.username()).map(p -> p.movedTo()).filter(t -> t != null).ifPresent(t -> {
            throw new ApiException(409, "target_moved", "'" + target.username() + "' has itself moved to " + t
                    + "; move there instead", Map.of("movedTo", t));
        });
    }

    private void verifyRemote(Principal me, AccountAddress.Remote to) {
        ServerAddress here = self.orElseThrow(() -> new ApiException(409, "cross_server_moves_off", "this server cannot"
                + " move accounts to other servers: its operator has not set server.publicAddress"));
        String alias = me.username() + "@" + here;
        if (!remote.lists(me.accountId(), to.server(), to.username(), alias)) {
            throw new ApiException(409, "alias_not_published", to.text() + " does not name " + alias + " as its alias"
                    + " (https://" + to.server() + "/.well-known/stoa/aliases/" + to.username() + "): log in there and add "
                    + alias + " under Settings, Moving here, then move; contacts are only sent to an account that agreed",
                    Map.of("alias", alias));
        }
    }

    private Result moveOrRefuse(Tx tx, Principal me, AccountAddress to, Optional<Account> target) {
        Handle h = tx.handle();
        requireMayMove(h, me.accountId(), tx.now());
        if (target.isPresent()) requireWillingTarget(h, target.get(), me.username()); // still so, inside the transaction
        List<Sanction> inForce = sanctions.active(tx, me.accountId());
        Optional<DecisionView> refusal = refusal(tx, me, to, inForce);
        if (refusal.isPresent()) return new Result.Refused(refusal.get());

        Optional<Move> earlier = store.latest(h, me.accountId()).filter(m -> m.status() == MoveStatus.ACTIVE);
        earlier.ifPresent(m -> end(tx, m, MoveStatus.SUPERSEDED));
        long moveId = store.insert(tx, me.accountId(), to.text(), target.map(Account::id).orElse(null));
        accounts.setMovedTo(tx, me.accountId(), to.text());
        target.ifPresent(t -> {
            for (Sanction s : inForce) {
                enforcer.carryOver(tx, s, t.id(), "carried over from '" + me.username() + "' (decision " + s.decisionId()
                        + ") when it moved to '" + t.username() + "': a move is not a way around a sanction");
            }
        });
        int cards = sendCards(tx, moveId, new AccountRef(me.accountId(), me.username()), to, target);
        audit.append(tx, me.accountId(), "account.moved", me.accountId(), null, null, "move " + moveId + " to " + to.text()
                + (target.isPresent() && !inForce.isEmpty() ? ", " + inForce.size() + " sanction(s) carried over" : "")
                + ", " + cards + " move card(s)");
        return new Result.Moved(view(h, store.find(h, moveId).orElseThrow()));
    }

    /**
     * The decision refusing the move, if a sanction in force rests on a category the policy keeps
     * from moving. A sanction older than a refusal an appeal reversed no longer counts; a refusal
     * that still stands for the same sanctions is answered again rather than made twice.
     */
    private Optional<DecisionView> refusal(Tx tx, Principal me, AccountAddress to, List<Sanction> inForce) {
        Moves rules = policy.policy().moves();
        Enforcer.MoveRefusals earlier = enforcer.moveRefusals(tx.handle(), me.accountId());
        Sanction blocking = null;
        DecisionRecord ground = null;
        for (Sanction s : inForce) {
            DecisionRecord d = enforcer.groundOf(tx.handle(), s);
            if (rules.denies(d.category()) && s.startsAt().toEpochMilli() > earlier.lastReversedAt()
                    && (blocking == null || s.startsAt().isAfter(blocking.startsAt()))) {
                blocking = s;
                ground = d;
            }
        }
        if (blocking == null) return Optional.empty();
        Instant since = blocking.startsAt();
        Optional<DecisionRecord> standing = earlier.standing().filter(d -> !d.createdAt().isBefore(since));
        if (standing.isPresent()) return enforcer.view(tx.handle(), standing.get().id());
        String visibility = "the move to " + to.text() + " was refused: this account is under the " + WireName.of(blocking.kind())
                + " of decision " + blocking.decisionId() + (blocking.endsAt() == null ? "" : " until " + blocking.endsAt())
                + ", for " + WireName.of(ground.category()) + ", and the policy keeps accounts sanctioned for "
                + WireName.of(ground.category()) + " from moving their contacts to another account";
        return Optional.of(enforcer.record(tx, DecisionDraft.moveRefusal(me.accountId(), ground, visibility)));
    }

    /**
     * A card to every contact of the old account (but those blocked either way) and, for a move here,
     * to every owner and admin of a group it was in, each telling its recipient on the stream.
     */
    private int sendCards(Tx tx, long moveId, AccountRef from, AccountAddress to, Optional<Account> target) {
        Handle h = tx.handle();
        long newId = target.map(Account::id).orElse(-1L);
        Map<Long, Boolean> wasContact = new LinkedHashMap<>();
        for (long c : store.contactRecipients(h, from.id(), newId)) wasContact.put(c, true);
        Map<Long, List<Long>> groups = target.isPresent() ? store.groupRecipients(h, from.id(), newId) : Map.of();
        for (long r : groups.keySet()) wasContact.putIfAbsent(r, false);
        Map<Long, Long> cardIds = store.insertCards(tx, moveId, wasContact);
        Map<Long, String> titles = store.titles(h, groups.values().stream().flatMap(List::stream).distinct().toList());
        AccountRef toAccount = target.map(t -> new AccountRef(t.id(), t.username())).orElse(null);
        Instant now = Instant.ofEpochMilli(tx.now());
        Map<Long, MoveCardView> byRecipient = new LinkedHashMap<>();
        for (var e : wasContact.entrySet()) {
            long recipient = e.getKey(), cardId = cardIds.get(recipient);
            List<Long> offered = groups.getOrDefault(recipient, List.of());
            store.insertGroups(tx, cardId, offered);
            List<GroupOffer> offers = new ArrayList<>(offered.size());
            for (long g : offered) offers.add(new GroupOffer(g, titles.get(g), null));
            byRecipient.put(recipient, new MoveCardView(cardId, moveId, from, to.text(), toAccount, target.isPresent(),
                    e.getValue(), offers, MoveCardStatus.PENDING, now, null));
        }
        events.appendEach(tx, EventType.CONTACT_MOVED, byRecipient);
        return byRecipient.size();
    }

    /** Ends a move, withdrawing the cards not yet answered and telling their recipients. */
    private void end(Tx tx, Move move, MoveStatus status) {
        store.end(tx, move.id(), status);
        Map<Long, MoveCardView> withdrawn = new LinkedHashMap<>();
        for (MoveStore.Card c : store.withdrawPending(tx, move.id())) withdrawn.put(c.recipientId(), c.view());
        events.appendEach(tx, EventType.CONTACT_MOVED, withdrawn);
    }

    private MoveView view(Handle h, Move m) {
        Map<MoveCardStatus, Integer> counts = store.counts(h, m.id());
        AccountRef toAccount = m.toAccountId() == null ? null
                : accounts.findById(h, m.toAccountId()).map(a -> new AccountRef(a.id(), a.username())).orElse(null);
        return new MoveView(m.id(), m.to(), toAccount, m.toAccountId() != null, m.status(), m.createdAt(), m.endedAt(),
                m.status() == MoveStatus.ACTIVE ? m.createdAt().plus(CANCEL_WITHIN) : null, m.createdAt().plus(MOVE_EVERY),
                counts.get(MoveCardStatus.ACCEPTED), counts.get(MoveCardStatus.PENDING), counts.get(MoveCardStatus.IGNORED),
                counts.get(MoveCardStatus.WITHDRAWN));
    }
}
