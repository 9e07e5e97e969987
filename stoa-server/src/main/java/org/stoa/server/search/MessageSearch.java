package org.stoa.server.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.stoa.engine.policy.WireName;
import org.stoa.engine.text.SearchText;
import org.stoa.server.accounts.Principal;
import org.stoa.server.channels.ChannelPost;
import org.stoa.server.conversations.ConversationStore;
import org.stoa.server.conversations.ConversationType;
import org.stoa.server.conversations.MessageStatus;
import org.stoa.server.conversations.MessageStore;
import org.stoa.server.conversations.MessageView;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;

/**
 * Full-text search over the messages and channel posts the caller can read, and nothing else: in
 * each conversation they are in, delivered messages after they joined (not those they hid for
 * themselves), and their own messages waiting for review; in each channel they follow, own or edit
 * (not a closed one), its delivered posts (held ones are indexed only when a moderator releases them,
 * removed ones leave the index in the removal's transaction). {@code conversationId=} searches one
 * conversation and no channel.
 * Recalled, withdrawn and removed messages are left out by the same query that finds the others,
 * so they disappear the moment their state changes. Each conversation is one range of the index
 * read newest first (the query's most telling term, the others checked by key), and the newest hits
 * of all conversations win.
 */
public final class MessageSearch {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 50;
    /** Fewer hits than this in all of a reader's conversations are read at once and sorted here. */
    private static final int FEW = 500;
    /** Conversations searched in one statement (SQLite takes at most 500 parts of a UNION). */
    private static final int CONVERSATIONS_PER_QUERY = 100;

    /** The conversation a hit is in: enough for a result list to name it. */
    public record ConversationRef(long id, ConversationType type, String title) {}

    /**
     * A hit, {@code kind} {@code message} (its conversation and the message as its reader sees it) or
     * {@code channel_post} (its channel and the post), with the highlighted part of its text.
     */
    public record Hit(String kind, ConversationRef conversation, MessageView message, ChannelPostSource.ChannelRef channel,
                      ChannelPost post, Snippet snippet) {

        static Hit of(ConversationRef conversation, MessageView message, Snippet snippet) {
            return new Hit("message", conversation, message, null, null, snippet);
        }

        static Hit of(ChannelPostSource.ChannelRef channel, ChannelPost post, Snippet snippet) {
            return new Hit("channel_post", null, null, channel, post, snippet);
        }

        Instant at() {
            return message != null ? message.createdAt() : post.createdAt();
        }

        long id() {
            return message != null ? message.id() : post.id();
        }
    }

    /**
     * The newest hits first, messages and channel posts by time. When more are older, {@code nextBefore}
     * and {@code nextPostBefore} are the {@code before=} and {@code postBefore=} of the next page (each the
     * oldest of its kind on this page, or the same as this page's when it had none of that kind).
     */
    public record Results(List<Hit> results, Long nextBefore, Long nextPostBefore) {}

    /** A cursor past every id, exact in a browser's numbers (2^53 - 1). */
    private static final long NEWEST = 9_007_199_254_740_991L;

    private final Jdbi reads;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final ChannelPostSource channels;
    private final SearchTerms index;
    private final Limits limits;

    public MessageSearch(Jdbi reads, ConversationStore conversations, MessageStore messages, ChannelPostSource channels,
                         SearchTerms index, Limits limits) {
        this.reads = reads;
        this.index = index;
        this.channels = channels;
        this.conversations = conversations;
        this.messages = messages;
        this.limits = limits;
    }

