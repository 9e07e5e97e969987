package org.stoa.server.channels;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stoa.engine.text.SearchText;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;

/**
 * {@code GET /api/v1/directory/channels?q=}: public channels whose handle, title or description has
 * words (or, in Chinese and other unspaced scripts, character pairs) that every term of the query
 * begins, folded for case, accents and Traditional Chinese as the engine's {@link SearchText} folds
 * them. Unlisted channels are never listed, nor demoted or closed ones.
 */
public final class ChannelDirectory {

    static final int MAX_QUERY = 200;
    private static final int SCAN_PAGE = 500;

    private final ChannelStore store;
    private final ChannelService channels;
    private final Clock clock;

    ChannelDirectory(ChannelStore store, ChannelService channels, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.clock = clock;
    }

    public List<ChannelView> search(Principal me, String q, Integer limit) {
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 50) throw ApiException.badRequest("invalid_limit", "limit is 1 to 50");
        String query = q == null ? "" : q.strip();
        if (query.codePointCount(0, query.length()) > MAX_QUERY) {
            throw ApiException.badRequest("invalid_query", "queries are at most " + MAX_QUERY + " characters");
        }
        if (query.startsWith("@")) query = query.substring(1);
        List<SearchText.Term> terms = SearchText.query(query);
        Instant now = clock.instant();
        return store.reads().withHandle(h -> {
            List<ChannelView> out = new ArrayList<>();
            long afterId = Long.MAX_VALUE;
            for (List<ChannelStore.Row> page; out.size() < n && !(page = store.publicChannels(h, afterId, SCAN_PAGE)).isEmpty(); ) {
                for (ChannelStore.Row c : page) {
                    if (out.size() >= n) break;
                    if (!matches(terms, c) || !channels.standing(h, c.id(), now).state().listed()) continue;
                    out.add(channels.view(h, c, me.accountId(), now));
                }
                afterId = page.getLast().id();
            }
            return out;
        });
    }

    /** Every query term begins some term of the channel's handle, title or description; an empty query lists all. */
    private static boolean matches(List<SearchText.Term> query, ChannelStore.Row c) {
        if (query.isEmpty()) return true;
        Set<String> document = SearchText.indexTerms(c.handle() + " " + c.handle().replace('_', ' ') + " " + c.title() + " "
                + c.description());
        for (SearchText.Term q : query) {
            boolean found = false;
            for (String d : document) {
                if (SearchText.matches(q, d, true)) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }
}
