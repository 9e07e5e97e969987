package org.stoa.server.transparency;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.http.ApiException;

/**
 * {@code /api/v1/transparency}: the report (JSON or CSV) and, for admins, the statements of reasons
 * as JSON lines. Routes read the request and call the service, which decides who may read what.
 */
public final class TransparencyRoutes {

    private final Authenticator auth;
    private final TransparencyService transparency;

    public TransparencyRoutes(Authenticator auth, TransparencyService transparency) {
        this.auth = auth;
        this.transparency = transparency;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/transparency/report", ctx -> {
            ReportPeriod period = period(ctx);
            boolean csv = csv(ctx.queryParam("format"));
            TransparencyReport report = transparency.report(() -> auth.require(ctx), ctx.ip(), period);
            if (!csv) {
                ctx.json(report);
                return;
            }
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"stoa-transparency-" + period.from() + "-" + period.to() + ".csv\"");
            ctx.result(transparency.csv(report));
        });
        routes.get("/api/v1/transparency/statements", ctx -> {
            TransparencyService.Statements statements = transparency.statements(auth.require(ctx), period(ctx));
            ctx.contentType("application/x-ndjson; charset=utf-8");
            try (OutputStream out = new BufferedOutputStream(ctx.outputStream())) {
                statements.writeTo(out);
            }
        });
    }

    private static ReportPeriod period(Context ctx) {
        return ReportPeriod.parse(ctx.queryParam("from"), ctx.queryParam("to"));
    }

    private static boolean csv(String format) {
        if (format == null || format.equals("json")) return false;
        if (format.equals("csv")) return true;
        throw ApiException.badRequest("invalid_format", "format is json (the default) or csv");
    }
}
