package org.stoa.server.transparency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DSA Transparency Database's field set and allowed values, read from the team's spec
 * ({@code shared/specs/dsa-statements.md}, found by walking up from the working folder): each
 * field of its table with the upper-case values its row allows, the categories of its list.
 */
record DsaSpec(Map<String, Set<String>> fields, Set<String> categories) {

    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern VALUE = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final Pattern FIELD = Pattern.compile("[a-z]+(_[a-z]+)+");

    static DsaSpec load() throws IOException {
        Path spec = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && spec == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/specs/dsa-statements.md");
            if (Files.isRegularFile(candidate)) spec = candidate;
        }
        if (spec == null) {
            throw new IllegalStateException("shared/specs/dsa-statements.md is missing above " + Path.of("").toAbsolutePath()
                    + ": the statements are checked against it");
        }
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        Set<String> categories = new HashSet<>();
        boolean inFields = false;
        boolean inCategories = false;
        for (String line : Files.readAllLines(spec)) {
            if (line.startsWith("## ")) {
                inFields = line.startsWith("## Fields");
                inCategories = line.startsWith("## Categories");
                continue;
            }
            if (inFields && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                Set<String> values = ticked(cells[3], true);
                for (String field : ticked(cells[1], false)) fields.put(field, values);
                // Fields that go with a value ("then `decision_visibility_other`"): free text.
                for (String field : ticked(cells[3], false)) if (FIELD.matcher(field).matches()) fields.putIfAbsent(field, Set.of());
            }
            if (inCategories && !line.startsWith("(Gone")) categories.addAll(ticked(line, true));
        }
        return new DsaSpec(fields, categories);
    }

    private static Set<String> ticked(String text, boolean valuesOnly) {
        Set<String> out = new HashSet<>();
        Matcher m = TICKED.matcher(text);
        while (m.find()) {
            if (!valuesOnly || VALUE.matcher(m.group(1)).matches()) out.add(m.group(1));
        }
        return out;
    }

    /** The values a field allows: its row's, the category list for categories, Yes and No for automated detection. */
    Set<String> allowed(String field) {
        if (field.equals("category") || field.equals("category_addition")) return categories;
        if (field.equals("automated_detection")) return Set.of("Yes", "No");
        return fields.get(field);
    }

    List<String> dates() {
        return fields.keySet().stream().filter(f -> f.endsWith("_date") || f.startsWith("end_date_")).toList();
    }
}
