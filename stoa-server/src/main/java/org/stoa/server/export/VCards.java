package org.stoa.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.stoa.server.contacts.ContactView;

/**
 * {@code contacts.vcf}: each contact as a vCard 4.0 (RFC 6350), which address books import. Stoa
 * knows a contact by username, which becomes the formatted name and nickname, with the account's
 * username also in {@code X-STOA-USERNAME} for tools that move contacts between servers.
 */
final class VCards {

    private static final DateTimeFormatter REV = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_LINE = 75; // octets, before folding

    private VCards() {}

    static void write(List<ContactView> contacts, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (ContactView c : contacts) {
            line(w, "BEGIN:VCARD");
            line(w, "VERSION:4.0");
            line(w, "KIND:individual");
            line(w, "FN:" + text(c.displayName() != null ? c.displayName() : c.username()));
            line(w, "NICKNAME:" + text(c.username()));
            line(w, "X-STOA-USERNAME:" + text(c.username()));
            line(w, "NOTE:" + text("Stoa contact since " + c.since()));
            line(w, "REV:" + REV.format(c.since()));
            line(w, "END:VCARD");
        }
        w.flush();
    }

    /** A text value with backslashes, commas, semicolons and newlines escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** A content line, folded into lines of at most 75 octets (continuations start with a space), ended by CRLF. */
    static void line(Writer w, String line) throws IOException {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_LINE) {
                w.write("\r\n ");
                octets = 1;
            }
            w.write(Character.toChars(cp));
            octets += size;
            i += Character.charCount(cp);
        }
        w.write("\r\n");
    }
}
