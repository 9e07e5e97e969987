package org.stoa.server.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigException;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the chat server (SQLite and media under ./stoa-data, port 8080 unless configured).",
        footerHeading = "%nSettings (in stoa.yaml as nested keys, or as environment variables, which win):%n")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "settings file (default: ./stoa.yaml if it exists, or $STOA_CONFIG)")
    Path configFile;

    /** The launcher's run that records the JVM's AOT cache for serve (see the stoa script and ServeTraining). */
    @Option(names = "--training", hidden = true,
            description = "Chat with a server on a scratch data folder for a few seconds, then exit.")
    boolean training;

    @Override
    public Integer call() throws Exception {
        if (training) {
            System.setProperty("stoa.log.format", "text");
            long started = System.nanoTime();
            ServeTraining.Trained trained = ServeTraining.run();
            System.err.printf("stoa: trained on %d messages and %d deliveries in %.1f s%n", trained.accepted(),
                    trained.deliveries(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
        StoaConfig config;
        try {
            config = ConfigLoader.loadForServe(configFile, System.getenv());
        } catch (ConfigException e) {
            System.err.println("stoa: cannot start: " + e.getMessage());
            return 2;
        }
        // Chosen before the first logger exists; logback.xml picks the appender by this name.
        System.setProperty("stoa.log.format",
                config.logFormat().resolve(Terminal.isStandardError()).name().toLowerCase(Locale.ROOT));
        StoaServer server;
        try {
            server = StoaServer.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("stoa: cannot start: " + e.getMessage());
            return 1;
        }
        long heapMb = Runtime.getRuntime().maxMemory() >> 20, wantedMb = config.memoryBytes() >> 20;
        if (Math.abs(heapMb - wantedMb) > wantedMb / 10) {
            System.err.println("stoa: the heap limit is " + heapMb + " MB, not server.memory's " + wantedMb
                    + " MB; ./stoa serve applies it (or pass " + LaunchOptions.heapOption(config) + " to java)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stoa-shutdown"));
        System.err.println("stoa: serving on http://localhost:" + server.port() + "/ (Ctrl-C stops gracefully)");
        stopped.await();
        return 0;
    }
}
