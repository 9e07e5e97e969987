package org.stoa.server.channels;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Feature;
import org.stoa.engine.review.Content;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.engine.review.ReviewContext;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.enforcement.DecisionRecord;
import org.stoa.server.enforcement.DecisionRecord.Outcome;
import org.stoa.server.enforcement.DecisionSubject;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Refusal;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.http.Requests;
import org.stoa.server.http.UserText;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.media.MediaHashes;
import org.stoa.server.media.MediaKind;
import org.stoa.server.media.MediaRecord;
import org.stoa.server.media.MediaStore;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;

/**
 * Channels as their owners, editors, subscribers and visitors use them: create, read (with the
 * restriction in force, so that no channel ever simply disappears), post (reviewed by the policy in
 * the scope {@code channel}, like a message), follow, and export.
 */
public final class ChannelService {

    static final int MAX_TEXT = 4000;
    static final int MAX_TITLE = 100;
    static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_CLIENT_ID = 64;
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{3,32}");

    /** A stored post, and whether this request was a retry of an earlier one. */
    public record Posted(ChannelPost post, boolean replayed) {}

    /** A page of entries, newest first. */
    public record Page(List<ChannelPost> posts, boolean hasMore) {}

    /** Everything a channel's owner takes along: the channel, its editors and every entry, removed ones included. */
    public record Export(ChannelView channel, List<AccountRef> editors, List<ChannelPost> posts, Instant exportedAt) {}

    private final ChannelStore store;
    private final ChannelLog log;
    private final AccountStore accounts;
    private final SanctionManager sanctions;
    private final Enforcer enforcer;
    private final ContentReview review;
    private final MediaStore media;
    private final MediaHashes mediaHashes;
    private final Writer writer;
    private final Limits limits;
    private final Clock clock;

    ChannelService(ChannelStore store, ChannelLog log, AccountStore accounts, SanctionManager sanctions, Enforcer enforcer,
                   ContentReview review, MediaStore media, MediaHashes mediaHashes, Writer writer, Limits limits, Clock clock) {
        this.media = media;
        this.mediaHashes = mediaHashes;
        this.clock = clock;
        this.store = store;
        this.log = log;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.enforcer = enforcer;
        this.review = review;
        this.writer = writer;
        this.limits = limits;
    }

    public ChannelView create(Principal me, String rawHandle, String rawTitle, String rawDescription, ChannelVisibility visibility) {
        String handle = handle(Requests.required(rawHandle, "handle"));
        String title = title(Requests.required(rawTitle, "title"));
        String description = description(rawDescription == null ? "" : rawDescription);
        Requests.required(visibility, "visibility");
        sanctions.require(me.accountId(), Feature.POST_CHANNEL);
        limits.acquire(Limit.CHANNELS, me.accountId());
        reviewDescriptor(me, null, "title", title);
        if (!description.isEmpty()) reviewDescriptor(me, null, "description", description);
        return writer.execute(tx -> {
            if (store.handleTaken(tx.handle(), handle)) {
                throw ApiException.conflict("handle_taken", "there is already a channel @" + handle);
            }
            long id = store.insert(tx, handle, title, description, visibility, me.accountId());
            return view(tx.handle(), store.byId(tx.handle(), id).orElseThrow(), me.accountId(), Instant.ofEpochMilli(tx.now()));
        });
    }

    public ChannelView get(Principal me, long id) {
        return store.reads().withHandle(h -> view(h, row(h, id), me.accountId(), Instant.now(clockOf())));
    }

    public ChannelView getByHandle(Principal me, String rawHandle) {
        String handle = rawHandle.toLowerCase(Locale.ROOT);
        return store.reads().withHandle(h -> view(h, store.byHandle(h, handle)
                .orElseThrow(() -> ApiException.notFound("channel_not_found", "there is no channel @" + rawHandle)), me.accountId(),
                Instant.now(clockOf())));
    }

