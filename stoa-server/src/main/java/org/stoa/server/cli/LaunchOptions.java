package org.stoa.server.cli;

import java.nio.file.Path;
import org.stoa.server.config.ConfigException;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;

/**
 * Prints the JVM options {@code ./stoa serve} starts the server with, from the same settings the
 * server reads ({@code --config FILE}, {@code $STOA_CONFIG} or {@code ./stoa.yaml}, and
 * {@code STOA_*}): the heap limit from {@code server.memory}. A JVM's heap is fixed before it
 * starts, so the launcher asks this small program first.
 */
public final class LaunchOptions {

    private LaunchOptions() {}

    public static void main(String[] serveArgs) {
        Path file = null;
        for (int i = 0; i < serveArgs.length; i++) {
            if (serveArgs[i].equals("--config") && i + 1 < serveArgs.length) file = Path.of(serveArgs[i + 1]);
            else if (serveArgs[i].startsWith("--config=")) file = Path.of(serveArgs[i].substring("--config=".length()));
        }
        try {
            System.out.println(heapOption(ConfigLoader.loadForServe(file, System.getenv())));
        } catch (ConfigException e) {
            System.err.println("stoa: cannot start: " + e.getMessage());
            System.exit(2);
        }
    }

    static String heapOption(StoaConfig config) {
        return "-Xmx" + (config.memoryBytes() >> 20) + "m";
    }
}
