package org.stoa.engine.text;

/**
 * An operator's pattern, in RE2 syntax (no back-references or look-around, so matching takes
 * linear time whatever the pattern and the message).
 *
 * @param id names the rule in decisions
 * @param pattern matched against the folded text: lower case, accents, compatibility forms and
 *     look-alike letters folded, invisible characters removed, separators kept
 */
public record RegexRule(String id, String pattern) {}
