package org.stoa.server.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;

/** {@code PATCH /api/v1/me/profile}; anyone's profile is {@code GET /api/v1/accounts/{username}} (accounts). */
public final class ProfileRoutes {

    private final Authenticator auth;
    private final ProfileService profiles;

    public ProfileRoutes(Authenticator auth, ProfileService profiles) {
        this.auth = auth;
        this.profiles = profiles;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.patch("/api/v1/me/profile", ctx -> {
            Principal me = auth.require(ctx);
            ctx.json(profiles.update(me, ProfileChange.of(Requests.body(ctx, JsonNode.class))));
        });
    }
}
