package dev.conduit.net.sys;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks a thread until its descriptor is ready, so that a virtual thread never blocks its carrier
 * in a native call: the call is tried on a non-blocking descriptor, and on "would block" the
 * thread registers one-shot interest here and parks; a dedicated platform thread (never the common
 * pool, which deadlocked junixsocket on JDK 25) waits on the platform's {@link ReadinessBackend}
 * and unparks it. The JDK's {@code sun.nio.ch.Poller} does the same for its own sockets.
 */
final class ParkingPoller {

    private final ReadinessBackend backend;
    private final Map<Long, Thread> waiters = new ConcurrentHashMap<>();
    private final Map<Integer, Set<Thread>> waitersByFd = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    ParkingPoller(ReadinessBackend backend) {
        this.backend = backend;
        Thread.ofPlatform().daemon().name("conduit-poller").start(this::run);
    }

    /**
     * Parks the current thread until {@code fd} is ready for {@code interest}
     * ({@link ReadinessBackend#READ} or {@link ReadinessBackend#WRITE}), {@code deadlineNanos}
     * ({@link System#nanoTime()}; 0: none) passes, or it is unparked (by close or interrupt): the
     * caller retries its call and checks why it woke. {@code abandoned} is asked once the thread is
     * findable by {@link #wake}: a close that came just before cannot be missed.
     */
    void await(int fd, int interest, long deadlineNanos, BooleanSupplier abandoned) throws IOException {
        Long token = tokens.getAndIncrement();
        Thread current = Thread.currentThread();
        waiters.put(token, current);
        waitersByFd.computeIfAbsent(fd, k -> ConcurrentHashMap.newKeySet()).add(current);
        try {
            backend.add(fd, interest, false, true, token);
            try {
                if (!abandoned.getAsBoolean() && waiters.containsKey(token) && !current.isInterrupted()) {
                    if (deadlineNanos == 0) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, deadlineNanos - System.nanoTime());
                    }
                }
            } finally {
                backend.remove(fd);
            }
        } finally {
            waiters.remove(token);
            waitersByFd.computeIfPresent(fd, (k, threads) -> threads.remove(current) && threads.isEmpty() ? null : threads);
        }
    }

    /** Unparks every thread waiting on {@code fd}: its socket is being closed. */
    void wake(int fd) {
        Set<Thread> threads = waitersByFd.get(fd);
        if (threads != null) {
            threads.forEach(LockSupport::unpark);
        }
    }

    private void run() {
        while (true) {
            try {
                int ready = backend.await(-1);
                for (int i = 0; i < ready; i++) {
                    Thread waiter = waiters.remove(backend.token(i));
                    if (waiter != null) {
                        LockSupport.unpark(waiter);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a failing wait would spin: report once a second at most, and keep serving
                System.err.println("conduit-poller: " + e);
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }
}