    /**
     * The owner changes the title or the description (null leaves one as it is); what is new is reviewed
     * in the scope {@code channel} first, as a post is, and a refusal saves nothing.
     */
    public ChannelView edit(Principal me, long id, String rawTitle, String rawDescription) {
        if (rawTitle == null && rawDescription == null) {
            throw ApiException.badRequest("invalid_change", "send 'title', 'description', or both");
        }
        String title = rawTitle == null ? null : title(rawTitle);
        String description = rawDescription == null ? null : description(rawDescription);
        ChannelStore.Row current = store.reads().withHandle(h -> requireOwner(h, id, me));
        sanctions.require(me.accountId(), Feature.POST_CHANNEL);
        limits.acquire(Limit.CHANNEL_CHANGES, me.accountId());
        if (title != null && !title.equals(current.title())) reviewDescriptor(me, id, "title", title);
        if (description != null && !description.isEmpty() && !description.equals(current.description())) {
            reviewDescriptor(me, id, "description", description);
        }
        return writer.execute(tx -> {
            Handle h = tx.handle();
            ChannelStore.Row c = requireOwner(h, id, me);
            store.describe(tx, id, title == null ? c.title() : title, description == null ? c.description() : description);
            return view(h, row(h, id), me.accountId(), Instant.ofEpochMilli(tx.now()));
        });
    }

    /**
     * A channel's title or description, reviewed by the policy in the scope {@code channel} before it is
     * saved. It cannot wait for a moderator, so what would hold a post refuses it: recorded as a refused
     * decision (strikes, appeal) and answered as a 422 {@code channel_refused} naming the rule.
     */
    private void reviewDescriptor(Principal me, Long channelId, String field, String text) {
        Decision decision = review.review(new Content.Text(new ReviewContext(me.accountId(), channelId == null ? 0 : channelId,
                ReviewContext.Scope.CHANNEL), text));
        if (decision instanceof Decision.Deliver) return;
        DecisionSubject subject = new DecisionSubject(me.accountId(), null, null, null, "channel " + field + ": " + text, null,
                channelId, null);
        DecisionView refused = writer.execute(tx -> enforcer.refuse(tx, subject, decision,
                "not saved: the channel's new " + field + " was refused before anyone saw it"));
        throw Refusal.problem("channel_refused", "not saved", refused);
    }

    /** The channels {@code me} runs (owns or edits) or follows. */
    public List<ChannelView> mine(Principal me) {
        return store.reads().withHandle(h -> {
            Instant now = Instant.now(clockOf());
            List<ChannelView> out = new ArrayList<>();
            for (long id : store.channelsOf(h, me.accountId())) out.add(view(h, row(h, id), me.accountId(), now));
            return out;
        });
    }

    public List<AccountRef> editors(Principal me, long id) {
        return store.reads().withHandle(h -> {
            row(h, id);
            return store.editors(h, id);
        });
    }

    /** The owner makes {@code accountId} an editor, who may then post. */
    public List<AccountRef> addEditor(Principal me, long id, long accountId) {
        limits.acquire(Limit.CHANNEL_CHANGES, me.accountId());
        return writer.execute(tx -> {
            ChannelStore.Row c = requireOwner(tx.handle(), id, me);
            if (accountId == c.owner().id()) throw ApiException.badRequest("already_owner", "the owner posts already");
            accounts.findById(tx.handle(), accountId)
                    .orElseThrow(() -> ApiException.notFound("account_not_found", "there is no account " + accountId));
            store.addEditor(tx, id, accountId);
            return store.editors(tx.handle(), id);
        });
    }

    public void removeEditor(Principal me, long id, long accountId) {
        limits.acquire(Limit.CHANNEL_CHANGES, me.accountId());
        writer.execute(tx -> {
            requireOwner(tx.handle(), id, me);
            if (!store.removeEditor(tx, id, accountId)) {
                throw ApiException.notFound("editor_not_found", "account " + accountId + " is not an editor of this channel");
            }
            return null;
        });
    }

