package org.stoa.server.media;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.nio.file.Files;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;

/** {@code /api/v1/media}: raw image and file uploads and downloads. */
public final class MediaRoutes {

    record UploadView(String id, MediaKind kind, String sha256, Integer width, Integer height, String contentType, long size,
                      String name) {

        static UploadView of(MediaRecord r) {
            boolean image = r.kind() == MediaKind.IMAGE;
            return new UploadView(r.id(), r.kind(), r.sha256(), image ? r.width() : null, image ? r.height() : null,
                    r.contentType(), r.sizeBytes(), r.fileName());
        }
    }

    private final MediaService media;
    private final Authenticator auth;

    public MediaRoutes(MediaService media, Authenticator auth) {
        this.media = media;
        this.auth = auth;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/media", ctx -> {
            Principal me = auth.require(ctx);
            MediaRecord r = media.upload(me, ctx.contentType(), ctx.queryParam("name"), ctx.contentLength(), ctx::bodyInputStream);
            ctx.status(201).json(UploadView.of(r));
        });
        routes.get("/api/v1/media/{id}", ctx -> {
            Principal me = auth.require(ctx);
            String id = ctx.pathParam("id");
            MediaRecord r = media.accessible(me, id)
                    .orElseThrow(() -> ApiException.notFound("media_not_found", "no image " + id + " that you can see"));
            ctx.header("Cache-Control", "private, max-age=31536000, immutable");
            ctx.header("ETag", "\"" + r.sha256() + "\"");
            ctx.header("X-Content-Type-Options", "nosniff");
            if (r.kind() == MediaKind.IMAGE) {
                ctx.contentType(r.contentType());
                ctx.header("Content-Disposition", "inline");
            } else {
                // A file is only ever saved, never opened in the page: nothing in it runs here.
                ctx.contentType(r.contentType().equals("text/plain") ? "text/plain; charset=utf-8" : r.contentType());
                ctx.header("Content-Disposition", ContentDisposition.attachment(r.fileName()));
                ctx.header("Content-Security-Policy", "sandbox");
            }
            try {
                ctx.result(Files.newInputStream(media.files().path(r.sha256())));
            } catch (IOException e) {
                throw new ApiException(410, "media_gone", "the image file is missing on the server");
            }
        });
    }
}
