package org.stoa.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.bank.HashBanks;
import org.stoa.engine.image.ImageDecoder;
import org.stoa.engine.image.ImageHasher;
import org.stoa.engine.ocr.OcrService;
import org.stoa.engine.ocr.OcrSettings;
import org.stoa.engine.ocr.OcrStatus;
import org.stoa.engine.policy.PolicyException;
import org.stoa.engine.review.ContentReview;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.appeals.AppealDeadlines;
import org.stoa.server.appeals.AppealDecisions;
import org.stoa.server.appeals.AppealReview;
import org.stoa.server.appeals.AppealRoutes;
import org.stoa.server.appeals.AppealService;
import org.stoa.server.appeals.AppealStore;
import org.stoa.server.appeals.Reversal;
import org.stoa.server.appeals.Reviewers;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.AccountsRoutes;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.PasswordHasher;
import org.stoa.server.accounts.SessionRoutes;
import org.stoa.server.channels.Channels;
import org.stoa.server.config.StoaConfig;
import org.stoa.server.contacts.ContactManager;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.contacts.ContactsRoutes;
import org.stoa.server.conversations.ConversationManager;
import org.stoa.server.conversations.ConversationStore;
import org.stoa.server.conversations.ConversationsRoutes;
import org.stoa.server.conversations.GroupSettings;
import org.stoa.server.conversations.Typing;
import org.stoa.server.conversations.Memberships;
import org.stoa.server.conversations.PublicGroups;
import org.stoa.server.conversations.MessageModeration;
import org.stoa.server.conversations.MessageService;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.conversations.RefusedMessages;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.enforcement.DecisionStore;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.deletion.AccountDeletion;
import org.stoa.server.deletion.DeletionRoutes;
import org.stoa.server.directory.Directory;
import org.stoa.server.directory.DirectoryRoutes;
import org.stoa.server.export.AccountArchive;
import org.stoa.server.export.ConversationSection;
import org.stoa.server.export.ExportJobs;
import org.stoa.server.export.PublishedKeys;
import org.stoa.server.export.ExportRoutes;
import org.stoa.server.export.ExportService;
import org.stoa.server.export.ExportStore;
import org.stoa.server.export.ModerationSection;
import org.stoa.server.export.PeopleSection;
import org.stoa.server.export.ServerKey;
import org.stoa.server.http.ApiServer;
import org.stoa.server.http.SystemRoutes;
import org.stoa.server.invites.InviteRoutes;
import org.stoa.server.invites.InviteService;
import org.stoa.server.limits.CpuPools;
import org.stoa.server.limits.Limits;
import org.stoa.server.media.MediaFiles;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaRoutes;
import org.stoa.server.media.MediaService;
import org.stoa.server.media.MediaStore;
import org.stoa.server.moderation.AccountModeration;
import org.stoa.server.moderation.AdminRoutes;
import org.stoa.server.moderation.AuditReader;
import org.stoa.server.moderation.BankJournal;
import org.stoa.server.moderation.BankService;
import org.stoa.server.moderation.FreshReview;
import org.stoa.server.moderation.MessageActions;
import org.stoa.server.moderation.ModerationRoutes;
import org.stoa.server.moderation.OcrPipeline;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.moderation.PolicyOverview;
import org.stoa.server.moderation.ReportService;
import org.stoa.server.moderation.ReviewQueue;
import org.stoa.server.moderation.SafetyService;
import org.stoa.server.moderation.Staff;
import org.stoa.server.moderation.VisibleMessages;
import org.stoa.server.moves.AliasService;
import org.stoa.server.moves.AliasStore;
import org.stoa.server.moves.MoveCards;
import org.stoa.server.moves.MoveRoutes;
import org.stoa.server.moves.MoveService;
import org.stoa.server.moves.MoveStore;
import org.stoa.server.moves.RemoteAliases;
import org.stoa.server.profiles.ProfileRoutes;
import org.stoa.server.profiles.ProfileService;
import org.stoa.server.search.MessageSearch;
import org.stoa.server.search.SearchTerms;
import org.stoa.server.search.SearchRoutes;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.RecentRows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventRetention;
import org.stoa.server.stream.StreamHub;
import org.stoa.server.stream.StreamTickets;
import org.stoa.server.stream.DeliveryPoller;
import org.stoa.server.cluster.ClusterBus;
import org.stoa.server.cluster.ClusterChange;
import org.stoa.server.cluster.ClusterParts;
import org.stoa.server.accounts.Revocation;
import org.stoa.server.storage.SharedCaches;
import org.stoa.server.stream.StreamRoutes;
import org.stoa.server.conversations.StreamSends;
import org.stoa.server.transparency.PolicyHistory;
import org.stoa.server.transparency.TransparencyRoutes;
import org.stoa.server.transparency.TransparencyService;

