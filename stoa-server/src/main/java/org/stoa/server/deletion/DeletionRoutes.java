package org.stoa.server.deletion;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;

/** {@code DELETE /api/v1/me}: deleting one's own account, with its password. */
public final class DeletionRoutes {

    record PasswordBody(String password) {}

    private final Authenticator auth;
    private final AccountDeletion deletion;
    private final Limits limits;

    public DeletionRoutes(Authenticator auth, AccountDeletion deletion, Limits limits) {
        this.auth = auth;
        this.deletion = deletion;
        this.limits = limits;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.delete("/api/v1/me", ctx -> {
            Principal me = auth.require(ctx);
            limits.acquire(Limit.SESSION_CHANGES, me.accountId());
            PasswordBody body = Requests.body(ctx, PasswordBody.class);
            deletion.delete(me, Requests.required(body.password(), "password"), ctx.ip());
            ctx.status(204);
        });
    }
}
