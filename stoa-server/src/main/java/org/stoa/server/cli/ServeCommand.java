package org.stoa.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the chat server (SQLite and media under ./stoa-data, port 8080 unless configured).")
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("stoa: the server is not built yet");
        return 1;
    }
}
