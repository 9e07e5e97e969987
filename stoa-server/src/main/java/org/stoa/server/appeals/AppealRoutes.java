package org.stoa.server.appeals;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.List;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;
import org.stoa.server.moderation.FeatureNames;

/**
 * Appeals over HTTP: file one against a decision, follow mine; for moderators the queue and the
 * decision. Routes read the request and call a service; the services decide who may do what.
 */
public final class AppealRoutes {

    record FileBody(String statement, String requestedOutcome) {}

    record SanctionBody(List<String> features, Instant endsAt) {}

    record DecideBody(String outcome, String reason, SanctionBody sanction) {}

    private final Authenticator auth;
    private final AppealService appeals;
    private final AppealReview review;

    public AppealRoutes(Authenticator auth, AppealService appeals, AppealReview review) {
        this.auth = auth;
        this.appeals = appeals;
        this.review = review;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/decisions/{id}/appeals", ctx -> {
            Principal me = auth.require(ctx);
            FileBody b = Requests.body(ctx, FileBody.class);
            ctx.status(201).json(appeals.file(me, Requests.id(ctx, "id", "decision_not_found"), b.statement(), b.requestedOutcome()));
        });
        routes.get("/api/v1/me/appeals", ctx -> ctx.json(appeals.mine(auth.require(ctx))));
        routes.get("/api/v1/appeals/{id}", ctx ->
                ctx.json(appeals.get(auth.require(ctx), Requests.id(ctx, "id", "appeal_not_found"))));
        routes.get("/api/v1/moderation/appeals", ctx -> ctx.json(review.queue(auth.require(ctx), ctx.queryParam("status"))));
        routes.post("/api/v1/moderation/appeals/{id}/decide", ctx -> {
            Principal me = auth.require(ctx);
            DecideBody b = Requests.body(ctx, DecideBody.class);
            SanctionChange change = b.sanction() == null ? null : new SanctionChange(
                    b.sanction().features() == null ? null : FeatureNames.parse(b.sanction().features()), b.sanction().endsAt());
            ctx.json(review.decide(me, Requests.id(ctx, "id", "appeal_not_found"), b.outcome(), b.reason(), change));
        });
    }
}
