package org.stoa.server.media;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.stoa.server.http.ApiException;

/**
 * The files people may send besides images (PDF, plain text, office documents, archives), each
 * checked by its first bytes: a file is what its Content-Type says or it is refused. Programs are
 * refused whatever they claim to be; none of the accepted types is active content a browser runs.
 */
final class FileTypes {

    /** How the bytes of a type begin. */
    private enum Signature {
        PDF, TEXT, ZIP, OLE2, GZIP, SEVEN_ZIP, RAR, TAR;

        boolean matches(byte[] b) {
            return switch (this) {
                case PDF -> startsWith(b, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII));
                case TEXT -> isText(b);
                case ZIP -> startsWith(b, 0, new byte[] {'P', 'K', 3, 4}) || startsWith(b, 0, new byte[] {'P', 'K', 5, 6});
                case OLE2 -> startsWith(b, 0, bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1));
                case GZIP -> startsWith(b, 0, bytes(0x1F, 0x8B));
                case SEVEN_ZIP -> startsWith(b, 0, bytes(0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C));
                case RAR -> startsWith(b, 0, "Rar!\u001a\u0007".getBytes(StandardCharsets.ISO_8859_1));
                case TAR -> startsWith(b, 257, "ustar".getBytes(StandardCharsets.US_ASCII));
            };
        }
    }

    private static final Map<String, Signature> ACCEPTED = Map.ofEntries(
            Map.entry("application/pdf", Signature.PDF),
            Map.entry("text/plain", Signature.TEXT),
            Map.entry("application/msword", Signature.OLE2),
            Map.entry("application/vnd.ms-excel", Signature.OLE2),
            Map.entry("application/vnd.ms-powerpoint", Signature.OLE2),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Signature.ZIP),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Signature.ZIP),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", Signature.ZIP),
            Map.entry("application/vnd.oasis.opendocument.text", Signature.ZIP),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", Signature.ZIP),
            Map.entry("application/vnd.oasis.opendocument.presentation", Signature.ZIP),
            Map.entry("application/zip", Signature.ZIP),
            Map.entry("application/gzip", Signature.GZIP),
            Map.entry("application/x-7z-compressed", Signature.SEVEN_ZIP),
            Map.entry("application/vnd.rar", Signature.RAR),
            Map.entry("application/x-tar", Signature.TAR));

    private FileTypes() {}

    /** The accepted type a Content-Type header names (parameters and case aside), if any. */
    static Optional<String> accepted(String contentType) {
        if (contentType == null) return Optional.empty();
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return ACCEPTED.containsKey(type) ? Optional.of(type) : Optional.empty();
    }

    static String acceptedList() {
        return String.join(", ", ACCEPTED.keySet().stream().sorted().toList());
    }

    /** Refuses bytes that are a program, or are not the {@code type} they claim to be. */
    static void check(byte[] b, String type) {
        Optional<String> program = program(b);
        if (program.isPresent()) {
            throw new ApiException(415, "executable_file", "the file is " + program.get() + ", not " + type
                    + "; programs cannot be sent");
        }
        if (!ACCEPTED.get(type).matches(b)) {
            throw new ApiException(415, "media_type_mismatch", "the bytes are not a " + type + " file");
        }
    }

    /** What kind of program the bytes are, by their magic numbers (Windows, Linux, macOS, scripts). */
    static Optional<String> program(byte[] b) {
        if (startsWith(b, 0, new byte[] {'M', 'Z'})) return Optional.of("a Windows program (MZ/PE)");
        if (startsWith(b, 0, bytes(0x7F, 'E', 'L', 'F'))) return Optional.of("a Linux program (ELF)");
        for (byte[] macho : new byte[][] {bytes(0xFE, 0xED, 0xFA, 0xCE), bytes(0xFE, 0xED, 0xFA, 0xCF),
                bytes(0xCE, 0xFA, 0xED, 0xFE), bytes(0xCF, 0xFA, 0xED, 0xFE), bytes(0xCA, 0xFE, 0xBA, 0xBE)}) {
            if (startsWith(b, 0, macho)) return Optional.of("a macOS program (Mach-O)");
        }
        if (startsWith(b, 0, new byte[] {'#', '!'})) return Optional.of("a script (#!)");
        return Optional.empty();
    }

    /** Plain text: UTF-8 (a byte-order mark allowed) without NUL or other binary control bytes. */
    private static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x >= 0 && x < 0x20 && x != '\n' && x != '\r' && x != '\t' && x != '\f') return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        return b.length >= offset + prefix.length
                && Arrays.equals(b, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }
}
