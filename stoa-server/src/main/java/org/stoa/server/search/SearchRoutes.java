package org.stoa.server.search;

import io.javalin.router.JavalinDefaultRoutingApi;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.http.Requests;

/** {@code GET /api/v1/search/messages}. */
public final class SearchRoutes {

    private final MessageSearch search;
    private final Authenticator auth;

    public SearchRoutes(MessageSearch search, Authenticator auth) {
        this.search = search;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/search/messages", ctx -> ctx.json(search.search(auth.require(ctx), ctx.queryParam("q"),
                Requests.longQuery(ctx, "conversationId"), Requests.intQuery(ctx, "limit"), Requests.longQuery(ctx, "before"),
                Requests.longQuery(ctx, "postBefore"))));
    }
}