    /**
     * A post by the owner or an editor (a text, an image, or an image with its caption): validated, the
     * author's sanctions checked ({@code post_channel}), the channel's state checked (not paused, frozen
     * or closed), reviewed once in the scope {@code channel} (an image by its hashes against the banks,
     * with its caption), then stored once in the channel log, indexed for search and delivered to every
     * subscriber online. A retried {@code clientId} gets the first post, or the first refusal.
     */
    public Posted post(Principal me, long id, String clientId, String rawText, String mediaId) {
        validateClientId(clientId);
        if (rawText == null && mediaId == null) {
            throw ApiException.badRequest("invalid_post", "send 'text', 'mediaId', or both (an image with its caption)");
        }
        String text = rawText == null ? null : text(rawText);
        ChannelStore.Row c = store.reads().withHandle(h -> {
            ChannelStore.Row row = row(h, id);
            requirePoster(h, row, me);
            return row;
        });
        Optional<ChannelPost> earlier = store.reads().withHandle(h -> store.byClientId(h, id, me.accountId(), clientId));
        if (earlier.isPresent()) return new Posted(sameAsEarlier(earlier.get(), text, mediaId), true);
        MediaRecord image = mediaId == null ? null : image(me, mediaId);
        sanctions.require(me.accountId(), Feature.POST_CHANNEL);
        requireTakesPosts(c.id());
        limits.acquire(Limit.CHANNEL_POSTS, me.accountId());
        ReviewContext context = new ReviewContext(me.accountId(), id, ReviewContext.Scope.CHANNEL);
        Decision decision = review.review(image == null ? new Content.Text(context, text)
                : new Content.Image(context, mediaId, mediaHashes.get(image.sha256())
                        .orElseThrow(() -> new IllegalStateException("no hashes stored for upload " + mediaId)), text));
        DecisionSubject subject = DecisionSubject.channelPost(me.accountId(), id, null, image == null ? null : image.sha256(),
                new MessageStore.RawContent(text, mediaId).excerpt(), clientId);
        if (decision instanceof Decision.Refuse) {
            // A retried refusal gets the first decision again: one offence, one set of strikes.
            DecisionView refused = writer.execute(tx -> enforcer.refusePostOnce(tx, subject, decision,
                    "not posted: the post was refused before any subscriber received it"));
            throw Refusal.problem("post_refused", "not posted", refused);
        }
        boolean deliver = decision instanceof Decision.Deliver;
        return writer.execute(tx -> {
            Handle h = tx.handle();
            requirePoster(h, row(h, id), me);
            Optional<ChannelPost> again = store.byClientId(h, id, me.accountId(), clientId);
            if (again.isPresent()) return new Posted(sameAsEarlier(again.get(), text, mediaId), true);
            requireTakesPosts(h, id, Instant.ofEpochMilli(tx.now()));
            if (!deliver) {
                ChannelPost held = log.hold(tx, id, me.accountId(), clientId, text, mediaId);
                long decisionId = enforcer.recordReview(tx, subject.withChannelPost(held.id()), decision, Outcome.HELD)
                        .orElseThrow().decision().id();
                store.setDecision(tx, held.id(), decisionId);
                return new Posted(store.post(h, held.id()).orElseThrow(), false);
            }
            ChannelPost post = log.post(tx, id, me.accountId(), clientId, text, mediaId);
            if (!decision.hits().isEmpty()) enforcer.recordReview(tx, subject.withChannelPost(post.id()), decision, Outcome.FLAGGED);
            return new Posted(post, false);
        });
    }

    /** A post's image: an image {@code me} may send (uploaded by them, or one they can see), not a file. */
    private MediaRecord image(Principal me, String mediaId) {
        MediaRecord upload = (mediaId.length() > 64 ? Optional.<MediaRecord>empty() : media.accessible(mediaId, me.accountId()))
                .orElseThrow(() -> ApiException.notFound("media_not_found", "no upload "
                        + mediaId.substring(0, Math.min(64, mediaId.length())) + " that you can post"));
        if (upload.kind() != MediaKind.IMAGE) {
            throw ApiException.badRequest("not_an_image", "a channel post carries an image, not a file");
        }
        return upload;
    }