    public Results search(Principal me, String q, Long conversationId, Integer limit, Long before, Long postBefore) {
        limits.acquire(Limit.MESSAGE_SEARCHES, me.accountId());
        SearchQuery query = SearchQuery.parse(q);
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) throw ApiException.badRequest("invalid_limit", "limit is 1 to " + MAX_LIMIT);
        long b = before == null ? Long.MAX_VALUE : before;
        if (b < 1) throw ApiException.badRequest("invalid_before", "before is a message id, 1 or more");
        long pb = postBefore == null ? Long.MAX_VALUE : postBefore;
        if (pb < 1) throw ApiException.badRequest("invalid_before", "postBefore is a channel post's id, 1 or more");
        if (conversationId != null && conversationId < 1) {
            throw ApiException.notFound("conversation_not_found", "you are not in a conversation " + conversationId);
        }
        index.settle(query.termTexts());
        return reads.withHandle(h -> {
            List<ConversationStore.Membership> scopes = conversations.membershipsOf(h, me.accountId());
            if (conversationId != null) {
                scopes = scopes.stream().filter(m -> m.conversationId() == conversationId).toList();
                if (scopes.isEmpty()) {
                    throw ApiException.notFound("conversation_not_found", "you are not in a conversation " + conversationId);
                }
            }
            List<Long> ids = scopes.isEmpty() ? new ArrayList<>() : fewHits(h, query, me.accountId(), conversationId, b);
            if (ids.size() >= FEW) {
                ids = new ArrayList<>();
                for (int from = 0; from < scopes.size(); from += CONVERSATIONS_PER_QUERY) {
                    ids.addAll(hits(h, query, scopes.subList(from, Math.min(scopes.size(), from + CONVERSATIONS_PER_QUERY)), b, n + 1));
                }
            }
            ids.sort(Comparator.reverseOrder());
            List<Hit> found = new ArrayList<>(render(h, query, ids.subList(0, Math.min(n, ids.size()))));
            boolean more = ids.size() > n;
            if (conversationId == null) {
                List<ChannelPostSource.ChannelRef> followed = channels.searchable(h, me.accountId());
                List<Long> postIds = new ArrayList<>();
                for (int from = 0; from < followed.size(); from += CONVERSATIONS_PER_QUERY) {
                    postIds.addAll(postHits(h, query, followed.subList(from, Math.min(followed.size(), from + CONVERSATIONS_PER_QUERY)),
                            pb, n + 1));
                }
                postIds.sort(Comparator.reverseOrder());
                more |= postIds.size() > n;
                found.addAll(renderPosts(h, query, followed, postIds.subList(0, Math.min(n, postIds.size()))));
                found.sort(Comparator.comparing(Hit::at).thenComparing(Hit::id).reversed());
            }
            more |= found.size() > n;
            List<Hit> page = found.subList(0, Math.min(n, found.size()));
            if (!more) return new Results(page, null, null);
            long nextBefore = page.stream().filter(x -> x.message() != null).mapToLong(Hit::id).min().orElse(Math.min(b, NEWEST));
            long nextPostBefore = page.stream().filter(x -> x.post() != null).mapToLong(Hit::id).min().orElse(Math.min(pb, NEWEST));
            return new Results(page, nextBefore, conversationId == null ? nextPostBefore : null);
        });
    }

    /** The newest {@code limit} delivered posts before {@code before} in these channels with every term. */
    static List<Long> postHits(Handle h, SearchQuery query, List<ChannelPostSource.ChannelRef> scopes, long before, int limit) {
        if (scopes.isEmpty()) return List.of();
        return newestPerScope(h, query, DocumentKind.CHANNEL_POST, scopes.stream().map(ChannelPostSource.ChannelRef::id).toList(),
                before, limit, "JOIN channel_posts cp ON cp.id = p.doc_id", k -> " AND cp.status = 'delivered'", select -> {});
    }

    /**
     * Every hit in the reader's conversations, when there are fewer than {@link #FEW}: one pass over
     * the most telling term's range in each, unordered, which is cheapest while the term is not
     * common. At {@link #FEW} the caller asks {@link #hits} for the newest instead.
     */
    static List<Long> fewHits(Handle h, SearchQuery query, long reader, Long conversationId, long before) {
        List<SearchText.Term> terms = new ArrayList<>(query.terms());
        terms.sort(MessageSearch::mostTellingFirst);
        StringBuilder sql = new StringBuilder("""
                SELECT p.doc_id FROM members r
                JOIN search_terms p ON p.term = :t0 AND p.kind = :kind AND p.scope_id = r.conversation_id AND p.doc_id < :before
                JOIN messages m ON m.id = p.doc_id
                WHERE r.account_id = :me AND m.recalled_at IS NULL
                  AND ((m.status = :delivered AND m.seq > r.joined_seq) OR (m.status = :held AND m.sender_id = :me))
                  AND NOT EXISTS (SELECT 1 FROM hidden_messages x WHERE x.account_id = :me AND x.message_id = p.doc_id)""");
        if (conversationId != null) sql.append(" AND r.conversation_id = :c");
        sql.append(otherTerms(terms)).append(" LIMIT :few");
        Query select = h.createQuery(sql.toString());
        for (int i = 0; i < terms.size(); i++) select.bind("t" + i, terms.get(i).text());
        if (conversationId != null) select.bind("c", conversationId);
        return new ArrayList<>(select.bind("kind", DocumentKind.MESSAGE.code()).bind("before", before)
                .bind("delivered", WireName.of(MessageStatus.DELIVERED)).bind("held", WireName.of(MessageStatus.HELD))
                .bind("me", reader).bind("few", FEW).mapTo(Long.class).list());
    }

    /** The terms after the first, each checked by key for the candidate {@code p}. */
    private static String otherTerms(List<SearchText.Term> terms) {
        StringBuilder others = new StringBuilder();
        for (int i = 1; i < terms.size(); i++) {
            others.append(" AND EXISTS (SELECT 1 FROM search_terms q").append(i).append(" WHERE q").append(i)
                    .append(".term = :t").append(i).append(" AND q").append(i).append(".kind = :kind AND q").append(i)
                    .append(".scope_id = p.scope_id AND q").append(i).append(".doc_id = p.doc_id)");
        }
        return others.toString();
    }

    /**
     * The newest {@code limit} messages before {@code before}, in these conversations of one reader,
     * that have every term and that the reader may see.
     */
    static List<Long> hits(Handle h, SearchQuery query, List<ConversationStore.Membership> scopes, long before, int limit) {
        return newestPerScope(h, query, DocumentKind.MESSAGE, scopes.stream().map(ConversationStore.Membership::conversationId).toList(),
                before, limit, "JOIN messages m ON m.id = p.doc_id",
                k -> " AND m.recalled_at IS NULL AND ((m.status = :delivered AND m.seq > :j" + k
                        + ") OR (m.status = :held AND m.sender_id = :me))"
                        + " AND NOT EXISTS (SELECT 1 FROM hidden_messages x WHERE x.account_id = :me AND x.message_id = p.doc_id)",
                select -> {
                    for (int k = 0; k < scopes.size(); k++) select.bind("j" + k, scopes.get(k).joinedSeq());
                    select.bind("delivered", WireName.of(MessageStatus.DELIVERED)).bind("held", WireName.of(MessageStatus.HELD))
                            .bind("me", scopes.get(0).accountId());
                });
    }

    /**
     * The newest {@code limit} documents of {@code kind} before {@code before} with every term, in
     * these scopes (conversations or channels), that pass the kind's visibility filter (a condition
     * on the document {@code join} names, for scope {@code k} of the statement, with its parameters
     * bound by {@code bindVisibility}). One statement: per scope, the range of the most telling term
     * read newest first until {@code limit} qualify (the other terms checked by key), so a word in
     * half of all documents costs no more than a rare one.
     */
    private static List<Long> newestPerScope(Handle h, SearchQuery query, DocumentKind kind, List<Long> scopeIds, long before,
                                             int limit, String join, IntFunction<String> visibleIn, Consumer<Query> bindVisibility) {
        List<SearchText.Term> terms = new ArrayList<>(query.terms());
        terms.sort(MessageSearch::mostTellingFirst);
        String others = otherTerms(terms);
        StringBuilder sql = new StringBuilder("SELECT doc_id FROM (");
        for (int k = 0; k < scopeIds.size(); k++) {
            if (k > 0) sql.append("\nUNION ALL ");
            sql.append("SELECT doc_id FROM (SELECT p.doc_id FROM search_terms p ").append(join)
                    .append(" WHERE p.term = :t0 AND p.kind = :kind AND p.scope_id = :c").append(k)
                    .append(" AND p.doc_id < :before").append(visibleIn.apply(k))
                    .append(others).append(" ORDER BY p.doc_id DESC LIMIT :limit) s").append(k);
        }
        sql.append(") hits ORDER BY doc_id DESC LIMIT :limit");
        Query select = h.createQuery(sql.toString());
        for (int i = 0; i < terms.size(); i++) select.bind("t" + i, terms.get(i).text());
        for (int k = 0; k < scopeIds.size(); k++) select.bind("c" + k, scopeIds.get(k));
        bindVisibility.accept(select);
        return select.bind("kind", kind.code()).bind("before", before).bind("limit", limit).mapTo(Long.class).list();
    }

    /** Longer terms are rarer: a word before a CJK pair before a single character, longest first. */
    private static int mostTellingFirst(SearchText.Term a, SearchText.Term b) {
        int byKind = Integer.compare(b.kind() == SearchText.Kind.SINGLE ? 0 : 1, a.kind() == SearchText.Kind.SINGLE ? 0 : 1);
        return byKind != 0 ? byKind : Integer.compare(b.text().length(), a.text().length());
    }

    private List<Hit> render(Handle h, SearchQuery query, List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        Map<Long, MessageView> views = messages.views(h, ids);
        Map<Long, ConversationRef> refs = new HashMap<>();
        h.createQuery("SELECT id, type, title FROM conversations WHERE id IN (<ids>)")
                .bindList("ids", views.values().stream().map(MessageView::conversationId).distinct().toList())
                .map((rs, ctx) -> new ConversationRef(rs.getLong("id"),
                        WireName.parse(ConversationType.class, rs.getString("type")).orElseThrow(), rs.getString("title")))
                .forEach(r -> refs.put(r.id(), r));
        List<Hit> hits = new ArrayList<>();
        for (long id : ids) {
            MessageView v = views.get(id);
            // The text is read again: a hit whose text no longer has every term (it changed since) is left out.
            if (v == null || v.text() == null || !SearchText.indexTerms(v.text()).containsAll(query.termTexts())) continue;
            hits.add(Hit.of(refs.get(v.conversationId()), v, Snippet.of(v.text(), SearchText.highlights(v.text(), query.terms(), false))));
        }
        return hits;
    }

    private List<Hit> renderPosts(Handle h, SearchQuery query, List<ChannelPostSource.ChannelRef> scopes, List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        Map<Long, ChannelPostSource.ChannelRef> refs = new HashMap<>();
        scopes.forEach(c -> refs.put(c.id(), c));
        List<Hit> hits = new ArrayList<>();
        for (ChannelPost p : channels.posts(h, ids)) {
            // Read again: a post removed since, or whose text no longer has every term, is left out.
            if (!p.published() || p.text() == null
                    || !SearchText.indexTerms(p.text()).containsAll(query.termTexts())) continue;
            hits.add(Hit.of(refs.get(p.channelId()), p, Snippet.of(p.text(), SearchText.highlights(p.text(), query.terms(), false))));
        }
        return hits;
    }
}
