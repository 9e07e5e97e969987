package org.stoa.server.conversations;

import java.util.Locale;

/** Whether a message names an account as {@code @username}, as a whole word (not {@code @alice2} for alice). */
final class Mentions {

    private Mentions() {}

    static boolean mentions(String text, String username) {
        if (text == null) return false;
        String lower = text.toLowerCase(Locale.ROOT);
        String handle = "@" + username;
        for (int at = lower.indexOf(handle); at >= 0; at = lower.indexOf(handle, at + 1)) {
            boolean startsWord = at == 0 || !isUsernameChar(lower.charAt(at - 1));
            int end = at + handle.length();
            // A full stop ends a sentence unless a username character follows it ("@alice." but not "@alice.b").
            boolean endsWord = end == lower.length() || !isUsernameChar(lower.charAt(end))
                    || lower.charAt(end) == '.' && (end + 1 == lower.length() || !isUsernameChar(lower.charAt(end + 1)));
            if (startsWord && endsWord) return true;
        }
        return false;
    }

    private static boolean isUsernameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }
}
