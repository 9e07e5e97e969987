package org.stoa.server.export;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.file.Files;
import java.util.Map;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.Requests;

/**
 * Exports over HTTP ({@code /api/v1/me/exports}) and the deployment's public signing keys
 * ({@code /.well-known/stoa/keys}, a JSON Web Key Set) that check an archive's signature.
 */
public final class ExportRoutes {

    private final Authenticator auth;
    private final ExportService exports;
    private final PublishedKeys keys;

    public ExportRoutes(Authenticator auth, ExportService exports, PublishedKeys keys) {
        this.auth = auth;
        this.exports = exports;
        this.keys = keys;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/me/exports", ctx -> ctx.status(202).json(exports.request(auth.require(ctx))));
        routes.get("/api/v1/me/exports", ctx -> ctx.json(exports.mine(auth.require(ctx))));
        routes.get("/api/v1/me/exports/{id}", ctx ->
                ctx.json(exports.get(auth.require(ctx), Requests.id(ctx, "id", "export_not_found"))));
        routes.get("/api/v1/me/exports/{id}/archive", ctx -> {
            Principal me = auth.require(ctx);
            ExportService.Download d = exports.archive(me, Requests.id(ctx, "id", "export_not_found"));
            ctx.header("Content-Disposition", "attachment; filename=\"" + d.filename() + "\"");
            ctx.header("Cache-Control", "private, no-store");
            ctx.writeSeekableStream(Files.newInputStream(d.file()), "application/zip", d.size());
        });
        routes.get("/.well-known/stoa/keys", ctx -> {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.json(Map.of("keys", keys.all()));
        });
    }
}
