package org.stoa.server.limits;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers a thread's scheduling priority (Linux {@code nice 10}), so that when the cores are
 * contended the threads answering requests get them first and CPU-heavy work takes what is left.
 * Java's own thread priorities do nothing on Linux; any thread may lower its own priority without
 * privileges. Elsewhere, or without the C library, threads keep their priority.
 */
final class LowPriority {

    private static final Logger log = LoggerFactory.getLogger(LowPriority.class);
    private static final int PRIO_PROCESS = 0;
    private static final int NICE = 10;

    private interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    private static final LibC LIBC = load();

    private LowPriority() {}

    private static LibC load() {
        if (!Platform.isLinux()) return null;
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            log.info("CPU pools run at normal priority: {}", e.getMessage());
            return null;
        }
    }

    /** Lowers the calling thread's priority; on Linux, for this thread only. */
    static void lowerCurrentThread() {
        if (LIBC == null) return;
        try {
            if (LIBC.setpriority(PRIO_PROCESS, LIBC.gettid(), NICE) != 0) log.debug("setpriority failed: {}", Native.getLastError());
        } catch (UnsatisfiedLinkError e) {
            log.debug("no gettid in this C library: {}", e.getMessage()); // glibc before 2.30
        }
    }
}
