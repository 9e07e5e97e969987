package org.stoa.engine.policy;

import java.util.List;
import java.util.Map;
import org.stoa.engine.text.TermList;

/**
 * A parsed policy: named term lists, hash bank names, rules, the enforcement ladder, how
 * appeals run, and who may move to another account.
 * {@code ocrBank} is the bank that receives the hashes of images OCR caught, so that the next send
 * of the same image is stopped by its hash at once.
 */
public record Policy(String version, Map<String, TermList> lists, List<String> banks, List<Rule> rules,
                     Enforcement enforcement, Appeals appeals, Moves moves, String ocrBank) {

    public Policy {
        lists = Map.copyOf(lists);
        banks = List.copyOf(banks);
        rules = List.copyOf(rules);
    }
}
