package org.stoa.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.stoa.engine.text.Skeleton;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.CpuPool;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.storage.SharedCaches;
import org.stoa.server.storage.Writer;

/**
 * Accounts and login sessions: the rules (username and password policy, failed-login limits) over
 * {@link AccountStore} and {@link SessionStore}, with a cache of live sessions so that checking a
 * token costs no query.
 */
public final class AccountManager {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]{3,32}");
    private static final int MIN_PASSWORD = 10;
    private static final int MAX_PASSWORD = 1024;

    public record LoginResult(String token, Account account) {}

    private record CachedSession(Principal principal, long expiresAt) {}

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Writer writer;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Duration sessionTtl;
    private final Limits limits;
    private final CpuPool hashing;
    private final ReservedUsernames reserved;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, CachedSession> sessionCache = new ConcurrentHashMap<>();
    private final List<Consumer<Revocation>> revocationListeners = new CopyOnWriteArrayList<>();
    /** Counts revocations, so a token read from the database during one is not cached after it. */
    private final AtomicLong revocations = new AtomicLong();
    /** Hashed beside the rest of the start, which it would otherwise hold up by a third of a second. */
    private final CompletableFuture<String> dummyHash;
    private final SharedCaches caches;
    /** The shared cache name under which a change of an account's role is announced. */
    private static final String PRINCIPALS = "principals";

    public AccountManager(AccountStore accounts, Writer writer, PasswordHasher hasher, Clock clock,
                          Duration sessionTtl, Limits limits, CpuPool hashing, ReservedUsernames reserved, SharedCaches caches) {
        this.caches = caches;
        caches.onChange(PRINCIPALS, account -> forgetPrincipals(Long.parseLong(account)));
        this.hashing = hashing;
        this.reserved = reserved;
        this.accounts = accounts;
        this.sessions = new SessionStore(accounts.reads());
        this.writer = writer;
        this.hasher = hasher;
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.limits = limits;
        this.dummyHash = CompletableFuture.supplyAsync(() -> hasher.hash("not a real password, only here to spend the same time"));
    }

    /** Usernames are case-insensitive: stored and looked up in lower case. */
    public static String canonicalUsername(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    /** Someone signing up from {@code address}: a user account, limited per address, not a reserved name. */
    public Account register(String rawUsername, String password, String address) {
        String username = checkedUsername(rawUsername);
        if (reserved.reserved(username)) {
            throw ApiException.conflict("username_reserved", "the username '" + username + "' is reserved; choose another");
        }
        checkPassword(password);
        limits.acquire(Limit.ACCOUNTS_PER_ADDRESS, address);
        return insert(username, password, Role.USER);
    }

    /** The operator's {@code stoa admin create-user}: any role, any name, no limits. */
    public Account create(String rawUsername, String password, Role role) {
        String username = checkedUsername(rawUsername);
        checkPassword(password);
        return insert(username, password, role);
    }

    private String checkedUsername(String rawUsername) {
        String username = canonicalUsername(rawUsername);
        if (!validUsername(username)) {
            // A name in other letters that looks like a taken one (аlice, ａｌｉｃｅ) is told so, not only that its letters are wrong.
            if (username.length() <= 4 * 32 && accounts.skeletonTaken(Skeleton.of(username))) throw confusable(username);
            throw ApiException.badRequest("invalid_username",
                    "usernames are 3 to 32 characters: letters a-z, digits, '_' and '.'");
        }
        return username;
    }

    private Account insert(String username, String password, Role role) {
        String skeleton = Skeleton.of(username);
        String hash = hashing.run(() -> hasher.hash(password));
        return writer.execute(tx -> {
            if (accounts.usernameTaken(tx.handle(), username)) {
                throw ApiException.conflict("username_taken", "the username '" + username + "' is taken; choose another");
            }
            if (accounts.skeletonTaken(tx.handle(), skeleton)) throw confusable(username);
            return accounts.insert(tx, username, skeleton, hash, role);
        });
    }

    /** Usernames that look alike ({@code alice}, {@code a1ice}, {@code аlice}) cannot be different people. */
    private static ApiException confusable(String username) {
        return ApiException.conflict("username_confusable", "'" + username + "' looks too much like the username of an"
                + " existing account: people could not tell the two apart; choose another");
    }

    private static void checkPassword(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD) {
            throw ApiException.badRequest("weak_password", "passwords need at least " + MIN_PASSWORD + " characters");
        }
        if (length > MAX_PASSWORD) {
            throw ApiException.badRequest("invalid_password", "passwords are at most " + MAX_PASSWORD + " characters");
        }
    }

    /** Whether any admin exists (so that start-up can say how to make the first one). */
    public boolean hasAdmin() {
        return accounts.countWithRole(Role.ADMIN) > 0;
    }

    /**
     * Logs in. Failures are counted per account and address pair, and slow that pair down (a token
     * bucket refills, nothing locks for good). An address that has not failed on this account always
     * has its password checked: a stranger's guesses elsewhere cannot keep the owner out. Only pairs
     * that already failed also answer to the account's and the address's totals, which is what
     * slows guessing spread over many addresses or many accounts. {@code userAgent} names the login
     * in the account's list of sessions.
     */
    public LoginResult login(String rawUsername, String password, String address, String userAgent) {
        String username = canonicalUsername(rawUsername);
        String pair = username + " from " + address;
        if (!limits.untouched(Limit.LOGIN_FAILURES_PER_PAIR, pair)) {
            limits.check(Limit.LOGIN_FAILURES_PER_PAIR, pair);
            limits.check(Limit.LOGIN_FAILURES_PER_ACCOUNT, username);
            limits.check(Limit.LOGIN_FAILURES_PER_ADDRESS, address);
        }
        Optional<AccountStore.Credentials> found = accounts.credentials(username);
        // Spend the same time on unknown usernames so timing does not reveal which exist.
        String stored = found.map(AccountStore.Credentials::passwordHash).orElseGet(dummyHash::join);
        boolean ok = hashing.run(() -> hasher.verify(password, stored)) && found.isPresent();
        if (!ok) {
            limits.spend(Limit.LOGIN_FAILURES_PER_PAIR, pair);
            limits.spend(Limit.LOGIN_FAILURES_PER_ACCOUNT, username);
            limits.spend(Limit.LOGIN_FAILURES_PER_ADDRESS, address);
            throw ApiException.unauthorized("wrong username or password");
        }
        Account account = found.get().account();
        limits.acquire(Limit.LOGINS, account.id());
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long expiresAt = clock.millis() + sessionTtl.toMillis();
        String client = ClientNames.of(userAgent);
        writer.execute(tx -> sessions.insert(tx, account.id(), tokenHash(token), expiresAt, client));
        return new LoginResult(token, account);
    }

    /** The principal for a bearer token, if the token is live. */
    public Optional<Principal> authenticate(String token) {
        String hash = tokenHash(token);
        long now = clock.millis();
        CachedSession cached = sessionCache.get(hash);
        if (cached != null) {
            if (cached.expiresAt() > now) return Optional.of(cached.principal());
            sessionCache.remove(hash);
            return Optional.empty();
        }
        long epoch = revocations.get();
        return sessions.findActive(hash, now).map(s -> {
            Principal p = new Principal(s.account().id(), s.account().username(), s.account().role(), s.sessionId());
            if (sessionCache.size() > 100_000) sessionCache.clear();
            sessionCache.put(hash, new CachedSession(p, s.expiresAt()));
            // A revocation that ran while we read may have missed this entry: do not keep it then.
            if (revocations.get() != epoch) sessionCache.remove(hash);
            return p;
        });
    }

    public void logout(Principal principal) {
        writer.execute(tx -> {
            sessions.revoke(tx, principal.sessionId());
            return null;
        });
        revoked(new Revocation.Session(principal.accountId(), principal.sessionId()));
    }

    /** Where the account is logged in: its live sessions, newest first, this one marked. */
    public List<SessionView> sessions(Principal me) {
        return sessions.live(me.accountId(), clock.millis(), me.sessionId());
    }

    /** Signs out one of the account's logins (this one too: that is logging out); a 404 for any other id. */
    public void endSession(Principal me, long sessionId) {
        boolean ended = writer.execute(tx -> sessions.revoke(tx, me.accountId(), sessionId));
        if (!ended) throw ApiException.notFound("session_not_found", "you have no login " + sessionId);
        revoked(new Revocation.Session(me.accountId(), sessionId));
    }

    /**
     * Ends every session of {@code accountId} at once: its tokens stop working, its open streams
     * close and its unused stream tickets lapse. For an admin, and for whatever else ends an
     * account's access (a ban, a deletion). Answers how many sessions were live.
     */
    public int revokeSessions(long accountId) {
        int ended = writer.execute(tx -> {
            if (accounts.findById(tx.handle(), accountId).isEmpty()) {
                throw ApiException.notFound("account_not_found", "there is no account " + accountId);
            }
            return sessions.revokeAll(tx, accountId);
        });
        revoked(Revocation.Account.all(accountId));
        return ended;
    }

    /** Told after a revocation is durable, to let go of whatever the ended sessions hold. */
    public void onRevocation(Consumer<Revocation> listener) {
        revocationListeners.add(listener);
    }

    /** Whether {@code principal}'s session is still live, asked of the database (not the cache). */
    public boolean isLive(Principal principal) {
        return sessions.isLive(principal.sessionId(), clock.millis());
    }

    private void revoked(Revocation revocation) {
        forgetSessions(revocation);
        revocationListeners.forEach(l -> l.accept(revocation));
    }

    /** Drops the cached tokens of sessions that ended (here, or on another node). */
    public void forgetSessions(Revocation revocation) {
        revocations.incrementAndGet();
        sessionCache.values().removeIf(c -> revocation.covers(c.principal()));
    }

    private void forgetPrincipals(long accountId) {
        revocations.incrementAndGet();
        sessionCache.values().removeIf(c -> c.principal().accountId() == accountId);
    }

    /**
     * Changes a password after checking the current one, which counts as a login attempt from
     * {@code address}; every other session of the account is logged out.
     */
    public void changePassword(Principal me, String current, String next, String address) {
        requirePassword(me, current, address);
        checkPassword(next);
        String hash = hashing.run(() -> hasher.hash(next));
        writer.execute(tx -> {
            accounts.setPassword(tx, me.accountId(), hash);
            sessions.revokeOthers(tx, me.accountId(), me.sessionId());
            return null;
        });
        revoked(new Revocation.Account(me.accountId(), me.sessionId()));
    }

    /**
     * Asks for the account's password again before something that cannot be taken back lightly (a
     * new password, a move): a 403 {@code wrong_password} if it is wrong, which counts as a failed
     * login from {@code address} (the account and address pair, as at login), and a 429 once too
     * many from there have failed.
     */
    public void requirePassword(Principal me, String password, String address) {
        String pair = me.username() + " from " + address;
        limits.check(Limit.LOGIN_FAILURES_PER_PAIR, pair);
        AccountStore.Credentials c = accounts.credentials(me.username()).orElseThrow();
        if (!hashing.run(() -> hasher.verify(password, c.passwordHash()))) {
            limits.spend(Limit.LOGIN_FAILURES_PER_PAIR, pair);
            throw ApiException.forbidden("wrong_password", "the password is wrong");
        }
    }

    /** Usernames this server could have: 3 to 32 of a-z, 0-9, '_' and '.'. */
    public static boolean validUsername(String username) {
        return USERNAME.matcher(username).matches();
    }

    /** Appoints moderators and admins (or takes the role back); takes effect on the account's next request. */
    public Account setRole(long accountId, Role role) {
        Account a = writer.execute(tx -> {
            if (!accounts.setRole(tx, accountId, role)) {
                throw ApiException.notFound("account_not_found", "there is no account " + accountId);
            }
            return accounts.findById(tx.handle(), accountId).orElseThrow();
        });
        forgetPrincipals(accountId);
        caches.announce(PRINCIPALS, accountId);
        return a;
    }

    /** Anyone's public profile, by username; a 404 for a name no account has (or could have). */
    public AccountProfile profile(String rawUsername) {
        String username = canonicalUsername(rawUsername);
        return (validUsername(username) ? accounts.profile(username) : Optional.<AccountProfile>empty())
                .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account named '" + username + "'"));
    }

    public AccountStore store() {
        return accounts;
    }

    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
