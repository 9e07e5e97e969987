package org.stoa.server.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.stoa.server.accounts.Account;
import org.stoa.server.appeals.AppealService;
import org.stoa.server.appeals.AppealView;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.Json;
import org.stoa.server.moderation.ReportService;
import org.stoa.server.moderation.ReportService.Report;

/**
 * What moderation has to do with the account, as it reads it in the client:
 * {@code moderation/decisions.json} (every decision about it, each a statement of reasons with its
 * sanction and redress), {@code moderation/sanctions.json}, {@code moderation/appeals.json} and
 * {@code moderation/reports.json} (the appeals and reports it filed).
 */
public final class ModerationSection {

    private static final int PAGE = 200;

    private final Enforcer enforcer;
    private final SanctionManager sanctions;
    private final AppealService appeals;
    private final ReportService reports;

    public ModerationSection(Enforcer enforcer, SanctionManager sanctions, AppealService appeals, ReportService reports) {
        this.enforcer = enforcer;
        this.sanctions = sanctions;
        this.appeals = appeals;
        this.reports = reports;
    }

    void write(Handle h, Account account, ArchiveWriter zip, ViewerPage page) throws IOException {
        page.decisionsStart();
        try (OutputStream out = zip.text("moderation/decisions.json");
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartArray();
            long after = 0;
            for (List<DecisionView> batch; !(batch = enforcer.pageAbout(h, account.id(), after, PAGE)).isEmpty(); ) {
                for (DecisionView v : batch) {
                    json.writeObject(v);
                    page.decision(v);
                }
                after = batch.getLast().decision().id();
            }
            json.writeEndArray();
        }
        List<Sanction> sanctioned = sanctions.history(account.id());
        List<AppealView> appealed = appeals.filedBy(h, account.id());
        List<Report> reported = reports.filedBy(h, account.id());
        zip.json("moderation/sanctions.json", sanctioned);
        zip.json("moderation/appeals.json", appealed);
        zip.json("moderation/reports.json", reported);
        page.moderationEnd(sanctioned, appealed, reported);
    }
}
