package org.stoa.server.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.stoa.engine.text.SearchText;
import org.stoa.server.storage.DirectSql;

/**
 * The write side of the message index ({@code search_terms}), called in the transaction that writes the document, so the
 * index never lags what it indexes. A document's rows are its distinct terms ({@link SearchText});
 * taking one out cuts its text again, which is why callers pass the text it was indexed with.
 */
public final class SearchTerms {

    private SearchTerms() {}

    /** Indexes {@code text} as the document {@code kind/docId} in {@code scopeId}; nothing for a null text. */
    public static void add(Handle h, DocumentKind kind, long scopeId, long docId, String text) {
        if (text == null) return;
        Set<String> terms = SearchText.indexTerms(text);
        if (terms.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>(terms.size());
        for (String term : terms) rows.add(new Object[] {term, kind.code(), scopeId, docId});
        DirectSql.batch(h, "INSERT INTO search_terms (term, kind, scope_id, doc_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
    }

    /** Takes out the document indexed with {@code text}. */
    public static void remove(Handle h, DocumentKind kind, long scopeId, long docId, String text) {
        if (text == null) return;
        Set<String> terms = SearchText.indexTerms(text);
        if (terms.isEmpty()) return;
        h.createUpdate("DELETE FROM search_terms WHERE term IN (<terms>) AND kind = :kind AND scope_id = :scope AND doc_id = :doc")
                .bindList("terms", List.copyOf(terms)).bind("kind", kind.code()).bind("scope", scopeId)
                .bind("doc", docId).execute();
    }

    /** Indexes a document again after its text changed from {@code before} to {@code after}. */
    public static void replace(Handle h, DocumentKind kind, long scopeId, long docId, String before, String after) {
        remove(h, kind, scopeId, docId, before);
        add(h, kind, scopeId, docId, after);
    }
}
