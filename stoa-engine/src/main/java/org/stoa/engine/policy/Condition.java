package org.stoa.engine.policy;

/** One test a rule makes; a rule combines them with {@code any} or {@code all}. */
public sealed interface Condition {

    /** The message text contains a term of the named list. */
    record TextList(String list) implements Condition {}

    /**
     * The message text matches an operator's regular expression (RE2: linear time, no backtracking),
     * run on the folded text (lower case, look-alikes and accents folded, invisible characters gone).
     */
    record Regex(String source) implements Condition {}

    /** The image matches an entry of the named hash bank. */
    record ImageBank(String bank) implements Condition {}

    /** Text that OCR found in the image contains a term of the named list. */
    record ImageText(String list) implements Condition {}
}
