package dev.conduit.net.sys;

import dev.conduit.net.ErrnoException;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Each descriptor's waiters have a lock of their own (the map is concurrent), so carriers
 * parking on different sockets and the poller thread do not queue on one lock.
 */
final class ParkingPoller {

    /** The threads waiting on one descriptor, with their interests. Guarded by itself. */
    private static final class Waiters {
        private Thread[] threads = new Thread[1]; // usually one waiter, at most a reader and a writer
        private int[] interests = new int[1];
        private int count;
        /** The backend has the descriptor, armed or (after it fired, see keepsFiredOneShot) not. */
        boolean registered;
        /** Armed: it will report once more; false once it fired. */
        boolean armed;
        /** Dropped from the map: a thread that finds it so looks the descriptor up again. */
        boolean dropped;

        void add(Thread thread, int interest) {
            if (count == threads.length) {
                threads = Arrays.copyOf(threads, count * 2);
                interests = Arrays.copyOf(interests, count * 2);
            }
            threads[count] = thread;
            interests[count] = interest;
            count++;
        }

        /** Whether {@code thread} was waiting here (it is not any more). */
        boolean remove(Thread thread) {
            for (int i = 0; i < count; i++) {
                if (threads[i] == thread) {
                    count--;
                    threads[i] = threads[count];
                    interests[i] = interests[count];
                    threads[count] = null;
                    return true;
                }
            }
            return false;
        }

        boolean isEmpty() {
            return count == 0;
        }

        int union() {
            int union = 0;
            for (int i = 0; i < count; i++) {
                union |= interests[i];
            }
            return union;
        }

        /**
         * Takes the waiters {@code events} satisfy out, into {@code ready} from {@code at} (grown as
         * needed, returned), for the caller to unpark once it has let go of the lock: a woken thread
         * then does not find its waiters locked.
         */
        Thread[] takeReady(int events, Thread[] ready, int at) {
            Thread[] into = ready;
            int taken = at;
            for (int i = 0; i < count; ) {
                if ((events & (interests[i] | ReadinessBackend.ERROR)) != 0) {
                    if (taken == into.length) {
                        into = Arrays.copyOf(into, into.length * 2);
                    }
                    into[taken++] = threads[i];
                    remove(threads[i]); // moves the last one here: look at index i again
                } else {
                    i++;
                }
            }
            readyCount = taken;
            return into;
        }

        /** How many {@link #takeReady} left in its array. */
        int readyCount;

        void unparkAll() {
            for (int i = 0; i < count; i++) {
                LockSupport.unpark(threads[i]);
            }
        }
    }

    private final ReadinessBackend backend;
    private final boolean keepFired;
    private final ConcurrentHashMap<Integer, Waiters> byFd = new ConcurrentHashMap<>();

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
        Waiters waiters = enlist(fd, current, interest);
        try {
            if (!abandoned.getAsBoolean() && !current.isInterrupted()) {
                if (deadlineNanos == 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, deadlineNanos - System.nanoTime());
                }
            }
        } finally {
            synchronized (waiters) {
                // still waiting, so still armed (it woke by a close, an interrupt or the deadline;
                // a wake by readiness took it out already), or a backend that drops fired
                // registrations: nothing is left for the next wait to reuse
                boolean leftEarly = waiters.remove(current);
                if ((leftEarly || !keepFired) && waiters.isEmpty() && !waiters.dropped && (waiters.armed || !keepFired)) {
                    waiters.dropped = true;
                    byFd.remove(fd, waiters);
                    if (waiters.registered) {
                        backend.remove(fd);
                    }
                }
            }
        }
    }

    /** Adds the thread to {@code fd}'s waiters and arms the registration for them. */
    private Waiters enlist(int fd, Thread thread, int interest) throws IOException {
        while (true) {
            Waiters waiters = byFd.computeIfAbsent(fd, k -> new Waiters());
            synchronized (waiters) {
                if (waiters.dropped) {
                    continue; // removed meanwhile: a fresh one is in the map, or will be
                }
                waiters.add(thread, interest);
                try {
                    arm(fd, waiters);
                } catch (IOException | RuntimeException failure) {
                    waiters.remove(thread);
                    throw failure;
                }
                return waiters;
            }
        }
    }

    /**
     * Forgets {@code fd}, which is about to be closed: a registration kept for its next wait goes
     * with the descriptor (a new socket may get its number). No thread waits on it any more.
     */
    void forget(int fd) {
        Waiters waiters = byFd.get(fd);
        if (waiters != null) {
            synchronized (waiters) {
                if (waiters.isEmpty()) {
                    waiters.dropped = true;
                    byFd.remove(fd, waiters);
                }
            }
        }
    }

    /** Unparks every thread waiting on {@code fd}: its socket is being closed. */
    void wake(int fd) {
        Waiters waiters = byFd.get(fd);
        if (waiters != null) {
            synchronized (waiters) {
                waiters.unparkAll();
            }
        }
    }

    /** (Re-)registers {@code fd} one-shot for what its waiters still wait for. Holds the waiters' lock. */
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
        Thread[] woken = new Thread[64]; // the poller thread's own
        while (true) {
            int count = 0;
            try {
                int ready = backend.await(-1);
                for (int i = 0; i < ready; i++) {
                    int fd = (int) backend.token(i);
                    Waiters waiters = byFd.get(fd);
                    if (waiters == null) {
                        continue;
                    }
                    int events = backend.events(i);
                    synchronized (waiters) {
                        waiters.armed = false; // one-shot: it fired
                        if (!waiters.dropped) {
                            woken = waiters.takeReady(events, woken, count);
                            count = waiters.readyCount;
                            if (!waiters.isEmpty()) {
                                arm(fd, waiters); // watch again for the others
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a failing wait would spin: report once a second at most, and keep serving
                System.err.println("conduit-poller: " + e);
                LockSupport.parkNanos(1_000_000_000L);
            } finally {
                for (int i = 0; i < count; i++) {
                    LockSupport.unpark(woken[i]); // taken out of their waiters: they wake, retry, and leave
                    woken[i] = null;
                }
            }
        }
    }
}
