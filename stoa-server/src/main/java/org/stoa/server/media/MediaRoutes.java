package org.stoa.server.media;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.nio.file.Files;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;

/** {@code /api/v1/media}: raw image uploads and downloads. */
public final class MediaRoutes {

    record UploadView(String id, String sha256, int width, int height, String contentType, long size) {}

    private final MediaService media;
    private final Authenticator auth;

    public MediaRoutes(MediaService media, Authenticator auth) {
        this.media = media;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/media", ctx -> {
            Principal me = auth.require(ctx);
            MediaRecord r = media.upload(me, ctx.contentType(), ctx.contentLength(), ctx.bodyInputStream());
            ctx.status(201).json(new UploadView(r.id(), r.sha256(), r.width(), r.height(), r.contentType(), r.sizeBytes()));
        });
        routes.get("/api/v1/media/{id}", ctx -> {
            Principal me = auth.require(ctx);
            String id = ctx.pathParam("id");
            MediaRecord r = media.accessible(me, id)
                    .orElseThrow(() -> ApiException.notFound("media_not_found", "no image " + id + " that you can see"));
            ctx.contentType(r.contentType());
            ctx.header("Cache-Control", "private, max-age=31536000, immutable");
            ctx.header("ETag", "\"" + r.sha256() + "\"");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Disposition", "inline");
            try {
                ctx.result(Files.newInputStream(media.files().path(r.sha256())));
            } catch (IOException e) {
                throw new ApiException(410, "media_gone", "the image file is missing on the server");
            }
        });
    }
}
