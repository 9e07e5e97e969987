package org.stoa.server.invites;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.Optional;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.config.ServerAddress;
import org.stoa.server.http.Requests;

/**
 * {@code /api/v1/me/invites} (make, list, revoke one's invite links) and {@code /api/v1/invites/{code}}
 * (see whose a link is; {@code /accept} sends the contact request).
 */
public final class InviteRoutes {

    record InviteBody(Instant expiresAt, Integer maxUses) {}

    private final Authenticator auth;
    private final InviteService invites;
    private final Optional<ServerAddress> publicAddress;

    public InviteRoutes(Authenticator auth, InviteService invites, Optional<ServerAddress> publicAddress) {
        this.auth = auth;
        this.invites = invites;
        this.publicAddress = publicAddress;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/me/invites", ctx -> {
            Principal me = auth.require(ctx);
            boolean empty = ctx.contentLength() == 0 || ctx.contentLength() < 0 && ctx.bodyAsBytes().length == 0;
            InviteBody body = empty ? new InviteBody(null, null) : Requests.body(ctx, InviteBody.class);
            ctx.status(201).json(invites.create(me, body.expiresAt(), body.maxUses(), baseUrl(ctx)));
        });
        routes.get("/api/v1/me/invites", ctx -> ctx.json(invites.mine(auth.require(ctx), baseUrl(ctx))));
        routes.delete("/api/v1/me/invites/{code}", ctx -> {
            invites.revoke(auth.require(ctx), ctx.pathParam("code"));
            ctx.status(204);
        });
        routes.get("/api/v1/invites/{code}", ctx -> ctx.json(invites.open(auth.require(ctx), ctx.pathParam("code"), baseUrl(ctx))));
        routes.post("/api/v1/invites/{code}/accept", ctx ->
                ctx.status(201).json(invites.accept(auth.require(ctx), ctx.pathParam("code"))));
    }

    /**
     * Where people open the web client: the server's public address (behind its TLS proxy) when it
     * has one, else the address this request came to.
     */
    private String baseUrl(Context ctx) {
        return publicAddress.map(a -> "https://" + a).orElseGet(() -> ctx.scheme() + "://" + Optional.ofNullable(ctx.host()).orElse("localhost"));
    }
}
