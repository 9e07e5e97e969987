package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stoa.engine.text.SearchText.Highlight;
import org.stoa.engine.text.SearchText.Kind;
import org.stoa.engine.text.SearchText.Term;

class SearchTextTest {

    @Test
    void englishIsCutIntoFoldedWords() {
        assertThat(SearchText.indexTerms("Meet me at the CAFÉ, Zoë! café-crème"))
                .containsExactly("meet", "me", "at", "the", "cafe", "zoe", "creme");
        assertThat(SearchText.indexTerms("ＦＵＬＬ width\u200b and Straße")).containsExactly("full", "width", "and", "strasse");
    }

    @Test
    void termsKnowWhereTheyCameFrom() {
        String text = "Hello, Wörld";
        List<Term> terms = SearchText.terms(text);
        assertThat(terms).extracting(Term::text).containsExactly("hello", "world");
        assertThat(terms).allMatch(t -> t.kind() == Kind.WORD);
        assertThat(text.substring(terms.get(1).start(), terms.get(1).end())).isEqualTo("Wörld");
    }

    @Test
    void chineseIsCutIntoCharactersAndOverlappingPairs() {
        List<Term> terms = SearchText.terms("去北京。好");
        assertThat(terms).extracting(Term::text).containsExactly("去", "去北", "北", "北京", "京", "好");
        assertThat(terms).extracting(Term::kind).containsExactly(Kind.SINGLE, Kind.PAIR, Kind.SINGLE, Kind.PAIR,
                Kind.SINGLE, Kind.SINGLE);
        assertThat(terms).extracting(Term::start).isSorted();
    }

    @Test
    void queriesKeepWhatNarrowsTheSearch() {
        assertThat(SearchText.query("北京")).as("the pair implies its characters").extracting(Term::text).containsExactly("北京");
        assertThat(SearchText.query("北京人")).extracting(Term::text).containsExactly("北京", "京人");
        assertThat(SearchText.query("京")).extracting(Term::kind).containsExactly(Kind.SINGLE);
        assertThat(SearchText.query("北京 北京 and AND 好")).extracting(Term::text).containsExactly("北京", "and", "好");
    }

    @Test
    void queriesAndDocumentsFoldAlike() {
        assertThat(allFound("北京", "我们明天去北京看看长城")).isTrue();
        assertThat(allFound("長城", "我们明天去北京看看长城")).as("Traditional for Simplified").isTrue();
        assertThat(allFound("京", "我们明天去北京看看长城")).as("one character inside a run").isTrue();
        assertThat(allFound("城", "我们明天去北京看看长城")).as("one character ending a run").isTrue();
        assertThat(allFound("上海", "我们明天去北京看看长城")).isFalse();
        assertThat(allFound("CAFE zoe", "Zoë went to the café")).isTrue();
        assertThat(allFound("cafes", "Zoë went to the café")).isFalse();
        assertThat(allFound("東京", "明日は東京へ行きます")).as("Japanese kanji and kana").isTrue();
        assertThat(allFound("とうきょう", "とうきょうへ")).isTrue();
        assertThat(allFound("meeting 会议", "Meeting: 明天的会议取消了")).isTrue();
    }

    @Test
    void prefixesServeADirectory() {
        Term query = SearchText.terms("ali").get(0);
        assertThat(SearchText.matches(query, "alice", true)).isTrue();
        assertThat(SearchText.matches(query, "alice", false)).isFalse();
        Term chinese = SearchText.terms("李").get(0);
        assertThat(SearchText.matches(chinese, "李", false)).isTrue();
        assertThat(SearchText.matches(chinese, "雷", false)).isFalse();
    }

    @Test
    void highlightsCoverWhatMatchedInTheOriginal() {
        String text = "我们明天去北京看看长城, and then CAFÉ";
        List<Highlight> lit = SearchText.highlights(text, SearchText.query("北京 cafe"), false);
        assertThat(lit).extracting(h -> text.substring(h.start(), h.end())).containsExactly("北京", "CAFÉ");
        String longer = "去北京看看";
        assertThat(SearchText.highlights(longer, SearchText.query("北京看"), false))
                .extracting(h -> longer.substring(h.start(), h.end())).containsExactly("北京看");
        assertThat(SearchText.highlights(longer, SearchText.query("京"), false))
                .extracting(h -> longer.substring(h.start(), h.end())).containsExactly("京");
        assertThat(SearchText.highlights(longer, List.of(), false)).isEmpty();
    }

    @Test
    void hostileInputIsCutWithoutFailing() {
        assertThat(SearchText.terms("")).isEmpty();
        assertThat(SearchText.terms("%_'\";--\u0000\u0007\n\t")).isEmpty();
        assertThat(SearchText.indexTerms("x".repeat(10_000))).containsExactly("x".repeat(SearchText.MAX_WORD_CODE_POINTS));
        assertThat(SearchText.terms("\ud800a\udc00")).extracting(Term::text).isNotNull();
        assertThat(SearchText.indexTerms("😀 emoji 𠀀𠀁")).contains("emoji", "𠀀𠀁");
    }

    /** Whether every query term matches a term of the document, as the message index asks. */
    private static boolean allFound(String query, String document) {
        Set<String> terms = SearchText.indexTerms(document);
        return SearchText.query(query).stream().allMatch(q -> terms.stream().anyMatch(t -> SearchText.matches(q, t, false)));
    }
}
