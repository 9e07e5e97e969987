package org.stoa.server.invites;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountProfile;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.contacts.ContactManager;
import org.stoa.server.contacts.ContactRequestView;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.Writer;

/**
 * Invite links: an account makes a link (optionally expiring, optionally for a number of people);
 * whoever opens it logged in sends its owner a contact request in one tap, as if they had typed
 * the username, with the same checks (blocks, sanctions, requests already pending).
 */
public final class InviteService {

    static final Duration LONGEST = Duration.ofDays(366);
    static final int MAX_USES = 1000;
    static final int MAX_OPEN = 100;
    /** 16 random bytes, URL-safe Base64: 22 characters. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final Jdbi reads;
    private final Writer writer;
    private final InviteStore store = new InviteStore();
    private final AccountStore accounts;
    private final ContactManager contacts;
    private final Limits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public InviteService(Jdbi reads, Writer writer, AccountStore accounts, ContactManager contacts, Limits limits,
                         Clock clock) {
        this.reads = reads;
        this.writer = writer;
        this.accounts = accounts;
        this.contacts = contacts;
        this.limits = limits;
        this.clock = clock;
    }

    InviteView create(Principal me, Instant expiresAt, Integer maxUses, String baseUrl) {
        Instant now = clock.instant();
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(LONGEST)))) {
            throw ApiException.badRequest("invalid_expiry", "expiresAt is a time in the next " + LONGEST.toDays() + " days");
        }
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_USES)) {
            throw ApiException.badRequest("invalid_max_uses", "maxUses is 1 to " + MAX_USES);
        }
        acquire(me);
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return writer.execute(tx -> {
            if (store.countOpen(tx.handle(), me.accountId(), tx.now()) >= MAX_OPEN) {
                throw ApiException.conflict("too_many_invites", "you have " + MAX_OPEN + " invite links that still work;"
                        + " revoke some first");
            }
            store.insert(tx, code, me.accountId(), expiresAt, maxUses);
            return view(tx.handle(), store.find(tx.handle(), code).orElseThrow(), baseUrl, Instant.ofEpochMilli(tx.now()));
        });
    }

    List<InviteView> mine(Principal me, String baseUrl) {
        Instant now = clock.instant();
        return reads.withHandle(h -> store.ofAccount(h, me.accountId()).stream().map(i -> view(h, i, baseUrl, now)).toList());
    }

    void revoke(Principal me, String code) {
        writer.execute(tx -> {
            if (!validCode(code) || !store.revoke(tx, code, me.accountId())) throw notFound();
            return null;
        });
    }

    /** The link as the person who opened it sees it: whose it is, and whether it still works (404, 410 if not). */
    InviteView open(Principal me, String code, String baseUrl) {
        acquire(me);
        Instant now = clock.instant();
        return reads.withHandle(h -> {
            Invite invite = usable(h, code, now);
            return view(h, invite, baseUrl, now);
        });
    }

    /** Sends the link's owner a contact request from {@code me} (or makes them contacts, if the owner had asked too). */
    ContactRequestView accept(Principal me, String code) {
        acquire(me);
        Invite seen = reads.withHandle(h -> usable(h, code, clock.instant()));
        Account owner = accounts.findById(seen.accountId()).orElseThrow(InviteService::notFound);
        contacts.requireMayRequest(me, owner);
        return writer.execute(tx -> {
            usable(tx.handle(), code, Instant.ofEpochMilli(tx.now())); // the last use may have gone meanwhile
            ContactRequestView request = contacts.request(tx, me, owner);
            store.used(tx, code);
            return request;
        });
    }

    private void acquire(Principal me) {
        limits.acquire(Limit.INVITES, me.accountId());
    }

    private Invite usable(Handle h, String code, Instant now) {
        Invite invite = (validCode(code) ? store.find(h, code) : java.util.Optional.<Invite>empty())
                .orElseThrow(InviteService::notFound);
        return switch (invite.state(now)) {
            case OPEN -> invite;
            case REVOKED -> throw notFound();
            case EXPIRED -> throw new ApiException(410, "invite_expired", "this invite link expired at " + invite.expiresAt()
                    + "; ask for a new one");
            case USED_UP -> throw new ApiException(410, "invite_used_up", "this invite link was for " + invite.maxUses()
                    + " people and all have used it; ask for a new one");
        };
    }

    private InviteView view(Handle h, Invite invite, String baseUrl, Instant now) {
        AccountProfile owner = accounts.profile(h, invite.accountId()).orElseThrow();
        return InviteView.of(invite, owner.ref(), baseUrl, now);
    }

    private static boolean validCode(String code) {
        return CODE.matcher(code).matches();
    }

    private static ApiException notFound() {
        return ApiException.notFound("invite_not_found", "there is no such invite link (it may have been revoked)");
    }
}
