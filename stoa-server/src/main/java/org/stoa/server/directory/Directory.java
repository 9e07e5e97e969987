package org.stoa.server.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.stoa.engine.text.SearchText;
import org.stoa.server.accounts.AccountRef;
import org.stoa.server.accounts.Principal;
import org.stoa.server.http.ApiException;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Limits;
import org.stoa.server.search.SearchQuery;

/**
 * Finding accounts and public groups by what they are called: every term of the query is the start
 * of a term of a name (usernames and display names; group titles), in English or Chinese, as one
 * types. Each term is one range of {@code directory_terms}; a few hundred candidates are ranked
 * here (a name that is the query first, then names that start with it).
 */
public final class Directory {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 50;
    /** Candidates read for one query before ranking: a directory answers the first few keystrokes too. */
    private static final int CANDIDATES = 500;

    /** A public group as the directory lists it: {@code member} says whether the caller is in it already. */
    public record GroupEntry(long id, String title, int memberCount, int slowModeSeconds, boolean member) {}

    public record Page<T>(List<T> results) {}

    private final Jdbi reads;
    private final Limits limits;

    public Directory(Jdbi reads, Limits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    public Page<AccountRef> accounts(Principal me, String q, Integer limit) {
        limits.acquire(Limit.DIRECTORY_SEARCHES, me.accountId());
        SearchQuery query = SearchQuery.parse(q);
        int n = limit(limit);
        String whole = q.strip().toLowerCase(Locale.ROOT);
        String first = query.terms().get(0).text();
        return reads.withHandle(h -> {
            List<Long> ids = candidates(h, DirectoryKind.ACCOUNT, query);
            if (ids.isEmpty()) return new Page<>(List.of());
            List<AccountRef> found = h.createQuery("""
                            SELECT id, username, display_name, avatar_media_id FROM accounts
                            WHERE id IN (<ids>) AND deleted_at IS NULL""")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> new AccountRef(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                            rs.getString("avatar_media_id"), null))
                    .list();
            List<AccountRef> ranked = new ArrayList<>(found);
            ranked.sort(Comparator.<AccountRef>comparingInt(a -> a.username().equals(whole) ? 0 : a.username().startsWith(first) ? 1 : 2)
                    .thenComparingInt(a -> a.username().length()).thenComparing(AccountRef::username));
            return new Page<>(List.copyOf(ranked.subList(0, Math.min(n, ranked.size()))));
        });
    }

    public Page<GroupEntry> groups(Principal me, String q, Integer limit) {
        limits.acquire(Limit.DIRECTORY_SEARCHES, me.accountId());
        SearchQuery query = SearchQuery.parse(q);
        int n = limit(limit);
        String first = query.terms().get(0).text();
        return reads.withHandle(h -> {
            List<Long> ids = candidates(h, DirectoryKind.GROUP, query);
            if (ids.isEmpty()) return new Page<>(List.of());
            List<GroupEntry> found = h.createQuery("""
                            SELECT c.id, c.title, c.slow_mode_seconds,
                                   (SELECT count(*) FROM members m WHERE m.conversation_id = c.id) AS member_count,
                                   (SELECT count(*) FROM members m WHERE m.conversation_id = c.id AND m.account_id = :me) AS mine
                            FROM conversations c WHERE c.id IN (<ids>) AND c.type = 'group' AND c.visibility = 'public'""")
                    .bindList("ids", ids).bind("me", me.accountId())
                    .map((rs, ctx) -> new GroupEntry(rs.getLong("id"), rs.getString("title"), rs.getInt("member_count"),
                            rs.getInt("slow_mode_seconds"), rs.getInt("mine") > 0))
                    .list();
            List<GroupEntry> ranked = new ArrayList<>(found);
            ranked.sort(Comparator.<GroupEntry>comparingInt(g -> startsWith(g.title(), first) ? 0 : 1)
                    .thenComparing(Comparator.comparingInt(GroupEntry::memberCount).reversed()).thenComparingLong(GroupEntry::id));
            return new Page<>(List.copyOf(ranked.subList(0, Math.min(n, ranked.size()))));
        });
    }

    private static boolean startsWith(String title, String term) {
        List<SearchText.Term> terms = SearchText.terms(title == null ? "" : title);
        return !terms.isEmpty() && terms.get(0).text().startsWith(term);
    }

    private static int limit(Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) throw ApiException.badRequest("invalid_limit", "limit is 1 to " + MAX_LIMIT);
        return n;
    }

    /** Entries with a term starting with each of the query's terms: the longest term's range, the others checked per entry. */
    private static List<Long> candidates(Handle h, DirectoryKind kind, SearchQuery query) {
        List<SearchText.Term> terms = new ArrayList<>(query.terms());
        terms.sort(Comparator.comparingInt((SearchText.Term t) -> t.text().length()).reversed());
        StringBuilder sql = new StringBuilder(
                "SELECT DISTINCT d.doc_id FROM directory_terms d WHERE d.kind = :kind AND d.term >= :lo0 AND d.term < :hi0\n");
        for (int i = 1; i < terms.size(); i++) {
            sql.append(" AND EXISTS (SELECT 1 FROM directory_terms x").append(i).append(" WHERE x").append(i)
                    .append(".kind = :kind AND x").append(i).append(".doc_id = d.doc_id AND x").append(i).append(".term >= :lo")
                    .append(i).append(" AND x").append(i).append(".term < :hi").append(i).append(")\n");
        }
        sql.append("LIMIT :cap");
        Query select = h.createQuery(sql.toString()).bind("kind", kind.code()).bind("cap", CANDIDATES);
        for (int i = 0; i < terms.size(); i++) {
            select.bind("lo" + i, terms.get(i).text()).bind("hi" + i, afterPrefix(terms.get(i).text()));
        }
        return select.mapTo(Long.class).list();
    }

    /** The least string greater than every string that starts with {@code prefix}: its last code point plus one. */
    static String afterPrefix(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last == 0xD7FF ? 0xE000 : last + 1;
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }
}
