package org.stoa.server.channels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.policy.Mode;
import org.stoa.engine.policy.Rule;
import org.stoa.engine.review.RuleRef;
import org.stoa.server.accounts.Account;
import org.stoa.server.accounts.AccountStore;
import org.stoa.server.accounts.Principal;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.enforcement.DecisionDraft;
import org.stoa.server.enforcement.DecisionSubject;
import org.stoa.server.enforcement.DecisionView;
import org.stoa.server.enforcement.Enforcer;
import org.stoa.server.enforcement.Sanction;
import org.stoa.server.enforcement.SanctionKind;
import org.stoa.server.enforcement.SanctionManager;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.moderation.ModeratorReason;
import org.stoa.server.moderation.PolicyManager;
import org.stoa.server.moderation.Staff;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;
import org.stoa.server.stream.EventLog;
import org.stoa.server.stream.EventType;

/**
 * Moderators on channels: the ladder ({@code demoted}, {@code posting_paused}, {@code frozen} with an
 * end; {@code closed} for good, only with a rule of a severe category or a moderator's written
 * decision), each a decision about the owner's account with its statement of reasons, and a notice in
 * the channel's log for its subscribers; post removal with a decision to the author and the owner.
 * Lifting is the account sanctions' lift; the notice of the end is written by {@link #lifted}, in the
 * lift's transaction, however the sanction was lifted (a moderator, an appeal's reversal).
 */
public final class ChannelModeration {

    /** A channel's sanction as the moderator imposing it reads it: {@code id} is the sanction's, to lift it by. */
    public record ChannelSanction(long id, long channelId, SanctionKind kind, Instant startsAt, Instant endsAt, Instant liftedAt,
                                  String liftReason, long decisionId, Restriction restriction, DecisionView decision) {}

    /** A channel as moderators review it: the channel, its sanctions and its latest entries, removed ones too. */
    public record Review(ChannelView channel, List<ChannelSanction> sanctions, List<ChannelPost> held, List<ChannelPost> posts) {}

    private final ChannelService channels;
    private final ChannelStore store;
    private final ChannelLog log;
    private final AccountStore accounts;
    private final SanctionManager sanctions;
    private final Enforcer enforcer;
    private final PolicyManager policy;
    private final Staff staff;
    private final Writer writer;
    private final EventLog events;
    private final Limits limits;
    private final Clock clock;

    ChannelModeration(ChannelService channels, ChannelStore store, ChannelLog log, AccountStore accounts, SanctionManager sanctions,
                      Enforcer enforcer, PolicyManager policy, Staff staff, Writer writer, EventLog events, Limits limits, Clock clock) {
        this.channels = channels;
        this.store = store;
        this.log = log;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.enforcer = enforcer;
        this.policy = policy;
        this.staff = staff;
        this.writer = writer;
        this.events = events;
        this.limits = limits;
        this.clock = clock;
    }

    /** Channels whose handle or title starts with {@code q}, any visibility and state. */
    public List<ChannelView> search(Principal moderator, String q) {
        staff.require(moderator);
        String prefix = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        if (prefix.startsWith("@")) prefix = prefix.substring(1);
        String p = prefix;
        return store.reads().withHandle(h -> store.search(h, p, 50).stream()
                .map(c -> channels.view(h, c, moderator.accountId(), clock.instant())).toList());
    }

    public Review review(Principal moderator, long channelId) {
        staff.require(moderator);
        return store.reads().withHandle(h -> {
            ChannelStore.Row c = channels.row(h, channelId);
            List<ChannelSanction> all = sanctions.ofChannel(h, channelId).stream().map(s -> view(h, channelId, s)).toList();
            return new Review(channels.view(h, c, moderator.accountId(), clock.instant()), all, store.held(h, channelId),
                    store.page(h, channelId, Long.MAX_VALUE, 100, true));
        });
    }

