package org.stoa.server.accounts;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.http.Requests;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;

/** {@code /api/v1/me/sessions}: where the account is logged in, and signing out any of those logins. */
public final class SessionRoutes {

    private final AccountManager accounts;
    private final Authenticator auth;
    private final Limits limits;

    public SessionRoutes(AccountManager accounts, Authenticator auth, Limits limits) {
        this.accounts = accounts;
        this.auth = auth;
        this.limits = limits;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/me/sessions", ctx -> {
            Principal me = auth.require(ctx);
            limits.acquire(Limit.SESSION_CHANGES, me.accountId());
            ctx.json(accounts.sessions(me));
        });
        routes.delete("/api/v1/me/sessions/{id}", ctx -> {
            Principal me = auth.require(ctx);
            limits.acquire(Limit.SESSION_CHANGES, me.accountId());
            accounts.endSession(me, Requests.id(ctx, "id", "session_not_found"));
            ctx.status(204);
        });
    }
}
