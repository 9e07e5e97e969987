package org.stoa.server.search;

import java.util.List;
import org.stoa.engine.text.SearchText;
import org.stoa.server.http.ApiException;

/**
 * A search box's text, checked and cut into terms as documents are ({@link SearchText#query}):
 * shared by message search and the directory, so hostile input gets the same clear answers.
 */
public record SearchQuery(String text, List<SearchText.Term> terms) {

    /** Longest query, in characters: a search box, not a document. */
    public static final int MAX_CHARS = 200;
    /** Most terms a query may have once cut (every one is a look-up). */
    public static final int MAX_TERMS = 8;

    /** Checks {@code q} (absent, blank, too long, NUL or broken Unicode, nothing to search for: a 400). */
    public static SearchQuery parse(String q) {
        if (q == null || q.isBlank()) throw ApiException.badRequest("missing_query", "query parameter 'q' is required");
        if (q.length() > MAX_CHARS * 2 || q.codePointCount(0, q.length()) > MAX_CHARS) {
            throw ApiException.badRequest("query_too_long", "queries are at most " + MAX_CHARS + " characters");
        }
        for (int i = 0; i < q.length(); ) {
            int cp = q.codePointAt(i);
            if (cp == 0 || Character.getType(cp) == Character.SURROGATE) {
                throw ApiException.badRequest("invalid_query", "the query contains a NUL character or invalid Unicode");
            }
            i += Character.charCount(cp);
        }
        List<SearchText.Term> terms = SearchText.query(q);
        if (terms.isEmpty()) {
            throw ApiException.badRequest("invalid_query", "the query has no words or characters to search for");
        }
        if (terms.size() > MAX_TERMS) {
            throw ApiException.badRequest("too_many_terms", "a query has at most " + MAX_TERMS + " words (or pairs of CJK characters)");
        }
        return new SearchQuery(q, terms);
    }

    /** The folded terms' texts. */
    public List<String> termTexts() {
        return terms.stream().map(SearchText.Term::text).toList();
    }
}
