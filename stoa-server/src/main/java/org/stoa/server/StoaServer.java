package org.stoa.server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.engine.image.ImageDecoder;
import org.stoa.engine.review.ContentReview;
import org.stoa.server.accounts.AccountManager;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.AccountsRoutes;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.accounts.PasswordHasher;
import org.stoa.server.config.StoaConfig;
import org.stoa.server.contacts.ContactManager;
import org.stoa.server.contacts.ContactStore;
import org.stoa.server.contacts.ContactsRoutes;
import org.stoa.server.conversations.ConversationManager;
import org.stoa.server.conversations.ConversationStore;
import org.stoa.server.conversations.ConversationsRoutes;
import org.stoa.server.conversations.Memberships;
import org.stoa.server.conversations.MessageService;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.http.ApiServer;
import org.stoa.server.http.SystemRoutes;
import org.stoa.server.limits.RateLimiter;
import org.stoa.server.media.MediaFiles;
import org.stoa.server.media.MediaRoutes;
import org.stoa.server.media.MediaService;
import org.stoa.server.media.MediaStore;
import org.stoa.server.storage.Database;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.StreamHub;
import org.stoa.server.stream.StreamRoutes;

/** The chat server, wired by hand in one place. */
public final class StoaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoaServer.class);

    private final StoaConfig config;
    private final Database database;
    private final Writer writer;
    private final StreamHub hub;
    private final ApiServer api;
    private final AccountManager accounts;
    private boolean closed;

    private StoaServer(StoaConfig config, Clock clock, ContentReview review) {
        this.config = config;
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        this.database = Database.openSqlite(config.databaseFile());
        this.writer = new Writer(database, clock, metrics);
        this.hub = new StreamHub(metrics);
        EventLog events = new EventLog(database.reads(), hub);

        AccountStore accountStore = new AccountStore(database.reads());
        this.accounts = new AccountManager(accountStore, writer, new PasswordHasher(), clock, config.sessionTtl(),
                new RateLimiter("loginFailuresPerAccount", config.loginFailuresPerAccount(), clock),
                new RateLimiter("loginFailuresPerAddress", config.loginFailuresPerAddress(), clock),
                new RateLimiter("accountsPerAddress", config.accountsPerAddress(), clock));
        Authenticator auth = new Authenticator(accounts);

        ContactStore contactStore = new ContactStore(database.reads());
        ContactManager contacts = new ContactManager(contactStore, accountStore, writer, events);

        MessageStore messageStore = new MessageStore(database.reads());
        events.renderMessagesWith(messageStore);
        ConversationStore conversationStore = new ConversationStore(database.reads(), messageStore);
        Memberships memberships = new Memberships(conversationStore, database.reads());
        ConversationManager conversations = new ConversationManager(conversationStore, memberships, contactStore, writer,
                events, config.groupMaxMembers());
        MediaStore mediaStore = new MediaStore(database.reads());
        MessageService messages = new MessageService(memberships, conversationStore, messageStore, contactStore, mediaStore, review,
                writer, events, metrics);
        MediaService media = new MediaService(mediaStore, new MediaFiles(config.mediaDir()),
                new ImageDecoder(config.mediaMaxPixels()), writer, config.mediaMaxBytes());

        AtomicBoolean draining = new AtomicBoolean();
        SystemRoutes system = new SystemRoutes(database.reads(), metrics, draining::get);
        this.api = new ApiServer(config.host(), config.port(), config.mediaMaxBytes() + 1024, draining, metrics, List.of(
                system::register,
                new AccountsRoutes(accounts, auth)::register,
                new ContactsRoutes(contacts, auth)::register,
                new ConversationsRoutes(conversations, messages, auth)::register,
                new MediaRoutes(media, auth)::register,
                new StreamRoutes(auth, events, hub, clock)::register));
    }

    /** Opens the data folder, migrates it, and starts listening. */
    public static StoaServer start(StoaConfig config, Clock clock, ContentReview review) {
        StoaServer server = new StoaServer(config, clock, review);
        try {
            server.api.start();
        } catch (RuntimeException e) {
            server.closeStores();
            throw e;
        }
        log.info("stoa listening on {}:{} with data in {}", config.host(), server.port(), config.dataDir().toAbsolutePath());
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
        writer.close();
        database.close();
    }
}
