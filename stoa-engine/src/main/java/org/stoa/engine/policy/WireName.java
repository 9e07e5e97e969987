package org.stoa.engine.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enum constants as written in policy files and APIs: lower case, e.g. {@code illegal_goods}. */
public final class WireName {

    private WireName() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        if (name == null) return Optional.empty();
        return Arrays.stream(type.getEnumConstants()).filter(e -> of(e).equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** "a, b or c", for error messages. */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::of).collect(Collectors.joining(", "));
    }
}