    /** Entries before {@code before} (a seq), newest first, for anyone who may see the channel. */
    public Page posts(Principal me, long id, Long before, Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) throw ApiException.badRequest("invalid_limit", "limit is 1 to 200");
        long b = before == null ? Long.MAX_VALUE : before;
        if (b < 1) throw ApiException.badRequest("invalid_before", "before is a post's seq, 1 or more");
        return store.reads().withHandle(h -> {
            ChannelStore.Row c = row(h, id);
            Standing s = standing(h, id, Instant.now(clockOf()));
            if (s.state() == ChannelState.CLOSED && c.owner().id() != me.accountId()) {
                throw closed(h, c.id(), s);
            }
            List<ChannelPost> page = store.page(h, id, b, n + 1, false);
            boolean more = page.size() > n;
            List<ChannelPost> posts = more ? page.subList(0, n) : page;
            if (before != null) return new Page(posts, more);
            // Its author's posts waiting for a moderator come first, seen by nobody else.
            List<ChannelPost> mine = new ArrayList<>(store.heldBy(h, id, me.accountId()));
            mine.addAll(posts);
            return new Page(mine, more);
        });
    }

    public ChannelView subscribe(Principal me, long id) {
        limits.acquire(Limit.CHANNEL_SUBSCRIPTIONS, me.accountId());
        return writer.execute(tx -> {
            Handle h = tx.handle();
            ChannelStore.Row c = row(h, id);
            Instant now = Instant.ofEpochMilli(tx.now());
            Standing s = standing(h, id, now);
            if (s.state() == ChannelState.CLOSED && !store.isSubscribed(h, id, me.accountId())) throw closed(h, id, s);
            // From the log's position now: the stream carries what is posted after this.
            store.subscribe(tx, id, me.accountId(), store.latestLogSeq(h));
            return view(h, row(h, c.id()), me.accountId(), now);
        });
    }

    public ChannelView unsubscribe(Principal me, long id) {
        limits.acquire(Limit.CHANNEL_SUBSCRIPTIONS, me.accountId());
        return writer.execute(tx -> {
            Handle h = tx.handle();
            row(h, id);
            store.unsubscribe(tx, id, me.accountId());
            return view(h, row(h, id), me.accountId(), Instant.ofEpochMilli(tx.now()));
        });
    }

    /** The owner's copy of the channel, in every state (a sanction takes nothing away from it). */
    public Export export(Principal me, long id) {
        return store.reads().withHandle(h -> {
            ChannelStore.Row c = requireOwner(h, id, me);
            List<ChannelPost> all = new ArrayList<>();
            long after = 0;
            for (List<ChannelPost> page; !(page = store.after(h, id, after, 1000)).isEmpty(); ) {
                all.addAll(page);
                after = page.getLast().seq();
            }
            Instant now = Instant.now(clockOf());
            return new Export(view(h, c, me.accountId(), now), store.editors(h, id), all, now);
        });
    }

    /** The public part of a decision that sanctioned the channel. */
    public Restriction decision(Principal me, long id, long decisionId) {
        return store.reads().withHandle(h -> {
            row(h, id);
            return sanctions.ofChannel(h, id).stream().filter(s -> s.decisionId() == decisionId).findFirst()
                    .map(s -> restriction(h, id, s))
                    .orElseThrow(() -> ApiException.notFound("decision_not_found", "no decision " + decisionId + " about this channel"));
        });
    }

    // --- shared with moderation and the directory

    /** A channel's state and the sanction behind it (null while active). */
    record Standing(ChannelState state, Sanction sanction) {}

    Standing standing(Handle h, long channelId, Instant now) {
        return sanctions.ofChannel(h, channelId).stream().filter(s -> s.activeAt(now))
                .max(Comparator.comparingInt((Sanction s) -> s.kind().ordinal()).thenComparing(Sanction::id))
                .map(s -> new Standing(ChannelState.of(s.kind()), s))
                .orElse(new Standing(ChannelState.ACTIVE, null));
    }

    Restriction restriction(Handle h, long channelId, Sanction s) {
        DecisionRecord d = enforcer.groundOf(h, s);
        Restriction.Rule rule = d.ruleId() == null ? null : new Restriction.Rule(d.ruleId(), d.ruleTitle(), d.ruleExplanation(),
                d.category() == null ? null : d.category().name().toLowerCase(Locale.ROOT));
        return new Restriction(s.id(), s.kind(), rule, rule == null ? d.moderatorReason() : null, s.startsAt(), s.endsAt(),
                s.liftedAt(), d.id(), Restriction.decisionUrl(channelId, d.id()));
    }

    ChannelView view(Handle h, ChannelStore.Row c, long viewer, Instant now) {
        Standing s = standing(h, c.id(), now);
        String role = c.owner().id() == viewer ? "owner" : store.isEditor(h, c.id(), viewer) ? "editor" : null;
        return new ChannelView(c.id(), c.handle(), c.title(), c.description(), c.visibility(), c.owner(), c.subscriberCount(),
                s.state(), s.sanction() == null ? null : restriction(h, c.id(), s.sanction()), store.isSubscribed(h, c.id(), viewer),
                role, c.createdAt());
    }

    ChannelStore.Row row(Handle h, long id) {
        return store.byId(h, id).orElseThrow(() -> ApiException.notFound("channel_not_found", "there is no channel " + id));
    }

    private ApiException closed(Handle h, long channelId, Standing s) {
        return new ApiException(403, "channel_closed", "this channel is closed; its notice says why",
                Map.of("restriction", restriction(h, channelId, s.sanction())));
    }

    private void requireTakesPosts(long channelId) {
        store.reads().useHandle(h -> requireTakesPosts(h, channelId, Instant.now(clockOf())));
    }

    private void requireTakesPosts(Handle h, long channelId, Instant now) {
        Standing s = standing(h, channelId, now);
        if (s.state().takesPosts()) return;
        Restriction r = restriction(h, channelId, s.sanction());
        throw new ApiException(403, "channel_restricted", "this channel takes no new posts while it is "
                + s.state().name().toLowerCase(Locale.ROOT) + (r.until() == null ? "" : ", until " + r.until()),
                Map.of("restriction", r));
    }

    private ChannelStore.Row requireOwner(Handle h, long id, Principal me) {
        ChannelStore.Row c = row(h, id);
        if (c.owner().id() != me.accountId()) throw ApiException.forbidden("not_channel_owner", "only the channel's owner may do this");
        return c;
    }

    private void requirePoster(Handle h, ChannelStore.Row c, Principal me) {
        if (c.owner().id() != me.accountId() && !store.isEditor(h, c.id(), me.accountId())) {
            throw ApiException.forbidden("not_channel_editor", "only the channel's owner and editors may post");
        }
    }

    private Clock clockOf() {
        return clock;
    }

    private static ChannelPost sameAsEarlier(ChannelPost earlier, String text, String mediaId) {
        boolean same = Objects.equals(text, earlier.text())
                && Objects.equals(mediaId, earlier.media() == null ? null : earlier.media().id());
        if (!ChannelPost.REMOVED.equals(earlier.status()) && !same) {
            throw ApiException.conflict("client_id_reused",
                    "clientId was already used for a different post; use a new clientId for each post");
        }
        return earlier;
    }

    static String handle(String raw) {
        String h = raw.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("@")) h = h.substring(1);
        if (!HANDLE.matcher(h).matches()) {
            throw ApiException.badRequest("invalid_handle", "a handle is 3 to 32 letters a-z, digits and underscores");
        }
        return h;
    }

    private static String title(String raw) {
        String t = UserText.singleLine(raw).strip();
        if (t.isEmpty()) throw ApiException.badRequest("invalid_title", "the title is empty");
        if (t.codePointCount(0, t.length()) > MAX_TITLE) {
            throw ApiException.badRequest("invalid_title", "titles are at most " + MAX_TITLE + " characters");
        }
        return t;
    }

    private static String description(String raw) {
        String d = UserText.multiLine(raw).strip();
        if (d.codePointCount(0, d.length()) > MAX_DESCRIPTION) {
            throw ApiException.badRequest("invalid_description", "descriptions are at most " + MAX_DESCRIPTION + " characters");
        }
        return d;
    }

    private static String text(String raw) {
        String t = UserText.multiLine(raw);
        if (t.isBlank()) throw ApiException.badRequest("empty_text", "the post's text is empty");
        if (t.codePointCount(0, t.length()) > MAX_TEXT) {
            throw ApiException.badRequest("text_too_long", "posts are at most " + MAX_TEXT + " characters");
        }
        return t;
    }

    private static void validateClientId(String clientId) {
        Requests.required(clientId, "clientId");
        if (clientId.isBlank() || clientId.length() > MAX_CLIENT_ID) {
            throw ApiException.badRequest("invalid_client_id", "clientId is 1 to " + MAX_CLIENT_ID + " characters, unique per post");
        }
    }
}
