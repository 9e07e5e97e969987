package org.stoa.server.export;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a build has come, in messages and images written of those expected; also where a build
 * notices that the server is stopping (its thread interrupted) and gives up, to be redone.
 */
final class ExportProgress {

    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong done = new AtomicLong();

    void expect(long items) {
        expected.addAndGet(items);
    }

    /** One more item written. Throws {@link CancellationException} once the server is stopping. */
    void advance() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("the server is stopping");
        done.incrementAndGet();
    }

    /** 0 to 99: the archive is not ready until it is sealed and recorded, whatever was written. */
    int percent() {
        long of = expected.get();
        return of == 0 ? 0 : (int) Math.min(99, done.get() * 100 / of);
    }
}
