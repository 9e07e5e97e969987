package org.stoa.server.moves;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;

/**
 * Moves over HTTP: aliases ({@code /api/v1/me/aliases}, published at
 * {@code /.well-known/stoa/aliases/{name}}), the move itself ({@code /api/v1/me/move}) and the move
 * cards its contacts get ({@code /api/v1/contacts/moves}). Routes read the request and call a service.
 */
public final class MoveRoutes {

    record AliasBody(String username) {}

    record MoveBody(String to, String password) {}

    private final Authenticator auth;
    private final AliasService aliases;
    private final MoveService moves;
    private final MoveCards cards;

    public MoveRoutes(Authenticator auth, AliasService aliases, MoveService moves, MoveCards cards) {
        this.auth = auth;
        this.aliases = aliases;
        this.moves = moves;
        this.cards = cards;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.put("/api/v1/me/aliases", ctx -> {
            Principal me = auth.require(ctx);
            AliasBody b = Requests.body(ctx, AliasBody.class);
            ctx.json(aliases.add(me, Requests.required(b.username(), "username")));
        });
        routes.get("/api/v1/me/aliases", ctx -> ctx.json(aliases.mine(auth.require(ctx))));
        routes.delete("/api/v1/me/aliases/{username}", ctx -> ctx.json(aliases.remove(auth.require(ctx), ctx.pathParam("username"))));
        routes.get("/.well-known/stoa/aliases/{name}", ctx -> ctx.json(aliases.published(ctx.pathParam("name"))));

        routes.post("/api/v1/me/move", ctx -> {
            Principal me = auth.require(ctx);
            MoveBody b = Requests.body(ctx, MoveBody.class);
            ctx.status(202).json(moves.move(me, b.to(), b.password(), ctx.ip()));
        });
        routes.get("/api/v1/me/move", ctx -> ctx.json(moves.current(auth.require(ctx))));
        routes.delete("/api/v1/me/move", ctx -> ctx.json(moves.cancel(auth.require(ctx))));

        routes.get("/api/v1/contacts/moves", ctx -> ctx.json(cards.mine(auth.require(ctx), ctx.queryParam("status"))));
        routes.post("/api/v1/contacts/moves/{id}/accept", ctx ->
                ctx.json(cards.accept(auth.require(ctx), Requests.id(ctx, "id", "move_card_not_found"))));
        routes.post("/api/v1/contacts/moves/{id}/ignore", ctx ->
                ctx.json(cards.ignore(auth.require(ctx), Requests.id(ctx, "id", "move_card_not_found"))));
    }
}
