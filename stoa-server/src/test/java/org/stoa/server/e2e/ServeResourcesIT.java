package org.stoa.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.LaunchedServer;

/** What the launcher and the server set up around themselves: the heap from server.memory, private data. */
class ServeResourcesIT {

    private static final Pattern HEAP_MAX = Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\",id=\"[^\"]+\"} (\\S+)$");

    @TempDir
    Path folder;

    @Test
    void theHeapIsServerMemoryAndTheDataIsTheServerUsersAlone() throws Exception {
        try (LaunchedServer server = LaunchedServer.start(folder, """
                server:
                  memory: 300m
                """)) {
            server.register("alice");
            // The heap's pools by the collector's names (G1: Eden and Survivor report no limit, -1;
            // the old generation's limit is the heap's).
            Matcher m = HEAP_MAX.matcher(new String(server.anonymous().get("/metrics").raw()));
            long heapMax = -1;
            while (m.find()) heapMax = Math.max(heapMax, (long) Double.parseDouble(m.group(1)));
            assertThat(heapMax).isEqualTo(300L << 20);
            assertThat(new String(Files.readAllBytes(Path.of("/proc/" + server.pid() + "/cmdline")))).contains("-Xmx300m");

            Path data = folder.resolve("data");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            if (server.storesInSqlite()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("stoa.db")))).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aBadMemorySettingStopsTheLauncherNamingIt() throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("stoa.yaml"), "server:\n  memory: a lot\n");
        LaunchedServer.CommandResult r = LaunchedServer.run(folder, "", "serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("server.memory").contains("STOA_SERVER_MEMORY");
    }
}
