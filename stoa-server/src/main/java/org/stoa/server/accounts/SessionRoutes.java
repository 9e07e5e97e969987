package org.stoa.server.accounts;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.http.Requests;
import org.stoa.server.limits.RateLimiter;

/** {@code /api/v1/me/sessions}: where the account is logged in, and signing out any of those logins. */
public final class SessionRoutes {

    private final AccountManager accounts;
    private final Authenticator auth;
    private final RateLimiter perAccount;

    public SessionRoutes(AccountManager accounts, Authenticator auth, RateLimiter perAccount) {
        this.accounts = accounts;
        this.auth = auth;
        this.perAccount = perAccount;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/me/sessions", ctx -> {
            Principal me = auth.require(ctx);
            perAccount.acquire(Long.toString(me.accountId()), "looks at and changes to this account's logins");
            ctx.json(accounts.sessions(me));
        });
        routes.delete("/api/v1/me/sessions/{id}", ctx -> {
            Principal me = auth.require(ctx);
            perAccount.acquire(Long.toString(me.accountId()), "looks at and changes to this account's logins");
            accounts.endSession(me, Requests.id(ctx, "id", "session_not_found"));
            ctx.status(204);
        });
    }
}
