package org.stoa.server.directory;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.http.Requests;

/** {@code GET /api/v1/directory/accounts} and {@code /api/v1/directory/groups}. */
public final class DirectoryRoutes {

    private final Directory directory;
    private final Authenticator auth;

    public DirectoryRoutes(Directory directory, Authenticator auth) {
        this.directory = directory;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/directory/accounts", ctx -> ctx.json(directory.accounts(auth.require(ctx), ctx.queryParam("q"),
                Requests.intQuery(ctx, "limit"))));
        routes.get("/api/v1/directory/groups", ctx -> ctx.json(directory.groups(auth.require(ctx), ctx.queryParam("q"),
                Requests.intQuery(ctx, "limit"))));
    }
}
