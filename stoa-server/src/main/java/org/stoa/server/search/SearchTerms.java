package org.stoa.server.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.text.SearchText;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Staging;

/**
 * The write side of the message index ({@code search_terms}), called in the transaction that
 * writes the document, so the index never lags what it indexes: new rows may wait in
 * {@code search_terms_recent} or its twin ({@link Staging}); {@link MessageSearch} has its query's
 * words settled before it reads. A document's rows are its distinct terms
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
     * Returns once every document with any of {@code terms} indexed before the call has its rows for
     * them in {@code search_terms}, where searches read: the waiting rows of those words are copied
     * there, if any wait ({@link Staging#settle}); on PostgreSQL nothing waits.
     */
    public void settle(Collection<String> terms) {
        staging.settle(TERMS, List.copyOf(terms));
    }

    /** Indexes a document again after its text changed from {@code before} to {@code after}. */
    public void replace(Handle h, DocumentKind kind, long scopeId, long docId, String before, String after) {
        remove(h, kind, scopeId, docId, before);
        add(h, kind, scopeId, docId, after);
    }
}
