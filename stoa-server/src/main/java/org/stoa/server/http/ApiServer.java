package org.stoa.server.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.server.storage.Writer;

/**
 * The HTTP and WebSocket server: Javalin on Jetty 12 with virtual threads, problem+json for every
 * error, the web client at {@code /}, and a graceful stop that lets requests in flight (sends
 * waiting for their commit) finish.
 */
public final class ApiServer {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Connections the kernel holds for Jetty to accept. */
    private static final int ACCEPT_QUEUE = 4096;
    /** Jetty's platform threads: selector, acceptor and a few for non-blocking work; everything else is virtual. */
    private static final int PLATFORM_THREADS = 16;

    private final Javalin app;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining;
    private final List<String> routes = new CopyOnWriteArrayList<>();

    public ApiServer(String host, int port, long maxRequestBytes, AtomicBoolean draining, MeterRegistry metrics,
                     List<Consumer<JavalinDefaultRoutingApi>> features) {
        this.draining = draining;
        HttpMetrics httpMetrics = new HttpMetrics(metrics);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) routes.add(h.getHttpMethod().name() + " " + h.getPath());
            });
            config.concurrency.useVirtualThreads = true;
            config.jetty.threadPool = selectorsOnPlatformThreads();
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                // After a restart every client reconnects at once. With the JDK's default queue of 50
                // not-yet-accepted connections the kernel drops the rest, and each of those clients
                // waits a second or more for its retry: 400 streams reopening at once on a warm server
                // took 1.3-2.2 s instead of 0.6-0.7 s. The kernel caps the queue at net.core.somaxconn.
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            config.http.maxRequestSize = maxRequestBytes;
            config.router.ignoreTrailingSlashes = true;
            // What Jetty answers itself (a malformed request, a bad URI, headers too large) is a problem too, not HTML.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            config.jetty.modifyServletContextHandler(ApiServer::keepNoHttpSessions);
            WebClient.serve(config.staticFiles);
            var routes = config.routes;
            routes.before(ctx -> {
                if (draining.get() && !ctx.path().equals("/healthz")) {
                    ctx.header("Connection", "close");
                    throw new ApiException(503, "shutting_down", "the server is restarting; retry in a few seconds");
                }
                inFlight.incrementAndGet();
                httpMetrics.start(ctx);
            });
            routes.after(ctx -> {
                httpMetrics.stop(ctx);
                if (ctx.attribute("stoa.start") != null && inFlight.decrementAndGet() == 0 && draining.get()) {
                    synchronized (inFlight) {
                        inFlight.notifyAll();
                    }
                }
            });
            routes.exception(ApiException.class, (e, ctx) -> Problems.write(ctx, e));
            routes.exception(Writer.ShuttingDownException.class, (e, ctx) ->
                    Problems.write(ctx, new ApiException(503, "shutting_down", "the server is restarting; retry in a few seconds")));
            routes.exception(HttpResponseException.class, (e, ctx) ->
                    Problems.write(ctx, new ApiException(e.getStatus(), Problems.codeFor(e.getStatus()), e.getMessage())));
            routes.exception(Exception.class, (e, ctx) -> {
                // A body Jetty could not read (a broken chunk, fewer bytes than Content-Length) is the client's.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof HttpException unreadable && unreadable.getCode() >= 400 && unreadable.getCode() < 500) {
                        log.debug("unreadable body on {} {}: {}", ctx.method(), ctx.path(), t.toString());
                        Problems.write(ctx, new ApiException(unreadable.getCode(), Problems.codeFor(unreadable.getCode()),
                                "the request body could not be read: " + unreadable.getReason()));
                        return;
                    }
                }
                log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                Problems.write(ctx, new ApiException(500, "internal_error",
                        "something went wrong on the server; nothing was changed if you got this answer"));
            });
            features.forEach(f -> f.accept(routes));
        });
    }

    /**
     * Requests and WebSocket frames run on virtual threads, but Jetty's selector and acceptor on
     * platform threads of their own. Javalin's pool for virtual threads starts every job on one,
     * the selector's loop too: each of its waits then parked a virtual thread on the JDK's own
     * poller, which had to wake a carrier to run it again, so every frame read took two extra
     * hand-offs and the poller's thread a few percent of the server's CPU.
     */
    private static QueuedThreadPool selectorsOnPlatformThreads() {
        QueuedThreadPool pool = new QueuedThreadPool(PLATFORM_THREADS, 2);
        pool.setName("jetty");
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jetty-vt-", 0).factory()));
        return pool;
    }

    /**
     * Stoa has no use for servlet sessions (a token says who you are), but Javalin asks for one on
     * every WebSocket upgrade, refused ones too: kept, they were memory anyone could fill without
     * logging in (2,000 refused upgrades, 2,000 sessions that never expired). This cache keeps none.
     */
    private static void keepNoHttpSessions(ServletContextHandler context) {
        SessionHandler sessions = new SessionHandler();
        NullSessionCache none = new NullSessionCache(sessions);
        none.setSessionDataStore(new NullSessionDataStore());
        sessions.setSessionCache(none);
        sessions.setUsingCookies(false);
        context.setSessionHandler(sessions);
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    /** Every registered HTTP route as "METHOD /path/{param}". */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    public int port() {
        return app.port();
    }

    /** Refuses new requests, waits up to {@code grace} for those in flight, then stops. */
    public void drain(Duration grace) {
        draining.set(true);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (inFlight) {
            for (long left; inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    inFlight.wait(Math.max(1, left / 1_000_000)); // woken by the last request to finish
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (inFlight.get() > 0) log.warn("{} requests still running after {}; stopping anyway", inFlight.get(), grace);
    }

    public void stop() {
        app.stop();
    }
}
