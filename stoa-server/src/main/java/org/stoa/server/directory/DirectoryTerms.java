package org.stoa.server.directory;

import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.stoa.engine.text.SearchText;

/**
 * The write side of the directory ({@code directory_terms}): an entry's terms are the distinct
 * terms of its names ({@link SearchText}), written in the transaction that changes them.
 */
public final class DirectoryTerms {

    private DirectoryTerms() {}

    /** Lists {@code id} under the terms of {@code names} (nulls skipped), replacing what it was listed under. */
    public static void put(Handle h, DirectoryKind kind, long id, String... names) {
        remove(h, kind, id);
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            if (name != null) text.append(name).append('\n');
        }
        Set<String> terms = SearchText.indexTerms(text.toString());
        if (terms.isEmpty()) return;
        PreparedBatch batch = h.prepareBatch("INSERT INTO directory_terms (kind, term, doc_id) VALUES (:kind, :term, :doc)");
        for (String term : terms) batch.bind("kind", kind.code()).bind("term", term).bind("doc", id).add();
        batch.execute();
    }

    /** Takes {@code id} out of the directory. */
    public static void remove(Handle h, DirectoryKind kind, long id) {
        h.createUpdate("DELETE FROM directory_terms WHERE kind = :kind AND doc_id = :doc")
                .bind("kind", kind.code()).bind("doc", id).execute();
    }
}
