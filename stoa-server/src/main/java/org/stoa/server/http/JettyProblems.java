package org.stoa.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers as problem documents: requests Jetty refuses before any route sees them
 * (a malformed request line, a bad or ambiguous URI, headers or a URI too long) and errors raised
 * below the routes. Jetty would write an HTML page; every client of this server expects
 * {@code application/problem+json} with a stable {@code code}. No stack, no server details.
 */
final class JettyProblems extends ErrorHandler {

    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        response.getHeaders().put(CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(json(code, message)), callback);
        return true;
    }

    private static byte[] json(int status, String reason) {
        String why = reason == null || reason.isBlank() ? "" : ": " + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
        String detail = "the server could not take this request (HTTP " + status + why + ")";
        return Problems.toJson(new ApiException(status, Problems.codeFor(status), detail)).getBytes(StandardCharsets.UTF_8);
    }
}
