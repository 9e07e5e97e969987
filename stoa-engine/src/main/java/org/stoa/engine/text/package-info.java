/**
 * Text moderation: finding listed terms in messages however they are disguised, and running
 * operators' regular expressions safely; and the terms a search index stores.
 *
 * <ul>
 *   <li>{@link org.stoa.engine.text.TermList} (a name, terms, {@link org.stoa.engine.text.TermListOptions})
 *       becomes an immutable, thread-safe {@link org.stoa.engine.text.TermMatcher} with
 *       {@code TermMatcher.build(list)}; {@code matcher.find(message)} returns
 *       {@link org.stoa.engine.text.TermMatch}es: the term as written in the list and its span in
 *       code points of the original message ({@code match.quote(message)} is the exact text).
 *   <li>{@link org.stoa.engine.text.LiveTermMatcher} holds the current matcher of a list that
 *       changes: rebuilt off the hot path, swapped in atomically.
 *   <li>{@link org.stoa.engine.text.RegexRules} runs {@link org.stoa.engine.text.RegexRule}s with
 *       RE2/J (linear time) and returns {@link org.stoa.engine.text.RegexMatch}es, also as spans of
 *       the original message.
 *   <li>{@link org.stoa.engine.text.SearchText} cuts text into the terms of a search index (words;
 *       CJK characters and overlapping pairs) with the same fold, and finds a query's highlights.
 * </ul>
 *
 * <p>How matching works: each code point is folded once, through a table computed from ICU's
 * data (compatibility forms, case, accents, UTS #39 look-alikes, invisible characters, Traditional
 * to Simplified Chinese, leetspeak); the folded text keeps, for each letter, where it came from and
 * what gap precedes it. A search then walks a trie of the folded terms from every place a term may
 * start, exploring the few readings the text allows where it is ambiguous (a digit as itself or a
 * letter, a look-alike as each letter it or its other case looks like, a repeated letter, a gap
 * inside a spelled-apart word), with whole-word semantics for scripts written with spaces. Filters
 * rule out most starts without reading the trie. A CJK match across clause punctuation
 * ({@code 赌，场}) stands only if the characters on both sides are words by themselves (ICU's
 * dictionary segmentation), or if the term is spelled apart throughout ({@code 网，上，赌，场}).
 */
package org.stoa.engine.text;
