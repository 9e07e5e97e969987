package org.stoa.server.moderation;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.Durations;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.Principal;
import org.stoa.server.accounts.Role;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;

/**
 * Moderation over HTTP. For everyone: report, read decisions about you, see your sanctions. For
 * moderators and admins ({@code /api/v1/moderation}): the queue, actions on messages, banks,
 * sanctions, account reviews, the audit log and the policy in force.
 */
public final class ModerationRoutes {

    record ReportBody(Long messageId, Long accountId, String reason) {}

    record ReasonBody(String reason, String ruleId) {}

    record BankBody(String bank, String reason) {}

    record SanctionBody(SanctionKind kind, List<String> features, String duration, String reason) {}

    record DismissBody(Long messageId, Long reportId, String reason) {}

    private final Authenticator auth;
    private final ModerationService moderation;
    private final ReportService reports;
    private final Enforcer enforcer;
    private final SanctionManager sanctions;
    private final AuditLog audit;
    private final PolicyManager policy;
    private final OcrPipeline ocr;
    private final Jdbi reads;

    public ModerationRoutes(Authenticator auth, ModerationService moderation, ReportService reports, Enforcer enforcer,
                            SanctionManager sanctions, AuditLog audit, PolicyManager policy, OcrPipeline ocr, Jdbi reads) {
        this.auth = auth;
        this.moderation = moderation;
        this.reports = reports;
        this.enforcer = enforcer;
        this.sanctions = sanctions;
        this.audit = audit;
        this.policy = policy;
        this.ocr = ocr;
        this.reads = reads;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/reports", ctx -> {
            Principal me = auth.require(ctx);
            ReportBody b = Requests.body(ctx, ReportBody.class);
            ctx.status(201).json(reports.report(me, b.messageId(), b.accountId(), b.reason()));
        });
        routes.get("/api/v1/reports", ctx -> ctx.json(reports.mine(auth.require(ctx))));
        routes.get("/api/v1/decisions/{id}", ctx -> {
            Principal me = auth.require(ctx);
            long id = Requests.id(ctx, "id", "decision_not_found");
            DecisionView d = reads.withHandle(h -> enforcer.view(h, id))
                    .filter(v -> isModerator(me) || v.decision().accountId() == me.accountId() && !"shadow".equals(v.decision().mode()))
                    .orElseThrow(() -> ApiException.notFound("decision_not_found", "no decision " + id + " about you"));
            ctx.json(d);
        });
        routes.get("/api/v1/me/sanctions", ctx -> {
            Principal me = auth.require(ctx);
            ctx.json(Map.of("activeStrikes", sanctions.activeStrikes(me.accountId()), "sanctions", sanctions.active(me.accountId())));
        });
        // Shadow decisions changed nothing for the account; showing them would tell people what is being watched.
        routes.get("/api/v1/me/decisions", ctx -> ctx.json(enforcer.decisionsOf(auth.require(ctx).accountId()).stream()
                .filter(d -> !"shadow".equals(d.mode())).toList()));

        routes.get("/api/v1/moderation/queue", ctx -> {
            auth.requireModerator(ctx);
            ctx.json(moderation.queue());
        });
        routes.post("/api/v1/moderation/messages/{id}/approve", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            ReasonBody b = Requests.body(ctx, ReasonBody.class);
            ctx.json(moderation.approve(mod, Requests.id(ctx, "id", "message_not_found"), b.reason()));
        });
        routes.post("/api/v1/moderation/messages/{id}/remove", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            ReasonBody b = Requests.body(ctx, ReasonBody.class);
            ctx.json(moderation.remove(mod, Requests.id(ctx, "id", "message_not_found"), b.reason(), b.ruleId()));
        });
        routes.post("/api/v1/moderation/messages/{id}/bank", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            BankBody b = Requests.body(ctx, BankBody.class);
            int added = moderation.bankMessageImage(mod, Requests.id(ctx, "id", "message_not_found"),
                    Requests.required(b.bank(), "bank"), b.reason());
            ctx.json(Map.of("bank", b.bank(), "added", added));
        });
        routes.post("/api/v1/moderation/dismissals", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            DismissBody b = Requests.body(ctx, DismissBody.class);
            moderation.dismiss(mod, b.messageId(), b.reportId(), b.reason());
            ctx.status(204);
        });
        routes.get("/api/v1/moderation/banks", ctx -> {
            auth.requireModerator(ctx);
            ctx.json(moderation.banks());
        });
        routes.post("/api/v1/moderation/banks/{bank}/entries", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            String reason = ctx.queryParam("reason");
            byte[] bytes = ctx.bodyInputStream().readNBytes(20 * 1024 * 1024 + 1);
            if (bytes.length > 20 * 1024 * 1024) throw new ApiException(413, "body_too_large", "images are at most 20 MB");
            int added = moderation.bankFile(mod, ctx.pathParam("bank"), bytes, reason);
            ctx.status(201).json(Map.of("bank", ctx.pathParam("bank"), "added", added));
        });
        routes.get("/api/v1/moderation/banks/{bank}/entries", ctx -> {
            auth.requireModerator(ctx);
            Integer offset = Requests.intQuery(ctx, "offset");
            Integer limit = Requests.intQuery(ctx, "limit");
            int n = limit == null ? 100 : limit;
            if (n < 1 || n > 1000 || (offset != null && offset < 0)) {
                throw ApiException.badRequest("invalid_page", "offset is 0 or more, limit 1 to 1000");
            }
            ctx.json(moderation.bankEntries(ctx.pathParam("bank"), offset == null ? 0 : offset, n));
        });
        routes.delete("/api/v1/moderation/banks/{bank}/entries/{type}/{hex}", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            if (!moderation.unbank(mod, ctx.pathParam("bank"), ctx.pathParam("type"), ctx.pathParam("hex"), ctx.queryParam("reason"))) {
                throw ApiException.notFound("entry_not_found", "the bank has no such entry");
            }
            ctx.status(204);
        });
        routes.get("/api/v1/moderation/accounts", ctx -> {
            auth.requireModerator(ctx);
            String username = ctx.queryParam("username");
            if (username == null || username.isBlank()) throw ApiException.badRequest("missing_username", "give ?username=");
            ctx.json(moderation.account(moderation.findAccount(username).id()));
        });
        routes.get("/api/v1/moderation/accounts/{id}", ctx -> {
            auth.requireModerator(ctx);
            ctx.json(moderation.account(Requests.id(ctx, "id", "account_not_found")));
        });
        routes.post("/api/v1/moderation/accounts/{id}/sanctions", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            SanctionBody b = Requests.body(ctx, SanctionBody.class);
            ctx.status(201).json(moderation.sanction(mod, Requests.id(ctx, "id", "account_not_found"),
                    Requests.required(b.kind(), "kind"), features(b.features()), duration(b.duration()), b.reason()));
        });
        routes.post("/api/v1/moderation/sanctions/{id}/lift", ctx -> {
            Principal mod = auth.requireModerator(ctx);
            ReasonBody b = Requests.body(ctx, ReasonBody.class);
            ctx.json(moderation.lift(mod, Requests.id(ctx, "id", "sanction_not_found"), b.reason()));
        });
        routes.get("/api/v1/moderation/audit", ctx -> {
            auth.requireModerator(ctx);
            Integer limit = Requests.intQuery(ctx, "limit");
            int n = limit == null ? 100 : limit;
            if (n < 1 || n > 1000) throw ApiException.badRequest("invalid_limit", "limit is 1 to 1000");
            ctx.json(audit.read(new AuditLog.Filter(Requests.longQuery(ctx, "actor"), Requests.longQuery(ctx, "account"),
                    ctx.queryParam("rule"), instant(ctx, "from"), instant(ctx, "to"), n)));
        });
        routes.get("/api/v1/moderation/policy", ctx -> {
            auth.requireModerator(ctx);
            ctx.json(PolicyView.of(policy.policy(), enforcer.shadowHits(), ocr.status()));
        });
    }

    private boolean isModerator(Principal p) {
        return p.role() != Role.USER;
    }

    private static Set<Feature> features(List<String> names) {
        if (names == null) return Set.of();
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        for (String n : names) {
            out.add(WireName.parse(Feature.class, n).orElseThrow(() -> ApiException.badRequest("invalid_feature",
                    "'" + n + "' is not a feature; use " + WireName.choices(Feature.class))));
        }
        return out;
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
}
