package org.stoa.engine.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A named list of terms (words or phrases, any script) with its matching options. Duplicates
 * are dropped; order is kept.
 */
public record TermList(String name, List<String> terms, TermListOptions options) {

    public TermList {
        terms = List.copyOf(new LinkedHashSet<>(terms));
    }

    /** A list with {@link TermListOptions#DEFAULTS}. */
    public TermList(String name, List<String> terms) {
        this(name, terms, TermListOptions.DEFAULTS);
    }

    public TermList withOptions(TermListOptions options) {
        return new TermList(name, terms, options);
    }

    /**
     * Reads a list file: UTF-8, one term a line, surrounding white space ignored, blank lines and
     * lines starting with {@code #} skipped. The list is named after the file.
     */
    public static TermList read(Path file) throws IOException {
        return new TermList(file.getFileName().toString(), parseLines(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** The terms of a list file's content (see {@link #read}). */
    public static List<String> parseLines(String content) {
        List<String> terms = new ArrayList<>();
        content.lines().forEach(line -> {
            String term = line.strip();
            if (term.startsWith("\uFEFF")) term = term.substring(1).strip();
            if (!term.isEmpty() && !term.startsWith("#")) terms.add(term);
        });
        return terms;
    }
}
