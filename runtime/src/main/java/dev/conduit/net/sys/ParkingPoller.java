package dev.conduit.net.sys;

import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks a thread until its descriptor is ready, so that a virtual thread never blocks its carrier
 * in a native call: the call is tried on a non-blocking descriptor, and on "would block" the
 * thread registers here and parks; a dedicated platform thread (never the common pool, which
 * deadlocked junixsocket on JDK 25) waits on the platform's {@link ReadinessBackend} and unparks
 * it. The JDK's {@code sun.nio.ch.Poller} does the same for its own sockets.
 *
 * <p>One one-shot registration per descriptor carries the union of its waiters' interests (a
 * reader and a writer may wait on one socket at once); after it fires, it is re-armed for the
 * waiters it did not satisfy. Where the backend keeps a fired registration disarmed (epoll), it is
 * kept for the descriptor's next wait, which re-arms it with one {@code EPOLL_CTL_MOD}: a wait costs
 * one {@code epoll_ctl}, not an add and a delete; {@link #forget} drops it when the descriptor is
 * closed.
 */
final class ParkingPoller {

    /** The threads waiting on one descriptor, by interest. Guarded by the poller's lock. */
    private static final class Waiters {
        final Map<Thread, Integer> interests = new LinkedHashMap<>();
        /** The backend has the descriptor, armed or (after it fired, see keepsFiredOneShot) not. */
        boolean registered;
        /** Armed: it will report once more; false once it fired. */
        boolean armed;

        int union() {
            int union = 0;
            for (int interest : interests.values()) {
                union |= interest;
            }
            return union;
        }
    }

    private final ReadinessBackend backend;
    private final boolean keepFired;
    private final Map<Integer, Waiters> byFd = new HashMap<>(); // guarded by itself

    ParkingPoller(ReadinessBackend backend) {
        this.backend = backend;
        this.keepFired = backend.keepsFiredOneShot();
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
        Thread current = Thread.currentThread();
        synchronized (byFd) {
            Waiters waiters = byFd.computeIfAbsent(fd, k -> new Waiters());
            waiters.interests.put(current, interest);
            arm(fd, waiters);
        }
        try {
            if (!abandoned.getAsBoolean() && !current.isInterrupted()) {
                if (deadlineNanos == 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, deadlineNanos - System.nanoTime());
                }
            }
        } finally {
            synchronized (byFd) {
                Waiters waiters = byFd.get(fd);
                if (waiters != null && waiters.interests.remove(current) != null && waiters.interests.isEmpty()
                        && (waiters.armed || !keepFired)) {
                    // still armed (it woke by a close, an interrupt or the deadline), or a backend
                    // that drops fired registrations: nothing is left for the next wait to reuse
                    byFd.remove(fd);
                    if (waiters.registered) {
                        backend.remove(fd);
                    }
                }
            }
        }
    }

    /**
     * Forgets {@code fd}, which is about to be closed: a registration kept for its next wait goes
     * with the descriptor (a new socket may get its number). No thread waits on it any more.
     */
    void forget(int fd) {
        synchronized (byFd) {
            Waiters waiters = byFd.get(fd);
            if (waiters != null && waiters.interests.isEmpty()) {
                byFd.remove(fd);
            }
        }
    }

    /** Unparks every thread waiting on {@code fd}: its socket is being closed. */
    void wake(int fd) {
        synchronized (byFd) {
            Waiters waiters = byFd.get(fd);
            if (waiters != null) {
                waiters.interests.keySet().forEach(LockSupport::unpark);
            }
        }
    }

    /** (Re-)registers {@code fd} one-shot for what its waiters still wait for. */
    private void arm(int fd, Waiters waiters) throws IOException {
        int union = waiters.union();
        if (waiters.registered) {
            try {
                backend.modify(fd, union, false, true, fd);
            } catch (ErrnoException gone) {
                if (!gone.errnoName().equals("ENOENT")) {
                    throw gone;
                }
                // closed and reopened under the same number without forget(): register it anew
                backend.add(fd, union, false, true, fd);
            }
        } else {
            backend.add(fd, union, false, true, fd);
            waiters.registered = true;
        }
        waiters.armed = true;
    }

    private void run() {
        while (true) {
            try {
                int ready = backend.await(-1);
                synchronized (byFd) {
                    for (int i = 0; i < ready; i++) {
                        int fd = (int) backend.token(i);
                        int events = backend.events(i);
                        Waiters waiters = byFd.get(fd);
                        if (waiters == null) {
                            continue;
                        }
                        waiters.armed = false; // one-shot: it fired
                        boolean unsatisfied = false;
                        for (Map.Entry<Thread, Integer> w : waiters.interests.entrySet()) {
                            if ((events & (w.getValue() | ReadinessBackend.ERROR)) != 0) {
                                LockSupport.unpark(w.getKey());
                            } else {
                                unsatisfied = true;
                            }
                        }
                        if (unsatisfied) {
                            arm(fd, waiters); // one-shot fired: watch again for the others
                        }
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
