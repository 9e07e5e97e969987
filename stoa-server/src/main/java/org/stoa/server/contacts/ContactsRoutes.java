package org.stoa.server.contacts;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;

/** {@code /api/v1/contacts} and {@code /api/v1/blocks}. */
public final class ContactsRoutes {

    record RequestBody(String username) {}

    record BlockBody(Long accountId) {}

    record RequestsView(List<ContactRequestView> incoming, List<ContactRequestView> outgoing) {}

    private final ContactManager contacts;
    private final Authenticator auth;

    public ContactsRoutes(ContactManager contacts, Authenticator auth) {
        this.contacts = contacts;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/contacts/requests", ctx -> {
            Principal me = auth.require(ctx);
            RequestBody body = Requests.body(ctx, RequestBody.class);
            ContactRequestView view = contacts.request(me, Requests.required(body.username(), "username"));
            ctx.status(201).json(view);
        });
        routes.get("/api/v1/contacts/requests", ctx -> {
            Principal me = auth.require(ctx);
            List<ContactRequestView> all = contacts.pendingRequests(me);
            ctx.json(new RequestsView(
                    all.stream().filter(r -> r.to().id() == me.accountId()).toList(),
                    all.stream().filter(r -> r.from().id() == me.accountId()).toList()));
        });
        routes.post("/api/v1/contacts/requests/{id}/accept", ctx ->
                ctx.json(contacts.accept(auth.require(ctx), Requests.id(ctx, "id", "request_not_found"))));
        routes.post("/api/v1/contacts/requests/{id}/decline", ctx ->
                ctx.json(contacts.decline(auth.require(ctx), Requests.id(ctx, "id", "request_not_found"))));
        routes.delete("/api/v1/contacts/requests/{id}", ctx ->
                ctx.json(contacts.cancel(auth.require(ctx), Requests.id(ctx, "id", "request_not_found"))));
        routes.get("/api/v1/contacts", ctx -> ctx.json(contacts.contacts(auth.require(ctx))));
        routes.delete("/api/v1/contacts/{accountId}", ctx -> {
            contacts.remove(auth.require(ctx), Requests.id(ctx, "accountId", "contact_not_found"));
            ctx.status(204);
        });
        routes.post("/api/v1/blocks", ctx -> {
            Principal me = auth.require(ctx);
            BlockBody body = Requests.body(ctx, BlockBody.class);
            ctx.status(201).json(contacts.block(me, Requests.required(body.accountId(), "accountId")));
        });
        routes.get("/api/v1/blocks", ctx -> ctx.json(contacts.blocks(auth.require(ctx))));
        routes.delete("/api/v1/blocks/{accountId}", ctx -> {
            contacts.unblock(auth.require(ctx), Requests.id(ctx, "accountId", "block_not_found"));
            ctx.status(204);
        });
    }
}
