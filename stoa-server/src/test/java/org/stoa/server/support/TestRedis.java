package org.stoa.server.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server for the cluster tests, from the system's {@code redis-server} (Debian's
 * {@code redis-server} package, which {@code .ci/run} installs), on a free port, keeping nothing on
 * disk. It can be stopped and started again on the same port, as a bus that goes away and returns.
 * Without Redis installed, the tests that need it fail, saying what to install.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static TestRedis start(Path dir) {
        TestRedis redis = new TestRedis(freePort(), dir);
        redis.start();
        return redis;
    }

    /** The {@code cluster.bus} setting for this server. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() {
        Path binary = List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")).stream()
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("redis-server is not installed: apt-get install redis-server"));
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        Process started = process;
        await("redis-server listening; its log is " + dir.resolve("redis.log")).atMost(Duration.ofSeconds(20))
                .until(() -> !started.isAlive() || accepts());
        if (!started.isAlive()) throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"));
    }

    private boolean accepts() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Forgets everything stored (rate-limit buckets, tickets): each test starts from an empty server. */
    public void flush() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write("FLUSHALL\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] reply = new byte[5];
            int n = s.getInputStream().readNBytes(reply, 0, 5);
            if (n != 5 || !new String(reply, java.nio.charset.StandardCharsets.US_ASCII).equals("+OK\r\n")) {
                throw new IllegalStateException("redis-server did not flush");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server at once (as a crash or a network cut would look to the nodes). */
    public synchronized void stop() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
