package org.stoa.server.limits;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The server's pools for CPU-heavy work, sized to the machine: image decoding and hashing at
 * upload, password hashing, and export archives. Text recognition has its own bounded pool in the
 * engine's {@code OcrService}, and runs after delivery, so no request waits for it.
 */
public record CpuPools(CpuPool images, CpuPool passwords, CpuPool exports) implements AutoCloseable {

    /**
     * Each pool gets half the cores. Room to wait: 16 uploads (with at most 20 MB each in memory,
     * bounded as well), 64 logins (each about 50 ms of one core), 4 exports.
     */
    public static CpuPools start(MeterRegistry metrics) {
        int threads = CpuPool.halfTheCores();
        return new CpuPools(CpuPool.start("images", threads, 16, metrics),
                CpuPool.start("passwords", threads, 64, metrics),
                CpuPool.start("exports", 1, 4, metrics));
    }

    @Override
    public void close() {
        images.close();
        passwords.close();
        exports.close();
    }
}
