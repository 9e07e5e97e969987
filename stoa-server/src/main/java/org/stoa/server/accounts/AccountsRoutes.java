package org.stoa.server.accounts;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import org.stoa.server.http.Requests;

/** {@code /api/v1/accounts} (registration, public profiles), {@code /api/v1/sessions}, {@code /api/v1/me}. */
public final class AccountsRoutes {

    record CredentialsBody(String username, String password) {}

    record AccountView(long id, String username, Role role, Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.username(), a.role(), a.createdAt());
        }
    }

    record PasswordBody(String current, String password) {}

    record LoginView(String token, long accountId, String username) {}

    private final AccountManager accounts;
    private final Authenticator auth;

    public AccountsRoutes(AccountManager accounts, Authenticator auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/accounts", ctx -> {
            CredentialsBody body = Requests.body(ctx, CredentialsBody.class);
            Account a = accounts.register(Requests.required(body.username(), "username"),
                    Requests.required(body.password(), "password"), ctx.ip());
            ctx.status(201).json(AccountView.of(a));
        });
        routes.post("/api/v1/sessions", ctx -> {
            CredentialsBody body = Requests.body(ctx, CredentialsBody.class);
            AccountManager.LoginResult r = accounts.login(Requests.required(body.username(), "username"),
                    Requests.required(body.password(), "password"), ctx.ip(), ctx.userAgent());
            ctx.status(201).json(new LoginView(r.token(), r.account().id(), r.account().username()));
        });
        routes.delete("/api/v1/sessions/current", ctx -> {
            accounts.logout(auth.require(ctx));
            ctx.status(204);
        });
        routes.put("/api/v1/me/password", ctx -> {
            Principal p = auth.require(ctx);
            PasswordBody body = Requests.body(ctx, PasswordBody.class);
            accounts.changePassword(p, Requests.required(body.current(), "current"), Requests.required(body.password(), "password"),
                    ctx.ip());
            ctx.status(204);
        });
        routes.get("/api/v1/accounts/{username}", ctx -> ctx.json(accounts.profile(ctx.pathParam("username"))));
        routes.get("/api/v1/me", ctx -> {
            Principal p = auth.require(ctx);
            ctx.json(AccountView.of(accounts.store().findById(p.accountId()).orElseThrow()));
        });
    }
}
