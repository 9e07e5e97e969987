package org.stoa.server.limits;

import java.time.Duration;
import org.stoa.engine.policy.Durations;

/** How much a {@link Limit} allows: a rate, or a number open at the same time. */
public sealed interface Quota {

    /** The setting's text, as {@code stoa.yaml} and {@code serve --help} write it. */
    String text();

    /**
     * A token bucket: {@code count} at once, refilling evenly over {@code window}; so a burst of
     * {@code count}, then one every {@code window / count}.
     */
    record Rate(int count, Duration window) implements Quota {
        public Rate {
            if (count <= 0) throw new IllegalArgumentException("the count must be positive");
            if (window.toMillis() <= 0) throw new IllegalArgumentException("the window must be at least 1 ms");
        }

        /** Parses {@code count/window}, e.g. {@code 30/10s}. */
        static Rate parse(String text) {
            String[] parts = text.split("/", 2);
            if (parts.length != 2) throw new IllegalArgumentException("expected count/window such as 10/15m");
            int count;
            try {
                count = Integer.parseInt(parts[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the count must be a whole number");
            }
            return new Rate(count, Durations.parse(parts[1].trim()));
        }

        public double permitsPerMilli() {
            return count / (double) window.toMillis();
        }

        @Override
        public String text() {
            long ms = window.toMillis();
            String w = ms % 86_400_000 == 0 ? ms / 86_400_000 + "d" : ms % 3_600_000 == 0 ? ms / 3_600_000 + "h"
                    : ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
            return count + "/" + w;
        }
    }

    /** At most {@code max} open at the same time, e.g. connections. */
    record Open(int max) implements Quota {
        public Open {
            if (max <= 0) throw new IllegalArgumentException("must be positive");
        }

        static Open parse(String text) {
            try {
                return new Open(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
        }

        @Override
        public String text() {
            return Integer.toString(max);
        }
    }
}
