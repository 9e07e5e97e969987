package org.stoa.server.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.stoa.engine.text.Skeleton;

/**
 * Names that only the operator may give out ({@code accounts.reservedUsernames}), so that nobody
 * signs up as {@code admin} or {@code stoa.support} and speaks with the service's voice. A username
 * is reserved when any of its parts (split at {@code .} and {@code _}), without its digits, is a
 * reserved word, or looks like one (the same confusable skeleton, {@link Skeleton}): {@code admin},
 * {@code admin2}, {@code the_admin}, {@code support.stoa}, {@code adrnin} and {@code supp0rt} are;
 * {@code modern_art} is not.
 */
public final class ReservedUsernames {

    private final Set<String> words;
    private final Set<String> skeletons;

    private ReservedUsernames(Set<String> words) {
        this.words = words;
        this.skeletons = words.stream().map(Skeleton::of).collect(Collectors.toUnmodifiableSet());
    }

    /** From a comma-separated list, as the setting gives it. */
    public static ReservedUsernames parse(String commaSeparated) {
        return new ReservedUsernames(Arrays.stream(commaSeparated.split(","))
                .map(w -> w.strip().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /** {@code username} is canonical (lower case). */
    boolean reserved(String username) {
        for (String part : username.split("[._]")) {
            if (words.contains(part.replaceAll("[0-9]", "")) || skeletons.contains(Skeleton.of(part))) return true;
        }
        return false;
    }
}
