package org.stoa.server.media;

import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition: attachment} with a file's name, safe for any name (RFC 6266, RFC 8187). */
final class ContentDisposition {

    private ContentDisposition() {}

    /** An ASCII fallback name (others replaced by _) and the exact name as UTF-8, percent-encoded. */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' && c != ';' ? c : '_');
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            boolean plain = (v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9')
                    || "!#$&+-.^_`|~".indexOf(v) >= 0;
            if (plain) encoded.append((char) v);
            else encoded.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(v & 15, 16)));
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
