package org.stoa.server.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.policy.WireName;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.storage.Writer;

/**
 * Taking one's data along: ask for an export, follow it, download the archive. Every account may,
 * in every sanction state: nothing here asks what a sanction takes away, because a sanction never
 * takes away one's own data. One export a day per account (one that failed does not count); each
 * export is its account's alone, and anyone else gets a 404 as if it did not exist.
 */
public final class ExportService {

    static final Duration ONE_PER = Duration.ofHours(24);

    /** A ready archive to send: its file, size and SHA-256, and the name to save it under. */
    public record Download(Path file, long size, String sha256, String filename) {}

    private final Jdbi reads;
    private final Writer writer;
    private final ExportStore store;
    private final ExportJobs jobs;
    private final Clock clock;

    public ExportService(Jdbi reads, Writer writer, ExportStore store, ExportJobs jobs, Clock clock) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Starts an export of everything of {@code me}'s; a 429 {@code export_too_soon} within a day of the last. */
    public ExportView request(Principal me) {
        Export e = writer.execute(tx -> {
            Optional<Export> recent = store.latestCountedSince(tx.handle(), me.accountId(), tx.now() - ONE_PER.toMillis());
            if (recent.isPresent()) throw tooSoon(recent.get(), Instant.ofEpochMilli(tx.now()));
            return store.find(tx.handle(), store.insert(tx, me.accountId())).orElseThrow();
        });
        if (!jobs.submit(e.id())) {
            jobs.fail(e.id(), "the server was too busy preparing other exports; ask again in a while");
            throw ApiException.retryLater(503, "server_busy",
                    "the server is preparing many exports at the moment; ask again in a few minutes", Duration.ofMinutes(5), Map.of());
        }
        return ExportView.of(e, clock.instant(), 0);
    }

    private static ApiException tooSoon(Export last, Instant now) {
        Instant next = last.requestedAt().plus(ONE_PER);
        return ApiException.retryLater(429, "export_too_soon", "you can ask for one export a day: your last was at "
                + last.requestedAt() + ", so the next can be asked for at " + next + " (export " + last.id() + " is "
                + status(last, now) + ")", Duration.between(now, next), Map.of("availableAt", next, "exportId", last.id()));
    }

    private static String status(Export e, Instant now) {
        return WireName.of(ExportView.of(e, now, null).status());
    }

    /** {@code me}'s exports, newest first. */
    public List<ExportView> mine(Principal me) {
        jobs.sweep();
        Instant now = clock.instant();
        return reads.withHandle(h -> store.ofAccount(h, me.accountId())).stream()
                .map(e -> ExportView.of(e, now, jobs.progress(e.id()).orElse(null))).toList();
    }

    public ExportView get(Principal me, long exportId) {
        jobs.sweep();
        Export e = mine(me, exportId);
        return ExportView.of(e, clock.instant(), jobs.progress(e.id()).orElse(null));
    }

    /**
     * The archive, once ready: a 409 while it is being prepared or if it failed, a 410 once it
     * expired (deleted after 7 days).
     */
    public Download archive(Principal me, long exportId) {
        jobs.sweep();
        Export e = mine(me, exportId);
        Instant now = clock.instant();
        Path file = jobs.archiveOf(e.id());
        if (e.expiredAt(now) || (e.status() == ExportStatus.READY && !Files.isRegularFile(file))) {
            throw new ApiException(410, "export_expired", "export " + e.id() + " was kept until " + e.expiresAt()
                    + " and is deleted; ask for a new one", Map.of("expiredAt", e.expiresAt()));
        }
        return switch (e.status()) {
            case READY -> new Download(file, e.size(), e.sha256(),
                    "stoa-export-" + me.username() + "-" + e.readyAt().atZone(ZoneOffset.UTC).toLocalDate() + ".zip");
            case PREPARING -> {
                int progress = jobs.progress(e.id()).orElse(0);
                throw new ApiException(409, "export_not_ready", "export " + e.id() + " is still being prepared (" + progress
                        + "% done); its status says when it is ready", Map.of("status", "preparing", "progress", progress));
            }
            case FAILED -> throw new ApiException(409, "export_failed", "export " + e.id() + " failed: " + e.failure(),
                    Map.of("status", "failed"));
            case EXPIRED -> throw new IllegalStateException("expired exports are handled above");
        };
    }

    private Export mine(Principal me, long exportId) {
        return reads.withHandle(h -> store.find(h, exportId)).filter(e -> e.accountId() == me.accountId())
                .orElseThrow(() -> ApiException.notFound("export_not_found", "you have no export " + exportId));
    }
}
