package org.stoa.engine.review;

/** The facts behind a rule hit, quoting the original content. */
public sealed interface Evidence {

    /** One sentence for the person affected. */
    String describe();

    /**
     * Text matched a listed term; {@code start}/{@code end} are code-point offsets into the
     * original text and {@code quote} is exactly what was written there.
     */
    record TermMatch(String list, String term, int start, int end, String quote) implements Evidence {
        @Override
        public String describe() {
            return "\"" + quote + "\" matched the term \"" + term + "\" of the list " + list;
        }
    }

    /** Text matched an operator's regular expression. */
    record PatternMatch(String pattern, int start, int end, String quote) implements Evidence {
        @Override
        public String describe() {
            return "\"" + quote + "\" matched the pattern " + pattern;
        }
    }

    /** An image matched a hash bank entry; {@code signal} is sha256, md5 or pdq. */
    record BankMatch(String bank, String label, String signal, int distance, String variant) implements Evidence {
        @Override
        public String describe() {
            String how = signal.equals("pdq")
                    ? "by perceptual hash (distance " + distance + (variant.isEmpty() ? "" : ", " + variant) + ")"
                    : "by exact " + signal + " hash";
            return "matched image bank " + bank + " " + how + (label == null || label.isEmpty() ? "" : " [" + label + "]");
        }
    }

    /** Text found in an image by OCR matched a listed term. */
    record ImageTextMatch(String list, String term, String quote) implements Evidence {
        @Override
        public String describe() {
            return "text in the image \"" + quote + "\" matched the term \"" + term + "\" of the list " + list;
        }
    }
}
