package org.stoa.server.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one byte sequence a JSON value signs as: RFC 8785 (JCS) for what a manifest holds (objects,
 * arrays, strings, whole numbers, booleans): members sorted by their names' UTF-16 code units, no
 * whitespace, strings with only the escapes JSON requires. Anyone can recompute it, e.g. in Python:
 * {@code json.dumps(m, sort_keys=True, separators=(',', ':'), ensure_ascii=False)}.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static byte[] bytes(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode v, StringBuilder out) {
        switch (v.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(v.properties());
                members.sort(Map.Entry.comparingByKey()); // String order is UTF-16 code unit order, as JCS asks
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) out.append(',');
                    string(members.get(i).getKey(), out);
                    out.append(':');
                    write(members.get(i).getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < v.size(); i++) {
                    if (i > 0) out.append(',');
                    write(v.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(v.textValue(), out);
            case NUMBER -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new IllegalArgumentException("a signed manifest holds whole numbers only, not " + v);
                }
                out.append(v.longValue());
            }
            case BOOLEAN -> out.append(v.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON: " + v.getNodeType());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
