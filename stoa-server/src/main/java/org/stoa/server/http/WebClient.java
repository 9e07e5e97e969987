package org.stoa.server.http;

import io.javalin.config.StaticFilesConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The browser chat client: plain HTML, CSS and JavaScript modules from the jar's {@code /web}
 * folder, served at {@code /}. Nothing is built or installed for it; the server jar is the client.
 */
public final class WebClient {

    /**
     * Headers on every file of the client. The file names carry no content hash, so browsers must
     * revalidate each time ({@code no-cache} with the handler's ETag: a 304 when unchanged) or an
     * upgraded server would run with yesterday's scripts. The policy allows only this origin, plus
     * {@code blob:} images, which is how the client shows media it fetched with its token.
     */
    static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "Content-Security-Policy", "default-src 'self'; img-src 'self' blob:; object-src 'none'; base-uri 'none'; "
                    + "form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin");

    private WebClient() {}

    public static void serve(StaticFilesConfig staticFiles) {
        staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }
}
