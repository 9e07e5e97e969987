package org.stoa.server.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Feature;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountProfile;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/** Contact requests, contacts and blocks: who may reach whom. */
public final class ContactManager {

    private final ContactStore store;
    private final AccountStore accounts;
    private final SanctionManager sanctions;
    private final Writer writer;
    private final EventLog events;
    private final Limits limits;

    public ContactManager(ContactStore store, AccountStore accounts, SanctionManager sanctions, Writer writer, EventLog events,
                          Limits limits) {
        this.limits = limits;
        this.store = store;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.writer = writer;
        this.events = events;
    }

    public ContactRequestView request(Principal me, String rawUsername) {
        String username = AccountManager.canonicalUsername(rawUsername);
        Account target = accounts.findByUsername(username)
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account named '" + username + "'"));
        requireMayRequest(me, target);
        return writer.execute(tx -> request(tx, me, target));
    }

    /** Lets {@code me} ask {@code target}: not themselves, not while adding contacts is taken away; takes one of its contact requests (the limit). */
    public void requireMayRequest(Principal me, Account target) {
        if (target.id() == me.accountId()) {
            throw ApiException.badRequest("cannot_add_self", "you cannot send a contact request to yourself");
        }
        sanctions.require(me.accountId(), Feature.ADD_CONTACTS);
        limits.acquire(Limit.CONTACT_REQUESTS, me.accountId());
    }

    /**
     * Asks {@code target}, in the writer's transaction (after {@link #requireMayRequest}): refused when
     * either blocked the other or they are contacts already; a yes at once when {@code target} had asked too.
     */
    public ContactRequestView request(Tx tx, Principal me, Account target) {
        String username = target.username();
        Handle h = tx.handle();
        if (store.hasBlocked(h, target.id(), me.accountId())) {
            throw ApiException.forbidden("blocked", "'" + username + "' does not accept contact requests from you");
        }
        if (store.hasBlocked(h, me.accountId(), target.id())) {
            throw ApiException.conflict("you_blocked", "you blocked '" + username + "'; unblock them first");
        }
        if (store.areContacts(h, me.accountId(), target.id())) {
            throw ApiException.conflict("already_contacts", "'" + username + "' is already one of your contacts");
        }
        var mine = store.pendingBetween(h, me.accountId(), target.id());
        if (mine.isPresent()) {
            throw new ApiException(409, "request_pending", "you already asked '" + username + "'; wait for an answer",
                    Map.of("requestId", mine.get().id()));
        }
        var theirs = store.pendingBetween(h, target.id(), me.accountId());
        if (theirs.isPresent()) {
            return accept(tx, theirs.get()); // both asked: that is a yes from each side
        }
        long id = store.insertRequest(tx, me.accountId(), target.id());
        ContactRequestView view = store.request(h, id).orElseThrow();
        events.append(tx, List.of(target.id(), me.accountId()), EventType.CONTACT_REQUEST, view);
        return view;
    }

    public ContactRequestView accept(Principal me, long requestId) {
        return writer.execute(tx -> accept(tx, pendingTo(tx, me, requestId)));
    }

    private ContactRequestView accept(Tx tx, ContactRequestView request) {
        store.decide(tx, request.id(), "accepted");
        ContactRequestView view = store.request(tx.handle(), request.id()).orElseThrow();
        events.append(tx, List.of(request.from().id(), request.to().id()), EventType.CONTACT_REQUEST_UPDATED, view);
        connect(tx, request.from(), request.to());
        return view;
    }

    /**
     * Makes {@code a} and {@code b} contacts at once, telling both: a request accepted, or a move
     * card accepted (no request, no second step). Answers false if they were contacts already.
     */
    public boolean connect(Tx tx, AccountRef a, AccountRef b) {
        if (store.areContacts(tx.handle(), a.id(), b.id())) return false;
        store.addContactPair(tx, a.id(), b.id());
        Instant since = Instant.ofEpochMilli(tx.now());
        events.append(tx, List.of(a.id()), EventType.CONTACT_ADDED, contactView(tx, b.id(), since));
        events.append(tx, List.of(b.id()), EventType.CONTACT_ADDED, contactView(tx, a.id(), since));
        return true;
    }

