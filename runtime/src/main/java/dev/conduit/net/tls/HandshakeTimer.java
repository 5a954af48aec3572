package dev.conduit.net.tls;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handshake timeout of a blocking {@link TlsStream}: when it passes before the handshake
 * finished, the connection is closed, which ends whatever read or write the handshake waits in
 * (on a platform or a virtual thread alike). One daemon thread serves every connection.
 */
final class HandshakeTimer {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private static final class Scheduler {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    task -> Thread.ofPlatform().daemon().name("conduit-tls-handshake-timer").unstarted(task));
            executor.setRemoveOnCancelPolicy(true); // a finished handshake leaves nothing queued
            return executor;
        }
    }

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> expiry;

    private HandshakeTimer(Duration timeout, Runnable onExpiry) {
        this.expiry = timeout.isZero() ? null : Scheduler.INSTANCE.schedule(() -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                onExpiry.run();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code onExpiry} (once) unless {@link #finish()} comes within {@code timeout}; zero: never. */
    static HandshakeTimer start(Duration timeout, Runnable onExpiry) {
        return new HandshakeTimer(timeout, onExpiry);
    }

    /** The handshake is over: true when in time, false when the timeout had already fired. */
    boolean finish() {
        boolean inTime = state.compareAndSet(RUNNING, FINISHED);
        if (expiry != null) {
            expiry.cancel(false);
        }
        return inTime;
    }

    /** Whether the timeout fired. */
    boolean expired() {
        return state.get() == EXPIRED;
    }
}
