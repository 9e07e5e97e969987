package org.stoa.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a person is watching: standard error is a terminal. */
final class Terminal {

    private Terminal() {}

    /**
     * Reads where file descriptor 2 points (Linux's /proc); a pseudo-terminal or a console means a
     * person. {@code System.console()} cannot answer this: it looks at standard input and output,
     * and from JDK 22 it is never null.
     */
    static boolean isStandardError() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