/** The chat server, wired by hand in one place. */
public final class StoaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoaServer.class);

    private final StoaConfig config;
    private final Database database;
    private final Writer writer;
    private final StreamHub hub;
    private final ApiServer api;
    private final AccountManager accounts;
    private final HashBanks banks;
    private final ClusterParts cluster;
    private final Optional<DeliveryPoller> poller;
    private final PolicyManager policy;
    private final OcrService ocrService;
    private final OcrPipeline ocr;
    private final CpuPools pools;
    private final Staging staging;
    private final EventRetention retention;
    private final AppealDeadlines appealDeadlines;
    private final ExportJobs exportJobs;
    private final Channels channels;
    private boolean closed;

    /**
     * {@code reviewOf} picks the review every send passes, given the configured policy's review:
     * the identity for the server people run, something else only through
     * {@link #startReplacingReview}.
     */
    private StoaServer(StoaConfig config, Clock clock, UnaryOperator<ContentReview> reviewOf)
            throws PolicyException, IOException {
        this.config = config;
        // Loading libtesseract and its language data takes half a second: it runs beside the rest of the start.
        CompletableFuture<OcrService> ocrStarting = CompletableFuture.supplyAsync(() -> config.ocrEnabled()
                ? OcrService.start(OcrSettings.defaults()) : OcrService.disabled("OCR is turned off (ocr.enabled: false)"));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        this.database = Database.open(config);
        this.writer = new Writer(database, clock, metrics);
        // Alone or one node of several: the one place that decides.
        this.cluster = ClusterParts.of(config, clock);
        Gauge.builder("stoa.cluster.bus.live", cluster.bus(), bus -> bus.live() ? 1 : 0)
                .description("1 while wake-ups from other nodes can arrive (always, on a single node)").register(metrics);
        SharedCaches caches = new SharedCaches(cluster.bus());
        boolean onlyWriter = database.engine().singleWriter();
        this.hub = new StreamHub(metrics, cluster.bus());
        this.staging = database.engine().logsWholePages() ? RecentRows.start(database.reads(), writer, RecentRows.EVERY) : Staging.direct();
        EventLog events = EventLog.open(database.reads(), writer, hub, staging);
        this.retention = new EventRetention(database.reads(), writer, staging, config.eventRetention(), clock);

        this.banks = HashBanks.open(config.banksDir(), HashBanks.DEFAULT_RADIUS);
        this.policy = PolicyManager.start(config.policyFile().orElse(null), banks);
        BankJournal bankJournal = BankJournal.open(database.reads(), writer, banks, config.banksDir(), cluster.bus().clustered());
        ContentReview policyReview = cluster.bus().clustered()
                ? new FreshReview(policy.review(), bankJournal, policy, database.reads()) : policy.review();
        ContentReview activeReview = reviewOf.apply(policyReview);
        AuditLog audit = new AuditLog(database.reads(), onlyWriter);
        SanctionManager sanctions = new SanctionManager(database.reads(), clock, caches, onlyWriter);
        Enforcer enforcer = new Enforcer(new DecisionStore(database.reads()), sanctions, audit, events, policy::policy);
        Staff staff = new Staff(sanctions);

        Limits limits = new Limits(cluster.limitStore(), config.limits(), metrics);
        this.pools = CpuPools.start(metrics);
        AccountStore accountStore = new AccountStore(database.reads());
        this.accounts = new AccountManager(accountStore, writer, new PasswordHasher(), clock, config.sessionTtl(), limits,
                pools.passwords(), config.reservedUsernames(), caches);
        Authenticator auth = new Authenticator(accounts);

        ContactStore contactStore = new ContactStore(database.reads());
        ContactManager contacts = new ContactManager(contactStore, accountStore, sanctions, writer, events, limits);

        SearchTerms searchTerms = new SearchTerms(staging);
        MessageStore messageStore = new MessageStore(database.reads(), searchTerms);
        events.renderMessagesWith(messageStore);
        ConversationStore conversationStore = new ConversationStore(database.reads(), messageStore);
        Memberships memberships = new Memberships(conversationStore, database.reads(), onlyWriter, caches);
        ConversationManager conversations = new ConversationManager(conversationStore, memberships, contactStore, sanctions,
                writer, events, hub, limits, config.groupMaxMembers());
        MediaStore mediaStore = new MediaStore(database.reads());
        MediaHashes mediaHashes = new MediaHashes(database.reads());
        MediaFiles mediaFiles = new MediaFiles(config.mediaDir());
        ImageDecoder decoder = new ImageDecoder(config.mediaMaxPixels());
        MediaService media = new MediaService(mediaStore, mediaFiles, mediaHashes, decoder, writer, config.mediaMaxBytes(),
                config.mediaMaxFileBytes(), limits, pools.images());

        ReportService reports = new ReportService(database.reads(), writer, accountStore,
                new VisibleMessages(messageStore, memberships), audit, events, limits);
        RefusedMessages refusedMessages = new RefusedMessages();
        MessageModeration messageModeration = new MessageModeration(messageStore, refusedMessages, conversationStore, memberships,
                contactStore, events);
        BankService bankService = new BankService(writer, messageModeration, mediaStore, mediaHashes, audit, policy, banks,
                bankJournal, new ImageHasher(decoder), staff);
        MessageActions messageActions = new MessageActions(writer, messageModeration, enforcer, reports, policy, bankService, staff, accountStore);
        this.ocrService = ocrStarting.join();
        if (ocrService.status() instanceof OcrStatus.Unavailable u) log.warn("OCR unavailable: {}", u.reason());
        this.ocr = new OcrPipeline(ocrService, mediaFiles, activeReview, messageActions);
        MessageService messages = new MessageService(memberships, conversationStore, messageStore, refusedMessages, contactStore,
                mediaStore, mediaHashes, activeReview, enforcer, sanctions, writer, events, ocr, limits, clock, metrics);

        StreamTickets tickets = cluster.streamTickets();
        this.channels = new Channels(database.reads(), writer, hub, events, accountStore, sanctions, enforcer, activeReview, mediaStore,
                mediaHashes, policy,
                staff, auth, searchTerms, limits, clock, metrics);
        StreamRoutes streams = new StreamRoutes(auth, events, hub, tickets, channels.log(), clock, limits,
                new StreamSends(messages, limits, metrics));
        this.poller = cluster.bus().clustered() ? Optional.of(DeliveryPoller.start(events, hub, channels.log())) : Optional.empty();
        accounts.onRevocation(revocation -> {
            hub.revoke(revocation);
            tickets.revoke(revocation);
            cluster.bus().announce(new ClusterChange.SessionsEnded(revocation));
        });
        cluster.bus().listen(new ClusterBus.Listener() {
            @Override
            public void rung(long accountId, long upToSeq) {
                hub.rung(accountId, upToSeq);
            }

            @Override
            public void changed(ClusterChange change) {
                switch (change) {
                    case ClusterChange.CacheEntry entry -> caches.changedElsewhere(entry);
                    case ClusterChange.SessionsEnded(Revocation revocation) -> {
                        accounts.forgetSessions(revocation);
                        hub.revoke(revocation);
                        tickets.revoke(revocation);
                    }
                    case ClusterChange.ChannelLogged logged -> channels.log().rung();
                    case ClusterChange.Transient t -> hub.transientHere(t.accountIds(), t.frame());
                }
            }
        });

        AppealStore appealStore = new AppealStore();
        AppealDecisions appealDecisions = new AppealDecisions(appealStore, enforcer,
                new Reversal(enforcer, messageModeration, bankService, reports), policy, audit, events, clock);
        this.appealDeadlines = new AppealDeadlines(database.reads(), writer, appealStore, appealDecisions, refusedMessages,
                enforcer, policy, audit, clock);
        AppealService appeals = new AppealService(database.reads(), writer, appealStore, appealDecisions, appealDeadlines,
                enforcer, reports, policy, audit, events, staff);
        AppealReview appealReview = new AppealReview(database.reads(), writer, appealStore, appealDecisions, appealDeadlines,
                new Reviewers(), enforcer, clock, staff);

        policy.whenInstalled(new PolicyHistory(writer)::installed);
        TransparencyService transparency = new TransparencyService(database.reads(), clock, config.transparencyPublic(), limits,
                staff);
        ServerKey serverKey = ServerKey.loadOrCreate(config.serverKeyFile());
        ExportStore exportStore = new ExportStore();
        AccountArchive accountArchive = new AccountArchive(database.reads(), accountStore, conversationStore,
                new PeopleSection(contactStore), new ConversationSection(messageStore, mediaStore, mediaFiles, accountStore),
                new ModerationSection(enforcer, sanctions, appeals, reports), serverKey, clock);
        PublishedKeys publishedKeys = new PublishedKeys(database.reads(), writer);
        publishedKeys.add(serverKey.publicKey());
        this.exportJobs = new ExportJobs(database.reads(), writer, exportStore, accountArchive, config.exportsDir(), clock,
                cluster.bus().clustered());
        ExportService exports = new ExportService(database.reads(), writer, exportStore, exportJobs, clock);
        AliasStore aliasStore = new AliasStore();
        MoveStore moveStore = new MoveStore();
        AliasService aliases = new AliasService(database.reads(), writer, aliasStore, accountStore, config.publicAddress(), limits);
        MoveService moves = new MoveService(database.reads(), writer, moveStore, aliasStore, accounts, sanctions, enforcer, policy,
                new RemoteAliases(config.movesAllowPrivateAddresses(), limits),
                audit, events, clock, config.publicAddress());
        MoveCards moveCards = new MoveCards(database.reads(), writer, moveStore, contacts, contactStore, conversations, events);
        ProfileService profiles = new ProfileService(accountStore, mediaStore, mediaHashes, activeReview, enforcer, writer, events,
                limits);
        InviteService invites = new InviteService(database.reads(), writer, accountStore, contacts, limits, clock);

        AtomicBoolean draining = new AtomicBoolean();
        SystemRoutes system = new SystemRoutes(database.reads(), metrics, draining::get);
        this.api = new ApiServer(config.host(), config.port(), Math.max(config.mediaMaxBytes(), config.mediaMaxFileBytes()) + 1024, draining, metrics, List.of(
                system::register,
                new AccountsRoutes(accounts, auth)::register,
                new SessionRoutes(accounts, auth, limits)::register,
                new DeletionRoutes(auth, new AccountDeletion(accounts, writer, events, mediaFiles), limits)::register,
                new ContactsRoutes(contacts, auth)::register,
                new ConversationsRoutes(conversations, messages,
                        new GroupSettings(conversations, conversationStore, profiles, database.reads(), writer, events, limits),
                        new Typing(conversations, memberships, sanctions, hub, limits),
                        new PublicGroups(conversations, conversationStore, memberships, writer, limits, config.groupMaxPublicMembers()),
                        auth)::register,

                new SearchRoutes(new MessageSearch(database.reads(), conversationStore, messageStore, channels.search(), searchTerms, limits), auth)::register,
                new DirectoryRoutes(new Directory(database.reads(), limits), auth)::register,
                new MediaRoutes(media, auth)::register,
                new ModerationRoutes(auth, reports, new SafetyService(database.reads(), writer, enforcer, sanctions, reports, staff),
                        new ReviewQueue(database.reads(), writer, messageModeration, enforcer, reports, audit, staff), messageActions,
                        bankService, new AccountModeration(writer, accounts, enforcer, sanctions, policy, staff),
                        new AuditReader(audit, staff), new PolicyOverview(policy, enforcer, ocr, staff), staff)::register,
                new AppealRoutes(auth, appeals, appealReview)::register,
                new ExportRoutes(auth, exports, publishedKeys)::register,
                new MoveRoutes(auth, aliases, moves, moveCards)::register,
                new ProfileRoutes(auth, profiles)::register,
                new InviteRoutes(auth, invites, config.publicAddress())::register,
                new AdminRoutes(auth, staff, accounts, policy)::register,
                new TransparencyRoutes(auth, transparency)::register,
                channels.routes()::register,
                streams::register));
    }

    /**
     * Opens the data folder, migrates it, and starts listening; the configured policy (the bundled
     * sample when none is set) reviews every send. This is the server {@code stoa serve} runs.
     */
    public static StoaServer start(StoaConfig config, Clock clock) {
        return start(config, clock, UnaryOperator.identity());
    }

    /**
     * The same server with every send reviewed by {@code review} instead of the policy: for a
     * benchmark that measures the chat without moderation, or a test of the review seam, which
     * must ask for it by this name.
     */
    public static StoaServer startReplacingReview(StoaConfig config, Clock clock, ContentReview review) {
        Objects.requireNonNull(review, "review");
        return start(config, clock, policyReview -> review);
    }

    private static StoaServer start(StoaConfig config, Clock clock, UnaryOperator<ContentReview> reviewOf) {
        StoaServer server;
        try {
            server = new StoaServer(config, clock, reviewOf);
        } catch (PolicyException e) {
            throw new IllegalStateException("the policy file " + config.policyFile().map(Object::toString).orElse("(sample)")
                    + " cannot be used: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data folder " + config.dataDir() + ": " + e.getMessage(), e);
        }
        try {
            server.exportJobs.start(); // before requests: what a stop interrupted is queued first, once
            server.api.start();
            server.appealDeadlines.start();
        } catch (RuntimeException e) {
            server.closeStores();
            throw e;
        }
        server.retention.start();
        log.info("stoa listening on {}:{} with data in {}", config.host(), server.port(), config.dataDir().toAbsolutePath());
        if (!server.accounts.hasAdmin()) {
            log.warn("there is no admin yet: create one with ./stoa admin create-user NAME --role admin");
        }
        return server;
    }

    public int port() {
        return api.port();
    }

    public List<String> routes() {
        return api.routes();
    }

    public AccountManager accounts() {
        return accounts;
    }

    /** Deletes stream events older than {@code events.retention} now (the server also does so hourly). */
    public int pruneExpiredEvents() {
        return retention.pruneNow();
    }

    /** Graceful: new requests get 503, sends in flight finish and commit, streams close, storage closes. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        log.info("stoa shutting down");
        api.drain(config.shutdownGrace());
        hub.closeAll(1001, "server restarting; reconnect with since=<last eventSeq>");
        api.stop();
        closeStores();
        log.info("stoa stopped");
    }

    private void closeStores() {
        poller.ifPresent(DeliveryPoller::close);
        retention.close();
        staging.close();
        exportJobs.close();
        appealDeadlines.close();
        ocr.close();
        channels.close();
        pools.close();
        ocrService.close();
        policy.close();
        writer.close();
        database.close();
        cluster.close();
        try {
            banks.close();
        } catch (IOException e) {
            log.warn("closing the hash banks: {}", e.toString());
        }
    }
}
