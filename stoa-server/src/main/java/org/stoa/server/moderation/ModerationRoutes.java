package org.stoa.server.moderation;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.stoa.engine.policy.Durations;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;

/**
 * Moderation over HTTP. For everyone: report, read decisions about you, see your sanctions. For
 * moderators and admins ({@code /api/v1/moderation}): the queue, actions on messages, banks,
 * sanctions, account reviews, the audit log and the policy in force. Routes read the request and
 * call a service; the services decide who may do what.
 */
public final class ModerationRoutes {

    record ReportBody(Long messageId, Long accountId, String reason) {}

    record ReasonBody(String reason, String ruleId) {}

    record BankBody(String bank, String reason) {}

    record SanctionBody(SanctionKind kind, List<String> features, String duration, String reason, String ruleId,
                        Boolean endSessions) {}

    record DismissBody(Long messageId, Long reportId, String reason) {}

    private static final int MAX_IMAGE = 20 * 1024 * 1024;

    private final Authenticator auth;
    private final ReportService reports;
    private final SafetyService safety;
    private final ReviewQueue queue;
    private final MessageActions messages;
    private final BankService banks;
    private final AccountModeration accounts;
    private final AuditReader audit;
    private final PolicyOverview policy;
    private final Staff staff;

    public ModerationRoutes(Authenticator auth, ReportService reports, SafetyService safety, ReviewQueue queue,
                            MessageActions messages, BankService banks, AccountModeration accounts, AuditReader audit,
                            PolicyOverview policy, Staff staff) {
        this.auth = auth;
        this.reports = reports;
        this.safety = safety;
        this.queue = queue;
        this.messages = messages;
        this.banks = banks;
        this.accounts = accounts;
        this.audit = audit;
        this.policy = policy;
        this.staff = staff;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/reports", ctx -> {
            Principal me = auth.require(ctx);
            ReportBody b = Requests.body(ctx, ReportBody.class);
            ctx.status(201).json(reports.report(me, b.messageId(), b.accountId(), b.reason()));
        });
        routes.get("/api/v1/reports", ctx -> ctx.json(reports.mine(auth.require(ctx))));
        routes.get("/api/v1/decisions/{id}", ctx ->
                ctx.json(safety.decision(auth.require(ctx), Requests.id(ctx, "id", "decision_not_found"))));
        routes.get("/api/v1/me/sanctions", ctx -> ctx.json(safety.standing(auth.require(ctx))));
        routes.get("/api/v1/me/decisions", ctx -> ctx.json(safety.decisions(auth.require(ctx))));
        routes.post("/api/v1/me/warnings/{decisionId}/acknowledge", ctx ->
                ctx.json(safety.acknowledgeWarning(auth.require(ctx), Requests.id(ctx, "decisionId", "warning_not_found"))));

        routes.get("/api/v1/moderation/queue", ctx -> ctx.json(queue.items(auth.require(ctx))));
        routes.post("/api/v1/moderation/messages/{id}/approve", ctx -> {
            Principal me = auth.require(ctx);
            ReasonBody b = Requests.body(ctx, ReasonBody.class);
            ctx.json(messages.approve(me, Requests.id(ctx, "id", "message_not_found"), b.reason()));
        });
        routes.post("/api/v1/moderation/messages/{id}/remove", ctx -> {
            Principal me = auth.require(ctx);
            ReasonBody b = Requests.body(ctx, ReasonBody.class);
            ctx.json(messages.remove(me, Requests.id(ctx, "id", "message_not_found"), b.reason(), b.ruleId()));
        });
        routes.post("/api/v1/moderation/messages/{id}/bank", ctx -> {
            Principal me = auth.require(ctx);
            BankBody b = Requests.body(ctx, BankBody.class);
            int added = banks.bankMessageImage(me, Requests.id(ctx, "id", "message_not_found"),
                    Requests.required(b.bank(), "bank"), b.reason());
            ctx.json(Map.of("bank", b.bank(), "added", added));
        });
        routes.post("/api/v1/moderation/dismissals", ctx -> {
            Principal me = auth.require(ctx);
            DismissBody b = Requests.body(ctx, DismissBody.class);
            queue.dismiss(me, b.messageId(), b.reportId(), b.reason());
            ctx.status(204);
        });
        routes.get("/api/v1/moderation/banks", ctx -> ctx.json(banks.summaries(auth.require(ctx))));
        routes.post("/api/v1/moderation/banks/{bank}/entries", ctx -> {
            Principal me = auth.require(ctx);
            staff.require(me); // before reading a body of up to 20 MB
            if (ctx.contentLength() > MAX_IMAGE) throw imageTooLarge();
            byte[] bytes = ctx.bodyInputStream().readNBytes(MAX_IMAGE + 1);
            if (bytes.length > MAX_IMAGE) throw imageTooLarge();
            int added = banks.bankFile(me, ctx.pathParam("bank"), bytes, ctx.queryParam("reason"));
            ctx.status(201).json(Map.of("bank", ctx.pathParam("bank"), "added", added));
        });
        routes.get("/api/v1/moderation/banks/{bank}/entries", ctx -> {
            Principal me = auth.require(ctx);
            Integer offset = Requests.intQuery(ctx, "offset");
            Integer limit = Requests.intQuery(ctx, "limit");
            int n = limit == null ? 100 : limit;
            if (n < 1 || n > 1000 || (offset != null && offset < 0)) {
                throw ApiException.badRequest("invalid_page", "offset is 0 or more, limit 1 to 1000");
            }
            ctx.json(banks.entries(me, ctx.pathParam("bank"), offset == null ? 0 : offset, n));
        });
        routes.delete("/api/v1/moderation/banks/{bank}/entries/{type}/{hex}", ctx -> {
            Principal me = auth.require(ctx);
            if (!banks.unbank(me, ctx.pathParam("bank"), ctx.pathParam("type"), ctx.pathParam("hex"), ctx.queryParam("reason"))) {
                throw ApiException.notFound("entry_not_found", "the bank has no such entry");
            }
            ctx.status(204);
        });
        routes.get("/api/v1/moderation/accounts", ctx -> ctx.json(accounts.review(auth.require(ctx), ctx.queryParam("username"))));
        routes.get("/api/v1/moderation/accounts/{id}", ctx ->
                ctx.json(accounts.review(auth.require(ctx), Requests.id(ctx, "id", "account_not_found"))));
        routes.post("/api/v1/moderation/accounts/{id}/sanctions", ctx -> {
            Principal me = auth.require(ctx);
            SanctionBody b = Requests.body(ctx, SanctionBody.class);
            ctx.status(201).json(accounts.sanction(me, Requests.id(ctx, "id", "account_not_found"),
                    Requests.required(b.kind(), "kind"), FeatureNames.parse(b.features()), duration(b.duration()), b.reason(),
                    b.ruleId(), Boolean.TRUE.equals(b.endSessions())));
        });
        routes.post("/api/v1/moderation/sanctions/{id}/lift", ctx -> {
            Principal me = auth.require(ctx);
            ReasonBody b = Requests.body(ctx, ReasonBody.class);
            ctx.json(accounts.lift(me, Requests.id(ctx, "id", "sanction_not_found"), b.reason()));
        });
        routes.get("/api/v1/moderation/audit", ctx -> {
            Principal me = auth.require(ctx);
            Integer limit = Requests.intQuery(ctx, "limit");
            ctx.json(audit.read(me, new AuditLog.Filter(Requests.longQuery(ctx, "actor"), Requests.longQuery(ctx, "account"),
                    ctx.queryParam("rule"), instant(ctx, "from"), instant(ctx, "to"), limit == null ? 100 : limit)));
        });
        routes.get("/api/v1/moderation/policy", ctx -> ctx.json(policy.view(auth.require(ctx))));
    }

    private static Duration duration(String s) {
        if (s == null) return null;
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_duration", "duration: " + e.getMessage());
        }
    }

    private static Instant instant(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return null;
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_" + name, name + " is an ISO-8601 time such as 2026-11-21T10:00:00Z");
        }
    }

    private static ApiException imageTooLarge() {
        return new ApiException(413, "body_too_large", "images are at most 20 MB");
    }
}
