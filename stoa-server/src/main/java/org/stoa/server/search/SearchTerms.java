package org.stoa.server.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.stoa.engine.text.SearchText;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Staging;

/**
 * The write side of the message index ({@code search_terms}), called in the transaction that
 * writes the document, so the index never lags what it indexes: new rows may wait in
 * {@code search_terms_recent} or its twin ({@link Staging}), which {@link MessageSearch} settles
 * (when any of its query's words waits) before it reads. A document's rows are its distinct terms
 * ({@link SearchText}); taking one out cuts its text again, which is why callers pass the text it
 * was indexed with.
 */
public final class SearchTerms {

    private static final Staging.Table TERMS = Staging.Table.SEARCH_TERMS;

    private static final String INSERT = "INSERT INTO %s (term, kind, scope_id, doc_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final Staging staging;

    public SearchTerms(Staging staging) {
        this.staging = staging;
    }

    /** Indexes {@code text} as the document {@code kind/docId} in {@code scopeId}; nothing for a null text. */
    public void add(Handle h, DocumentKind kind, long scopeId, long docId, String text) {
        if (text == null) return;
        Set<String> terms = SearchText.indexTerms(text);
        if (terms.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>(terms.size());
        for (String term : terms) rows.add(new Object[] {term, kind.code(), scopeId, docId});
        DirectSql.batch(h, INSERT.formatted(staging.into(TERMS)), rows);
        staging.appended(TERMS);
    }

    /** Takes out the document indexed with {@code text}, wherever its rows wait. */
    public void remove(Handle h, DocumentKind kind, long scopeId, long docId, String text) {
        if (text == null) return;
        Set<String> terms = SearchText.indexTerms(text);
        if (terms.isEmpty()) return;
        for (String table : TERMS.allNames()) {
            h.createUpdate("DELETE FROM " + table + " WHERE term IN (<terms>) AND kind = :kind AND scope_id = :scope AND doc_id = :doc")
                    .bindList("terms", List.copyOf(terms)).bind("kind", kind.code()).bind("scope", scopeId)
                    .bind("doc", docId).execute();
        }
    }

    /**
     * Returns once every document with any of {@code terms} indexed before the call is in
     * {@code search_terms}, where searches read: a move (writer jobs, and the wait for the log's
     * flush behind each) only when a row with one of them waits, in either table. A move goes in
     * slices of words, so while one is under way a document's rarest word may have moved and another
     * not yet: only when none of the query's words waits is every earlier document whole where the
     * search reads (a row moved but not yet taken out counts as waiting: settling waits for the move
     * under way). Where nothing waits (PostgreSQL) the tables are empty and the look costs nothing.
     * The look takes a read connection of its own for an instant: a search does not hold one while
     * the writer moves.
     */
    public void settle(Jdbi reads, Collection<String> terms) {
        List<String> words = List.copyOf(terms);
        String look = TERMS.recentNames().stream()
                .map(recent -> "SELECT 1 FROM " + recent + " WHERE term IN (" + DirectSql.placeholders(words.size()) + ")")
                .collect(Collectors.joining(" UNION ALL ", "", " LIMIT 1"));
        Object[] args = new Object[words.size() * TERMS.recentNames().size()];
        for (int i = 0; i < args.length; i++) args[i] = words.get(i % words.size());
        boolean waiting = reads.withHandle(h -> DirectSql.firstLong(h, look, args).isPresent());
        if (waiting) staging.settle(TERMS);
    }

    /** Indexes a document again after its text changed from {@code before} to {@code after}. */
    public void replace(Handle h, DocumentKind kind, long scopeId, long docId, String before, String after) {
        remove(h, kind, scopeId, docId, before);
        add(h, kind, scopeId, docId, after);
    }
}
