package org.stoa.server.cli;

/**
 * One JSON object on one line, built field by field: the engine's commands print a line per
 * file, and a JSON library would cost the short-lived process more start-up time than it saves.
 */
final class JsonLine {

    private final StringBuilder out = new StringBuilder("{");

    JsonLine put(String key, String value) {
        key(key);
        if (value == null) out.append("null");
        else quote(value);
        return this;
    }

    JsonLine put(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    /** A nested object or array written by the caller as raw JSON. */
    JsonLine putRaw(String key, String json) {
        key(key);
        out.append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private void key(String key) {
        if (out.length() > 1) out.append(',');
        quote(key);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
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