    private ContactView contactView(Tx tx, long accountId, Instant since) {
        AccountProfile p = accounts.profile(tx.handle(), accountId).orElseThrow();
        return new ContactView(p.id(), p.username(), p.displayName(), p.avatarId(), since);
    }

    /** Declining is quiet: the requester is not told, only the decliner's other devices. */
    public ContactRequestView decline(Principal me, long requestId) {
        return writer.execute(tx -> {
            ContactRequestView request = pendingTo(tx, me, requestId);
            store.decide(tx, request.id(), "declined");
            ContactRequestView view = store.request(tx.handle(), request.id()).orElseThrow();
            events.append(tx, List.of(me.accountId()), EventType.CONTACT_REQUEST_UPDATED, view);
            return view;
        });
    }

    public ContactRequestView cancel(Principal me, long requestId) {
        return writer.execute(tx -> {
            ContactRequestView request = store.request(tx.handle(), requestId)
                    .filter(r -> r.from().id() == me.accountId())
                    .orElseThrow(() -> ApiException.notFound("request_not_found", "you sent no contact request " + requestId));
            requirePending(request);
            store.decide(tx, request.id(), "cancelled");
            ContactRequestView view = store.request(tx.handle(), request.id()).orElseThrow();
            events.append(tx, List.of(request.from().id(), request.to().id()), EventType.CONTACT_REQUEST_UPDATED, view);
            return view;
        });
    }

    private ContactRequestView pendingTo(Tx tx, Principal me, long requestId) {
        ContactRequestView request = store.request(tx.handle(), requestId)
                .filter(r -> r.to().id() == me.accountId())
                .orElseThrow(() -> ApiException.notFound("request_not_found", "you have no contact request " + requestId));
        requirePending(request);
        return request;
    }

    private static void requirePending(ContactRequestView request) {
        if (!request.status().equals("pending")) {
            throw ApiException.conflict("request_not_pending", "this request was already " + request.status());
        }
    }

    public List<ContactRequestView> pendingRequests(Principal me) {
        return store.pendingFor(me.accountId());
    }

    public List<ContactView> contacts(Principal me) {
        return store.contactsOf(me.accountId());
    }

    public void remove(Principal me, long contactId) {
        writer.execute(tx -> {
            if (!store.removeContactPair(tx, me.accountId(), contactId)) {
                throw ApiException.notFound("contact_not_found", "account " + contactId + " is not one of your contacts");
            }
            events.append(tx, List.of(me.accountId()), EventType.CONTACT_REMOVED, Map.of("accountId", contactId));
            events.append(tx, List.of(contactId), EventType.CONTACT_REMOVED, Map.of("accountId", me.accountId()));
            return null;
        });
    }

    public ContactView block(Principal me, long accountId) {
        if (accountId == me.accountId()) throw ApiException.badRequest("cannot_block_self", "you cannot block yourself");
        Account target = accounts.findById(accountId)
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account " + accountId));
        writer.execute(tx -> {
            store.insertBlock(tx, me.accountId(), target.id());
            store.declinePendingBetween(tx, me.accountId(), target.id());
            return null;
        });
        return store.blockedBy(me.accountId()).stream().filter(c -> c.id() == accountId).findFirst().orElseThrow();
    }

    public void unblock(Principal me, long accountId) {
        writer.execute(tx -> {
            if (!store.deleteBlock(tx, me.accountId(), accountId)) {
                throw ApiException.notFound("block_not_found", "you have not blocked account " + accountId);
            }
            return null;
        });
    }

    public List<ContactView> blocks(Principal me) {
        return store.blockedBy(me.accountId());
    }
}
