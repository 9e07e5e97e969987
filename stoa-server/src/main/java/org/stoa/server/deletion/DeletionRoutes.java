package org.stoa.server.deletion;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;
import org.stoa.server.limits.RateLimiter;

/** {@code DELETE /api/v1/me}: deleting one's own account, with its password. */
public final class DeletionRoutes {

    record PasswordBody(String password) {}

    private final Authenticator auth;
    private final AccountDeletion deletion;
    private final RateLimiter perAccount;

    public DeletionRoutes(Authenticator auth, AccountDeletion deletion, RateLimiter perAccount) {
        this.auth = auth;
        this.deletion = deletion;
        this.perAccount = perAccount;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.delete("/api/v1/me", ctx -> {
            Principal me = auth.require(ctx);
            perAccount.acquire(Long.toString(me.accountId()), "looks at and changes to this account's logins");
            PasswordBody body = Requests.body(ctx, PasswordBody.class);
            deletion.delete(me, Requests.required(body.password(), "password"));
            ctx.status(204);
        });
    }
}
