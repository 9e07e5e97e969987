package org.stoa.server.moderation;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import org.stoa.engine.policy.Policy;
import org.stoa.engine.policy.PolicyException;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Role;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;

/** {@code /api/v1/admin}: roles, ending an account's sessions, and the policy file. Admins in good standing only. */
public final class AdminRoutes {

    record RoleBody(Role role) {}

    record RevokedView(int sessionsEnded) {}

    private final Authenticator auth;
    private final Staff staff;
    private final AccountManager accounts;
    private final PolicyManager policy;

    public AdminRoutes(Authenticator auth, Staff staff, AccountManager accounts, PolicyManager policy) {
        this.auth = auth;
        this.staff = staff;
        this.accounts = accounts;
        this.policy = policy;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.put("/api/v1/admin/accounts/{id}/role", ctx -> {
            Principal admin = staff.requireAdmin(auth.require(ctx));
            RoleBody b = Requests.body(ctx, RoleBody.class);
            long id = Requests.id(ctx, "id", "account_not_found");
            if (id == admin.accountId()) throw ApiException.badRequest("cannot_change_own_role", "another admin must change your role");
            ctx.json(accounts.setRole(id, Requests.required(b.role(), "role")));
        });
        routes.delete("/api/v1/admin/accounts/{id}/sessions", ctx -> {
            staff.requireAdmin(auth.require(ctx));
            int ended = accounts.revokeSessions(Requests.id(ctx, "id", "account_not_found"));
            ctx.json(new RevokedView(ended));
        });
        routes.post("/api/v1/admin/policy/reload", ctx -> {
            staff.requireAdmin(auth.require(ctx));
            try {
                Policy p = policy.reload();
                ctx.json(Map.of("version", p.version(), "rules", p.rules().size()));
            } catch (PolicyException e) {
                throw new ApiException(422, "invalid_policy", "the policy file was not loaded: " + e.getMessage()
                        + "; the running policy " + policy.policy().version() + " stays",
                        Map.of("line", e.line(), "runningVersion", policy.policy().version()));
            }
        });
    }
}