    public ChannelSanction sanction(Principal moderator, long channelId, SanctionKind kind, String rawReason, Duration duration,
                                    String ruleId) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        if (kind == null) throw ApiException.badRequest("missing_field", "field 'kind' is required");
        if (!kind.onChannel()) {
            throw ApiException.badRequest("invalid_sanction", "a channel's sanction is demoted, posting_paused, frozen or closed");
        }
        RuleRef rule = ruleId == null ? null : policy.rule(ruleId).map(Rule::ref).filter(r -> r.mode() == Mode.ENFORCE)
                .orElseThrow(() -> ApiException.badRequest("unknown_rule", "the policy has no enforced rule '" + ruleId + "'"));
        if (kind == SanctionKind.CLOSED) {
            if (duration != null) throw ApiException.badRequest("invalid_sanction", "a closure is permanent: give no duration");
            if (rule != null && !policy.policy().enforcement().severe(rule.category())) {
                throw ApiException.badRequest("closure_not_severe", "closing a channel under a rule needs a rule of a severe category ("
                        + rule.id() + " is " + rule.category().name().toLowerCase(Locale.ROOT)
                        + "); a moderator's written decision without a rule may close it");
            }
        } else if (duration == null) {
            throw ApiException.badRequest("invalid_sanction", kind.name().toLowerCase(Locale.ROOT) + " needs a duration, e.g. 24h or 7d");
        }
        limits.acquire(Limit.CHANNEL_MODERATION, moderator.accountId());
        return writer.execute(tx -> {
            Handle h = tx.handle();
            ChannelStore.Row c = channels.row(h, channelId);
            Account owner = accounts.findById(h, c.owner().id()).orElseThrow();
            staff.requireMaySanction(moderator, owner);
            Instant endsAt = duration == null ? null : Instant.ofEpochMilli(tx.now()).plus(duration);
            DecisionView decision = enforcer.sanctionChannel(tx, DecisionDraft.sanction(owner.id(), moderator.accountId(), reason, rule),
                    channelId, kind, endsAt);
            Sanction s = decision.sanction();
            ChannelSanction view = view(h, channelId, s);
            log.notice(tx, channelId, view.restriction());
            return view;
        });
    }

    /** Writes the notice of a channel sanction's end, in the transaction that lifted it. */
    void lifted(Tx tx, Sanction lifted) {
        Handle h = tx.handle();
        if (store.byId(h, lifted.channelId()).isEmpty()) return;
        log.notice(tx, lifted.channelId(), channels.restriction(h, lifted.channelId(), lifted));
    }

    /** Removes a post for everyone, with a decision to its author, which its owner is told of too. */
    public DecisionView removePost(Principal moderator, long channelId, long postId, String rawReason, String ruleId) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        RuleRef rule = ruleId == null ? null : policy.rule(ruleId).map(Rule::ref)
                .orElseThrow(() -> ApiException.badRequest("unknown_rule", "the policy has no rule '" + ruleId + "'"));
        limits.acquire(Limit.CHANNEL_MODERATION, moderator.accountId());
        return writer.execute(tx -> {
            Handle h = tx.handle();
            ChannelStore.Row c = channels.row(h, channelId);
            ChannelPost post = store.post(h, postId).filter(p -> p.channelId() == channelId && ChannelPost.POST.equals(p.kind()))
                    .orElseThrow(() -> ApiException.notFound("post_not_found", "no post " + postId + " in this channel"));
            if (ChannelPost.REMOVED.equals(post.status())) throw ApiException.conflict("already_removed", "this post was removed already");
            boolean held = ChannelPost.HELD.equals(post.status());
            // Removing a held post confirms the automated hold: its rule is the ground unless the moderator names another.
            RuleRef ground = rule != null || !held ? rule : policy.rule(enforcer.view(h, post.decisionId()).orElseThrow().decision().ruleId())
                    .map(Rule::ref).orElse(null);
            DecisionView d = enforcer.record(tx, DecisionDraft.removal(subject(post), ground, held, false, moderator.accountId(), reason));
            if (held) enforcer.reviewedPost(tx, postId, post.decisionId());
            store.remove(tx, postId, d.decision().id());
            log.unindex(h, post);
            if (c.owner().id() != post.authorId()) events.append(tx, List.of(c.owner().id()), EventType.MODERATION_DECISION, d);
            return d;
        });
    }

    /** A held post goes out after all, at the end of the channel, with a decision to its author. */
    public ChannelPost approvePost(Principal moderator, long channelId, long postId, String rawReason) {
        staff.require(moderator);
        String reason = ModeratorReason.require(rawReason);
        limits.acquire(Limit.CHANNEL_MODERATION, moderator.accountId());
        return writer.execute(tx -> {
            Handle h = tx.handle();
            channels.row(h, channelId);
            ChannelPost post = store.post(h, postId).filter(p -> p.channelId() == channelId && ChannelPost.POST.equals(p.kind()))
                    .orElseThrow(() -> ApiException.notFound("post_not_found", "no post " + postId + " in this channel"));
            if (!ChannelPost.HELD.equals(post.status())) throw ApiException.conflict("not_held", "only held posts can be approved");
            enforcer.record(tx, DecisionDraft.approval(subject(post), moderator.accountId(), reason));
            enforcer.reviewedPost(tx, postId, post.decisionId());
            return log.release(tx, post);
        });
    }

    private static DecisionSubject subject(ChannelPost post) {
        return DecisionSubject.channelPost(post.authorId(), post.channelId(), post.id(), null,
                new MessageStore.RawContent(post.text(), post.media() == null ? null : post.media().id()).excerpt(), post.clientId());
    }

    private ChannelSanction view(Handle h, long channelId, Sanction s) {
        DecisionView decision = enforcer.view(h, s.decisionId()).orElseThrow();
        return new ChannelSanction(s.id(), channelId, s.kind(), s.startsAt(), s.endsAt(), s.liftedAt(), s.liftReason(),
                s.decisionId(), channels.restriction(h, channelId, s), decision);
    }
}
