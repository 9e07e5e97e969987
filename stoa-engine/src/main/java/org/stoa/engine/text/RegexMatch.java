package org.stoa.engine.text;

/** Where a {@link RegexRule} matched, in code points of the original text ({@code end} exclusive). */
public record RegexMatch(String ruleId, int start, int end) implements Span {}
