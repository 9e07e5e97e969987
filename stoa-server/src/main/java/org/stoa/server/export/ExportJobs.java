package org.stoa.server.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.storage.Writer;

/**
 * Runs export builds on {@link ExportWorkers} and keeps exports true across restarts and time. An
 * archive is written under a temporary name and renamed when sealed, then recorded ready; a build
 * cut short by a stop leaves its export preparing, and the next start builds it again (a build
 * that never finishes, after {@value #MAX_ATTEMPTS} starts, fails with a reason instead of staying
 * "preparing"). Archives are deleted 7 days after they are ready: checked every hour and whenever
 * exports are read, so a deadline never waits on the timer.
 *
 * <p>On a cluster the folder is shared and any node may take a waiting export: a build claims it
 * with a lease of {@link #LEASE}, renewed while it runs, and every node looks every
 * {@link #ADOPT_EVERY} for waiting exports whose lease lapsed (their node died, or never got to
 * them), so each export is built once, by one node, and none waits for a particular node's restart.
 */
public final class ExportJobs implements AutoCloseable {

    static final Duration KEPT_FOR = Duration.ofDays(7);
    static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration ADOPT_EVERY = Duration.ofSeconds(20);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Jdbi reads;
    private final Writer writer;
    private final ExportStore store;
    private final AccountArchive archive;
    private final Path dir;
    private final ExportWorkers workers = new ExportWorkers();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final Map<Long, ExportProgress> building = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Other nodes share the folder and the exports: builds hold leases, and orphans are looked for. */
    private final boolean clustered;
    private ScheduledExecutorService timer;

    public ExportJobs(Jdbi reads, Writer writer, ExportStore store, AccountArchive archive, Path dir, Clock clock,
                      boolean clustered) {
        this.reads = reads;
        this.writer = writer;
        this.store = store;
        this.archive = archive;
        this.dir = dir;
        this.clock = clock;
        this.clustered = clustered;
    }

    /** Cleans up what a stop left behind, builds again what it interrupted, and starts the expiry timer. */
    public void start() {
        try {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------")); // people's private data
            }
            if (!clustered) { // alone, no build runs anywhere: what a stop left half-written goes
                try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*.part")) {
                    for (Path p : leftovers) Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the exports folder " + dir, e);
        }
        adoptWaiting();
        sweep();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("export-timer").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("deleting expired exports failed: {}", e.toString());
            }
        }, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        if (clustered) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    renewLeases();
                    adoptWaiting();
                } catch (RuntimeException e) {
                    log.warn("checking the exports being prepared failed: {}", e.toString());
                }
            }, ADOPT_EVERY.toMillis(), ADOPT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Queues the exports waiting to be prepared that no node holds: at start (alone, every one a stop
     * interrupted), and on a cluster each {@link #ADOPT_EVERY}.
     */
    private void adoptWaiting() {
        for (Export e : reads.withHandle(h -> store.unclaimed(h, clock.millis()))) {
            if (queued.contains(e.id())) continue;
            if (e.attempts() >= MAX_ATTEMPTS) {
                fail(e.id(), "the server stopped " + e.attempts() + " times while preparing it; ask for a new one");
                deleteQuietly(dir.resolve(e.id() + ".zip.part"));
                deleteQuietly(dir.resolve(e.id() + ".index.html.part"));
            } else if (!submit(e.id())) {
                fail(e.id(), "the server had too many exports to prepare after a restart; ask for a new one");
            } else if (e.attempts() > 0) {
                log.info("export {} was interrupted by a stop; preparing it again", e.id());
            }
        }
    }

    private void renewLeases() {
        if (building.isEmpty()) return;
        List<Long> ids = List.copyOf(building.keySet());
        writer.execute(tx -> {
            store.renew(tx, ids, tx.now() + LEASE.toMillis());
            return null;
        });
    }

    /** Queues the build of {@code exportId} (once, however often asked); false when the queue is full. */
    boolean submit(long exportId) {
        if (!queued.add(exportId)) return true;
        if (workers.offer(() -> build(exportId))) return true;
        queued.remove(exportId);
        return false;
    }

    /** How far the build of {@code exportId} has come, while it runs. */
    Optional<Integer> progress(long exportId) {
        return Optional.ofNullable(building.get(exportId)).map(ExportProgress::percent);
    }

    /** Where a ready export's archive is. */
    Path archiveOf(long exportId) {
        return dir.resolve(exportId + ".zip");
    }

    void fail(long exportId, String reason) {
        writer.execute(tx -> {
            store.fail(tx, exportId, reason);
            return null;
        });
    }

    /** Expires ready exports past their 7 days and deletes their archives; a read that finds none costs no write. */
    void sweep() {
        if (!reads.withHandle(h -> store.anyDueToExpire(h, clock.millis()))) return;
        for (long id : writer.execute(store::expire)) {
            try {
                Files.deleteIfExists(archiveOf(id));
            } catch (IOException e) {
                log.warn("cannot delete the expired archive {}: {}", archiveOf(id), e.toString());
            }
        }
    }

    private void build(long id) {
        // Alone, a lease is moot (nobody else builds) and lapses at once, so a restart takes the export back.
        Optional<Export> started = writer.execute(tx -> store.start(tx, id, clustered ? tx.now() + LEASE.toMillis() : tx.now()));
        if (started.isEmpty()) {
            queued.remove(id);
            return;
        }
        ExportProgress progress = new ExportProgress();
        building.put(id, progress);
        Path part = dir.resolve(id + ".zip.part");
        Path viewer = dir.resolve(id + ".index.html.part");
        long begun = System.nanoTime();
        try {
            Seal.Sealed sealed = archive.write(started.get().accountId(), part, viewer, progress);
            Files.move(part, archiveOf(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            writer.execute(tx -> {
                store.ready(tx, id, sealed.size(), sealed.sha256(), tx.now() + KEPT_FOR.toMillis());
                return null;
            });
            log.info("export {} ready: {} bytes in {} ms", id, sealed.size(), (System.nanoTime() - begun) / 1_000_000);
        } catch (Exception e) {
            if (stopping(e)) {
                log.info("export {} stopped with the server; it is prepared again on the next start", id);
                if (clustered) release(id);
            } else {
                log.error("export {} failed", id, e);
                fail(id, "something went wrong while preparing it; ask for a new one (the server's log says what)");
            }
        } finally {
            building.remove(id);
            queued.remove(id);
            deleteQuietly(part);
            deleteQuietly(viewer);
        }
    }

    /** Lets another node take over at once the export this stopping node was building. */
    private void release(long id) {
        try {
            writer.execute(tx -> {
                store.release(tx, id);
                return null;
            });
        } catch (RuntimeException e) {
            log.info("export {} is taken over when its lease lapses: {}", id, e.toString()); // the writer is closing too
        }
    }

    /** The build was interrupted because the server is stopping, not because something is wrong. */
    private static boolean stopping(Exception e) {
        return Thread.currentThread().isInterrupted() || e instanceof CancellationException || e instanceof ClosedByInterruptException
                || e.getCause() instanceof CancellationException || e.getCause() instanceof ClosedByInterruptException;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", p, e.toString());
        }
    }

    /** Stops the build running (redone on the next start) and the timer. */
    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
        workers.close();
    }
}
