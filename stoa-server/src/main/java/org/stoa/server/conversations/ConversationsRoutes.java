package org.stoa.server.conversations;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.UUID;
import java.util.Optional;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;

/** {@code /api/v1/conversations/...} and {@code /api/v1/messages/...}. */
public final class ConversationsRoutes {

    record CreateBody(ConversationType type, List<Long> members, String title, GroupVisibility visibility) {}

    /** A PATCH: a field left out stays as it is; an empty string clears a title, description or avatar. */
    record UpdateBody(String title, String description, String avatarId, GroupVisibility visibility, Integer slowModeSeconds) {}

    record MuteBody(Boolean muted) {}

    record MembersBody(List<Long> members) {}

    record RoleBody(MemberRole role) {}

    record ReadBody(Long seq) {}

    record SendBody(String clientId, String text, String mediaId, Long replyTo) {}

    record EditBody(String text) {}

    record ForwardBody(Long conversationId, String clientId) {}

    private static final String NOT_FOUND = "conversation_not_found";

    private final ConversationManager conversations;
    private final MessageService messages;
    private final GroupSettings settings;
    private final Typing typing;
    private final PublicGroups publicGroups;
    private final Authenticator auth;

    public ConversationsRoutes(ConversationManager conversations, MessageService messages, GroupSettings settings, Typing typing,
                               PublicGroups publicGroups, Authenticator auth) {
        this.conversations = conversations;
        this.messages = messages;
        this.settings = settings;
        this.typing = typing;
        this.publicGroups = publicGroups;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/conversations", ctx -> {
            Principal me = auth.require(ctx);
            CreateBody body = Requests.body(ctx, CreateBody.class);
            ConversationType type = Requests.required(body.type(), "type");
            if (type == ConversationType.DIRECT && body.visibility() == GroupVisibility.PUBLIC) {
                throw ApiException.badRequest("invalid_visibility", "only groups can be public");
            }
            ConversationManager.Created c = conversations.create(me, type,
                    noNulls(Requests.required(body.members(), "members")), body.title());
            ConversationView view = body.visibility() == GroupVisibility.PUBLIC && !c.existed()
                    ? publicGroups.setVisibility(me, c.conversation().id(), GroupVisibility.PUBLIC) : c.conversation();
            ctx.status(c.existed() ? 200 : 201).json(view);
        });
        routes.get("/api/v1/conversations", ctx -> ctx.json(conversations.list(auth.require(ctx))));
        routes.get("/api/v1/conversations/{id}", ctx ->
                ctx.json(conversations.get(auth.require(ctx), Requests.id(ctx, "id", NOT_FOUND))));
        routes.patch("/api/v1/conversations/{id}", ctx -> {
            Principal me = auth.require(ctx);
            UpdateBody body = Requests.body(ctx, UpdateBody.class);
            long id = Requests.id(ctx, "id", NOT_FOUND);
            boolean profile = body.title() != null || body.description() != null || body.avatarId() != null;
            if (!profile && body.visibility() == null && body.slowModeSeconds() == null) {
                throw ApiException.badRequest("missing_field",
                        "send 'title', 'description', 'avatarId', 'visibility' or 'slowModeSeconds'");
            }
            ConversationView view = null;
            if (profile) {
                view = settings.update(me, id, new GroupSettings.Change(
                        Optional.ofNullable(body.title()), Optional.ofNullable(body.description()), Optional.ofNullable(body.avatarId())));
            }
            if (body.visibility() != null) view = publicGroups.setVisibility(me, id, body.visibility());
            if (body.slowModeSeconds() != null) view = publicGroups.setSlowMode(me, id, body.slowModeSeconds());
            ctx.json(view);
        });
        routes.put("/api/v1/conversations/{id}/mute", ctx -> {
            Principal me = auth.require(ctx);
            MuteBody body = Requests.body(ctx, MuteBody.class);
            ctx.json(settings.mute(me, Requests.id(ctx, "id", NOT_FOUND), Requests.required(body.muted(), "muted")));
        });
        routes.post("/api/v1/conversations/{id}/typing", ctx -> {
            typing.typing(auth.require(ctx), Requests.id(ctx, "id", NOT_FOUND));
            ctx.status(204);
        });
        routes.post("/api/v1/conversations/{id}/members", ctx -> {
            Principal me = auth.require(ctx);
            MembersBody body = Requests.body(ctx, MembersBody.class);
            ctx.json(conversations.addMembers(me, Requests.id(ctx, "id", NOT_FOUND),
                    noNulls(Requests.required(body.members(), "members"))));
        });
        routes.delete("/api/v1/conversations/{id}/members/{accountId}", ctx -> {
            conversations.removeMember(auth.require(ctx), Requests.id(ctx, "id", NOT_FOUND),
                    Requests.id(ctx, "accountId", "member_not_found"));
            ctx.status(204);
        });
        routes.put("/api/v1/conversations/{id}/members/{accountId}/role", ctx -> {
            Principal me = auth.require(ctx);
            RoleBody body = Requests.body(ctx, RoleBody.class);
            ctx.json(conversations.setRole(me, Requests.id(ctx, "id", NOT_FOUND),
                    Requests.id(ctx, "accountId", "member_not_found"), Requests.required(body.role(), "role")));
        });
        routes.post("/api/v1/conversations/{id}/join", ctx ->
                ctx.json(publicGroups.join(auth.require(ctx), Requests.id(ctx, "id", NOT_FOUND))));
        routes.post("/api/v1/conversations/{id}/leave", ctx -> {
            conversations.leave(auth.require(ctx), Requests.id(ctx, "id", NOT_FOUND));
            ctx.status(204);
        });
        routes.post("/api/v1/conversations/{id}/read", ctx -> {
            Principal me = auth.require(ctx);
            ReadBody body = Requests.body(ctx, ReadBody.class);
            long seq = Requests.required(body.seq(), "seq");
            if (seq < 0) throw ApiException.badRequest("invalid_seq", "seq is a message seq, 0 or more");
            ctx.json(conversations.markRead(me, Requests.id(ctx, "id", NOT_FOUND), seq));
        });
        routes.post("/api/v1/conversations/{id}/messages", ctx -> {
            Principal me = auth.require(ctx);
            SendBody body = Requests.body(ctx, SendBody.class);
            MessageService.Sent sent = messages.send(me, Requests.id(ctx, "id", NOT_FOUND),
                    MessageService.Draft.of(body.clientId(), body.text(), body.mediaId(), body.replyTo()));
            answerSent(ctx, sent);
        });
        routes.patch("/api/v1/messages/{id}", ctx -> {
            Principal me = auth.require(ctx);
            EditBody body = Requests.body(ctx, EditBody.class);
            ctx.json(messages.edit(me, Requests.id(ctx, "id", "message_not_found"), body.text()));
        });
        routes.post("/api/v1/messages/{id}/hide", ctx -> {
            messages.hide(auth.require(ctx), Requests.id(ctx, "id", "message_not_found"));
            ctx.status(204);
        });
        routes.post("/api/v1/messages/{id}/forward", ctx -> {
            Principal me = auth.require(ctx);
            ForwardBody body = Requests.body(ctx, ForwardBody.class);
            long to = Requests.required(body.conversationId(), "conversationId");
            String clientId = body.clientId() != null ? body.clientId() : "forward-" + UUID.randomUUID();
            answerSent(ctx, messages.forward(me, Requests.id(ctx, "id", "message_not_found"), to, clientId));
        });
        routes.get("/api/v1/conversations/{id}/messages", ctx -> {
            Principal me = auth.require(ctx);
            ctx.json(messages.history(me, Requests.id(ctx, "id", NOT_FOUND),
                    Requests.longQuery(ctx, "before"), Requests.intQuery(ctx, "limit")));
        });
        routes.post("/api/v1/messages/{id}/recall", ctx ->
                ctx.json(messages.recall(auth.require(ctx), Requests.id(ctx, "id", "message_not_found"))));
    }

    private static void answerSent(io.javalin.http.Context ctx, MessageService.Sent sent) {
        if (sent.replayed()) ctx.header("Idempotent-Replayed", "true");
        ctx.status(sent.status()).json(sent.message());
    }

    private static List<Long> noNulls(List<Long> ids) {
        if (ids.stream().anyMatch(id -> id == null)) {
            throw ApiException.badRequest("invalid_members", "members are account ids (numbers)");
        }
        return ids;
    }
}
