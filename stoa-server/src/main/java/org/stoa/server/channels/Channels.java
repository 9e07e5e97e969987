package org.stoa.server.channels;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.review.ContentReview;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Authenticator;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.limits.Limits;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaStore;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.moderation.Staff;
import org.stoa.server.search.SearchTerms;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.StreamHub;

/** The channels feature, wired: its log (which streams read), its services and its routes. */
public final class Channels implements AutoCloseable {

    private final ChannelLog log;
    private final ChannelRoutes routes;
    private final ChannelSearchSource search;

    public Channels(Jdbi reads, Writer writer, StreamHub hub, EventLog events, AccountStore accounts, SanctionManager sanctions,
                    Enforcer enforcer, ContentReview review, MediaStore media, MediaHashes mediaHashes, PolicyManager policy, Staff staff,
                    Authenticator auth, SearchTerms terms, Limits limits, Clock clock, MeterRegistry metrics) {
        ChannelStore store = new ChannelStore(reads);
        this.log = new ChannelLog(store, hub, terms, metrics);
        ChannelService service = new ChannelService(store, log, accounts, sanctions, enforcer, review, media, mediaHashes, writer, limits,
                clock);
        ChannelModeration moderation = new ChannelModeration(service, store, log, accounts, sanctions, enforcer, policy, staff,
                writer, events, limits, clock);
        sanctions.onChannelLift(moderation::lifted);
        this.search = new ChannelSearchSource(store);
        this.routes = new ChannelRoutes(auth, service, new ChannelDirectory(store, service, clock), moderation);
    }

    /** What streams read of the channel log. */
    public ChannelLog log() {
        return log;
    }

    /** What message search reads of channels. */
    public ChannelSearchSource search() {
        return search;
    }

    public ChannelRoutes routes() {
        return routes;
    }

    @Override
    public void close() {
        log.close();
    }
}
