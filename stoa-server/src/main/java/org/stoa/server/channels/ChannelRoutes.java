package org.stoa.server.channels;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import org.stoa.engine.policy.Durations;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;

/** {@code /api/v1/channels/...}, {@code /api/v1/directory/channels} and {@code /api/v1/moderation/channels/...}. */
public final class ChannelRoutes {

    record CreateBody(String handle, String title, String description, ChannelVisibility visibility) {}

    record PostBody(String clientId, String text, String mediaId) {}

    record EditBody(String title, String description) {}

    record ApproveBody(String reason) {}

    record EditorBody(Long accountId) {}

    record SanctionBody(SanctionKind kind, String reason, String duration, String ruleId) {}

    record RemoveBody(String reason, String ruleId) {}

    private static final String NOT_FOUND = "channel_not_found";

    private final Authenticator auth;
    private final ChannelService channels;
    private final ChannelDirectory directory;
    private final ChannelModeration moderation;

    ChannelRoutes(Authenticator auth, ChannelService channels, ChannelDirectory directory, ChannelModeration moderation) {
        this.auth = auth;
        this.channels = channels;
        this.directory = directory;
        this.moderation = moderation;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/channels", ctx -> {
            Principal me = auth.require(ctx);
            CreateBody b = Requests.body(ctx, CreateBody.class);
            ctx.status(201).json(channels.create(me, b.handle(), b.title(), b.description(), b.visibility()));
        });
        routes.get("/api/v1/channels", ctx -> ctx.json(channels.mine(auth.require(ctx))));
        routes.get("/api/v1/channels/{id}", ctx -> {
            Principal me = auth.require(ctx);
            String raw = ctx.pathParam("id");
            ctx.json(raw.startsWith("@") ? channels.getByHandle(me, raw.substring(1)) : channels.get(me, id(ctx)));
        });
        routes.patch("/api/v1/channels/{id}", ctx -> {
            Principal me = auth.require(ctx);
            EditBody b = Requests.body(ctx, EditBody.class);
            ctx.json(channels.edit(me, id(ctx), b.title(), b.description()));
        });
        routes.post("/api/v1/channels/{id}/posts", ctx -> {
            Principal me = auth.require(ctx);
            PostBody b = Requests.body(ctx, PostBody.class);
            ChannelService.Posted posted = channels.post(me, id(ctx), b.clientId(), b.text(), b.mediaId());
            if (posted.replayed()) ctx.header("Idempotent-Replayed", "true");
            // A held post is stored but waits for a moderator, as a held message does.
            ctx.status(ChannelPost.HELD.equals(posted.post().status()) ? 202 : 201).json(posted.post());
        });
        routes.get("/api/v1/channels/{id}/posts", ctx -> ctx.json(channels.posts(auth.require(ctx), id(ctx),
                Requests.longQuery(ctx, "before"), Requests.intQuery(ctx, "limit"))));
        routes.post("/api/v1/channels/{id}/subscription", ctx -> ctx.json(channels.subscribe(auth.require(ctx), id(ctx))));
        routes.delete("/api/v1/channels/{id}/subscription", ctx -> ctx.json(channels.unsubscribe(auth.require(ctx), id(ctx))));
        routes.get("/api/v1/channels/{id}/editors", ctx -> ctx.json(channels.editors(auth.require(ctx), id(ctx))));
        routes.post("/api/v1/channels/{id}/editors", ctx -> {
            Principal me = auth.require(ctx);
            EditorBody b = Requests.body(ctx, EditorBody.class);
            ctx.json(channels.addEditor(me, id(ctx), Requests.required(b.accountId(), "accountId")));
        });
        routes.delete("/api/v1/channels/{id}/editors/{accountId}", ctx -> {
            channels.removeEditor(auth.require(ctx), id(ctx), Requests.id(ctx, "accountId", "editor_not_found"));
            ctx.status(204);
        });
        routes.get("/api/v1/channels/{id}/export", ctx -> {
            Principal me = auth.require(ctx);
            long id = id(ctx);
            ChannelService.Export export = channels.export(me, id);
            ctx.header("Content-Disposition", "attachment; filename=\"channel-" + export.channel().handle() + ".json\"");
            ctx.json(export);
        });
        routes.get("/api/v1/channels/{id}/decisions/{decisionId}", ctx -> ctx.json(channels.decision(auth.require(ctx), id(ctx),
                Requests.id(ctx, "decisionId", "decision_not_found"))));
        routes.get("/api/v1/directory/channels", ctx -> ctx.json(directory.search(auth.require(ctx), ctx.queryParam("q"),
                Requests.intQuery(ctx, "limit"))));

        routes.get("/api/v1/moderation/channels", ctx -> ctx.json(moderation.search(auth.require(ctx), ctx.queryParam("q"))));
        routes.get("/api/v1/moderation/channels/{id}", ctx -> ctx.json(moderation.review(auth.require(ctx), id(ctx))));
        routes.post("/api/v1/moderation/channels/{id}/sanctions", ctx -> {
            Principal me = auth.require(ctx);
            SanctionBody b = Requests.body(ctx, SanctionBody.class);
            ctx.status(201).json(moderation.sanction(me, id(ctx), Requests.required(b.kind(), "kind"), b.reason(),
                    duration(b.duration()), b.ruleId()));
        });
        routes.post("/api/v1/moderation/channels/{id}/posts/{postId}/approve", ctx -> {
            Principal me = auth.require(ctx);
            ApproveBody b = Requests.body(ctx, ApproveBody.class);
            ctx.json(moderation.approvePost(me, id(ctx), Requests.id(ctx, "postId", "post_not_found"), b.reason()));
        });
        routes.post("/api/v1/moderation/channels/{id}/posts/{postId}/remove", ctx -> {
            Principal me = auth.require(ctx);
            RemoveBody b = Requests.body(ctx, RemoveBody.class);
            ctx.json(moderation.removePost(me, id(ctx), Requests.id(ctx, "postId", "post_not_found"), b.reason(), b.ruleId()));
        });
    }

    private static long id(io.javalin.http.Context ctx) {
        return Requests.id(ctx, "id", NOT_FOUND);
    }

    private static Duration duration(String s) {
        if (s == null) return null;
        try {
            Duration d = Durations.parse(s);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("it must be longer than nothing");
            return d;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_duration", "duration: " + e.getMessage());
        }
    }
}
